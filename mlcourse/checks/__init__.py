"""Instant feedback for the lessons' exercises: one check per exercise, named after it.

Each exercise is an :class:`mlcourse.feedback.Exercise`: the calls its check makes (``cases``),
how it judges what the learner's function did (``judge``) and which package functions the answer
may not use (``forbidden``). ``EXERCISES`` holds them all, keyed by the name of the learner's
function, which is also the prefix of the exercise's nbgrader cell ids (``<name>-answer``,
``<name>-check``, ``<name>-hidden``): the notebook checks and the grader share it. ``seed`` picks
the cases: the lessons use the default, hidden grading tests use others, so hard-coding an answer
does not pass.
"""

from __future__ import annotations

from mlcourse.checks.data import MAKE_INPUTS, MAKE_TARGETS, check_make_inputs, check_make_targets
from mlcourse.checks.forward_pass import (
    LINEAR,
    PREDICT,
    SSE,
    check_linear,
    check_predict,
    check_sse,
)
from mlcourse.checks.gradients import GRAD_W0, GRAD_W1, check_grad_w0, check_grad_w1
from mlcourse.checks.learning_rate import (
    CRITICAL_RATE,
    FASTEST_RATE,
    check_critical_rate,
    check_fastest_rate,
)
from mlcourse.checks.network import (
    MLP_FORWARD,
    MLP_GRADIENTS,
    TRAIN_EPOCH,
    check_mlp_forward,
    check_mlp_gradients,
    check_train_epoch,
)
from mlcourse.checks.softmax import (
    CROSS_ENTROPY,
    SOFTMAX,
    SOFTMAX_GRADIENTS,
    check_cross_entropy,
    check_softmax,
    check_softmax_gradients,
)
from mlcourse.checks.training import TRAIN_LOOP, UPDATE, check_train_loop, check_update
from mlcourse.feedback import Exercise, ExerciseFailed, install_ipython_display, quietly

EXERCISES: dict[str, Exercise] = {
    exercise.name: exercise
    for exercise in (
        MAKE_INPUTS,
        MAKE_TARGETS,
        LINEAR,
        PREDICT,
        SSE,
        GRAD_W1,
        GRAD_W0,
        UPDATE,
        TRAIN_LOOP,
        CRITICAL_RATE,
        FASTEST_RATE,
        SOFTMAX,
        CROSS_ENTROPY,
        SOFTMAX_GRADIENTS,
        MLP_FORWARD,
        MLP_GRADIENTS,
        TRAIN_EPOCH,
    )
}
"""Every exercise of the course, in lesson order, keyed by the learner's function name."""

__all__ = [
    "EXERCISES",
    "ExerciseFailed",
    "check_critical_rate",
    "check_cross_entropy",
    "check_fastest_rate",
    "check_grad_w0",
    "check_grad_w1",
    "check_linear",
    "check_make_inputs",
    "check_make_targets",
    "check_mlp_forward",
    "check_mlp_gradients",
    "check_predict",
    "check_softmax",
    "check_softmax_gradients",
    "check_sse",
    "check_train_epoch",
    "check_train_loop",
    "check_update",
    "quietly",
]

install_ipython_display()
