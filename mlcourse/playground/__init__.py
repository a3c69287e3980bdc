"""The learning-rate playground: sliders for η and epochs, and the three views they move.

Two parts, apart: :mod:`~mlcourse.playground.figure` draws (the static background once per data
set, then each run blitted over it and encoded as PNG), :mod:`~mlcourse.playground.controls`
holds the widgets and wires them to the figure; :mod:`~mlcourse.playground.status` puts a run
into words.

In a notebook: ``from mlcourse.playground import playground; playground()``.
"""

from mlcourse.playground.controls import (
    ETA_STEP,
    MAX_EPOCHS,
    MAX_NOISE,
    N_CHOICES,
    RATE_RANGE,
    Playground,
    playground,
)
from mlcourse.playground.figure import MAX_POINTS_SHOWN, PlaygroundFigure
from mlcourse.playground.status import describe, remaining_gap

__all__ = [
    "ETA_STEP",
    "MAX_EPOCHS",
    "MAX_NOISE",
    "MAX_POINTS_SHOWN",
    "N_CHOICES",
    "RATE_RANGE",
    "Playground",
    "PlaygroundFigure",
    "describe",
    "playground",
    "remaining_gap",
]
