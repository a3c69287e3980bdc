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
    SLOPE_FROM_OUTPUT,
    check_bce_gradients,
    check_binary_cross_entropy,
    check_slope_from_output,
)
from mlcourse.checks.classifier_network import (
    CLASSIFIER_ERROR,
    CLASSIFIER_GRADIENTS,
    FAR_AWAY_CLASSES,
    check_classifier_error,
    check_classifier_gradients,
    check_far_away_classes,
)
from mlcourse.checks.data import (
    MAKE_TARGETS,
    STANDARD_ERROR,
    TARGET_SPREAD,
    check_make_targets,
    check_standard_error,
    check_target_spread,
)
from mlcourse.checks.forward_pass import (
    EXPECTED_SSE,
    LINE_ENDS,
    PREDICT,
    SSE,
    check_expected_sse,
    check_line_ends,
    check_predict,
    check_sse,
)
from mlcourse.checks.gradients import GRAD_W0, GRAD_W1, check_grad_w0, check_grad_w1
from mlcourse.checks.learning_rate import (
    CRITICAL_RATE,
    LARGEST_STABLE_N,
    SLOWEST_FACTOR,
    check_critical_rate,
    check_largest_stable_n,
    check_slowest_factor,
)
from mlcourse.checks.minibatches import (
    MINIBATCH_EPOCH,
    MINIBATCH_TRAIN,
    SHUFFLED_BATCHES,
    check_minibatch_epoch,
    check_minibatch_train,
    check_shuffled_batches,
)
from mlcourse.checks.network import (
    MLP_FORWARD,
    MLP_GRADIENTS,
    TRAIN_EPOCH,
    check_mlp_forward,
    check_mlp_gradients,
    check_train_epoch,
)
from mlcourse.checks.reshaping import (
    CENTRED_CONDITION_NUMBER,
    EPOCHS_NEEDED,
    ONE_STEP,
    ORIGINAL_WEIGHTS,
    check_centred_condition_number,
    check_epochs_needed,
    check_one_step,
    check_original_weights,
)
from mlcourse.checks.softmax import (
    CROSS_ENTROPY,
    SOFTMAX_GRADIENTS,
    UNIFORM_CROSS_ENTROPY,
    check_cross_entropy,
    check_softmax_gradients,
    check_uniform_cross_entropy,
)
from mlcourse.checks.training import (
    EPOCHS_PER_DECADE,
    LEAST_SQUARES,
    TRAIN_LOOP,
    check_epochs_per_decade,
    check_least_squares,
    check_train_loop,
)
from mlcourse.feedback import Exercise, ExerciseFailed, install_ipython_display, quietly

EXERCISES: dict[str, Exercise] = {
    exercise.name: exercise
    for exercise in (
        MAKE_TARGETS,
        STANDARD_ERROR,
        TARGET_SPREAD,
        PREDICT,
        SSE,
        EXPECTED_SSE,
        LINE_ENDS,
        GRAD_W1,
        GRAD_W0,
        TRAIN_LOOP,
        EPOCHS_PER_DECADE,
        LEAST_SQUARES,
        CRITICAL_RATE,
        LARGEST_STABLE_N,
        SLOWEST_FACTOR,
        CENTRED_CONDITION_NUMBER,
        ONE_STEP,
        ORIGINAL_WEIGHTS,
        EPOCHS_NEEDED,
        SHUFFLED_BATCHES,
        MINIBATCH_EPOCH,
        MINIBATCH_TRAIN,
        SLOPE_FROM_OUTPUT,
        BINARY_CROSS_ENTROPY,
        BCE_GRADIENTS,
        CROSS_ENTROPY,
        UNIFORM_CROSS_ENTROPY,
        SOFTMAX_GRADIENTS,
        MLP_FORWARD,
        MLP_GRADIENTS,
        TRAIN_EPOCH,
        CLASSIFIER_ERROR,
        CLASSIFIER_GRADIENTS,
        FAR_AWAY_CLASSES,
    )
}
"""Every exercise of the course, in lesson order, keyed by the learner's function name."""

__all__ = [
    "EXERCISES",
    "ExerciseFailed",
    "check_bce_gradients",
    "check_binary_cross_entropy",
    "check_centred_condition_number",
    "check_classifier_error",
    "check_classifier_gradients",
    "check_critical_rate",
    "check_cross_entropy",
    "check_epochs_needed",
    "check_epochs_per_decade",
    "check_expected_sse",
    "check_far_away_classes",
    "check_grad_w0",
    "check_grad_w1",
    "check_largest_stable_n",
    "check_least_squares",
    "check_line_ends",
    "check_make_targets",
    "check_minibatch_epoch",
    "check_minibatch_train",
    "check_mlp_forward",
    "check_mlp_gradients",
    "check_one_step",
    "check_original_weights",
    "check_predict",
    "check_shuffled_batches",
    "check_slope_from_output",
    "check_slowest_factor",
    "check_softmax_gradients",
    "check_sse",
    "check_standard_error",
    "check_target_spread",
    "check_train_epoch",
    "check_train_loop",
    "check_uniform_cross_entropy",
    "quietly",
]

install_ipython_display()
