"""Checks at the public boundary: each names the argument and what was expected."""

from __future__ import annotations

import numbers

import numpy as np

from mlcourse.kernels import LOSSES, Loss


def real_number(name: str, value: object) -> float:
    """Return ``value`` as a finite float, or raise naming ``name``."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {_describe(value)}")
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


def integer(name: str, value: object, minimum: int = 0) -> int:
    """Return ``value`` as an int >= ``minimum``; bools, floats and strings are refused."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {_describe(value)}")
    value = int(value)
    if value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {value}")
    return value


def vector(name: str, value: object) -> np.ndarray:
    """Return ``value`` as a finite, non-empty 1-D float64 array, or raise naming ``name``."""
    if value is None or isinstance(value, str | bytes):
        raise TypeError(f"{name} must be a 1-D array of numbers, got {_describe(value)}")
    array = np.asarray(value)
    if array.dtype == object or not (
        np.issubdtype(array.dtype, np.number) or array.dtype == np.bool_
    ):
        raise TypeError(f"{name} must be a 1-D array of numbers, got {_describe(value)}")
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


def loss_kind(loss: object = None, error: object = None) -> Loss:
    """The kind of loss given as ``loss=`` or as its older alias ``error=``; "sse" if neither.

    Raises
    ------
    TypeError
        When both are given.
    ValueError
        When the value is not one of :data:`mlcourse.kernels.LOSSES`; the message names the
        keyword that was used.
    """
    if loss is not None and error is not None:
        raise TypeError(
            f"give the kind of loss once, as loss= or as its alias error=, "
            f"not both (got loss={loss!r}, error={error!r})"
        )
    name, value = ("error", error) if error is not None else ("loss", loss)
    if value is None:
        return "sse"
    if not isinstance(value, str) or value not in LOSSES:
        allowed = " or ".join(repr(kind) for kind in LOSSES)
        raise ValueError(f"{name} must be {allowed}, got {value!r}")
    return value  # type: ignore[return-value]


def _describe(value: object) -> str:
    if isinstance(value, np.ndarray):
        return f"ndarray of shape {value.shape}"
    return f"{type(value).__name__} {value!r}"
