"""The η controls both playgrounds share: a slider in units of a reference rate, η beside it.

A slider in η itself would need eight decades (η_crit is 1.6e-6 at N = 10⁶ under the SSE and 0.76
under the MSE) and leave the range that matters a few pixels wide; in units of the rate that
decides what a run does (the critical rate, or the classifier's η_ref), the range from a crawl
(0.01) to past the edge (3.16) fills the track whatever the data.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

RATE_RANGE = (0.01, 10**0.5)
"""The η slider's range in units of the reference rate: two and a half decades."""
RATE_DECADES_PER_STEP = 0.02
"""One key press moves η by this many decades (a factor of 1.047): 125 steps fill the track."""
ETA_STEP = 10**0.1
"""Factor by which the ◀ and ▶ buttons change η (a tenth of a decade)."""


def three_digits(value: float) -> float:
    """``value`` rounded to three significant digits: η as shown, and as the run uses it."""
    return float(f"{value:.3g}")


def rate_controls(
    reference: str, width: str = "560px"
) -> tuple[widgets.FloatLogSlider, widgets.FloatText, widgets.Button, widgets.Button]:
    """The η/η_reference slider (log scale, ``RATE_RANGE``), the box with η, and the ◀ ▶
    buttons that step the slider where keys cannot.

    Parameters
    ----------
    reference : str
        The reference rate's subscript in the slider's label, e.g. "crit" or "ref".
    width : str
        The slider's width (its track is about 140 px shorter).
    """
    slider = widgets.FloatLogSlider(
        value=0.1,
        base=10,
        min=np.log10(RATE_RANGE[0]),
        max=np.log10(RATE_RANGE[1]),
        step=RATE_DECADES_PER_STEP,
        description=f"η/η<sub>{reference}</sub>",
        description_allow_html=True,
        readout_format=".3g",
        continuous_update=True,
        layout=widgets.Layout(width=width),
    )
    eta = widgets.FloatText(
        description="η =",
        style={"description_width": "initial"},
        layout=widgets.Layout(width="130px", margin="0 8px 0 8px"),
    )
    slower, faster = (
        widgets.Button(description=symbol, tooltip=tip, layout=widgets.Layout(width="36px"))
        for symbol, tip in (("◀", "η smaller"), ("▶", "η larger"))
    )
    return slider, eta, slower, faster
