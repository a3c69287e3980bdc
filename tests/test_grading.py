"""The instructor workflow end to end: assign, then one `mlcourse grade` of a class where honest
students sit beside every kind of hostile submission, in the bubblewrap sandbox; then a smaller
class graded without bubblewrap.

Each student hands in lesson 3 (two exercises, `grad_w1` and `grad_w0`, each 1 visible point and 2
hidden points) changed in one way; CLASS says what each must score, or the start of why it is not
graded, and what the report must say about it.
"""

import csv
import hashlib
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import browser_pages
import jupyter_browser as jb
import nbformat
import pages_html
import pytest
from browser_pages import require_browser
from nbgrader.api import Gradebook
from nbgrader.preprocessors import ClearHiddenTests, ClearSolutions

from mlcourse import check_view, checks
from mlcourse.checks import ExerciseFailed
from mlcourse.instructor import config, course, grading, markers, redact, tagging

LESSON = "03_gradients"
DUE = datetime(2026, 12, 1, 12, 0)
NOTEBOOKS = sorted(course.LESSONS.glob("[0-9]*.ipynb"))
GRAD_W1_CELL = 2 + next(
    index
    for index, cell in enumerate(nbformat.read(course.LESSONS / f"{LESSON}.ipynb", 4).cells)
    if cell.metadata.get("nbgrader", {}).get("grade_id") == "grad_w1-answer"
)
"""The number the report gives the grad_w1 answer cell (counted from 1, as Jupyter shows, in the
release, whose first cell says the due date)."""
SEED = 20261201
"""The run seed of the sandboxed grading (the fallback run uses another)."""
OTHER_SEED = 7
GRADER_OUTPUTS = (
    "autograded",
    "feedback",
    "mlcourse-grades.csv",
    "gradebook.db",
    "records",
    "course.json",
)


def mlcourse_command(*args, env=None, timeout=600):
    return subprocess.run(
        [sys.executable, "-m", "mlcourse.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


@pytest.fixture(scope="module")
def assigned(tmp_path_factory):
    """A course with every lesson released and nothing submitted: copy it, do not change it."""
    root = tmp_path_factory.mktemp("assigned") / "course"
    run = mlcourse_command("assign", str(root), "--due", DUE.isoformat(sep=" "))
    assert run.returncode == 0, run.stderr
    return root


def fresh_course(assigned, tmp_path_factory, name):
    root = tmp_path_factory.mktemp(name) / "course"
    shutil.copytree(assigned, root)
    return root


def release_of(root, lesson):
    return nbformat.read(root / "release" / lesson / f"{lesson}.ipynb", as_version=4)


def release(root):
    return release_of(root, LESSON)


def cell_index(notebook, grade_id):
    return next(
        i
        for i, cell in enumerate(notebook.cells)
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id
    )


def solution_code(name):
    source = nbformat.read(course.LESSONS / f"{LESSON}.ipynb", as_version=4)
    tagging.tag(source)
    answer = source.cells[cell_index(source, tagging.answer_id(name))].source
    return markers.without_markers(answer, markers.SOLUTION)


def answer(notebook, name, code):
    notebook.cells[cell_index(notebook, tagging.answer_id(name))].source = code


def correct(notebook, root=None):
    for name in ("grad_w1", "grad_w0"):
        answer(notebook, name, solution_code(name))


def with_answer(code, name="grad_w1"):
    """Both answers right, except ``name``'s, which is ``code`` (``{course}`` is the course)."""

    def edit(notebook, root):
        correct(notebook)
        answer(notebook, name, code.replace("{course}", str(root)))

    return edit


def stubs_and(code):
    """Both answers left as stubs returning None, and ``code`` in the first answer cell."""

    def edit(notebook, root):
        answer(notebook, "grad_w1", code.replace("{course}", str(root)))
        answer(notebook, "grad_w0", "def grad_w0(y, y_hat):\n    return None")

    return edit


def remembered(seeds):
    """grad_w1 answering from memory the cases of ``seeds``, and nothing else."""
    exercise = checks.EXERCISES["grad_w1"]
    table = {
        round(float(y[0]), 12): -float(((y - y_hat) * x).sum())
        for seed in seeds
        for y, y_hat, x in exercise.cases(seed)
    }
    return with_answer(f"def grad_w1(y, y_hat, x):\n    return {table!r}[round(float(y[0]), 12)]")


def hidden_seeds(seed):
    return grading.hidden_seeds(seed, LESSON, "grad_w1", avoid=0)


def delete_check(notebook, root):
    correct(notebook)
    del notebook.cells[cell_index(notebook, "grad_w0-check")]


def reorder(notebook, root):
    correct(notebook)
    i = cell_index(notebook, "grad_w1-answer")
    notebook.cells[i], notebook.cells[i + 1] = notebook.cells[i + 1], notebook.cells[i]


def strip_metadata(notebook, root):
    correct(notebook)
    for cell in notebook.cells:
        cell.metadata = {}


def quietly_user(notebook, root):
    """A student's own code that shares lines with the hidden tests is not a leak."""
    correct(notebook)
    i = cell_index(notebook, "grad_w1-answer")
    notebook.cells[i].source += (
        "\n\n\n# BEGIN HIDDEN TESTS? my own checks, on other data:"
        "\nwith checks.quietly():\n    checks.check_grad_w1(grad_w1, seed=5)"
    )


def claims_grade_cell(notebook, root):
    """A cell that says it is a graded cell worth 100 points: never run, never counted."""
    correct(notebook)
    fake = nbformat.v4.new_code_cell("raise SystemExit('graded cells stop here')")
    fake.metadata["nbgrader"] = {
        "grade": True,
        "solution": False,
        "locked": True,
        "grade_id": "bonus",
        "points": 100,
        "schema_version": 3,
    }
    notebook.cells.insert(cell_index(notebook, "grad_w1-answer"), fake)


PAYLOAD = "alert('pwned')"


def html_script(notebook, root):
    """Active content in every place a notebook can carry it."""
    correct(notebook)
    i = cell_index(notebook, "grad_w1-answer")
    notebook.cells[i].source += (
        "\n\nfrom IPython.display import HTML, display\n"
        f'display(HTML("<script>{PAYLOAD}</script>"))'
    )
    notebook.cells[i].outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "text/html": f'<script>{PAYLOAD}</script><img src=x onerror="{PAYLOAD}">',
                "image/svg+xml": f'<svg onload="{PAYLOAD}"><script>{PAYLOAD}</script></svg>',
                "application/javascript": PAYLOAD,
                "text/plain": "<HTML>",
            },
        )
    ]
    notebook.cells.insert(
        i,
        nbformat.v4.new_markdown_cell(
            f"<script>{PAYLOAD}</script> [click](javascript:{PAYLOAD}) "
            f'<img src=x onerror="{PAYLOAD}"> <a href="javascript:{PAYLOAD}">me</a>'
        ),
    )
    notebook.cells.insert(i, nbformat.v4.new_raw_cell(f"<script>{PAYLOAD}</script>"))
    notebook.cells[i].metadata["format"] = "text/html"


