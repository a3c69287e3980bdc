"""The project around the package: the two README commands, CI, and matching dependency lists."""

import re
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
