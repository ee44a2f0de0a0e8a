"""CSV that a spreadsheet opens as data: no cell it would run as a formula (CSV injection).

Titles, outlets, speakers, place names and sentences come from the articles, that is from
whoever wrote them. Excel, LibreOffice and Google Sheets run a cell that starts with `=`, `+`,
`-` or `@` as a formula (`=HYPERLINK(...)` leaks the sheet, `=cmd|' /C calc'!A0` starts a
program), and a leading tab or carriage return does not stop them. OWASP's advice, followed
here: such a text cell gets a leading single quote, which makes the spreadsheet read it as
text. The quote is a visible character to other readers (pandas, csvkit); that is the price.

Numbers are left alone, and so is text that is a plain number ("-33.9"): a spreadsheet reads it
as the number, which runs nothing, and a longitude must stay a number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

# OWASP's first characters, and NUL (ASVS 5 names it). A line feed or spaces before a formula
# character count too: an importer told to trim blanks would otherwise meet the formula.
_STARTS_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\0")
_BLANKS = " \t\r\n"
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def formula_safe(text: str) -> str:
    """`text` with a leading single quote when a spreadsheet would run it as a formula."""
    runs = text.startswith(_STARTS_FORMULA) or text.lstrip(_BLANKS).startswith(_STARTS_FORMULA)
    return "'" + text if runs and not _PLAIN_NUMBER.fullmatch(text) else text


def csv_cell(value: Any) -> Any:
    """One CSV cell: empty for None, lists "; "-joined (as spreadsheets expect), text formula-safe."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    return formula_safe(value) if isinstance(value, str) else value


class CsvTable:
    """A CSV with a header row, every cell passed through `csv_cell`: how fogofwar writes CSV.

    Rows end in a line feed. Python's csv module (before 3.13) quotes a cell holding a line
    break only when the break is in the line terminator, so with "\n" a lone carriage return
    inside a title went out bare and a reader started a new row there, whose first cell could
    be a formula. Each row is written with "\r\n", which quotes both, and ends in "\n".
    """

    def __init__(self, out: IO[str], columns: Sequence[str]) -> None:
        self._out = out
        self._line = io.StringIO()
        self._writer = csv.DictWriter(self._line, columns, restval="", lineterminator="\r\n")
        self._writer.writeheader()
        self._emit()

    def _emit(self) -> None:
        self._out.write(self._line.getvalue().removesuffix("\r\n") + "\n")
        self._line.seek(0)
        self._line.truncate()

    def row(self, row: Mapping[str, Any]) -> None:
        self._writer.writerow({key: csv_cell(value) for key, value in row.items()})
        self._emit()

    def rows(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """Write every row; returns how many."""
        n = 0
        for n, row in enumerate(rows, 1):  # noqa: B007 (n is the count)
            self.row(row)
        return n


__all__ = ["CsvTable", "csv_cell", "formula_safe"]
