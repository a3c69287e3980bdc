"""The lessons' worked answers agree with the package's tested twins.

After an exercise a lesson's own cells use the package's function (``mc.X``), not the learner's,
so that Run All in the exercise copy runs the whole lesson (issue 21, part 2). That is honest only
if the worked answer the lesson teaches computes what the package computes: each test here runs
the worked lesson's answer cells (as the lesson defines them, in order) and compares the two on
inputs other than the lesson's.
"""

import functools
import json

import numpy as np
import pytest
from lesson_namespace import answer_name, code_of, lesson_path

import mlcourse as mc


@functools.cache
def worked(lesson: str) -> dict:
    """The functions the worked lesson's answer cells define, run in order in one namespace."""
    namespace = {"np": np, "mc": mc}
    for cell in json.loads(lesson_path(lesson).read_text())["cells"]:
        if cell["cell_type"] == "code" and answer_name(cell) is not None:
            exec(compile(code_of(cell), f"<{lesson} {answer_name(cell)}>", "exec"), namespace)
    return namespace


@pytest.mark.parametrize("n, slope, noise_std, seed", [(7, -1.5, 0.4, 11), (200, 3.0, 0.1, 0)])
def test_lesson_1_inputs_then_make_targets_are_make_linear_data(n, slope, noise_std, seed):
    rng = np.random.default_rng(seed)
    x = rng.random(n)
    y = worked("01")["make_targets"](x, slope, noise_std, rng)
    data = mc.make_linear_data(n=n, slope=slope, noise_std=noise_std, seed=seed)
    np.testing.assert_array_equal(x, data.x)
    np.testing.assert_array_equal(y, data.y)
