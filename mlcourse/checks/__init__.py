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

from mlcourse.checks.classification import (
    BCE_GRADIENTS,
    BINARY_CROSS_ENTROPY,
    SIGMOID,
    check_bce_gradients,
    check_binary_cross_entropy,
    check_sigmoid,
)
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
from mlcourse.checks.minibatches import (
    MINIBATCH_EPOCH,
    MINIBATCH_TRAIN,
    SHUFFLED_BATCHES,
    check_minibatch_epoch,
    check_minibatch_train,
    check_shuffled_batches,
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
        SHUFFLED_BATCHES,
        MINIBATCH_EPOCH,
        MINIBATCH_TRAIN,
        SIGMOID,
        BINARY_CROSS_ENTROPY,
        BCE_GRADIENTS,
    )
}
"""Every exercise of the course, in lesson order, keyed by the learner's function name."""

__all__ = [
    "EXERCISES",
    "ExerciseFailed",
    "check_bce_gradients",
    "check_binary_cross_entropy",
    "check_critical_rate",
    "check_fastest_rate",
    "check_grad_w0",
    "check_grad_w1",
    "check_linear",
    "check_make_inputs",
    "check_make_targets",
    "check_minibatch_epoch",
    "check_minibatch_train",
    "check_predict",
    "check_shuffled_batches",
    "check_sigmoid",
    "check_sse",
    "check_train_loop",
    "check_update",
    "quietly",
]

install_ipython_display()