def forged_events(notebook, root):
    """A wrong grad_w1 whose cell writes, on every file descriptor, the messages the runner
    would send for a right one: the visible cases' correct results, all nine of them."""
    exercise = checks.EXERCISES["grad_w1"]
    values = [-float(((y - yh) * x).sum()) for y, yh, x in exercise.cases(0)]
    correct(notebook)
    cell = cell_index(notebook, "grad_w1-answer") + 1
    outcome = {"kind": "returned", "error": "", "where": "", "changed": [], "output": ""}
    lines = [
        {"event": "end", "cell": cell, "error": ""},
        {"event": "ready", "exercise": "grad_w1", "defined": True},
        *[{**outcome, "value": {"t": "float", "v": repr(v)}, "seconds": 0.0} for v in values],
    ]
    text = "".join(json.dumps(line) + "\n" for line in lines)
    answer(
        notebook,
        "grad_w1",
        f"import os\nfor fd in range(3, 64):\n    try:\n        os.write(fd, {text.encode()!r})\n"
        f"    except OSError:\n        pass\n\n\ndef grad_w1(y, y_hat, x):\n    return 0.0",
    )


ON_TIME, LATE = "2026-11-30 10:00:00.000000 UTC", "2026-12-03 10:00:00.000000 UTC"
SURROGATE = "a notebook with a lone surrogate"
"""Stands for the release answered correctly, a lone surrogate (JSON "\\ud800") in a comment."""
MARKDOWN_BOMB_MARK = "misnested-tags-follow"
FORGED_LINE_ID = "mallory\nalice" + " " * 16 + LESSON
"""A student id whose second line, printed, would read like alice's grade."""
FORMULA_ID = "=1+2"
GRADER_SECRET = "hub-api-token-4f9c2e"
"""In the grader's environment: a hub puts API tokens there."""
SPARSE_SIZE = 64 * 1024**3
NESTED_MINUS = "def grad_w1(y, y_hat, x):\n    return " + "-" * 1001 + "np.sum((y - y_hat) * x)"
"""A right answer that reading its code (ast, recursively) cannot follow."""
STUB_GRAD_W1 = "def grad_w1(y, y_hat, x):\n    return None\n\n"
RIGHT_UNLESS = "def grad_w1(y, y_hat, x):\n    return -np.sum((y - y_hat) * x) if {ok} else 0.0"
# student: (edit of the release or raw text, timestamp.txt, expected score or the start of the
# error, a fragment every note list must contain ("" for none: no note at all))
CLASS = {
    "correct": (correct, ON_TIME, 6, ""),
    "late": (correct, LATE, 6, ""),
    "aaa_victim": (correct, None, 6, ""),
    "zzz_victim": (correct, None, 6, ""),
    "quietly_user": (quietly_user, None, 6, ""),
    "reordered": (reorder, None, 6, ""),  # scores come from the function, not the cell order
    "deleted_check": (delete_check, None, 6, ""),
    "claims_grade_cell": (claims_grade_cell, None, 6, ""),
    # Using the package's other pieces stays fine: grad_w0 is grad_w1 with x0 = 1.
    "other_reference": (
        with_answer(
            "def grad_w0(y, y_hat):\n    return mc.grad_w1(y, y_hat, np.ones_like(y))", "grad_w0"
        ),
        None,
        6,
        "",
    ),
    "untouched": (None, ON_TIME, 0, ""),
    "hard_coded": (remembered([0]), None, 1 + 3, ""),  # the visible point only, for grad_w1
    "remembers_this_run": (remembered([0, *hidden_seeds(SEED)]), None, 6, ""),
    "wrong_sign": (
        with_answer("def grad_w1(y, y_hat, x):\n    return np.sum((y - y_hat) * x)"),
        None,
        3,
        "",
    ),
    "raises": (with_answer("def grad_w1(y, y_hat, x):\n    return 1 / 0"), None, 3, ""),
    "facts_only": (
        with_answer("def grad_w1(y, y_hat, x):\n    return -np.sum((y - y_hat) * x) + 1.0"),
        None,
        3,
        "",
    ),
    "loops_in_function": (
        with_answer("def grad_w1(y, y_hat, x):\n    while True:\n        pass"),
        None,
        3,
        "",
    ),
    "loops_in_cell": (
        with_answer("while True:\n    pass"),
        None,
        3,
        "did not finish within 10 s during exercise 3.1 (`grad_w1`)",
    ),
    "swallows_interrupts": (
        with_answer("while True:\n    try:\n        pass\n    except BaseException:\n        pass"),
        None,
        3,
        "did not finish within 10 s",
    ),
    "stripped_metadata": (strip_metadata, None, "03_gradients.ipynb has lost its nbgrader", ""),
    "bad_timestamp": (correct, "last tuesday", "timestamp.txt does not hold a date", ""),
    "not_json": ("{ this is not json", None, "03_gradients.ipynb is not a valid notebook", ""),
    "symlink": (None, None, "03_gradients.ipynb is a symbolic link", ""),
    # Hostile: nothing the code does in its own process can change a comparison.
    "patched_checks": (
        stubs_and(
            STUB_GRAD_W1 + "import numpy\nfrom mlcourse import feedback\n"
            "for name in dir(checks):\n    if name.startswith('check_'):\n"
            "        setattr(checks, name, lambda *a, **k: None)\n"
            "feedback.close = lambda *a, **k: True\nnumpy.allclose = lambda *a, **k: True\n"
            "feedback.Exercise.verdict = lambda *a, **k: None"
        ),
        None,
        0,
        f"cell {GRAD_W1_CELL} rebinds an attribute of mlcourse.checks with setattr",
    ),
    "silenced_tracebacks": (
        stubs_and(
            STUB_GRAD_W1 + "import sys\nip = get_ipython()\n"
            "ip.showtraceback = lambda *a, **k: None\nip._showtraceback = ip.showtraceback\n"
            "sys.excepthook = lambda *a: None"
        ),
        None,
        0,
        "rebinds sys.excepthook",
    ),
    "always_equal": (
        with_answer(
            "class Anything:\n    __eq__ = lambda self, other: True\n"
            "    __array__ = lambda self, *a, **k: (_ for _ in ()).throw(TypeError())\n\n\n"
            "def grad_w1(y, y_hat, x):\n    return Anything()"
        ),
        None,
        3,
        "",
    ),
    "float_subclass": (
        with_answer(
            "class Close(float):\n    __eq__ = lambda self, other: True\n"
            "    __sub__ = lambda self, other: 0.0\n    __abs__ = lambda self: 0.0\n\n\n"
            "def grad_w1(y, y_hat, x):\n    return Close(0.0)"
        ),
        None,
        3,
        "",
    ),
    "borrowed": (
        with_answer(
            "from mlcourse import grad_w1 as g\n\n\n"
            "def grad_w1(y, y_hat, x):\n    return g(y, y_hat, x)"
        ),
        None,
        3,
        "the answer uses mlcourse.grad_w1",
    ),
    # Built at run time: only the sandbox's tripwire sees it.
    "borrowed_at_run_time": (
        with_answer(
            "def grad_w1(y, y_hat, x):\n"
            "    return getattr(mc, ''.join(['grad', '_w', str(1)]))(y, y_hat, x)"
        ),
        None,
        3,
        "the answer uses mlcourse.grad_w1",
    ),
    "reads_source": (
        with_answer(
            "import glob\nsecrets = []\n"
            "for path in ['{course}/source/03_gradients/03_gradients.ipynb',\n"
            "             '{course}/gradebook.db',\n"
            "             '{course}/release/03_gradients/03_gradients.ipynb',\n"
            "             '" + str(course.LESSONS / f"{LESSON}.ipynb") + "']:\n"
            "    try:\n        secrets.append(open(path, 'rb').read())\n"
            "    except OSError:\n        pass\n"
            "secrets += glob.glob('{course}/*') + glob.glob('{course}/submitted/*')\n"
            "print(secrets)\n" + RIGHT_UNLESS.format(ok="not secrets")
        ),
        None,
        6,
        "flagged for review",
    ),
    "deletes_others": (
        stubs_and(
            STUB_GRAD_W1 + "import shutil\n"
            "for victim in ['aaa_victim', 'zzz_victim']:\n"
            "    shutil.rmtree('{course}/submitted/' + victim, ignore_errors=True)"
        ),
        None,
        0,
        "flagged for review",
    ),
    "overwrites_outputs": (
        stubs_and(
            STUB_GRAD_W1 + "for path in ['{course}/mlcourse-grades.csv', '{course}/gradebook.db',\n"
            "             '{course}/gradebook.grading.db', '{course}/nbgrader_config.py']:\n"
            "    try:\n        open(path, 'w').write('all 30/30')\n"
            "    except OSError:\n        pass"
        ),
        None,
        0,
        "flagged for review",
    ),
    "exits_in_last_answer": (
        with_answer("import os\nos._exit(0)", "grad_w0"),
        None,
        3,
        "the code stopped the Python process (exit code 0) during exercise 3.2 (`grad_w0`)",
    ),
    "segfault": (
        with_answer("import ctypes\nctypes.string_at(0)"),
        None,
        3,
        "(killed by SIGSEGV) during exercise 3.1 (`grad_w1`)",
    ),
    # 8 GiB, refused past the sandbox's 4 GiB: if it were not, grad_w1 would be wrong (the pages
    # are never touched, so a failing limit costs no memory).
    "memory_hog": (
        with_answer(
            "try:\n    hog = [np.empty(2**27) for _ in range(8)]\n    ok = False\n"
            "except MemoryError:\n    ok = True\nhog = None\n\n\n" + RIGHT_UNLESS.format(ok="ok")
        ),
        None,
        6,
        "",
    ),
    "output_flood": (
        with_answer(
            "print('x' * 100_000_000)\n\n\ndef grad_w1(y, y_hat, x):\n"
            "    print('spam' * 1_000_000)\n    return -np.sum((y - y_hat) * x)"
        ),
        None,
        6,
        "",
    ),
    "html_script": (html_script, None, 6, ""),
    "forged_events": (forged_events, None, 3, "wrote to the grader's private channel"),
    # What the sandbox can read must not reach a page: the grader's environment (bubblewrap's
    # own pid 1 keeps the one it was started with) and the hidden inputs.
    "reads_environ": (
        with_answer(
            "import os\n\n\ndef grad_w1(y, y_hat, x):\n"
            "    seen = open('/proc/1/environ', 'rb').read().decode(errors='replace')\n"
            "    raise ValueError(seen.replace('\\0', ' ') + str(dict(os.environ)))"
        ),
        None,
        3,
        f"flagged for review: cell {GRAD_W1_CELL} mentions '/proc/'",
    ),
    "reads_hidden_inputs": (
        with_answer(
            "import sys\nfrom mlcourse import plain\n\n\ndef grad_w1(y, y_hat, x):\n"
            "    frame, found = sys._getframe(), []\n"
            "    while frame is not None:\n"
            "        request = frame.f_locals.get('request')\n"
            "        if isinstance(request, dict) and 'batches' in request:\n"
            "            for batch in request['batches'][1:]:\n"
            "                for args in plain.decode(batch['calls']):\n"
            "                    found += [repr(float(v)) for v in args[0][:2]]\n"
            "        frame = frame.f_back\n"
            "    raise ValueError(' '.join(found[:4]) or 'nothing found')"
        ),
        None,
        3,
        "flagged for review",
    ),
    # grad_w1 is right and writes down what it is called with; grad_w0 quotes it.
    "stashes_hidden_inputs": (
        lambda notebook, root: (
            correct(notebook),
            answer(
                notebook,
                "grad_w1",
                "def grad_w1(y, y_hat, x):\n    with open('/tmp/seen', 'a') as seen:\n"
                "        seen.write(' '.join(repr(float(v)) for v in y[:2]) + ' ')\n"
                "    return -np.sum((y - y_hat) * x)",
            ),
            answer(
                notebook,
                "grad_w0",
                "def grad_w0(y, y_hat):\n    seen = open('/tmp/seen').read().split()\n"
                "    raise ValueError(' '.join(seen[-8:]))",
            ),
        ),
        None,
        3,
        "",
    ),
    "long_exception": (
        with_answer(
            "def grad_w1(y, y_hat, x):\n"
            "    raise ValueError('\\x1b[31mred \\u202ereversed\\nsecond line ' + 'A' * 9000)"
        ),
        None,
        3,
        "",
    ),
    # A line of the hidden tests that the student did not write, built at run time: the
    # passage that would show it is withheld, the scores are kept.
    "shows_a_hidden_line": (
        with_answer(
            "def grad_w1(y, y_hat, x):\n    raise ValueError('for seed in (' + '101, 202, 303):')"
        ),
        None,
        3,
        "withheld",
    ),
    # mlcourse.kernels holds the formulas behind the package's own answers.
    "kernel_borrower": (
        with_answer(
            "from mlcourse.kernels import grad_w1_of_residual as g\n\n\n"
            "def grad_w1(y, y_hat, x):\n    return g(y - y_hat, x)"
        ),
        None,
        3,
        "the answer uses mlcourse.kernels.grad_w1_of_residual",
    ),
    "kernel_borrower_at_run_time": (
        with_answer(
            "def grad_w1(y, y_hat, x):\n"
            "    return getattr(mc.kernels, 'grad_w1' + str('_of_residual'))(y - y_hat, x)"
        ),
        None,
        3,
        "the answer uses mlcourse.kernels.grad_w1_of_residual",
    ),
    # Grader-side work on student content has a budget: reading the code (ast recursion),
    # sanitising markdown (bleach is quadratic on misnested tags).
    "nested_minus": (
        with_answer(NESTED_MINUS),
        None,
        6,
        "could not be read",
    ),
    "markdown_bomb": (
        lambda notebook, root: (
            correct(notebook),
            notebook.cells.insert(
                1, nbformat.v4.new_markdown_cell(MARKDOWN_BOMB_MARK + "<b><i>x</b></i>" * 12_000)
            ),
        ),
        None,
        6,
        "",
    ),
    "lone_surrogate": (
        SURROGATE,
        None,
        "03_gradients.ipynb holds text that is not valid Unicode",
        "",
    ),
    # The submission folder is the students', and the grader runs outside the sandbox (often as
    # root): links are refused, never followed; only regular files are read, with caps.
    "symlinked_lesson": (None, None, f"submitted/symlinked_lesson/{LESSON} is a symbolic link", ""),
    "symlinked_student": (None, None, "submitted/symlinked_student is a symbolic link", ""),
    "symlinked_secret": (correct, None, "submission_secret.txt is a symbolic link", ""),
    "fifo_timestamp": (correct, None, "timestamp.txt is a FIFO, not a regular file", ""),
    "sparse_file": (correct, None, 6, ""),
    # Student ids are printed and written to a spreadsheet as they are not.
    FORGED_LINE_ID: (correct, None, 6, ""),
    FORMULA_ID: (correct, None, 6, ""),
}


