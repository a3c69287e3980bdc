"""Reading a submission's code without running it, in the grader's own process.

Two questions: does an exercise's answer refer to the package's own answer to that exercise
(:func:`borrowed`: ``mc.sse``, ``from mlcourse import sse as s``, ``getattr(mc, "sse")``, a
helper defined in another cell that does so, …), and does the code reach for things no lesson
needs, which the instructor may want to look at (:func:`flags`: ``ctypes``, ``gc``,
``sys.modules``, writes to file descriptors, rebinding a module's functions, …).

Names are followed through imports and plain assignments (``m = mc``, ``s = mc.sse``), string
literals through ``+``; anything computed at run time (``eval``, strings built in a loop) is out of
reach. That is why the sandbox also trips a wire when the answer calls a forbidden function, and
why the README says what a determined student could still do.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

ROOT = "mlcourse"
FLAGGED_MODULES = (
    "ctypes",
    "gc",
    "importlib",
    "mmap",
    "multiprocessing",
    "pty",
    "resource",
    "signal",
    "socket",
    "subprocess",
    "mlcourse.feedback",
    "mlcourse.instructor",
    "mlcourse.plain",
)
FLAGGED_NAMES = (
    "sys.modules",
    "sys._getframe",
    "sys.settrace",
    "sys.setprofile",
    "os._exit",
    "os.kill",
    "os.killpg",
    "os.fork",
    "os.setsid",
    "os.system",
    "os.write",
    "os.dup",
    "os.dup2",
    "os.fdopen",
    "os.open",
    "os.pipe",
    "builtins",
    "__import__",
    "__builtins__",
)
FLAGGED_ATTRIBUTES = frozenset(
    {"__code__", "__globals__", "__closure__", "__subclasses__", "f_back", "f_globals"}
)
FLAGGED_TEXT = ("/proc/", "/dev/fd", "gradebook", "source/", "submitted/")


@dataclass(frozen=True)
class Review:
    """What reading a submission's code found: per exercise, the forbidden functions its answer
    refers to; the flags for the instructor; and what could not be read (by exercise, or
    ``"flags"``), with why."""

    borrowed: dict[str, list[str]]
    flags: list[str]
    unreadable: dict[str, str]


def review(
    cells: Sequence[tuple[int, str]], answers: dict[str, tuple[int, Sequence[str]]]
) -> Review:
    """Read the code cells ``cells`` ((cell number, Python source), in the order they run) for
    every exercise of ``answers`` (name → (position of its answer cell in ``cells``, the
    functions it forbids)), and for flags. Code too deeply nested to read is reported, not
    raised; the grader runs this in a budgeted worker (:func:`limits.run_stage`)."""
    codes = [code for _, code in cells]
    found, unreadable = {}, {}
    for name, (position, forbidden) in answers.items():
        try:
            found[name] = borrowed(codes, position, forbidden)
        except RecursionError:
            unreadable[name] = "nested too deeply"
    try:
        flagged = flags(cells)
    except RecursionError:
        flagged, unreadable["flags"] = [], "nested too deeply"
    return Review(found, flagged, unreadable)


def borrowed(cells: Sequence[str], answer: int, forbidden: Sequence[str]) -> list[str]:
    """The functions of ``forbidden`` (paths such as ``"mlcourse.sse"``) that the code of cell
    ``answer`` refers to, directly or through helpers the earlier cells define.

    ``cells`` are the Python sources of the code cells in the order they run (IPython syntax
    already turned into Python); ``answer`` indexes the exercise's answer cell among them.
    """
    targets = {id(obj): name for name in forbidden if (obj := lookup(name)) is not None}
    if not targets:
        return []
    reader = _Reader()
    for index, source in enumerate(cells[: answer + 1]):
        tree = _parse(source)
        if tree is None:
            continue
        if index < answer:
            reader.bind_all(tree.body)
            continue
        found: set[str] = set()
        seen: set[int] = set()
        for statement in tree.body:
            _search(statement, reader, targets, found, seen)
            reader.bind(statement)
        for node in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.Lambda)]:
            _search_function(node, reader, targets, found, seen)
        return sorted(found)
    return []


def _search(
    node: ast.AST, reader: _Reader, targets: dict[int, str], found: set[str], seen: set[int]
) -> None:
    """Record every reference under ``node`` (outside function bodies) to a target, and follow
    the helpers it names into their bodies."""
    for child in _walk_outside_functions(node):
        if not isinstance(child, ast.expr):
            continue
        path = reader.resolve(child)
        if path is None:
            continue
        obj = lookup(path)
        if obj is not None and id(obj) in targets:
            found.add(targets[id(obj)])
        helper = reader.functions.get(path)
        if helper is not None and id(helper) not in seen:
            _search_function(helper, reader, targets, found, seen)


def _search_function(
    function: ast.FunctionDef | ast.Lambda,
    reader: _Reader,
    targets: dict[int, str],
    found: set[str],
    seen: set[int],
) -> None:
    if id(function) in seen:
        return
    seen.add(id(function))
    local = reader.child(function)
    body = function.body if isinstance(function, ast.FunctionDef) else [function.body]
    for statement in body:
        _search(statement, local, targets, found, seen)
        if isinstance(statement, ast.stmt):
            local.bind(statement)


def _walk_outside_functions(node: ast.AST) -> Iterable[ast.AST]:
    """``node`` and what under it runs when it runs: a function's body runs only when called,
    its decorators and default values right away."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
        arguments = node.args
        for child in [
            *getattr(node, "decorator_list", []),
            *arguments.defaults,
            *[d for d in arguments.kw_defaults if d is not None],
        ]:
            yield from _walk_outside_functions(child)
        return
    yield node
    for child in ast.iter_child_nodes(node):
        yield from _walk_outside_functions(child)


