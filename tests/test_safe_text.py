"""What students write, made fit for a page, a report line and a spreadsheet cell."""

import csv
import io

import pytest

from mlcourse.instructor.safe_text import (
    CELL_CHARS,
    listing,
    look_alikes,
    one_line,
    printable,
    spreadsheet_cell,
    unambiguous,
)


def test_one_line_keeps_the_words_and_drops_what_is_not_text():
    text = "\x1b[1;31mKeyError\x1b[0m:\n\t'x'\u202e\u200b done\x00\x07 \ud800 ok"
    assert one_line(text, 100) == "KeyError: 'x' done ok"


def test_one_line_is_at_most_its_limit():
    assert one_line("word " * 1000, 20) == "word word word word…"
    assert len(one_line("A" * 10_000, 300)) == 300
    assert one_line("short", 300) == "short"


@pytest.mark.parametrize(
    "name, shown",
    [
        ("ann", "ann"),
        ("Zoë Ångström", "Zoë Ångström"),
        ("mallory\nalice", "mallory\\nalice"),
        ("carol\r", "carol\\r"),
        ("eve\x1b[2J", "eve\\x1b[2J"),
        ("\u202eevil", "\\u202eevil"),
        ("a\\nb", "a\\\\nb"),
        ("alice ", "alice\\x20"),
        ("\talice\u3000", "\\talice\\u3000"),
        ("al ice", "al ice"),
    ],
)
def test_a_name_prints_on_one_line_and_never_like_another(name, shown):
    assert printable(name) == shown
    assert "\n" not in printable(name) and "\r" not in printable(name)


def test_two_names_never_print_alike():
    assert printable("a\nb") != printable("a\\nb")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_would_be_a_formula_is_shown_as_text(start):
    cell = start + 'HYPERLINK("http://example.com")'
    assert spreadsheet_cell(cell) == "'" + cell
    written = io.StringIO()
    csv.writer(written).writerow([spreadsheet_cell(cell)])
    assert next(csv.reader(io.StringIO(written.getvalue())))[0].startswith("'")


def test_other_cells_are_written_as_they_are():
    assert spreadsheet_cell("ann") == "ann"
    assert spreadsheet_cell(6.0) == 6.0
    assert spreadsheet_cell("a=b") == "a=b"


def test_a_cell_is_cut_to_its_cap():
    long = "word " * 1000
    cell = spreadsheet_cell(long)
    assert len(cell) == CELL_CHARS and cell == long[: CELL_CHARS - 1] + "…"
    assert spreadsheet_cell("=" + long).startswith("'=word")
    assert len(spreadsheet_cell("=" + long)) == CELL_CHARS + 1


def test_a_listing_shows_ten_short_names_and_how_many_more():
    names = [f"{n:02d}" + "y" * 100 for n in range(25)]
    shown = listing(names)
    assert shown.split(", ")[:10] == [f"{n:02d}" + "y" * 57 + "…" for n in range(10)]
    assert shown.endswith(", and 15 more") and shown.count(", ") == 10
    assert listing(["a\nb", "c"]) == "a\\nb, c"
    assert listing([]) == "nothing"


def test_a_name_with_other_than_ascii_letters_shows_its_ascii_spelling_too():
    assert unambiguous("alice") == "alice"
    assert unambiguous("\u0430lice") == "\u0430lice [\\u0430lice]"
    assert unambiguous("Zo\u00eb") == "Zo\u00eb [Zo\\xeb]"
    assert unambiguous("\u0430lice") != unambiguous("alice")


def test_names_that_differ_in_case_spaces_or_forms_are_found_together():
    names = ["bob", "alice", "Alice ", "\uff41lice", "\u0430lice", "bob"]
    assert look_alikes(names) == [["Alice ", "alice", "\uff41lice"]]