def hand_in(root, student, edit, stamp=None):
    """Put a student's lesson 3 in submitted/: the release changed by ``edit``, or raw text;
    some students' folders are made in other ways (links, a FIFO, a sparse file)."""
    source = root / "source" / LESSON
    if student == "symlinked_student":  # another student's folder, through a link
        (root / "submitted").mkdir(exist_ok=True)
        (root / "submitted" / student).symlink_to(root / "submitted" / "correct")
        return
    folder = root / "submitted" / student / LESSON
    if student == "symlinked_lesson":  # the worked lesson, through a link to source/
        folder.parent.mkdir(parents=True)
        folder.symlink_to(source)
        return
    folder.mkdir(parents=True)
    if student == "symlink":  # the worked lesson, "handed in" through a link
        (folder / f"{LESSON}.ipynb").symlink_to(source / f"{LESSON}.ipynb")
    elif edit is SURROGATE:
        notebook = release(root)
        correct(notebook)
        answer(notebook, "grad_w1", solution_code("grad_w1") + "  # \ud800")
        (folder / f"{LESSON}.ipynb").write_text(json.dumps(notebook, ensure_ascii=True))
    elif isinstance(edit, str):
        (folder / f"{LESSON}.ipynb").write_text(edit)
    else:
        notebook = release(root)
        if edit:
            edit(notebook, root)
        nbformat.write(notebook, folder / f"{LESSON}.ipynb")
    if stamp:
        (folder / "timestamp.txt").write_text(stamp)
    if student == "symlinked_secret":  # nbgrader's exchange file, pointing at the solutions
        (folder / "submission_secret.txt").symlink_to(source / f"{LESSON}.ipynb")
    elif student == "fifo_timestamp":  # reading it would wait for a writer forever
        os.mkfifo(folder / "timestamp.txt")
    elif student == "sparse_file":  # 64 GiB that take no room on disk
        with (folder / "data.bin").open("wb") as sparse:
            sparse.truncate(SPARSE_SIZE)


