"""Plain data: what crosses between a learner's code and the code that judges it.

A check never looks at the objects a learner's function returns: whatever comes back is first
turned into plain data (numbers, strings, numpy arrays of numbers, tuples, lists and dicts of
those), and anything else is described by its type name only. The check then compares plain data
with plain data, so an object whose ``__eq__`` always says True, a float subclass or a lazy
generator cannot change a verdict. The same encoding carries calls and results between a grading
sandbox and the grader as JSON (no pickle, no objects), validated on arrival.

Records (an outcome, a verdict) are frozen dataclasses whose fields each say how they travel
(``metadata=plain.via(codec)``, a :class:`Codec`): their JSON is derived from the fields, so a
new field is written once.
"""

from __future__ import annotations

import json
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

MAX_ELEMENTS = 100_000
"""Arrays and containers larger than this are described by their shape, not their values."""
MAX_TEXT = 1_000
"""Strings are cut to this many characters."""
MAX_DEPTH = 4
"""Containers nested deeper than this are described by their type only."""
DTYPE_KINDS = {"b": "bool", "i": "int64", "u": "int64", "f": "float64", "c": "complex128"}


@dataclass(frozen=True)
class Rng:
    """An argument that becomes a fresh ``numpy.random.default_rng(seed)`` where the call runs."""

    seed: int


@dataclass(frozen=True)
class Opaque:
    """A value that is not plain data, described by its type name (and its length if it has
    one): the check can say "returned a generator" without ever touching the object again."""

    type_name: str
    length: int | None = None
    shape: tuple[int, ...] | None = None
    dtype: str | None = None


class PlainDataError(ValueError):
    """Encoded data that does not follow the format: refused rather than guessed at."""


def to_plain(value: Any, depth: int = 0) -> Any:
    """``value`` as plain data: learner objects are read once here and never again.

    Python and numpy numbers become ``bool``, ``int``, ``float`` or ``complex``; arrays (and
    anything with a numeric ``__array__``) become fresh numpy arrays; strings are cut to
    ``MAX_TEXT``; tuples, lists and dicts are converted item by item; everything else, and
    anything whose conversion raises, becomes an :class:`Opaque` description.
    """
    try:
        return _to_plain(value, depth)
    except Exception:  # learner objects may raise from __float__, __array__, __len__, ...
        return Opaque(_type_name(value))


def _to_plain(value: Any, depth: int) -> Any:
    if type(value) is int and abs(value) >= 2**63:
        return float(value)  # OverflowError for the absurdly large: described as opaque
    if value is None or type(value) in (bool, int, float, complex, str):
        return value[:MAX_TEXT] if type(value) is str else value
    if isinstance(value, Rng | Opaque):
        return value
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, np.generic) and value.dtype.kind in DTYPE_KINDS:
        return value.item()
    if isinstance(value, numbers.Integral):
        return _to_plain(int(value), depth)
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, numbers.Complex):
        return complex(value)
    if isinstance(value, str):
        return str(value)[:MAX_TEXT]
    if isinstance(value, np.ndarray) or hasattr(value, "__array__"):
        array = np.asarray(value)
        if array.dtype.kind not in DTYPE_KINDS:
            return Opaque(_type_name(value), shape=array.shape, dtype=str(array.dtype))
        if array.size > MAX_ELEMENTS:
            return Opaque("ndarray", shape=array.shape, dtype=DTYPE_KINDS[array.dtype.kind])
        return np.array(array, dtype=DTYPE_KINDS[array.dtype.kind], copy=True)
    if isinstance(value, tuple | list | dict):
        if depth >= MAX_DEPTH or len(value) > MAX_ELEMENTS:
            return Opaque(_type_name(value), length=len(value))
        if isinstance(value, dict):
            return {str(k)[:MAX_TEXT]: to_plain(v, depth + 1) for k, v in value.items()}
        items = [to_plain(item, depth + 1) for item in value]
        return tuple(items) if isinstance(value, tuple) else items
    length = None
    if hasattr(type(value), "__len__"):
        try:
            length = len(value)
        except Exception:
            length = None
    return Opaque(_type_name(value), length=length)


def _type_name(value: Any) -> str:
    try:
        return str(type(value).__name__)[:100]
    except Exception:
        return "object"


# JSON: tagged, so that an int stays an int, a tuple a tuple and NaN a NaN --------------------


