"""mlcourse: from one neuron to a network that classifies, and how each learns, with numpy.

The lessons in ``notebooks/`` teach each piece; this package holds the tested versions that the
lessons, the exercise checks, the playground and the grader share. Plotting lives in
:mod:`mlcourse.plots`, the exercise feedback in :mod:`mlcourse.checks`.
"""

from importlib.metadata import PackageNotFoundError, version

from mlcourse.activations import sigmoid, softmax
from mlcourse.classifier_network import (
    classifier_error,
    classifier_forward,
    classifier_gradients,
    init_classifier,
    train_classifier,
)
from mlcourse.closed_form import (
    condition_number,
    convergence_rate,
    critical_learning_rate,
    eigenvalues,
    epochs_needed,
    fastest_learning_rate,
    hessian,
    largest_stable_n,
    least_squares,
    optimal_momentum,
)
from mlcourse.data import (
    Blobs,
    Dataset,
    TwoClasses,
    blob_centers,
    make_blobs,
    make_curve_data,
    make_linear_data,
    make_moons,
    make_rings,
    make_two_classes,
    true_curve,
)
from mlcourse.error_surface import ErrorSurface, loss_surface
from mlcourse.gradients import (
    grad_w0,
    grad_w1,
    numerical_gradient,
    numerical_hessian,
    relative_error,
)
from mlcourse.losses import (
    binary_cross_entropy,
    binary_cross_entropy_from_logits,
    cross_entropy,
    cross_entropy_from_scores,
)
from mlcourse.network import (
    NetworkHistory,
    init_mlp,
    mlp_forward,
    mlp_gradients,
    mlp_predict,
    train_mlp,
)
from mlcourse.neuron import X0, linear, mse, predict, sse
from mlcourse.scaling import standardize, unstandardize_weights
from mlcourse.softmax_regression import (
    best_line_accuracy,
    class_probabilities,
    softmax_gradients,
    softmax_regression_error,
)
from mlcourse.training import DivergenceWarning, History, bce_gradients, shuffled_batches, train

__all__ = [
    "X0",
    "Blobs",
    "Dataset",
    "DivergenceWarning",
    "ErrorSurface",
    "History",
    "NetworkHistory",
    "TwoClasses",
    "bce_gradients",
    "best_line_accuracy",
    "binary_cross_entropy",
    "binary_cross_entropy_from_logits",
    "blob_centers",
    "class_probabilities",
    "classifier_error",
    "classifier_forward",
    "classifier_gradients",
    "condition_number",
    "convergence_rate",
    "critical_learning_rate",
    "cross_entropy",
    "cross_entropy_from_scores",
    "eigenvalues",
    "epochs_needed",
    "fastest_learning_rate",
    "grad_w0",
    "grad_w1",
    "hessian",
    "init_classifier",
    "init_mlp",
    "largest_stable_n",
    "least_squares",
    "linear",
    "loss_surface",
    "make_blobs",
    "make_curve_data",
    "make_linear_data",
    "make_moons",
    "make_rings",
    "make_two_classes",
    "mlp_forward",
    "mlp_gradients",
    "mlp_predict",
    "mse",
    "numerical_gradient",
    "numerical_hessian",
    "optimal_momentum",
    "predict",
    "relative_error",
    "shuffled_batches",
    "sigmoid",
    "softmax",
    "softmax_gradients",
    "softmax_regression_error",
    "sse",
    "standardize",
    "train",
    "train_classifier",
    "train_mlp",
    "true_curve",
    "unstandardize_weights",
]

try:
    __version__ = version("mlcourse")
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"