def fingerprint(root):
    """Every file, link and FIFO of the course that is not the grader's own output: a hash of
    what a file holds (its size and times when it is sparse and huge), where a link points."""
    found = {}
    for folder, folders, files in os.walk(root):  # never into a linked folder
        for name in folders + files:
            path = Path(folder) / name
            relative = path.relative_to(root)
            if relative.parts[0] in GRADER_OUTPUTS:
                continue
            status = path.lstat()
            if path.is_symlink():
                found[str(relative)] = f"link to {os.readlink(path)}"
            elif stat.S_ISREG(status.st_mode) and status.st_size > 2**30:
                found[str(relative)] = f"{status.st_size} bytes, changed {status.st_mtime_ns}"
            elif stat.S_ISREG(status.st_mode):
                found[str(relative)] = hashlib.sha256(path.read_bytes()).hexdigest()
            elif not stat.S_ISDIR(status.st_mode):
                found[str(relative)] = f"mode {stat.filemode(status.st_mode)}"
    return found


@pytest.fixture(scope="module")
def graded(assigned, tmp_path_factory):
    root = fresh_course(assigned, tmp_path_factory, "class")
    for student, (edit, stamp, _, _) in CLASS.items():
        hand_in(root, student, edit, stamp)
    plant_links_in_the_output(root)
    before = fingerprint(root)
    env = {**os.environ, "MLCOURSE_HUB_TOKEN": GRADER_SECRET}
    # 10 s per cell: the lessons' first cell imports numpy and matplotlib, which takes seconds
    # on a loaded machine; a loop that never ends is stopped all the same.
    run = mlcourse_command("grade", str(root), "--seed", str(SEED), "--cell-timeout", "10", env=env)
    return root, run, grade_rows(root), before


def plant_links_in_the_output(root):
    """Red team a11/a13: links where the grader writes (left by unsandboxed student code or by
    anyone who could write the course folder), each pointing outside the course."""
    outside = root.parent / "outside"
    for name in ("feedback", "autograded", "page", "records"):
        (outside / name).mkdir(parents=True)
    (outside / "page" / f"{LESSON}.html").write_text("not the grader's")
    (outside / "grades.txt").write_text("not the grader's")
    for name in ("feedback", "autograded", "records"):
        (root / name).mkdir()
        (root / name / "correct").symlink_to(outside / name)
    (root / "feedback" / "late").symlink_to(outside / "page")
    (root / "feedback" / "aaa_victim" / LESSON).mkdir(parents=True)
    (root / "feedback" / "aaa_victim" / LESSON / f"{LESSON}.html").symlink_to(
        outside / "grades.txt"
    )
    (root / "grades.csv.tmp").symlink_to(outside / "grades.txt")
    (root / ".mlcourse-grades.csv.tmp").symlink_to(outside / "grades.txt")
    (root / "mlcourse-grades.csv").symlink_to(outside / "grades.txt")


