"""Plain data: learner objects are read once, and what crosses as JSON is validated."""

import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis.extra import numpy as hnp

from mlcourse import plain
from mlcourse.plain import Opaque, PlainDataError, Rng


def round_trip(value):
    return plain.loads(plain.dumps(plain.to_plain(value)))


def same(a, b):
    if isinstance(a, np.ndarray):
        return (
            isinstance(b, np.ndarray)
            and a.dtype == b.dtype
            and a.shape == b.shape
            and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")
        )
    if isinstance(a, float) and np.isnan(a):
        return isinstance(b, float) and np.isnan(b)
    if isinstance(a, tuple | list):
        return type(a) is type(b) and len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        7,
        -(2**62),
        0.1,
        float("nan"),
        float("-inf"),
        1 + 2j,
        "twelve",
        np.arange(6.0).reshape(2, 3),
        np.array([1, 2], dtype=np.int32),
        np.array([True, False]),
        (1.0, [2.0, np.ones(2)], {"W1": np.zeros(3), "b2": 0.5}),
        Rng(4),
        Opaque("generator"),
    ],
)
def test_plain_values_survive_json_exactly(value):
    expected = plain.to_plain(value)
    assert same(expected, round_trip(value))


@given(hnp.arrays(np.float64, hnp.array_shapes(max_dims=3, max_side=5)))
def test_every_float_array_round_trips_bit_for_bit(array):
    back = round_trip(array)
    assert back.shape == array.shape
    assert np.array_equal(back.view(np.int64), array.view(np.int64)) or np.array_equal(
        back, array, equal_nan=True
    )


def test_learner_objects_become_descriptions_never_objects():
    class AlwaysEqual:
        def __eq__(self, other):
            return True

    class LyingFloat(float):
        def __eq__(self, other):
            return True

    class Broken:
        def __array__(self, *args, **kwargs):
            raise RuntimeError("no")

    assert plain.to_plain(AlwaysEqual()) == Opaque("AlwaysEqual")
    value = plain.to_plain(LyingFloat(2.5))
    assert type(value) is float and value == 2.5 and value != 3.0
    assert plain.to_plain(x for x in range(3)).type_name == "generator"
    assert plain.to_plain(Broken()) == Opaque("Broken")
    assert plain.to_plain(np.float32(0.5)) == 0.5 and type(plain.to_plain(np.float32(0.5))) is float
    assert plain.to_plain(np.array(["a"])).type_name == "ndarray"  # not numbers
    assert plain.to_plain(10**400) == Opaque("int")
    huge = plain.to_plain(np.zeros(plain.MAX_ELEMENTS + 1))
    assert huge == Opaque("ndarray", shape=(plain.MAX_ELEMENTS + 1,), dtype="float64")
    assert len(plain.to_plain("x" * 5000)) == plain.MAX_TEXT


def test_arrays_are_copied_so_later_changes_do_not_leak():
    array = np.ones(3)
    copy = plain.to_plain(array)
    array[0] = 5.0
    assert copy[0] == 1.0


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"t": "pickle", "v": "gASV"},
        {"t": "float", "v": 1.5},  # floats travel as repr strings
        {"t": "float", "v": "1e9999999" + "9" * 500},
        {"t": "int", "v": "seven"},
        {"t": "array", "dtype": "object", "shape": [1], "data": ["1"]},
        {"t": "array", "dtype": "float64", "shape": [3], "data": ["1.0", "2.0"]},
        {"t": "array", "dtype": "float64", "shape": [10**9], "data": []},
        {"t": "array", "dtype": "int64", "shape": [1], "data": [2**70]},
        {"t": "dict", "v": [[1, {"t": "none"}]]},
        {"t": "rng", "seed": -1},
        {
            "t": "list",
            "v": [
                {
                    "t": "list",
                    "v": [
                        {
                            "t": "list",
                            "v": [
                                {
                                    "t": "list",
                                    "v": [
                                        {"t": "list", "v": [{"t": "list", "v": [{"t": "none"}]}]}
                                    ],
                                }
                            ],
                        }
                    ],
                }
            ],
        },
    ],
)
def test_malformed_data_is_refused(data):
    with pytest.raises(PlainDataError):
        plain.loads(json.dumps(data))


def test_objects_cannot_be_encoded_without_to_plain():
    with pytest.raises(PlainDataError, match="to_plain"):
        plain.encode(object())