def flags(cells: Sequence[tuple[int, str]]) -> list[str]:
    """What the code reaches for that no lesson needs, one short line each ("cell 7 imports
    ctypes"), for the instructor's attention; ``cells`` are (cell number, Python source)."""
    notes: list[str] = []
    reader = _Reader()
    for number, source in cells:
        tree = _parse(source)
        for statement in tree.body if tree is not None else []:
            for node in ast.walk(statement):
                notes += [f"cell {number} {what}" for what in _flag(node, reader)]
            reader.bind(statement)
    return list(dict.fromkeys(notes))


def _flag(node: ast.AST, reader: _Reader) -> list[str]:
    found = []
    if isinstance(node, ast.Import | ast.ImportFrom):
        names = (
            [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""] + [f"{node.module}.{alias.name}" for alias in node.names]
        )
        for name in names:
            hits = [m for m in FLAGGED_MODULES if name == m or name.startswith(m + ".")]
            found += [f"imports {name}" for _ in hits[:1]]
        reader.bind(node)
    elif isinstance(node, ast.Attribute | ast.Name):
        path = reader.resolve(node)
        if path in FLAGGED_NAMES or (isinstance(node, ast.Name) and node.id in FLAGGED_NAMES):
            found.append(f"uses {path or node.id}")
        if isinstance(node, ast.Attribute) and node.attr in FLAGGED_ATTRIBUTES:
            found.append(f"uses {node.attr}")
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store | ast.Del):
            owner = reader.resolve(node.value)
            if owner is not None and reader.is_module(owner):
                found.append(f"rebinds {owner}.{node.attr}")
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        if node.func.id in ("setattr", "delattr") and node.args:
            owner = reader.resolve(node.args[0])
            if owner is not None and reader.is_module(owner):
                found.append(f"rebinds an attribute of {owner} with {node.func.id}")
    elif isinstance(node, ast.Constant) and isinstance(node.value, str):
        found += [f"mentions {text!r}" for text in FLAGGED_TEXT if text in node.value][:1]
    return found