def test_the_grader_never_writes_through_a_link_in_its_own_output(graded):
    root, _, rows, _ = graded
    outside = root.parent / "outside"
    assert sorted(p.relative_to(outside).as_posix() for p in outside.rglob("*")) == [
        "autograded",
        "feedback",
        "grades.txt",
        "page",
        f"page/{LESSON}.html",
        "records",
    ]
    assert (outside / "grades.txt").read_text() == "not the grader's"
    assert (outside / "page" / f"{LESSON}.html").read_text() == "not the grader's"
    for student in ("correct", "late", "aaa_victim"):
        assert rows[student]["status"] == "graded", rows[student]
        for name in ("feedback", "autograded", "records"):
            assert not (root / name / student).is_symlink()
        for name, suffix in (("feedback", "html"), ("autograded", "ipynb")):
            made = root / name / student / LESSON / f"{LESSON}.{suffix}"
            assert made.is_file() and not made.is_symlink(), made


def test_a_runner_ended_by_a_signal_is_graded_again_alone(graded):
    """In the sandbox only the code itself (or the kernel) can send that signal: graded again
    alone, its verdict stands; a runner that exits is not graded again."""
    _, _, rows, _ = graded
    segfault = rows["segfault"]
    assert (segfault["status"], float(segfault["score"])) == ("graded", 3), segfault
    assert "graded again alone: its first runner was killed by SIGSEGV" in segfault["notes"]
    assert "graded again alone" not in rows["exits_in_last_answer"]["notes"]


def grade_rows(root):
    """mlcourse-grades.csv by student (a student id that a spreadsheet would run is written with a
    leading apostrophe: read back without it)."""
    with (root / "mlcourse-grades.csv").open(newline="") as file:
        rows = list(csv.DictReader(file))
    return {row["student"].removeprefix("'"): row for row in rows}


def test_assign_makes_an_nbgrader_course(assigned):
    written = (assigned / "nbgrader_config.py").read_text()
    assert "c.CourseDirectory.course_id = 'mlcourse'" in written
    assert "c.HTMLExporter.sanitize_html = True" in written
    for path in NOTEBOOKS:
        assert (assigned / "source" / path.stem / path.name).is_file()
        assert (assigned / "release" / path.stem / path.name).is_file()
    with Gradebook(f"sqlite:///{assigned / 'gradebook.db'}") as gradebook:
        assert [a.name for a in gradebook.assignments] == [p.stem for p in NOTEBOOKS]
        assert gradebook.find_assignment(LESSON).duedate == DUE


def test_markers_are_nbgraders():
    assert (ClearSolutions().begin_solution_delimeter, ClearSolutions().end_solution_delimeter) == (
        markers.SOLUTION
    )
    hidden = ClearHiddenTests()
    assert (hidden.begin_test_delimeter, hidden.end_test_delimeter) == markers.HIDDEN_TESTS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_release_holds_no_solution_and_no_hidden_test(assigned, path):
    released = nbformat.read(assigned / "release" / path.stem / path.name, 4)
    source = nbformat.read(path, as_version=4)
    secrets = [line for cell in source.cells for line in markers.secret_lines(cell.source)]
    assert secrets
    text = json.dumps(released.cells)
    for line in secrets:
        assert json.dumps(line)[1:-1] not in text, line
    assert "BEGIN HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
    # The first cell says the due date; then our reading of the markers removes exactly what
    # nbgrader's release removes.
    assert released.cells[0].metadata.get(course.DUE_CELL)
    assert "Due: 2026-12-01 12:00 UTC" in released.cells[0].source
    for original, student in zip(source.cells, released.cells[1:], strict=True):
        if markers.has(original.source, markers.HIDDEN_TESTS):
            kept = markers.without_regions(original.source, markers.HIDDEN_TESTS)
            assert kept.strip() == student.source.strip()


def missing_return(code):
    """The answer with its last ``return`` forgotten: the value is computed, then dropped."""
    lines = code.split("\n")
    last = max(i for i, line in enumerate(lines) if line.strip().startswith("return "))
    lines[last] = lines[last].replace("return ", "", 1)
    return "\n".join(lines)


def undefined_helper(code):
    """The answer calling a helper it never defined (a cell not run, a name misspelt)."""
    head, _, body = code.partition(":\n")
    return f"{head}:\n    normalise_inputs()\n{body}"


TYPICAL_MISTAKES = {
    "solutions": lambda code: code,
    "missing_return": missing_return,
    "undefined_helper": undefined_helper,
}
"""Students who hand in every lesson, each answer with the same kind of change; one more
hands in the release untouched."""


@pytest.fixture(scope="module")
def every_lesson(assigned, tmp_path_factory):
    """Every lesson handed in by the students of TYPICAL_MISTAKES and by one who changed
    nothing; graded in this process. Returns the course and the outcomes."""
    root = fresh_course(assigned, tmp_path_factory, "every-lesson")
    for path in NOTEBOOKS:
        worked = nbformat.read(root / "source" / path.stem / path.name, as_version=4)
        for student, change in [*TYPICAL_MISTAKES.items(), ("stubs", None)]:
            notebook = release_of(root, path.stem)
            for cell in notebook.cells if change else []:
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
                if grade_id.endswith("-answer"):
                    answer = worked.cells[cell_index(worked, grade_id)].source
                    cell.source = change(markers.without_markers(answer, markers.SOLUTION))
            folder = root / "submitted" / student / path.stem
            folder.mkdir(parents=True)
            nbformat.write(notebook, folder / path.name)
    return root, course.grade(root, seed=SEED)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_solutions_earn_every_point_and_stubs_none(every_lesson, path):
    graded = {(o.student, o.lesson): o for o in every_lesson[1]}
    solutions, stubs = graded["solutions", path.stem], graded["stubs", path.stem]
    exercises = tagging.find_exercises(nbformat.read(path, as_version=4))
    full = len(exercises) * (tagging.VISIBLE_POINTS + tagging.HIDDEN_POINTS)
    assert (solutions.score, solutions.max_score, solutions.notes) == (full, full, ())
    assert (stubs.score, stubs.max_score, stubs.error) == (0, full, "")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_typical_mistake_costs_points_never_the_grade(every_lesson, path):
    """Each student's submission is graded: a score for every exercise in the gradebook and a
    feedback page, whatever the mistake (a forgotten `return` is advised with a line of the
    solution, which the learner also reads in the notebook check: no leak)."""
    root, outcomes = every_lesson
    graded = {(o.student, o.lesson): o for o in outcomes}
    exercises = tagging.find_exercises(nbformat.read(path, as_version=4))
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        for student in [*TYPICAL_MISTAKES, "stubs"]:
            outcome = graded[student, path.stem]
            assert outcome.error == "" and outcome.score is not None, outcome
            for exercise in exercises:
                for cell_id in (tagging.check_id(exercise.name), tagging.hidden_id(exercise.name)):
                    grade = gradebook.find_grade(cell_id, path.stem, path.stem, student)
                    assert grade.auto_score is not None, (student, cell_id)
            page = root / "feedback" / student / path.stem / f"{path.stem}.html"
            assert page.is_file(), (student, path.stem)
        assert graded["missing_return", path.stem].score == 0
        assert graded["undefined_helper", path.stem].score == 0
    advice = redact.visible_text(
        (root / "feedback" / "missing_return" / path.stem / f"{path.stem}.html").read_text()
    )
    assert "returned None" in advice


