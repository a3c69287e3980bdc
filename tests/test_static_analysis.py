"""Reading answers without running them: the borrowed references it must see, the honest code
it must leave alone, and what it flags for the instructor."""

import nbformat
import pytest

from mlcourse.checks import EXERCISES
from mlcourse.instructor import course, markers, submission, tagging
from mlcourse.instructor.static_analysis import borrowed, flags, lookup, review

SETUP = "import numpy as np\nimport mlcourse as mc\nfrom mlcourse import checks, plots"
SSE = ["mlcourse.sse", "mlcourse.mse"]
BORROWED = {
    "a call": "def sse(y, y_hat):\n    return mc.sse(y, y_hat)",
    "an assignment": "sse = mc.sse",
    "an alias": "from mlcourse import sse as s\n\n\ndef sse(y, y_hat):\n    return s(y, y_hat)",
    "the defining module": "from mlcourse.neuron import sse as e\nsse = lambda y, p: e(y, p)",
    "a module alias": "m = mc\n\n\ndef sse(y, y_hat):\n    return m.neuron.sse(y, y_hat)",
    "getattr": "def sse(y, y_hat):\n    return getattr(mc, 's' + 'se')(y, y_hat)",
    "vars": "def sse(y, y_hat):\n    return vars(mc)['sse'](y, y_hat)",
    "a __dict__": "def sse(y, y_hat):\n    return mc.__dict__['mse'](y, y_hat) * len(y)",
    "import_module": (
        "import importlib\n\n\ndef sse(y, y_hat):\n"
        "    return importlib.import_module('mlcourse').sse(y, y_hat)"
    ),
    "__import__": (
        "def sse(y, y_hat):\n    return __import__('mlcourse.neuron').neuron.sse(y, y_hat)"
    ),
    "sys.modules": (
        "import sys\n\n\ndef sse(y, y_hat):\n    return sys.modules['mlcourse'].sse(y, y_hat)"
    ),
    "a local alias": "def sse(y, y_hat):\n    f = mc.sse\n    return f(y, y_hat)",
    "a local import": (
        "def sse(y, y_hat):\n    from mlcourse import sse as s\n    return s(y, y_hat)"
    ),
    "a star import": (
        "from mlcourse import *\n\n\ndef sse(y, y_hat):\n    return mse(y, y_hat) * len(y)"
    ),
    "a default argument": "def sse(y, y_hat, reference=mc.sse):\n    return reference(y, y_hat)",
}


@pytest.mark.parametrize("code", BORROWED.values(), ids=BORROWED.keys())
def test_a_reference_to_the_exercise_s_own_answer_is_seen(code):
    assert borrowed([SETUP, code], 1, SSE)


def test_a_helper_defined_in_another_cell_is_followed():
    helper = "def helper(a, b):\n    return mc.neuron.sse(a, b)"
    assert borrowed([SETUP, helper, "def sse(y, y_hat):\n    return helper(y, y_hat)"], 2, SSE)
    as_lambda = "helper = lambda a, b: mc.sse(a, b)"
    assert borrowed([SETUP, as_lambda, "def sse(y, y_hat):\n    return helper(y, y_hat)"], 2, SSE)


HONEST = {
    "its own formula": "def sse(y, y_hat):\n    return 0.5 * np.sum((y - y_hat) ** 2)",
    "the same name imported earlier, then defined": (
        "from mlcourse import sse\n\n\n"
        "def sse(y, y_hat):\n    return 0.5 * np.sum((y - y_hat) ** 2)"
    ),
    "a parameter named like the package": (
        "def sse(y, y_hat, mc=None):\n    return mc.sse(y, y_hat)"
    ),
    "another exercise's reference": "def sse(y, y_hat):\n    return -0.5 * mc.grad_w0(y, y_hat)",
}


@pytest.mark.parametrize("code", HONEST.values(), ids=HONEST.keys())
def test_honest_answers_are_not_called_borrowed(code):
    assert borrowed([SETUP, code], 1, SSE) == []


