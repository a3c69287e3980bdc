"""Checks at the public boundary: each names the argument and what was expected."""

from __future__ import annotations

import numbers
from collections.abc import Mapping

import numpy as np

from mlcourse.kernels import ACTIVATIONS, LOSSES, NEURON_LOSSES, Activation, Loss, NeuronLoss


def real_number(name: str, value: object) -> float:
    """Return ``value`` as a finite float, or raise naming ``name``."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {describe(value)}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def positive_number(name: str, value: object) -> float:
    """Return ``value`` as a finite float > 0, or raise naming ``name``."""
    value = real_number(name, value)
    if value <= 0:
        raise ValueError(f"{name} must be > 0, got {value}")
    return value


def non_negative_number(name: str, value: object) -> float:
    """Return ``value`` as a finite float >= 0, or raise naming ``name``."""
    value = real_number(name, value)
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
    return value


def batch_size(value: object, n: int) -> int | None:
    """Return ``value`` as a mini-batch size 1 to n, or None for the full batch; else raise."""
    if value is None:
        return None
    value = integer("batch_size", value, minimum=1)
    if value > n:
        raise ValueError(
            f"batch_size must be at most the number of points n = {n} (None or n is the full "
            f"batch), got {value}"
        )
    return value


def momentum(value: object) -> float:
    """Return ``value`` as a heavy-ball momentum factor β in [0, 1), or raise naming it.

    β ≥ 1 never lets the velocity fade (β = 1) or makes it grow; β < 0 reverses it.
    """
    value = real_number("momentum", value)
    if not 0 <= value < 1:
        raise ValueError(f"momentum must be in [0, 1) (0 is plain gradient descent), got {value}")
    return value


def integer(name: str, value: object, minimum: int = 0) -> int:
    """Return ``value`` as an int >= ``minimum``; bools, floats and strings are refused."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {describe(value)}")
    value = int(value)
    if value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {value}")
    return value


def vector(name: str, value: object) -> np.ndarray:
    """Return ``value`` as a finite, non-empty 1-D float64 array, or raise naming ``name``."""
    if value is None or isinstance(value, str | bytes):
        raise TypeError(f"{name} must be a 1-D array of numbers, got {describe(value)}")
    array = np.asarray(value)
    if array.dtype == object or not (
        np.issubdtype(array.dtype, np.number) or array.dtype == np.bool_
    ):
        raise TypeError(f"{name} must be a 1-D array of numbers, got {describe(value)}")
    if array.dtype == np.bool_ or np.issubdtype(array.dtype, np.complexfloating):
        raise TypeError(f"{name} must hold real numbers, got dtype {array.dtype}")
    if array.ndim != 1:
        raise ValueError(f"{name} must be 1-D with shape (n,), got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} must not be empty")
    array = array.astype(np.float64, copy=False)
    if not np.all(np.isfinite(array)):
        bad = int(np.count_nonzero(~np.isfinite(array)))
        raise ValueError(
            f"{name} must be finite, but {bad} of its {array.size} values are NaN or inf"
        )
    return array


def vectors(**named: object) -> tuple[np.ndarray, ...]:
    """Each keyword argument checked by :func:`vector`, in order; all must have the same length.

    No broadcasting: ``vectors(x=x, y=y)`` raises "x and y must have the same length: …",
    naming the first argument whose length differs from the first one's.
    """
    arrays = tuple(vector(name, value) for name, value in named.items())
    names = list(named)
    for name, array in zip(names[1:], arrays[1:], strict=True):
        if array.shape[0] != arrays[0].shape[0]:
            raise ValueError(
                f"{names[0]} and {name} must have the same length: "
                f"{names[0]} has {arrays[0].shape[0]}, {name} has {array.shape[0]}"
            )
    return arrays