def test_lesson_metadata_is_what_the_tool_writes():
    for path in NOTEBOOKS:
        stored = nbformat.read(path, as_version=4)
        retagged = nbformat.read(path, as_version=4)
        exercises = tagging.tag(retagged)
        assert len(exercises) >= 2
        assert [c.metadata for c in stored.cells] == [c.metadata for c in retagged.cells], (
            f"{path.name}: run `make notebooks` to refresh its nbgrader metadata"
        )


@pytest.mark.parametrize("student", CLASS)
def test_each_submission_gets_its_score_or_a_clear_reason(graded, student):
    _, _, rows, _ = graded
    _, _, expected, note = CLASS[student]
    row = rows[student]
    if isinstance(expected, str):
        assert row["status"].startswith(f"error: {expected}"), row
        assert row["score"] == ""
        return
    assert row["status"] == "graded", row
    assert (float(row["score"]), float(row["max_score"])) == (expected, 6), row
    assert (row["days_late"] != "") == (student == "late")
    assert row["seed"] == str(SEED)
    if note:
        assert note in row["notes"], row["notes"]
    else:
        assert row["notes"] == "", row["notes"]


def test_the_report_says_how_student_code_was_isolated(graded):
    _, run, rows, _ = graded
    assert run.returncode == 1, run.stderr  # some submissions could not be graded: say so
    assert "bubblewrap sandbox" in run.stdout and "WARNING" not in run.stderr
    assert f"(seed {SEED})" in run.stdout
    failed = [s for s, row in rows.items() if row["status"].startswith("error")]
    assert sorted(failed) == sorted(s for s, entry in CLASS.items() if isinstance(entry[2], str))
    for student in failed:
        assert f"{student}" in run.stderr and "NOT GRADED" in run.stderr
    assert "note: the code stopped the Python process (exit code 0)" in run.stdout


def test_grading_changes_no_file_but_its_own_outputs(graded):
    root, _, rows, before = graded
    assert fingerprint(root) == before
    assert not (root / "gradebook.grading.db").exists()
    assert set(rows) == set(CLASS)  # mlcourse-grades.csv is the grader's, whatever students wrote


def test_gradebook_holds_the_decided_scores_of_whole_submissions(graded):
    root, _, rows, _ = graded
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        stored = {s.student_id: s.score for s in gradebook.find_assignment(LESSON).submissions}
        late = gradebook.find_submission(LESSON, "late").total_seconds_late
    assert stored == {s: float(r["score"]) for s, r in rows.items() if r["status"] == "graded"}
    assert late > 0


def pages(root):
    return {p.parts[-3]: p for p in (root / "feedback").glob(f"*/{LESSON}/{LESSON}.html")}


def test_feedback_never_shows_hidden_tests_or_solutions(graded):
    root, _, rows, _ = graded
    source = nbformat.read(root / "source" / LESSON / f"{LESSON}.ipynb", as_version=4)
    found = pages(root)
    assert set(found) == {s for s, row in rows.items() if row["status"] == "graded"}
    for student, page in found.items():
        text = redact.visible_text(page.read_text())
        for line in ["for seed in (101, 202, 303):", "BEGIN HIDDEN TESTS"]:
            assert line not in text or student == "quietly_user", (student, line)
        submission = nbformat.read(root / "submitted" / student / LESSON / f"{LESSON}.ipynb", 4)
        assert redact.leaks(page.read_text(), redact.secrets(source, submission)) == []
    hard_coded = redact.visible_text(found["hard_coded"].read_text())
    assert "Score: 1.0 / 1.0" in hard_coded
    assert "Hidden tests failed: right on the visible cases, but on other data it raised" in (
        hard_coded
    )
    # Its KeyError would quote a hidden input (the first y of a hidden case): never shown.
    for seed in hidden_seeds(SEED):
        for y, _, _ in checks.EXERCISES["grad_w1"].cases(seed):
            assert str(round(float(y[0]), 12)) not in hard_coded
    assert "return -np.sum((y - y_hat) * x)" not in redact.visible_text(
        found["untouched"].read_text()
    )


def test_feedback_names_the_mistake_the_notebook_check_names(graded):
    root, _, _, _ = graded
    with pytest.raises(ExerciseFailed) as notebook_check:
        checks.check_grad_w1(lambda y, y_hat, x: (y - y_hat).dot(x))
    text = redact.visible_text(pages(root)["wrong_sign"].read_text())
    view = notebook_check.value.view
    assert view.verdict.startswith("The sign is wrong")
    # The page shows the notebook's view: its verdict, each row of evidence, its details.
    for part in [view.verdict, *(value for _, value in view.rows), view.details]:
        assert redact.visible_text(check_view.rich(part)) in text, part


def test_a_student_line_shared_with_the_hidden_tests_is_no_leak(graded):
    root, _, _, _ = graded
    text = redact.visible_text(pages(root)["quietly_user"].read_text())
    assert "with checks.quietly():" in text  # the student's own line, shown


def test_the_leak_guard_sees_hidden_tests_in_an_unredacted_page(graded):
    """Our own feedback rendered without the redaction shows the hidden tests: caught."""
    root, _, _, _ = graded
    source = nbformat.read(root / "source" / LESSON / f"{LESSON}.ipynb", as_version=4)
    student = "wrong_sign"
    notebook = nbformat.read(root / "autograded" / student / LESSON / f"{LESSON}.ipynb", 4)
    submission = nbformat.read(root / "submitted" / student / LESSON / f"{LESSON}.ipynb", 4)
    original = config.FEEDBACK_PREPROCESSORS
    try:
        config.FEEDBACK_PREPROCESSORS = [p for p in original if "Redact" not in p]
        db = f"sqlite:///{root / 'gradebook.db'}"
        unredacted = redact.render(notebook, db, LESSON, student)
    finally:
        config.FEEDBACK_PREPROCESSORS = original
    leaked = redact.leaks(unredacted, redact.secrets(source, submission))
    assert "for seed in (101, 202, 303):" in leaked
    assert (
        redact.leaks(
            redact.render(notebook, db, LESSON, student), redact.secrets(source, submission)
        )
        == []
    )