def encode(value: Any) -> Any:
    """Plain data (as :func:`to_plain` makes it) as a JSON-ready structure of tagged dicts."""
    if value is None:
        return {"t": "none"}
    if type(value) is bool:
        return {"t": "bool", "v": value}
    if type(value) is int:
        return {"t": "int", "v": str(value)}
    if type(value) is float:
        return {"t": "float", "v": repr(value)}
    if type(value) is complex:
        return {"t": "complex", "v": [repr(value.real), repr(value.imag)]}
    if type(value) is str:
        return {"t": "str", "v": value}
    if isinstance(value, Rng):
        return {"t": "rng", "seed": int(value.seed)}
    if isinstance(value, Opaque):
        return {
            "t": "opaque",
            "type": value.type_name,
            "length": value.length,
            "shape": None if value.shape is None else list(value.shape),
            "dtype": value.dtype,
        }
    if isinstance(value, np.ndarray):
        flat = value.ravel()
        if value.dtype.kind == "c":
            data = [[repr(float(z.real)), repr(float(z.imag))] for z in flat]
        elif value.dtype.kind == "f":
            data = [repr(float(v)) for v in flat]
        else:
            data = flat.tolist()
        return {"t": "array", "dtype": str(value.dtype), "shape": list(value.shape), "data": data}
    if type(value) in (tuple, list):
        return {"t": type(value).__name__, "v": [encode(item) for item in value]}
    if type(value) is dict:
        return {"t": "dict", "v": [[str(k), encode(v)] for k, v in value.items()]}
    raise PlainDataError(f"not plain data: {_type_name(value)} (convert it with to_plain first)")


def decode(data: Any, depth: int = 0) -> Any:
    """The plain value that :func:`encode` described; raises PlainDataError for anything else.

    Every field is checked: tags, types, that an array's data has as many values as its shape
    says, its dtype, and the nesting depth.
    """
    if depth > MAX_DEPTH + 1:
        raise PlainDataError("nested too deeply")
    if not isinstance(data, dict) or not isinstance(data.get("t"), str):
        raise PlainDataError(f"expected a tagged object, got {type(data).__name__}")
    tag = data["t"]
    value = data.get("v")
    if tag == "none":
        return None
    if tag == "bool" and type(value) is bool:
        return value
    if tag == "int" and type(value) is str:
        return _parse(int, value)
    if tag == "float" and type(value) is str:
        return _parse(float, value)
    if tag == "complex" and _pair_of_strings(value):
        return complex(_parse(float, value[0]), _parse(float, value[1]))
    if tag == "str" and type(value) is str:
        return value[:MAX_TEXT]
    if tag == "rng" and type(data.get("seed")) is int and data["seed"] >= 0:
        return Rng(data["seed"])
    if tag == "opaque":
        return _decode_opaque(data)
    if tag == "array":
        return _decode_array(data)
    if tag in ("tuple", "list") and type(value) is list and len(value) <= MAX_ELEMENTS:
        items = [decode(item, depth + 1) for item in value]
        return tuple(items) if tag == "tuple" else items
    if tag == "dict" and type(value) is list and len(value) <= MAX_ELEMENTS:
        if not all(type(p) is list and len(p) == 2 and type(p[0]) is str for p in value):
            raise PlainDataError("a dict must be a list of [key, value] pairs with string keys")
        return {key: decode(item, depth + 1) for key, item in value}
    raise PlainDataError(f"malformed {tag!r} value")


def dumps(value: Any) -> str:
    """Plain data as one line of JSON."""
    return json.dumps(encode(value), separators=(",", ":"))


