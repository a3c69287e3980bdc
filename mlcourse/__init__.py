"""mlcourse: one linear neuron, its error and gradient descent, built from scratch with numpy.

The lessons in ``notebooks/`` teach each piece; this package holds the tested versions that the
lessons, the exercise checks, the playground and the grader share. Plotting lives in
:mod:`mlcourse.plots`, the exercise feedback in :mod:`mlcourse.checks`.
"""

from importlib.metadata import PackageNotFoundError, version

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
from mlcourse.neuron import X0, linear, mse, predict, sse
from mlcourse.training import DivergenceWarning, History, train

__all__ = [
    "X0",
    "Dataset",
    "DivergenceWarning",
    "ErrorSurface",
    "History",
    "critical_learning_rate",
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
    "sse",
    "train",
]

try:
    __version__ = version("mlcourse")
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"
