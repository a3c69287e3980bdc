"""Verdicts as values: their evidence, their JSON, the mistakes made by a rule, and the notebook
variables an answer refers to.

What each exercise says about realistic answers is in tests/test_check_catalogue.py; this file
holds the properties of the mechanism.
"""

import contextlib
import json
from dataclasses import replace

import numpy as np
import pytest
from test_checks import tiny_judge

from mlcourse import checks, feedback, plain
from mlcourse.checks import judging
from mlcourse.checks.judging import Judge, Mistake, Vector, fresh_arguments
from mlcourse.feedback import Exercise, Outcome, RecordedWarning, Verdict, referenced_globals

CALLS = [(np.array([1.0, 2.0]),), (np.array([3.0, 5.0, 8.0]),), (np.array([0.5, 4.0]),)]


def exercise(*mistakes, failing_warnings=()):
    judge = replace(
        tiny_judge(*mistakes),
        failing_warnings=failing_warnings,
        warning_advice="Do it without overflow.",
    )
    return Exercise("f", lambda seed: CALLS, judge, "f is correct.")


def judged(exercise, values, **outcome):
    return exercise.judgement(CALLS, [Outcome("returned", value=v, **outcome) for v in values])


def test_a_named_mistake_is_a_value_with_its_evidence_in_fields():
    doubled = Mistake("doubled", "You doubled it.", lambda y: float(np.sum(y)))
    verdict = judged(exercise(doubled), [3.0, 16.0, 4.5])
    assert verdict.kind == "mistake" and verdict.mistake_ids == ("doubled",)
    # The evidence is the wrong call with the fewest values, as the view would show it.
    assert verdict.call == 0 and verdict.inputs == (("y", "[1, 2]"),)
    assert (verdict.returned, verdict.expected) == ("3", "1.5")
    assert verdict.difference == "3 instead of 1.5"
    assert verdict.advice == "You doubled it."
    assert verdict.message == (
        "For `y` = [1, 2], `f` returned 3, expected 1.5 (2 × the expected value). You doubled it."
    )
    assert not verdict.passed


def test_facts_only_when_no_mistake_explains_every_result():
    verdict = judged(exercise(), [3.0, 16.0, 7.0])
    assert (
        verdict.kind == "facts" and verdict.mistake_ids == () and verdict.advice == "f(y) = ½·Σy."
    )


def test_a_right_answer_passes_with_the_success_line_and_every_kind_has_its_verdict():
    assert judged(exercise(), [1.5, 8.0, 2.25]) == Verdict("passed", message="f is correct.")
    assert judged(exercise(), ["1.5", 8.0, 2.25]).kind == "misfit"
    assert judged(exercise(), [1.5, 8.0, 2.25], changed=(0,)).kind == "changed_inputs"
    for kind in ("raised", "timeout", "died", "borrowed", "not_callable"):
        verdict = exercise().judgement(CALLS, [Outcome(kind, error="E")] * 3)
        assert verdict.kind == kind and verdict.call == 0
    assert exercise().judge_function(None).kind == "not_defined"


def test_a_warning_the_exercise_forbids_fails_right_results_and_says_where():
    overflow = RecordedWarning("overflow", "overflow encountered", 3, "np.exp(-z)", 2)
    values = [1.5, 8.0, 2.25]
    verdict = judged(exercise(failing_warnings=("overflow",)), values, warnings=(overflow,))
    assert verdict.kind == "warned" and verdict.warnings == (overflow,)
    assert 'numpy warned "overflow encountered" 2 times, at line 3 of your cell: `np.exp(-z)`' in (
        verdict.message
    )
    assert verdict.message.endswith("Do it without overflow.")
    # An exercise that does not forbid it passes, keeps the warning as evidence and says it
    # once, counted over the calls.
    passed = judged(exercise(), values, warnings=(overflow,))
    assert passed.passed and passed.warnings == (overflow,) * 3
    assert passed.message == (
        'f is correct. While it ran, numpy warned "overflow encountered" 6 times, at line 3 of'
        " your cell: `np.exp(-z)`."
    )


