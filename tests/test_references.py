"""An exercise forbids the package's own answers to it and everything they reach: derived from
the package's code, checked here by running each answer and tracing what it calls."""

import sys
import types

import numpy as np
import pytest

import mlcourse
from mlcourse import kernels, references
from mlcourse.checks import EXERCISES
from mlcourse.feedback import fresh_copy, run_calls

PACKAGE_FUNCTIONS = {
    function.__code__: function
    for module in list(sys.modules.values())
    if getattr(module, "__name__", "").startswith("mlcourse")
    for function in vars(module).values()
    if isinstance(function, types.FunctionType) and function.__module__ == module.__name__
}


def function_at(path):
    module, _, name = path.rpartition(".")
    return getattr(sys.modules[module], name)


def traced(function, args):
    """The package functions a call runs, as traced while it runs (an independent reading of
    the call graph: what really happens, not what the source names)."""
    called = set()

    def profile(frame, event, _):
        if event == "call" and frame.f_code in PACKAGE_FUNCTIONS:
            called.add(PACKAGE_FUNCTIONS[frame.f_code])

    sys.setprofile(profile)
    try:
        function(*args)
    except Exception:  # an answer whose signature is not the exercise's: what ran still counts
        pass
    finally:
        sys.setprofile(None)
    return called - {function}


def exercised():
    """(exercise, reference, the package functions the reference ran on the visible cases)."""
    for exercise in EXERCISES.values():
        for path in exercise.forbidden:
            function = function_at(path)
            ran = set()
            for args in exercise.cases(0)[:3]:
                ran |= traced(function, tuple(fresh_copy(a) for a in args))
            yield exercise, path, ran


EXERCISED = list(exercised())


def allowed(exercise):
    """What an exercise's answer may run: what the exercise invites, and argument checks."""
    invited = set(references.reached(exercise.invites).values())
    invited |= {function_at(path) for path in exercise.invites}
    checks = {f for f in PACKAGE_FUNCTIONS.values() if f.__module__ == "mlcourse.validation"}
    return checks | invited


@pytest.mark.parametrize(
    "exercise, path, ran", EXERCISED, ids=[f"{e.name}:{p}" for e, p, _ in EXERCISED]
)
def test_every_package_function_an_answer_runs_is_forbidden(exercise, path, ran):
    forbidden = {function_at(name) for name in exercise.all_forbidden}
    missed = {references.path_of(f) for f in ran - forbidden - allowed(exercise)}
    assert missed == set(), f"{exercise.name}: {path} runs {sorted(missed)}"


def test_the_trace_reaches_the_kernels_the_issue_names():
    """The check above is only as good as the calls it traces: they reach the formulas."""
    ran = {f for _, _, functions in EXERCISED for f in functions}
    for kernel in (kernels.sse_of_residual, kernels.grad_w1_of_residual, kernels.least_squares):
        assert kernel in ran
    assert "mlcourse.kernels.sse_of_residual" in EXERCISES["sse"].all_forbidden
    assert "mlcourse.kernels.grad_w1_of_residual" in EXERCISES["grad_w1"].all_forbidden


def test_what_an_exercise_invites_is_never_forbidden():
    loop = EXERCISES["train_loop"]
    for invited in loop.invites:
        assert invited not in loop.all_forbidden
    assert "mlcourse.kernels.sse_of_residual" not in loop.all_forbidden  # mc.sse's own kernel
    assert "mlcourse.training.loss_and_gradient" in loop.all_forbidden


def test_argument_checks_are_never_forbidden():
    for exercise in EXERCISES.values():
        assert not [p for p in exercise.all_forbidden if p.startswith("mlcourse.validation")]


Y, Y_HAT, X = np.array([1.0, 2.0, 4.0]), np.array([1.5, 1.0, 3.0]), np.array([0.5, 1.0, 2.0])
KERNEL = ("mlcourse.kernels.grad_w1_of_residual",)


def through_the_kernel(y, y_hat, x):
    return kernels.grad_w1_of_residual(y - y_hat, x)


def through_an_allowed_function(y, y_hat, x):
    """mc.train is no answer to grad_w1, but it runs grad_w1's kernel itself."""
    mlcourse.train(x, y, 0.0, 0.0, eta=0.01, epochs=1, warn=False)
    return -float(np.sum((y - y_hat) * x))


def test_the_tripwire_stops_the_learner_calling_a_forbidden_function():
    (outcome,) = run_calls(through_the_kernel, [(Y, Y_HAT, X)], 2.0, KERNEL)
    assert (outcome.kind, outcome.error) == ("borrowed", KERNEL[0])


def test_the_tripwire_lets_the_package_call_it():
    (outcome,) = run_calls(through_an_allowed_function, [(Y, Y_HAT, X)], 2.0, KERNEL)
    assert outcome.kind == "returned"
    assert outcome.value == pytest.approx(-float(np.sum((Y - Y_HAT) * X)))