def loss_kind(loss: object = None, error: object = None, allowed: tuple[str, ...] = LOSSES) -> Loss:
    """The kind of loss given as ``loss=`` or as its older alias ``error=``; "sse" if neither.

    Parameters
    ----------
    loss, error : object
        The two spellings of the argument; at most one may be given.
    allowed : tuple of str
        The kinds accepted: :data:`mlcourse.kernels.LOSSES` (the quadratic losses) unless the
        caller also takes the cross-entropy (:data:`mlcourse.kernels.NEURON_LOSSES`).

    Raises
    ------
    TypeError
        When both are given.
    ValueError
        When the value is not one of ``allowed``; the message names the keyword that was used.
    """
    if loss is not None and error is not None:
        raise TypeError(
            f"give the kind of loss once, as loss= or as its alias error=, "
            f"not both (got loss={loss!r}, error={error!r})"
        )
    name, value = ("error", error) if error is not None else ("loss", loss)
    if value is None:
        return "sse"
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{name} must be {one_of(allowed)}, got {value!r}")
    return value  # type: ignore[return-value]


def activation(value: object) -> Activation:
    """Return ``value`` if it is one of :data:`mlcourse.kernels.ACTIVATIONS`, else raise."""
    if not isinstance(value, str) or value not in ACTIVATIONS:
        raise ValueError(f"activation must be {one_of(ACTIVATIONS)}, got {value!r}")
    return value  # type: ignore[return-value]


def neuron_loss(loss: object, error: object, activation: Activation) -> NeuronLoss:
    """The kind of loss for a neuron with ``activation`` (already checked): any of
    :data:`mlcourse.kernels.NEURON_LOSSES`, the cross-entropy only with the sigmoid."""
    kind = loss_kind(loss, error, allowed=NEURON_LOSSES)
    if kind == "bce" and activation != "sigmoid":
        raise ValueError(
            f"loss='bce' (the cross-entropy) needs activation='sigmoid', got activation="
            f"{activation!r}: it is the error of probabilities ŷ in (0, 1), which only the "
            f"sigmoid gives"
        )
    return kind