def loads(text: str | bytes) -> Any:
    """The plain data in one line of JSON written by :func:`dumps`, validated."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise PlainDataError(f"not JSON: {error}") from None
    return decode(data)


def _parse(kind: type, text: str) -> Any:
    if len(text) > 400:
        raise PlainDataError("number too long")
    try:
        return kind(text)
    except ValueError:
        raise PlainDataError(f"not a number: {text[:40]!r}") from None


def _pair_of_strings(value: Any) -> bool:
    return type(value) is list and len(value) == 2 and all(type(v) is str for v in value)


def _decode_opaque(data: dict) -> Opaque:
    name, length, shape, dtype = (data.get(k) for k in ("type", "length", "shape", "dtype"))
    if type(name) is not str or not (length is None or type(length) is int):
        raise PlainDataError("malformed opaque value")
    if not (shape is None or (type(shape) is list and all(type(n) is int for n in shape))):
        raise PlainDataError("malformed opaque shape")
    if not (dtype is None or type(dtype) is str):
        raise PlainDataError("malformed opaque dtype")
    return Opaque(name[:100], length, None if shape is None else tuple(shape), dtype)


def _decode_array(data: dict) -> np.ndarray:
    dtype, shape, values = data.get("dtype"), data.get("shape"), data.get("data")
    if dtype not in DTYPE_KINDS.values():
        raise PlainDataError(f"array dtype must be one of {sorted(DTYPE_KINDS.values())}")
    if type(shape) is not list or not all(type(n) is int and n >= 0 for n in shape):
        raise PlainDataError("array shape must be a list of non-negative ints")
    if len(shape) > 32 or int(np.prod(shape, dtype=np.int64)) > MAX_ELEMENTS:
        raise PlainDataError("array too large")
    size = int(np.prod(shape, dtype=np.int64))
    if type(values) is not list or len(values) != size:
        raise PlainDataError(f"array data must hold {size} values")
    if dtype == "float64":
        if not all(type(v) is str for v in values):
            raise PlainDataError("float array values must be strings")
        flat = np.array([_parse(float, v) for v in values], dtype=np.float64)
    elif dtype == "complex128":
        if not all(_pair_of_strings(v) for v in values):
            raise PlainDataError("complex array values must be pairs of strings")
        flat = np.array(
            [complex(_parse(float, a), _parse(float, b)) for a, b in values], dtype=np.complex128
        )
    elif dtype == "bool":
        if not all(type(v) is bool for v in values):
            raise PlainDataError("bool array values must be booleans")
        flat = np.array(values, dtype=np.bool_)
    else:
        if not all(type(v) is int and -(2**63) <= v < 2**63 for v in values):
            raise PlainDataError("int array values must be 64-bit ints")
        flat = np.array(values, dtype=np.int64)
    return flat.reshape(shape)


# Records: frozen dataclasses whose fields say how each one travels as JSON ------------------


@dataclass(frozen=True)
class Codec:
    """How one field of a record travels as JSON: ``dump`` makes its value JSON-ready, ``load``
    checks what arrived and rebuilds the value (raising PlainDataError for anything else)."""

    dump: Callable[[Any], Any]
    load: Callable[[Any], Any]


def via(codec: Codec) -> dict[str, Codec]:
    """The metadata of a dataclass field that travels as JSON by ``codec``:
    ``name: str = field(default="", metadata=plain.via(plain.text(80)))``."""
    return {"codec": codec}


def record_data(record: Any) -> dict[str, Any]:
    """A record (a dataclass whose every field has a codec, :func:`via`) as a JSON-ready dict."""
    return {f.name: f.metadata["codec"].dump(getattr(record, f.name)) for f in fields(record)}


def record_from_data(kind: type, data: Any) -> Any:
    """The record of class ``kind`` that :func:`record_data` described; PlainDataError unless
    ``data`` has exactly its fields, each valid."""
    names = [f.name for f in fields(kind)]
    if not isinstance(data, dict) or set(data) != set(names):
        raise PlainDataError(f"a {kind.__name__} must have exactly the fields {', '.join(names)}")
    loaded = {}
    for f in fields(kind):
        try:
            loaded[f.name] = f.metadata["codec"].load(data[f.name])
        except PlainDataError as error:
            raise PlainDataError(f"{kind.__name__}.{f.name}: {error}") from None
    return kind(**loaded)


def text(limit: int) -> Codec:
    """A string, cut to ``limit`` characters on arrival."""

    def load(value: Any) -> str:
        if type(value) is not str:
            raise PlainDataError("must be a string")
        return value[:limit]

    return Codec(str, load)


def whole(low: int, high: int) -> Codec:
    """An int from ``low`` to ``high``."""

    def load(value: Any) -> int:
        if type(value) is not int or not low <= value <= high:
            raise PlainDataError(f"must be a whole number from {low} to {high}")
        return value

    return Codec(int, load)


def real(low: float, high: float) -> Codec:
    """A float from ``low`` to below ``high`` (an int is taken as one)."""

    def load(value: Any) -> float:
        if type(value) not in (int, float) or not low <= value < high:
            raise PlainDataError(f"must be a number from {low:g} to below {high:g}")
        return float(value)

    return Codec(float, load)


def flag() -> Codec:
    """True or False."""

    def load(value: Any) -> bool:
        if type(value) is not bool:
            raise PlainDataError("must be true or false")
        return value

    return Codec(bool, load)


def choice(options: Sequence[str]) -> Codec:
    """One of the strings ``options``."""

    def load(value: Any) -> str:
        if value not in options or type(value) is not str:
            raise PlainDataError(f"unknown value {str(value)[:40]!r}")
        return value

    return Codec(str, load)


def sequence(item: Codec, most: int) -> Codec:
    """A tuple of at most ``most`` items, each travelling by ``item``."""

    def load(value: Any) -> tuple:
        if type(value) is not list or len(value) > most:
            raise PlainDataError(f"must be a list of at most {most} items")
        return tuple(item.load(v) for v in value)

    return Codec(lambda values: [item.dump(v) for v in values], load)


def optional(codec: Codec) -> Codec:
    """None, or a value travelling by ``codec``."""
    return Codec(
        lambda value: None if value is None else codec.dump(value),
        lambda value: None if value is None else codec.load(value),
    )


def pair(first: Codec, second: Codec) -> Codec:
    """A tuple of two values, each travelling by its own codec."""

    def load(value: Any) -> tuple:
        if type(value) is not list or len(value) != 2:
            raise PlainDataError("must be a pair")
        return first.load(value[0]), second.load(value[1])

    return Codec(lambda value: [first.dump(value[0]), second.dump(value[1])], load)


def nested(kind: type) -> Codec:
    """A record of class ``kind``, itself made of fields with codecs."""
    return Codec(record_data, lambda value: record_from_data(kind, value))


VALUE = Codec(encode, decode)
"""Plain data (see :func:`to_plain`), tagged."""
