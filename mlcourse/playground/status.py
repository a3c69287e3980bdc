"""The playground's status line: what a run does, in words."""

from __future__ import annotations

from mlcourse.training import History

AT_OPTIMUM = 1e-6
"""Below this fraction of its starting gap to the least-squares error, E counts as there."""


def remaining_gap(history: History, min_error: float) -> float:
    """(E_final − E*) / (E_start − E*): the fraction of the starting gap to E* still left.

    Measured against the start rather than against E*, because E* can be 0 (data without
    noise): a ratio to E* would then say nothing, or blow up.

    Parameters
    ----------
    history : History
    min_error : float
        The least-squares error E* of the run's data and loss.

    Returns
    -------
    float
        0 when the run started at the optimum.
    """
    start = float(history.errors[0]) if history.epochs_run else history.final_error
    gap = start - min_error
    return max(history.final_error - min_error, 0.0) / gap if gap > 0 else 0.0


def describe(history: History, epochs: int, min_error: float) -> str:
    """One line in words: converging, oscillating but converging, or diverging, with η/η_crit.

    Parameters
    ----------
    history : History
        The run to describe: full batch, linear neuron (so it has a critical rate), with or
        without momentum.
    epochs : int
        The epochs asked for (a diverging run may stop before).
    min_error : float
        The least-squares error of the run's data and loss.

    Returns
    -------
    str
    """
    ratio = history.eta / history.critical_rate
    factor = f"η = {ratio:.2f} × η_crit"
    ran = f"{history.epochs_run} epoch{'' if history.epochs_run == 1 else 's'}"
    with_momentum = f" with momentum β = {history.momentum:.2f}" if history.momentum else ""
    if history.diverged:
        if history.epochs_run < epochs:
            ending = f"the error exploded and training stopped after {ran}."
        else:
            ending = (
                "the overshoot along the steep direction grows every epoch, "
                "so the error will explode."
            )
        return f"Diverging{with_momentum}: {factor}, above the critical rate; {ending}"
    left = remaining_gap(history, min_error)
    if left < AT_OPTIMUM:
        where = "E is at the least-squares error, to within a millionth of its starting gap"
    else:
        where = f"{100 * left:.3g}% of E's starting gap to the least-squares error is left"
    if history.momentum:
        return (
            f"Converging{with_momentum}: {factor}, with η_crit = 2(1 + β)/λ_max; "
            f"after {ran} {where}."
        )
    if ratio > 0.5:
        kind = "Oscillating but converging"
        why = "past 1/λ_max the steep direction overshoots the valley floor every epoch"
    else:
        kind, why = "Converging", "every step lands on the same side of the valley floor"
    return f"{kind}: {factor} ({why}); after {ran} {where}."