def test_a_passing_check_shows_the_warnings_its_calls_raised(capsys):
    import warnings

    def f(y):
        warnings.warn("y is short", UserWarning, stacklevel=1)
        return 0.5 * float(np.sum(y))

    exercise().check(f)
    line = f.__code__.co_firstlineno + 1
    printed = capsys.readouterr().out
    assert printed.startswith("✔ f is correct. While it ran, a UserWarning said")
    assert f'"y is short" 3 times, at line {line} of your cell' in printed


def test_the_recorder_changes_no_warnings_filter():
    import warnings

    def f(y):
        warnings.warn("y is short", UserWarning, stacklevel=1)
        return 0.5 * float(np.sum(y))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # as a notebook may ask
        verdict = exercise().judge_function(f)
    assert verdict.passed and verdict.warnings == ()
    assert verdict.message == "f is correct."


def test_verdicts_travel_as_json_and_arrive_checked():
    verdict = judged(
        exercise(Mistake("doubled", "You doubled it.", lambda y: float(np.sum(y)))),
        [3.0, 16.0, 4.5],
        warnings=(RecordedWarning("divide", "divide by zero encountered"),),
    )
    data = json.loads(json.dumps(verdict.to_data()))
    assert Verdict.from_data(data) == verdict
    for field, forged in (("kind", "right"), ("mistake_ids", "doubled"), ("call", -1)):
        with pytest.raises(plain.PlainDataError, match=field):
            Verdict.from_data({**data, field: forged})
    with pytest.raises(plain.PlainDataError):
        Verdict.from_data({**data, "extra": 1})


def test_the_grader_keeps_its_string_verdict():
    doubled = Mistake("doubled", "You doubled it.", lambda y: float(np.sum(y)))
    outcomes = [Outcome("returned", value=v) for v in (3.0, 16.0, 4.5)]
    assert (
        exercise(doubled).verdict(CALLS, outcomes)
        == judged(exercise(doubled), [3.0, 16.0, 4.5]).message
    )
    assert (
        exercise().verdict(CALLS, [Outcome("returned", value=v) for v in (1.5, 8.0, 2.25)]) is None
    )


# Mistakes made by a rule are reachable: the verdict names each one for the answer it describes


def generated(name):
    return [m for m in checks.EXERCISES[name].judge.all_mistakes if m.made_by in ("order", "chain")]


@pytest.mark.parametrize(
    "name", [n for n in checks.EXERCISES if generated(n)], ids=lambda name: name
)
def test_every_mistake_made_by_a_rule_is_named_for_the_answer_it_describes(name):
    """The answer that makes the mistake, given as its outcomes on the visible cases: the verdict
    must name it (among the mistakes that give the same results), not pass it or state facts."""
    exercise = checks.EXERCISES[name]
    calls = exercise.cases(0)
    unreachable = []
    for mistake in generated(name):
        try:
            with np.errstate(all="ignore"):
                values = [plain.to_plain(mistake.wrong(*fresh_arguments(args))) for args in calls]
        except ArithmeticError:  # such an answer raises on these cases: "raised", not a mistake
            continue
        verdict = exercise.judgement(calls, [Outcome("returned", value=v) for v in values])
        if mistake.id not in verdict.mistake_ids:
            unreachable.append((mistake.id, verdict.kind, verdict.mistake_ids))
    assert not unreachable


def test_a_chain_leaves_out_what_fewer_slips_give():
    steps = (
        (judging.Step("", "", lambda v: v), judging.Step("double", "doubles", lambda v: 2 * v)),
        (judging.Step("", "", lambda v: v), judging.Step("half", "halves", lambda v: v / 2)),
        (judging.Step("", "", lambda v: v), judging.Step("neg", "negates", lambda v: -v)),
    )

    def result(choices, v):
        for step in choices:
            v = step.apply(v)
        return v

    mistakes = judging.chained(steps, result, [(3.0,)])
    ids = [m.id for m in mistakes]
    # double+half gives the right result, double+half+neg what neg alone gives: both left out.
    assert sorted(ids) == ["double", "double+neg", "half", "half+neg", "neg"]
    assert mistakes[ids.index("double+neg")].message == "Two mistakes: doubles; and negates."
    assert all(m.made_by == "chain" for m in mistakes)


# The notebook's variables an answer refers to, found in its code ---------------------------