def test_an_alias_rebound_before_the_answer_is_not_a_reference():
    answer = "def sse(y, y_hat):\n    return s(y)"
    assert borrowed([SETUP, "s = mc.sse", "s = len", answer], 3, SSE) == []
    assert borrowed([SETUP, "s = len", "s = mc.sse", answer], 3, SSE) == ["mlcourse.sse"]


def test_a_reference_after_the_answer_cell_does_not_count():
    later = "print(mc.sse(np.ones(2), np.zeros(2)))"
    assert borrowed([SETUP, HONEST["its own formula"], later], 1, SSE) == []


def worked_lessons():
    """(lesson, the worked notebook's code cells as a student who got everything right has them)"""
    for path in sorted(course.LESSONS.glob("[0-9]*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        tagging.tag(notebook)
        for cell in notebook.cells:
            cell.source = markers.without_markers(cell.source, markers.SOLUTION)
        yield pytest.param(path.stem, notebook, id=path.stem)


@pytest.mark.parametrize("lesson, notebook", list(worked_lessons()))
def test_the_worked_lessons_borrow_nothing_and_raise_no_flag(lesson, notebook):
    exercises = submission.exercises_of(notebook, lesson)
    cells, positions = submission.cells_to_run(notebook, exercises)
    codes = [cell.code for cell in cells]
    for exercise in exercises:
        forbidden = EXERCISES[exercise.name].forbidden
        assert borrowed(codes, positions[exercise.name], forbidden) == [], exercise.name
    assert flags([(cell.number, cell.code) for cell in cells]) == []


def test_the_training_loop_may_use_the_package_s_other_pieces():
    loop = (
        "def train_loop(x, y, w1, w0, eta, epochs):\n    errors = []\n"
        "    for _ in range(epochs):\n        y_hat = mc.predict(x, w1, w0)\n"
        "        errors.append(mc.sse(y, y_hat))\n"
        "        w1, w0 = w1 - eta * mc.grad_w1(y, y_hat, x), w0 - eta * mc.grad_w0(y, y_hat)\n"
        "    return w1, w0, errors"
    )
    assert borrowed([SETUP, loop], 1, EXERCISES["train_loop"].forbidden) == []
    assert borrowed([SETUP, loop.replace("mc.predict", "mc.train")], 1, ["mlcourse.train"])


FLAGGED = {
    "import ctypes": "imports ctypes",
    "import gc": "imports gc",
    "from mlcourse.instructor import runner": "imports mlcourse.instructor",
    "import sys\nsys.modules['numpy']": "uses sys.modules",
    "import os\nos.write(3, b'x')": "uses os.write",
    "f = (lambda: 0).__code__": "uses __code__",
    "checks.check_sse = print": "rebinds mlcourse.checks.check_sse",
    "np.allclose = lambda *a: True": "rebinds numpy.allclose",
    "setattr(np, 'isclose', None)": "rebinds an attribute of numpy with setattr",
    "open('../../gradebook.db')": "mentions 'gradebook'",
    "__builtins__['abs'] = None": "uses __builtins__",
}


@pytest.mark.parametrize("code, note", FLAGGED.items(), ids=FLAGGED.values())
def test_reaching_for_grader_internals_is_flagged(code, note):
    assert f"cell 7 {note}" in flags([(1, SETUP), (7, code)])


def test_lookup_imports_nothing_outside_the_package():
    assert lookup("os.system") is None and lookup("mlcourse.sse") is not None
    assert lookup("mlcourse.no_such_module.x") is None


def test_code_too_deeply_nested_to_read_is_reported_not_raised():
    deep = "def sse(y, y_hat):\n    return " + "-" * 1001 + "mc.sse(y, y_hat)"
    found = review([(1, SETUP), (2, deep), (3, "x = " + "-" * 1001 + "1")], {"sse": (1, SSE)})
    assert found.unreadable == {"sse": "nested too deeply"}
    assert found.borrowed == {}
    plain = review([(1, SETUP), (2, BORROWED["a call"])], {"sse": (1, SSE)})
    assert plain.borrowed == {"sse": ["mlcourse.sse"]} and plain.unreadable == {}