class _Reader:
    """Names known to stand for modules or their attributes (``mc`` → ``"mlcourse"``), and the
    functions the cells define, as far as a plain reading can tell."""

    def __init__(self) -> None:
        self.aliases: dict[str, str] = {}
        self.modules: set[str] = set()
        self.functions: dict[str, ast.FunctionDef | ast.Lambda] = {}

    def child(self, function: ast.FunctionDef | ast.Lambda) -> _Reader:
        """The reader inside ``function``: its parameters hide outer names."""
        local = _Reader()
        local.aliases, local.modules = dict(self.aliases), set(self.modules)
        local.functions = dict(self.functions)
        arguments = function.args
        for argument in [
            *arguments.posonlyargs,
            *arguments.args,
            *arguments.kwonlyargs,
            arguments.vararg,
            arguments.kwarg,
        ]:
            if argument is not None:
                local._forget(argument.arg)
        return local

    def is_module(self, path: str) -> bool:
        return path in self.modules or isinstance(lookup(path), ModuleType)

    def bind_all(self, statements: Iterable[ast.stmt]) -> None:
        for statement in statements:
            self.bind(statement)

    def bind(self, statement: ast.stmt) -> None:
        """Update the names after ``statement`` has run."""
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                if alias.asname:
                    self._alias(alias.asname, alias.name, module=True)
                else:
                    top = alias.name.split(".")[0]
                    self._alias(top, top, module=True)
                    self.modules.add(alias.name)
        elif isinstance(statement, ast.ImportFrom):
            if statement.level or not statement.module:
                for alias in statement.names:
                    self._forget(alias.asname or alias.name)
                return
            for alias in statement.names:
                if alias.name == "*":
                    for name in _public_names(statement.module):
                        self._alias(name, f"{statement.module}.{name}")
                else:
                    self._alias(alias.asname or alias.name, f"{statement.module}.{alias.name}")
        elif isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            self._forget(statement.name)
            if isinstance(statement, ast.FunctionDef):
                self.functions[statement.name] = statement
        elif isinstance(statement, ast.Assign | ast.AnnAssign):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            value = statement.value
            for target in targets:
                if isinstance(target, ast.Name) and value is not None:
                    path = self.resolve(value)
                    if path is not None:
                        self._alias(target.id, path)
                    else:
                        self._forget(target.id)
                    if isinstance(value, ast.Lambda):
                        self.functions[target.id] = value
                else:
                    self._forget_targets(target)
        else:
            for node in ast.walk(statement):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    self._forget(node.id)
                elif isinstance(node, ast.alias):
                    self._forget(node.asname or node.name.split(".")[0])
                elif isinstance(node, ast.FunctionDef | ast.ClassDef):
                    self._forget(node.name)

    def _alias(self, name: str, path: str, module: bool = False) -> None:
        self._forget(name)
        self.aliases[name] = path
        if module:
            self.modules.add(path)

    def _forget(self, name: str) -> None:
        self.aliases.pop(name, None)
        self.functions.pop(name, None)

    def _forget_targets(self, target: ast.AST) -> None:
        for node in ast.walk(target):
            if isinstance(node, ast.Name):
                self._forget(node.id)

    def resolve(self, node: ast.AST) -> str | None:
        """The dotted path ``node`` stands for (``mc.neuron.sse`` → ``"mlcourse.neuron.sse"``),
        or None when it cannot be told without running the code."""
        if isinstance(node, ast.Name):
            if node.id in self.functions:
                return node.id
            return self.aliases.get(node.id)
        if isinstance(node, ast.Attribute):
            if node.attr == "__dict__":
                return None
            owner = self.resolve(node.value)
            return None if owner is None else f"{owner}.{node.attr}"
        if isinstance(node, ast.Call):
            return self._resolve_call(node)
        if isinstance(node, ast.Subscript):
            return self._resolve_subscript(node)
        return None

    def _resolve_call(self, node: ast.Call) -> str | None:
        function = node.func
        name = function.id if isinstance(function, ast.Name) else None
        if name == "getattr" and len(node.args) >= 2:
            owner, attribute = self.resolve(node.args[0]), literal(node.args[1])
            return None if owner is None or attribute is None else f"{owner}.{attribute}"
        if name == "__import__" and node.args:
            module = literal(node.args[0])
            if module is None:
                return None
            from_list = len(node.args) >= 4 or any(k.arg == "fromlist" for k in node.keywords)
            return module if from_list else module.split(".")[0]
        if self.resolve(function) == "importlib.import_module" and node.args:
            return literal(node.args[0])
        return None

    def _resolve_subscript(self, node: ast.Subscript) -> str | None:
        key = literal(node.slice)
        if key is None:
            return None
        container = node.value
        if self.resolve(container) == "sys.modules":
            return key
        if isinstance(container, ast.Call) and isinstance(container.func, ast.Name):
            if container.func.id == "vars" and container.args:
                owner = self.resolve(container.args[0])
                return None if owner is None else f"{owner}.{key}"
            if container.func.id == "globals":
                return self.resolve(ast.Name(key, ast.Load()))
        if isinstance(container, ast.Attribute) and container.attr == "__dict__":
            owner = self.resolve(container.value)
            return None if owner is None else f"{owner}.{key}"
        return None


def literal(node: ast.AST) -> str | None:
    """The string ``node`` always evaluates to (a literal, or literals joined with ``+``)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = literal(node.left), literal(node.right)
        return None if left is None or right is None else left + right
    if isinstance(node, ast.JoinedStr) and all(isinstance(v, ast.Constant) for v in node.values):
        return "".join(str(v.value) for v in node.values)
    return None


def lookup(path: str) -> Any:
    """The object of this package that ``path`` names (``"mlcourse.neuron.sse"``), or None.

    Only paths inside the package are looked up: reading student code imports nothing else."""
    parts = path.split(".")
    if parts[0] != ROOT:
        return None
    obj: Any = importlib.import_module(ROOT)
    for part in parts[1:]:
        if isinstance(obj, ModuleType) and not hasattr(obj, part):
            name = f"{obj.__name__}.{part}"
            try:
                if importlib.util.find_spec(name) is None:
                    return None
                obj = importlib.import_module(name)
            except (ImportError, ValueError):
                return None
            continue
        try:
            obj = getattr(obj, part)
        except Exception:  # attributes of our own objects: any failure means "not found"
            return None
    return obj


def _public_names(module: str) -> list[str]:
    found = lookup(module)
    if not isinstance(found, ModuleType):
        return []
    return list(getattr(found, "__all__", [n for n in dir(found) if not n.startswith("_")]))


def _parse(source: str) -> ast.Module | None:
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
