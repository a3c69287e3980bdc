"""Checks at the public boundary: each names the argument and what was expected."""

from __future__ import annotations

import numbers

import numpy as np


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


def count(name: str, value: object, minimum: int = 0) -> int:
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


def same_length(**arrays: np.ndarray) -> None:
    """Raise if the named 1-D arrays do not all have the same length (no broadcasting)."""
    lengths = {name: array.shape[0] for name, array in arrays.items()}
    if len(set(lengths.values())) > 1:
        described = ", ".join(f"{name} has {n}" for name, n in lengths.items())
        raise ValueError(f"{' and '.join(lengths)} must have the same length: {described}")


def _describe(value: object) -> str:
    if isinstance(value, np.ndarray):
        return f"ndarray of shape {value.shape}"
    return f"{type(value).__name__} {value!r}"
