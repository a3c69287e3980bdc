"""The markers nbgrader reads inside a lesson's cells, spelled in one place.

An answer cell holds the worked solution between a ``# BEGIN SOLUTION`` and an ``# END SOLUTION``
line (the release replaces it with a stub); a hidden-test cell holds tests between ``# BEGIN
HIDDEN TESTS`` and ``# END HIDDEN TESTS`` lines (removed from the release). The words are
nbgrader's defaults (``ClearSolutions`` and ``ClearHiddenTests``), and like nbgrader a line
*containing* a marker opens or closes its region. No nbgrader import: learners' installs use it.
"""

from __future__ import annotations

SOLUTION = ("BEGIN SOLUTION", "END SOLUTION")
HIDDEN_TESTS = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
Markers = tuple[str, str]


class MarkerError(ValueError):
    """A region that is never closed, or opened inside another."""


def _split(source: str, markers: Markers) -> tuple[list[str], list[list[str]]]:
    """(lines outside every region, lines of each region), marker lines dropped."""
    begin, end = markers
    outside: list[str] = []
    regions: list[list[str]] = []
    inside = False
    for line in source.split("\n"):
        if begin in line:
            if inside:
                raise MarkerError(f"'{begin}' inside another '{begin}'")
            inside = True
            regions.append([])
        elif end in line:
            inside = False
        elif inside:
            regions[-1].append(line)
        else:
            outside.append(line)
    if inside:
        raise MarkerError(f"'{begin}' without '{end}'")
    return outside, regions


def has(source: str, markers: Markers) -> bool:
    """Whether ``source`` opens a region of ``markers``."""
    return markers[0] in source


def regions(source: str, markers: Markers) -> list[str]:
    """The text of every region of ``markers`` in ``source``, without the marker lines."""
    return ["\n".join(lines) for lines in _split(source, markers)[1]]


def without_regions(source: str, markers: Markers) -> str:
    """``source`` with every region and its marker lines removed, as nbgrader's release does
    for hidden tests."""
    return "\n".join(_split(source, markers)[0])


def without_markers(source: str, markers: Markers) -> str:
    """``source`` with the marker lines removed and the regions kept: the worked answer as the
    plain code a student who got it right would have written."""
    begin, end = markers
    return "\n".join(line for line in source.split("\n") if begin not in line and end not in line)


def secret_lines(source: str) -> list[str]:
    """Every non-blank line (stripped) inside a solution or hidden-test region of ``source``:
    what students must never see, unless they wrote it themselves."""
    return [
        line.strip()
        for markers in (SOLUTION, HIDDEN_TESTS)
        for region in regions(source, markers)
        for line in region.split("\n")
        if line.strip()
    ]
