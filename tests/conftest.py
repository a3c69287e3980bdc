import os
import subprocess
import sys
import warnings

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

import installs

from mlcourse import make_linear_data


@pytest.fixture
def data():
    """The lesson's data: 200 points around y = 3x with noise σ = 0.1."""
    return make_linear_data(n=200, slope=3.0, noise_std=0.1, seed=0)


@pytest.fixture
def strict():
    """Every warning, and every numpy floating-point event (even underflow), raises."""
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        yield


@pytest.fixture(scope="session")
def assigned_course(tmp_path_factory):
    """A course made by `mlcourse assign` from a PATH without any virtual environment on it
    (nbgrader creates the gradebook with the `alembic` command, found all the same)."""
    root = tmp_path_factory.mktemp("assigned") / "course"
    done = subprocess.run(
        [sys.executable, "-m", "mlcourse.cli", "assign", str(root)],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture(scope="session")
def install_area():
    """A folder outside the clone, readable by every user (the hub test's users too)."""
    folder = installs.shared_folder("mlcourse-install-")
    yield folder
    installs.remove_in_background(folder)


@pytest.fixture(scope="session")
def python_for_installs():
    return installs.shared_python()


@pytest.fixture(scope="session")
def distributions(install_area, python_for_installs):
    """(sdist, wheel) built from this clone, the wheel from the sdist."""
    return installs.build_distributions(install_area, python_for_installs)


@pytest.fixture(scope="session")
def instructor_install(install_area, python_for_installs, distributions):
    """A fresh virtual environment holding the wheel with the instructor extra."""
    _, wheel = distributions
    environment = installs.new_environment(install_area / "instructor", python_for_installs)
    installs.pip_install(environment, f"{wheel}[instructor]")
    return environment


@pytest.fixture(scope="session")
def learner_install(install_area, python_for_installs):
    """A fresh virtual environment holding `pip install .` of this clone, without extras."""
    source = installs.copy_of_clone(install_area / "learner-source")
    environment = installs.new_environment(install_area / "learner", python_for_installs)
    installs.pip_install(environment, source)
    return environment