def test_feedback_runs_nothing_from_the_student(graded):
    root, _, _, _ = graded
    page = pages(root)["html_script"].read_text()
    parser = pages_html.ActiveContent()
    parser.feed(page)
    assert parser.found == []
    assert "pwned" in page  # the markdown's text is shown, escaped, not dropped
    kept = nbformat.read(root / "autograded" / "html_script" / LESSON / f"{LESSON}.ipynb", 4)
    assert not [
        o
        for cell in kept.cells
        if cell.cell_type == "code" and not redact.is_instructor_test(cell)
        for o in cell.outputs
        if "data" in o
    ]


def test_without_bubblewrap_scores_hold_and_the_report_warns(assigned, tmp_path_factory):
    """The fallback: processes and limits only, a warning that says so, the same scores; and
    a deleted submission, which only unsandboxed code can delete, is put back and reported."""
    root = fresh_course(assigned, tmp_path_factory, "fallback")
    fallback_class = {
        name: CLASS[name]
        for name in ("correct", "wrong_sign", "exits_in_last_answer", "borrowed", "aaa_victim")
    }
    # Last run's hidden cases are no help in this run, which draws new ones.
    fallback_class["remembers_another_run"] = (*CLASS["remembers_this_run"][:2], 4, "")
    fallback_class["deletes_others"] = CLASS["deletes_others"]
    fallback_class["plants_triggers"] = (with_answer(PLANT_TRIGGERS), None, 6, "")
    for student, (edit, stamp, _, _) in fallback_class.items():
        hand_in(root, student, edit, stamp)
    hand_in(root, "aaa_killer", with_answer(KILL_RUNNERS))
    before = fingerprint(root)
    no_bwrap = tmp_path_factory.mktemp("no-bwrap")
    env = {**os.environ, "PATH": str(no_bwrap)}
    run = mlcourse_command(
        "grade", str(root), "--seed", str(OTHER_SEED), "--allow-unsandboxed", env=env
    )
    assert run.returncode == 1, run.stderr  # aaa_killer is not graded
    assert "WARNING: student code is NOT sandboxed (bubblewrap (bwrap) is not installed)" in (
        run.stderr
    )
    assert "separate processes with resource limits only" in run.stdout
    with (root / "mlcourse-grades.csv").open() as file:
        rows = {row["student"]: row for row in csv.DictReader(file)}
    for student, (_, _, expected, note) in fallback_class.items():
        assert float(rows[student]["score"]) == expected, (student, rows[student])
        assert note in rows[student]["notes"], (student, rows[student]["notes"])
    assert "restored" in rows["aaa_victim"]["notes"]
    # Every runner killed by aaa_killer was graded again alone (scores above); aaa_killer, killed
    # again when alone, is not scored.
    regraded = [s for s, row in rows.items() if "graded again alone" in row["notes"]]
    assert regraded and "aaa_killer" not in regraded, rows
    assert rows["aaa_killer"]["status"].startswith("error: grading was interrupted twice")
    assert rows["aaa_killer"]["score"] == ""
    assert fingerprint(root) == before
    # formgrader reads the gradebook: it holds what mlcourse-grades.csv says, and nothing a
    # student made.
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        stored = {s.student_id: s.score for s in gradebook.find_assignment(LESSON).submissions}
    assert stored == {s: float(row["score"]) for s, row in rows.items() if row["score"]}
    schema = sqlite3.connect(root / "gradebook.db").execute("SELECT type, name FROM sqlite_master")
    assert not [(kind, name) for kind, name in schema if kind not in ("table", "index")]


PLANT_TRIGGERS = (
    "import glob, sqlite3\n"
    "for path in glob.glob('{course}/gradebook*.db'):\n"
    "    try:\n"
    "        db = sqlite3.connect(path, timeout=1)\n"
    "        for when in ('INSERT', 'UPDATE'):\n"
    "            db.execute(f'CREATE TRIGGER IF NOT EXISTS full_marks_{when} '\n"
    "                       f'AFTER {when} ON grade '\n"
    "                       'BEGIN UPDATE grade SET auto_score = 99 WHERE id = NEW.id '\n"
    "                       'AND auto_score IS NOT 99; END')\n"
    "        db.commit()\n"
    "    except sqlite3.Error:\n"
    "        pass\n\n\n" + solution_code("grad_w1")
)
"""Unsandboxed code that makes the gradebook give everyone 99 points per cell, whatever is
recorded (the working copy of the gradebook lived in the course folder while students ran)."""


KILL_RUNNERS = (
    "import os, signal, time\n"
    "me, end = os.getpid(), time.monotonic() + 8\n"
    "while time.monotonic() < end:\n"
    "    for pid in filter(str.isdigit, os.listdir('/proc')):\n"
    "        try:\n"
    "            with open(f'/proc/{pid}/cmdline', 'rb') as file:\n"
    "                if b'mlcourse.instructor.runner' in file.read() and int(pid) != me:\n"
    "                    os.kill(int(pid), signal.SIGKILL)\n"
    "        except OSError:\n"
    "            pass\n"
    "    time.sleep(0.05)\n"
    "os.kill(me, signal.SIGKILL)\n\n\n" + solution_code("grad_w1")
)
"""Red team a12: unsandboxed code that kills every other runner for 8 s, then its own."""


@pytest.mark.parametrize("flag", [[], ["--require-sandbox"]])
def test_without_the_sandbox_grading_is_refused_unless_allowed(assigned, tmp_path_factory, flag):
    root = fresh_course(assigned, tmp_path_factory, "required")
    hand_in(root, "ann", correct)
    env = {**os.environ, "PATH": str(tmp_path_factory.mktemp("no-bwrap"))}
    run = mlcourse_command("grade", str(root), *flag, env=env)
    assert run.returncode == 1
    assert "cannot sandbox student code: bubblewrap (bwrap) is not installed" in run.stderr
    assert not (root / "mlcourse-grades.csv").exists()


def test_hidden_cases_are_new_each_run_and_reproducible():
    seeds = {grading.fresh_seed() for _ in range(5)}
    assert len(seeds) == 5
    assert hidden_seeds(SEED) == hidden_seeds(SEED)
    assert set(hidden_seeds(SEED)).isdisjoint(hidden_seeds(OTHER_SEED))
    assert 0 not in hidden_seeds(SEED)


