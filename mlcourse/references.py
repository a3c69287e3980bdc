"""Which package functions an exercise's answer may not use, derived from the package's own code.

An exercise names the package's own answers to it (``Exercise.forbidden``: ``mlcourse.sse``);
those call other package functions, and calling those is the same borrowing (``mc.sse`` is
``kernels.sse_of_residual(y − ŷ)``). So the forbidden set is every package function the answers
reach, directly or through others (:func:`reached`), read from their source, except:

- the argument checks of :mod:`mlcourse.validation`, which compute nothing of an answer;
- what the functions the exercise invites reach (``Exercise.invites``: the training loop may call
  ``mc.sse``, and so the SSE's kernel is no borrowing there either).

A test calls every answer and traces what it runs, to check that nothing it reaches is missed.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import textwrap
import types
from collections.abc import Sequence

ROOT = "mlcourse"
EXEMPT_MODULES = ("mlcourse.validation",)
"""Modules whose functions are never forbidden: argument checks."""


def forbidden_functions(answers: Sequence[str], invites: Sequence[str] = ()) -> tuple[str, ...]:
    """``answers`` (paths such as ``"mlcourse.sse"``), then the path of every package function
    they reach, by its module and name (``"mlcourse.kernels.sse_of_residual"``), except those of
    ``EXEMPT_MODULES`` and those that ``invites`` are or reach; each function once."""
    allowed = {id(f) for f in _resolve(invites)} | {id(f) for f in reached(invites).values()}
    chosen: dict[int, str] = {}
    for path, function in zip(answers, _resolve(answers), strict=True):
        chosen.setdefault(id(function), path)
    for path, function in reached(answers).items():
        if id(function) not in allowed and not path.startswith(EXEMPT_MODULES):
            chosen.setdefault(id(function), path)
    return tuple(chosen.values())


def reached(paths: Sequence[str]) -> dict[str, types.FunctionType]:
    """Every package function that the functions at ``paths`` call or name, directly or through
    others, by path (the functions at ``paths`` themselves only when they reach themselves)."""
    found: dict[str, types.FunctionType] = {}
    pending = list(_resolve(paths))
    seen = {id(function) for function in pending}
    while pending:
        for function in _named_by(pending.pop()):
            if id(function) not in seen:
                seen.add(id(function))
                found[path_of(function)] = function
                pending.append(function)
    return found


def path_of(function: types.FunctionType) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def _resolve(paths: Sequence[str]) -> list[types.FunctionType]:
    functions = []
    for path in paths:
        module, _, name = path.rpartition(".")
        function = getattr(importlib.import_module(module), name, None)
        if not isinstance(function, types.FunctionType):
            raise ValueError(f"expected the path of a package function, got {path!r}")
        functions.append(function)
    return functions


@functools.cache
def _named_by(function: types.FunctionType) -> tuple[types.FunctionType, ...]:
    """The package functions ``function``'s source names (``kernels.sse_of_residual``, a helper
    of its own module), resolved in its module's namespace."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return ()
    names = function.__globals__
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name | ast.Attribute):
            target = _value(node, names)
            if isinstance(target, types.FunctionType) and target.__module__.startswith(ROOT):
                found.append(target)
    return tuple(dict.fromkeys(found))


def _value(node: ast.expr, names: dict) -> object:
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if isinstance(node, ast.Attribute):
        owner = _value(node.value, names)
        if isinstance(owner, types.ModuleType) and owner.__name__.startswith(ROOT):
            return getattr(owner, node.attr, None)
    return None
