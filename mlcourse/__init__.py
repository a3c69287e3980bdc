"""mlcourse: one linear neuron, its error and gradient descent, built from scratch with numpy.

The lessons in ``notebooks/`` teach each piece; this package holds the tested versions that the
lessons, the exercise checks, the playground and the grader share. Plotting lives in
:mod:`mlcourse.plots`, the exercise feedback in :mod:`mlcourse.checks`.
"""

from mlcourse.activations import sigmoid, softmax
from mlcourse.closed_form import (
    critical_learning_rate,
    eigenvalues,
    fastest_learning_rate,
    hessian,
    least_squares,
)
from mlcourse.data import Dataset, make_linear_data
from mlcourse.error_surface import ErrorSurface
from mlcourse.gradients import grad_w0, grad_w1, numerical_gradient, relative_error
from mlcourse.losses import (
    binary_cross_entropy,
    binary_cross_entropy_from_logits,
    cross_entropy,
    cross_entropy_from_scores,
)
from mlcourse.neuron import X0, linear, mse, predict, sse
from mlcourse.training import DivergenceWarning, History, train

__all__ = [
    "X0",
    "Dataset",
    "DivergenceWarning",
    "ErrorSurface",
    "History",
    "binary_cross_entropy",
    "binary_cross_entropy_from_logits",
    "critical_learning_rate",
    "cross_entropy",
    "cross_entropy_from_scores",
    "eigenvalues",
    "fastest_learning_rate",
    "grad_w0",
    "grad_w1",
    "hessian",
    "least_squares",
    "linear",
    "make_linear_data",
    "mse",
    "numerical_gradient",
    "predict",
    "relative_error",
    "sigmoid",
    "softmax",
    "sse",
    "train",
]

__version__ = "0.1.0"
