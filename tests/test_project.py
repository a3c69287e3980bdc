"""The project around the package: the two README commands, CI, and matching dependency lists."""

import ast
import importlib.metadata
import json
import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def requirement_name_and_spec(requirement):
    match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(.*?)\s*", requirement)
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def test_environment_yml_lists_what_pyproject_does():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    extras = project["optional-dependencies"]
    wanted = project["dependencies"] + extras["course"] + extras["instructor"] + extras["dev"]
    conda, pip = [], []
    for entry in environment["dependencies"]:
        (pip.extend(entry["pip"]) if isinstance(entry, dict) else conda.append(entry))
    listed = dict(requirement_name_and_spec(r) for r in conda)
    python = listed.pop("python")
    listed.pop("pip")
    assert listed == dict(requirement_name_and_spec(r) for r in wanted)
    assert python == project["requires-python"]
    assert pip == ["-e ."], "environment.yml must install the course package itself"
    assert "conda-forge" in environment["channels"]


def test_readme_first_screen_gives_the_two_commands():
    first_screen = (ROOT / "README.md").read_text().splitlines()[:20]
    text = "\n".join(first_screen)
    assert "make lab" in text and "make test" in text


def test_ci_runs_exactly_the_readme_test_command():
    commands = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith(("#", "set ", "cd "))
    ]
    assert commands[-1] == "make test"


def test_public_api_is_importable():
    import mlcourse

    for name in [
        "Dataset",
        "make_linear_data",
        "linear",
        "predict",
        "sse",
        "grad_w1",
        "grad_w0",
        "numerical_gradient",
        "train",
        "History",
        "least_squares",
        "critical_learning_rate",
        "DivergenceWarning",
    ]:
        assert name in mlcourse.__all__ and hasattr(mlcourse, name)
    assert issubclass(mlcourse.DivergenceWarning, RuntimeWarning)


def python_sources():
    """Every Python source of the project outside tests: (path, source), notebook cells joined.

    IPython magics (``%…``, ``!…``) are dropped from the notebooks so that the cells parse.
    """
    for folder in ("mlcourse", "benchmarks", "tools"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path, path.read_text()
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        notebook = json.loads(path.read_text())
        cells = (
            "".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"
        )
        lines = (
            line
            for cell in cells
            for line in cell.splitlines()
            if not line.lstrip().startswith(("%", "!"))
        )
        yield path, "\n".join(lines)


def private_imports(source, package="mlcourse"):
    """Names starting with "_" that ``source`` imports from ``package``, or reads off one of its
    modules (``from mlcourse import neuron; neuron._sse``)."""
    tree = ast.parse(source)
    found, modules = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == package:
                    found += [part for part in alias.name.split(".") if part.startswith("_")]
                    modules.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == package:
            found += [part for part in node.module.split(".") if part.startswith("_")]
            for alias in node.names:
                if alias.name.startswith("_"):
                    found.append(alias.name)
                else:
                    modules.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
            and node.attr.startswith("_")
            and not (node.attr.startswith("__") and node.attr.endswith("__"))
        ):
            found.append(f"{node.value.id}.{node.attr}")
    return found


def test_the_import_checker_sees_every_way_to_reach_a_private_name():
    assert private_imports("from mlcourse.neuron import _sse, sse") == ["_sse"]
    assert private_imports("from mlcourse import _validate") == ["_validate"]
    assert private_imports("import mlcourse._validate as v") == ["_validate"]
    assert private_imports("from mlcourse import neuron\nneuron._sse(1, 2)") == ["neuron._sse"]
    assert private_imports("import mlcourse as mc\nmc.__version__, mc.sse") == []
    assert private_imports("from numpy import _core") == []


def test_no_module_imports_a_private_name_from_another():
    offenders = {
        str(path.relative_to(ROOT)): names
        for path, source in python_sources()
        if (names := private_imports(source))
    }
    assert offenders == {}


def warnings_filters(source):
    """Calls that would hide a DivergenceWarning, which ``train(..., warn=False)`` exists to switch
    off openly: a filter without a category or with one that covers it, a recording
    ``catch_warnings``, ``resetwarnings``. A filter for one unrelated category (the fork of a
    threaded process warns with a DeprecationWarning on Python 3.12+) is not such a call."""
    covering = {None, "DivergenceWarning", "RuntimeWarning", "Warning"}
    calls = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        keywords = {keyword.arg: keyword.value for keyword in node.keywords}
        if name in ("simplefilter", "filterwarnings"):
            category = keywords.get("category", node.args[1] if len(node.args) > 1 else None)
            if getattr(category, "attr", getattr(category, "id", None)) in covering:
                calls.append(name)
        elif (name == "catch_warnings" and "record" in keywords) or name == "resetwarnings":
            calls.append(name)
    return calls


def test_no_code_outside_the_tests_filters_warnings():
    assert warnings_filters("import warnings\nwarnings.simplefilter('ignore')") == ["simplefilter"]
    assert warnings_filters("warnings.filterwarnings('ignore', category=DivergenceWarning)")
    assert warnings_filters("with warnings.catch_warnings(record=True): pass")
    assert not warnings_filters("warnings.simplefilter('ignore', DeprecationWarning)")
    offenders = {
        str(path.relative_to(ROOT)): calls
        for path, source in python_sources()
        if (calls := warnings_filters(source))
    }
    assert offenders == {}


def test_version_is_written_once_and_read_from_the_installed_metadata():
    import mlcourse

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert mlcourse.__version__ == importlib.metadata.version("mlcourse") == project["version"]
    assert project["version"] not in (ROOT / "mlcourse" / "__init__.py").read_text()


def readme_block(heading):
    """The first ```bash block after ``heading`` in the README, continuation lines joined."""
    text = (ROOT / "README.md").read_text()
    after = text[text.index(heading) :]
    block = after[after.index("```bash\n") + len("```bash\n") :]
    block = block[: block.index("```")]
    return block.replace("\\\n", " ").splitlines()


def test_the_readme_term_walkthrough_is_what_the_command_accepts():
    """Every `mlcourse` line of the instructor's term parses as the command line it claims (its
    run, step by step, is tests/test_term.py)."""
    from mlcourse import cli

    commands = [
        shlex.split(line.split("#")[0])
        for line in readme_block("### A term, step by step")
        if line.startswith("mlcourse ")
    ]
    assert {args[1] for args in commands} == {"assign", "extend", "grade", "report", "export"}
    for args in commands:
        cli.parser().parse_args(args[1:])  # a usage error exits


def test_activating_the_environment_puts_mlcourse_on_the_path():
    """The README's `. .venv/bin/activate`: in the environment running these tests, `mlcourse`
    is then found and runs."""
    activate = Path(sys.prefix) / "bin" / "activate"
    assert activate.is_file(), "the tests run in a virtual environment, as make setup makes"
    env = {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}
    env["PATH"] = "/usr/bin:/bin"
    run = subprocess.run(
        ["bash", "-c", f". {shlex.quote(str(activate))} && mlcourse --version"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("mlcourse ")