@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")  # nbgrader's add_submission
def test_a_submission_graded_before_the_lesson_changed_is_recorded_afresh(
    assigned, tmp_path_factory
):
    """A gradebook entry that lacks a grade cell (the lesson gained an exercise since) is
    replaced, not left half-written."""
    from mlcourse.instructor import gradebook, submission

    root = fresh_course(assigned, tmp_path_factory, "regrade")
    url = f"sqlite:///{root / 'gradebook.db'}"
    source = nbformat.read(root / "source" / LESSON / f"{LESSON}.ipynb", as_version=4)
    exercises = submission.exercises_of(source, LESSON)
    with Gradebook(url) as book:
        book.update_or_create_student("ann")
        book.update_or_create_submission(LESSON, "ann")
        book.db.delete(book.find_grade("grad_w0-hidden", LESSON, LESSON, "ann"))
        book.db.commit()
    result = grading.LessonGrade(
        [grading.ExerciseGrade(e, visible=1.0, hidden=2.0) for e in exercises]
    )
    assert gradebook.record(url, LESSON, "ann", ON_TIME, result) == 0
    with Gradebook(url) as book:
        assert book.find_submission(LESSON, "ann").score == 6


# What the sandbox can read, and what a student writes, reaches a page only bounded ------------


def hidden_values(exercise, seed):
    """Every float of every hidden case of ``exercise`` in the run ``seed``, as Python prints it."""
    check = checks.EXERCISES[exercise]
    found = set()
    for case_seed in grading.hidden_seeds(seed, LESSON, exercise, avoid=0):
        for args in check.cases(case_seed):
            for arg in args:
                if hasattr(arg, "ravel"):
                    found |= {repr(float(v)) for v in arg.ravel()}
    return found


def page_text(root, student):
    return redact.visible_text(pages(root)[student].read_text())


def test_no_page_shows_the_graders_environment_or_a_hidden_input(graded):
    root, run, _, _ = graded
    hidden = hidden_values("grad_w1", SEED) | hidden_values("grad_w0", SEED)
    for student, page in pages(root).items():
        text = redact.visible_text(page.read_text())
        assert GRADER_SECRET not in text, student
        assert not [value for value in hidden if value in text], student
    assert GRADER_SECRET not in run.stdout + run.stderr + (root / "mlcourse-grades.csv").read_text()
    # What the visible calls saw is shown: the attacks ran, and found nothing hidden.
    assert "raised ValueError" in page_text(root, "reads_environ")
    assert "raised ValueError: nothing found" in page_text(root, "reads_hidden_inputs")
    assert "raised ValueError" in page_text(root, "stashes_hidden_inputs")


def test_student_text_on_a_page_is_one_short_line(graded):
    root, _, _, _ = graded
    page = pages(root)["long_exception"].read_text()
    text = redact.visible_text(page)
    assert "raised ValueError: red reversed second line AAAA" in text
    assert 0 < text.count("A" * 100) * 100 <= 1_000
    assert "\x1b" not in page and "\u202e" not in page  # the characters, not their escapes


def test_a_withheld_passage_keeps_the_scores(graded):
    root, _, rows, _ = graded
    row = rows["shows_a_hidden_line"]
    assert (row["status"], float(row["score"])) == ("graded", 3), row
    assert "withheld" in row["notes"]
    text = page_text(root, "shows_a_hidden_line")
    assert "for seed in (101, 202, 303):" not in text
    assert "withheld" in text
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        assert gradebook.find_submission(LESSON, "shows_a_hidden_line").score == 3


def test_links_in_the_submission_folder_are_never_followed(graded):
    root, _, rows, _ = graded
    solutions = (root / "source" / LESSON / f"{LESSON}.ipynb").read_bytes()
    for student in ("symlinked_lesson", "symlinked_student", "symlinked_secret"):
        assert rows[student]["status"].startswith("error"), rows[student]
        assert not (root / "feedback" / student).exists()
        assert not (root / "autograded" / student).exists()
    for path in (root / "feedback").rglob("*"):
        assert path.is_dir() or path.read_bytes() != solutions, path


def test_a_markdown_bomb_is_shown_as_text(graded):
    root, _, _, _ = graded
    text = page_text(root, "markdown_bomb")
    assert MARKDOWN_BOMB_MARK in text
    assert "<b><i>x</b></i>" in text  # shown as the student typed it, not sanitised


def test_student_ids_are_printed_safely(graded):
    _, run, _, _ = graded
    lines = (run.stdout + run.stderr).splitlines()
    assert not [line for line in lines if line.startswith("alice")]
    assert any(line.startswith("mallory\\nalice") for line in lines), run.stdout


def test_no_spreadsheet_cell_is_a_formula(graded):
    root, _, _, _ = graded
    with (root / "mlcourse-grades.csv").open(newline="") as file:
        cells = [cell for row in csv.reader(file) for cell in row]
    assert "'" + FORMULA_ID in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


PAGE_VIEWS = {
    "passed": ("correct", "grad_w1-check"),
    "mistake": ("wrong_sign", "grad_w1-check"),
    "facts": ("facts_only", "grad_w1-check"),
    "crash": ("raises", "grad_w1-check"),
    "hidden": ("hard_coded", "grad_w1-hidden"),
}
"""Each kind of message, as (student, cell) of the class's feedback pages."""


def test_feedback_pages_show_the_views_within_the_page_width(graded, tmp_path):
    """At 1280 and 800 px the page never scrolls sideways, each view starts with its verdict,
    and the summary names each exercise; a screenshot of each kind under test-artifacts/view/."""
    require_browser()
    root, _, _, _ = graded
    found, shots = pages(root), browser_pages.ARTIFACTS / "view"
    shots.mkdir(parents=True, exist_ok=True)
    with jb.browser(tmp_path / "profile") as page:
        for width in (1280, 800):
            page.set_viewport_size({"width": width, "height": 900})
            for kind, (student, cell_id) in PAGE_VIEWS.items():
                page.goto(found[student].as_uri())
                overflow = page.evaluate(
                    "[document.documentElement.scrollWidth - document.documentElement.clientWidth,"
                    " document.body.scrollWidth - document.body.clientWidth]"
                )
                assert max(overflow) <= 0, (width, student, overflow)
                cell = page.locator(
                    f'xpath=//a[@name="{cell_id}"]/ancestor::div'
                    "[contains(concat(' ', @class, ' '), ' cell ')][1]"
                )
                view = cell.locator(".mlcourse-check").first
                verdict = view.locator(".mlcourse-verdict").inner_text()
                assert verdict.startswith("✔" if kind == "passed" else "✘"), (kind, verdict)
                assert view.evaluate("v => v.scrollWidth <= v.clientWidth")
                cell.locator(".output_wrapper").screenshot(
                    path=str(shots / f"page-{width}-{kind}.png")
                )
            summary = page.locator("#toc").inner_text()
            assert "Test cell" not in summary
            assert "Exercise 3.1 grad_w1: check (Score: 1.0 / 1.0)" in summary
            assert "Exercise 3.2 grad_w0: hidden tests (Score: 2.0 / 2.0)" in summary
            page.locator("#toc").screenshot(path=str(shots / f"page-{width}-summary.png"))