def choice(name: str, value: object, choices: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of the strings ``choices``, else raise naming ``name``."""
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be {one_of(choices)}, got {value!r}")
    return value


def one_of(choices: tuple[str, ...]) -> str:
    """'a' or 'b'; 'a', 'b' or 'c': the choices quoted, for an error message."""
    quoted = [repr(choice) for choice in choices]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def describe(value: object) -> str:
    """A short description of ``value`` for an error message: its type and value or shape."""
    if isinstance(value, np.ndarray):
        return f"ndarray of shape {value.shape}"
    return f"{type(value).__name__} {value!r}"


# Arrays of any shape, class labels and probabilities (the classifiers and the network) ----


def real_array(name: str, value: object, ndim: int | None = None, shape: str = "") -> np.ndarray:
    """Return ``value`` as a finite, non-empty float64 array, or raise naming ``name``.

    Parameters
    ----------
    name : str
        The argument's name, for the message.
    value : object
        A number, nested lists or an array of real numbers; bools and complex numbers are refused.
    ndim : int or None
        The required number of dimensions; None accepts any (a scalar too).
    shape : str
        How the expected shape reads in the message, e.g. ``"(n, K)"``.

    Returns
    -------
    ndarray
        float64, of ``value``'s shape.
    """
    expected = f"a {ndim}-D array of numbers" if ndim is not None else "a number or an array"
    array = _as_array(name, value, expected)
    if array.dtype == object or not (
        np.issubdtype(array.dtype, np.number) or array.dtype == np.bool_
    ):
        raise TypeError(f"{name} must be {expected}, got {describe(value)}")
    if array.dtype == np.bool_ or np.issubdtype(array.dtype, np.complexfloating):
        raise TypeError(f"{name} must hold real numbers, got dtype {array.dtype}")
    if ndim is not None and array.ndim != ndim:
        with_shape = f" with shape {shape}" if shape else ""
        raise ValueError(f"{name} must be {ndim}-D{with_shape}, got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    array = array.astype(np.float64, copy=False)
    if not np.all(np.isfinite(array)):
        bad = int(np.count_nonzero(~np.isfinite(array)))
        raise ValueError(
            f"{name} must be finite, but {bad} of its {array.size} values are NaN or inf"
        )
    return array


def class_labels(name: str, value: object, classes: int) -> np.ndarray:
    """Return ``value`` as a 1-D int64 array of labels 0, 1, …, classes − 1, or raise.

    Parameters
    ----------
    name : str
        The argument's name, for the message.
    value : object
        Integer labels, shape (n,). Floats are refused even when whole (``2.0``): labels index
        the classes, and a float there usually means something upstream computed the wrong thing.
    classes : int
        K, the number of classes.

    Returns
    -------
    ndarray, shape (n,), int64
    """
    array = _as_array(name, value, "a 1-D array of integer labels")
    if array.dtype == np.bool_ or not np.issubdtype(array.dtype, np.integer):
        raise TypeError(
            f"{name} must hold integer labels 0 to {classes - 1}, got dtype {array.dtype}"
        )
    if array.ndim != 1:
        raise ValueError(f"{name} must be 1-D with shape (n,), got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} must not be empty")
    refuse_outside(
        name, array, (array < 0) | (array >= classes), f"labels 0 to {classes - 1} (K = {classes})"
    )
    return array.astype(np.int64, copy=False)


def binary_labels(name: str, value: object) -> np.ndarray:
    """Return ``value`` as a 1-D float64 array of labels 0 or 1, or raise naming ``name``."""
    y = real_array(name, value, ndim=1, shape="(n,)")
    refuse_outside(name, y, (y != 0) & (y != 1), "labels 0 or 1")
    return y


def exact_keys(name: str, value: object, keys: tuple[str, ...]) -> None:
    """Raise unless ``value`` is a mapping with exactly ``keys`` (a network's parameters),
    naming the keys that are missing and those that are not expected."""
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a dict with keys {', '.join(keys)}, got {describe(value)}")
    missing = [key for key in keys if key not in value]
    extra = sorted(repr(key) for key in value if key not in keys)
    if missing or extra:
        problems = [f"missing {', '.join(missing)}"] if missing else []
        problems += [f"unexpected {', '.join(extra)}"] if extra else []
        raise ValueError(
            f"{name} must have exactly the keys {', '.join(keys)}: {'; '.join(problems)}"
        )


def refuse_outside(name: str, array: np.ndarray, outside: np.ndarray, allowed: str) -> None:
    """Raise if any entry of ``outside`` is true, naming how many values and the first one.

    Parameters
    ----------
    name : str
        The argument's name, for the message.
    array : ndarray
        The argument's values.
    outside : ndarray of bool, array's shape
        True where a value is not allowed.
    allowed : str
        What the values must be, e.g. ``"probabilities in [0, 1]"``.
    """
    if np.any(outside):
        first = np.unravel_index(int(np.argmax(outside)), array.shape)
        where = first[0] if array.ndim == 1 else tuple(int(i) for i in first)
        raise ValueError(
            f"{name} must hold {allowed}, but {int(np.count_nonzero(outside))} of its "
            f"{array.size} values are not (first: {array[first]} at index {where})"
        )


def same_number_of_points(**named: np.ndarray) -> None:
    """Raise unless the named arrays all have the same length along axis 0 (one entry per point)."""
    counts = {name: array.shape[0] for name, array in named.items()}
    if len(set(counts.values())) > 1:
        described = ", ".join(f"{name} has {n}" for name, n in counts.items())
        raise ValueError(f"{' and '.join(counts)} must have one entry per point: {described}")


def _as_array(name: str, value: object, expected: str) -> np.ndarray:
    if value is None or isinstance(value, str | bytes):
        raise TypeError(f"{name} must be {expected}, got {describe(value)}")
    try:
        return np.asarray(value)
    except ValueError:  # nested lists of unequal lengths
        raise ValueError(f"{name} must be a rectangular array, got ragged nested lists") from None
