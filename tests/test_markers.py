"""The solution and hidden-test markers, read the way nbgrader reads them."""

import pytest
from nbformat.v4 import new_code_cell
from nbgrader.preprocessors import ClearHiddenTests

from mlcourse.instructor import markers

CELL = "before\n# BEGIN HIDDEN TESTS\nsecret = 1\n\nassert secret\n# END HIDDEN TESTS\nafter"


def test_regions_and_what_is_left_without_them():
    assert markers.regions(CELL, markers.HIDDEN_TESTS) == ["secret = 1\n\nassert secret"]
    assert markers.without_regions(CELL, markers.HIDDEN_TESTS) == "before\nafter"
    assert markers.without_markers(CELL, markers.HIDDEN_TESTS) == (
        "before\nsecret = 1\n\nassert secret\nafter"
    )
    assert markers.secret_lines(CELL) == ["secret = 1", "assert secret"]
    assert markers.regions(CELL, markers.SOLUTION) == []


def test_removing_hidden_tests_matches_nbgrader():
    cell = new_code_cell(CELL)
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": "x", "points": 1}
    cleared, _ = ClearHiddenTests().preprocess_cell(cell, {}, 0)
    assert markers.without_regions(CELL, markers.HIDDEN_TESTS) == cleared.source


@pytest.mark.parametrize(
    "source",
    ["# BEGIN SOLUTION\nx = 1", "# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION"],
    ids=["unclosed", "nested"],
)
def test_a_broken_region_is_an_error(source):
    with pytest.raises(markers.MarkerError):
        markers.regions(source, markers.SOLUTION)