x_mean, x_std = 0.54, 0.3
lesson = {"data": None}
start = {"W1": np.ones(3), "b1": np.zeros(3), "W2": np.ones(3), "b2": 0.5}
big = np.zeros(feedback.MAX_REFERENCED_SIZE + 1)
flag = True


class Data:
    def __init__(self):
        self.x = np.arange(4.0)

    @property
    def y(self):
        raise RuntimeError("a learner's property")


data = Data()


def helper(v):
    return v * x_std


def test_the_notebook_variables_a_function_refers_to_come_back_as_plain_data():
    def uses_them(v1, v0, mean, std):
        w1 = helper(v1)  # through another function of the notebook
        scaled = [x_mean * k for k in range(2)]  # inside a comprehension
        return w1, v0 + scaled[1] + np.sum(data.x) + start["b2"] + len(big) * flag

    found = dict(referenced_globals(uses_them))
    assert set(found) == {"x_std", "x_mean", "data.x", "start"}
    assert found["x_std"] == 0.3 and found["x_mean"] == 0.54
    np.testing.assert_array_equal(found["data.x"], np.arange(4.0))
    assert found["start"]["b2"] == 0.5 and isinstance(found["start"]["W1"], np.ndarray)
    # Too large, a bool, a property that raises, a module, the function's own arguments: none.

    def raises(v):
        return data.y

    assert referenced_globals(raises) == ()
    assert referenced_globals(np.sum) == () and referenced_globals(42) == ()


def test_an_answer_that_uses_notebook_variables_is_named_whatever_their_shape():
    namespace = {"np": np, "x_mean": 1.7, "x_std": 0.45, "z": np.linspace(-1.0, 1.0, 7)}
    exec(
        "def original_weights(v1, v0, mean, std):\n"
        "    return v1 / x_std, v0 - v1 * x_mean / x_std\n",
        namespace,
    )
    verdict = checks.EXERCISES["original_weights"].judge_function(namespace["original_weights"])
    assert "global:x_mean->mean,x_std->std" in verdict.mistake_ids, verdict.message
    assert "`x_mean` and `x_std`" in verdict.message

    exec(
        "def one_step(z_, y, v1, v0):\n"
        "    r = y - (v1 * z_ + v0)\n"
        "    return v1 + np.mean(r * z), v0 + np.mean(r)\n",
        namespace,
    )
    verdict = checks.EXERCISES["one_step"].judge_function(namespace["one_step"])
    assert verdict.kind != "passed"


def test_a_vector_result_names_a_global_array_of_another_size():
    judge = Judge(
        name="g",
        parameters=("x",),
        reference=lambda x: 2 * x,
        result=Vector(),
        failing_warnings=(),
    )
    calls = [(np.array([1.0, 2.0, 3.0]),), (np.array([4.0, 5.0]),)]
    stored = np.array([9.0, 8.0, 7.0, 6.0])
    outcomes = [
        Outcome("returned", value=2 * stored, referenced=(("stored", stored),)) for _ in calls
    ]
    verdict = Exercise("g", lambda seed: calls, judge, "ok").judgement(calls, outcomes)
    assert verdict.mistake_ids == ("global:stored->x",)
    assert "`stored` ([9, 8, 7, 6])" in verdict.message


@pytest.mark.parametrize("name", sorted(checks.EXERCISES))
def test_no_mistake_the_judge_tries_warns_in_the_notebook(name):
    """The judge computes every mistake it tries under ``np.errstate(all="ignore")`` and no
    warnings filter (the project allows none): a mistake whose computation warned through
    ``warnings.warn`` would print under the learner's check."""
    import warnings

    exercise = checks.EXERCISES[name]
    said = set()
    for seed in (0, 101):
        for mistake in exercise.judge.all_mistakes:
            for args in exercise.cases(seed):
                with (
                    np.errstate(all="ignore"),
                    warnings.catch_warnings(record=True) as caught,
                    contextlib.suppress(Exception),  # the judge gives such a mistake up
                ):
                    warnings.simplefilter("always")
                    mistake.wrong(*fresh_arguments(args))
                said |= {(mistake.id, str(warning.message)) for warning in caught}
    assert not said
