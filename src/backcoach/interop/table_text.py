"""Reading CSV exports as people's spreadsheets leave them.

Handles a byte-order mark, Windows-1252 text, semicolons or tabs instead of commas,
decimal commas, rows split by a line break inside an unquoted note, and numbers with
float artefacts (``74.99999999999999``, reps written ``10.0``). Rows are yielded one at a
time, so a long history is never held twice.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from backcoach.interop.errors import BadFile

_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
#: Digits kept after the point: a milligram, far below any plate, far above float noise.
NUMBER_DIGITS = 6


def decode_text(data: bytes) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark), UTF-16, or Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise BadFile("The file claims UTF-16 but is not.", "Export it again.") from exc
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:4096]:
        raise BadFile(
            "The file is binary, not a CSV export.",
            "Choose the CSV file the app exported, or name the format with --format.",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Spreadsheets on Windows save as Windows-1252; every byte decodes there.
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(first_line: str) -> str:
    """The separator the header row uses: comma, semicolon or tab."""
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d])


@dataclass(frozen=True, slots=True)
class Row:
    """A data row: its first line number in the file and its values by header name."""

    line: int
    values: Mapping[str, str]

    def get(self, name: str | None) -> str:
        """The stripped value of a column, or "" when the column is absent."""
        if name is None:
            return ""
        return self.values.get(name, "").strip()


def read_rows(text: str) -> tuple[list[str], str, Iterator[Row]]:
    """The header, the separator and an iterator of rows of a CSV text."""
    first = text.split("\n", 1)[0]
    if not first.strip():
        raise BadFile("The file is empty.", "Export the history again from the app.")
    delimiter = sniff_delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().strip("\ufeff") for h in next(reader)]
    return header, delimiter, _rows(reader, header)


def _rows(reader: Iterator[list[str]], header: Sequence[str]) -> Iterator[Row]:
    """Rows of the reader; a row a line break split (inside an unquoted field) is rejoined.

    Either the first half is short of columns (joined with the next line), or a complete
    row is followed by a line of one value (the rest of its last field).
    """
    width = len(header)
    line_num = 1
    held: list[str] | None = None
    held_line = 0
    for fields in reader:
        line = line_num + 1
        line_num = int(getattr(reader, "line_num", line))
        if not any(f.strip() for f in fields):
            continue
        if held is not None and len(held) < width:
            held = [*held[:-1], held[-1] + "\n" + fields[0], *fields[1:]]
            continue
        if held is not None and len(fields) == 1 and width > 1:
            held[-1] += "\n" + fields[0]
            continue
        if held is not None:
            yield _row(held, held_line, header)
        held, held_line = list(fields), line
    if held is not None:
        yield _row(held, held_line, header)


def _row(fields: list[str], line: int, header: Sequence[str]) -> Row:
    width = len(header)
    if len(fields) < width:
        raise BadFile(
            f"the row has {len(fields)} values but the header names {width} columns "
            "(a column may be missing, or the file cut short).",
            "Export the file again from the app, or fix the row in a text editor.",
            where=f"Row {line}",
        )
    if len(fields) > width and any(f.strip() for f in fields[width:]):
        raise BadFile(
            f"the row has {len(fields)} values but the header names {width} columns.",
            "Export the file again from the app, or fix the row in a text editor.",
            where=f"Row {line}",
        )
    return Row(line, dict(zip(header, fields, strict=False)))


def clean_number(value: str, *, where: str, what: str) -> float | None:
    """A number from a CSV cell ("" -> None), decimal commas accepted, float noise rounded off."""
    if not value:
        return None
    number: float | None
    try:
        number = float(value)  # the common case, fast
    except ValueError:
        number = _slow_number(value, where=where, what=what)
        if number is None:
            return None
    if number != number or number in (float("inf"), float("-inf")):
        raise BadFile(f"the {what} '{value}' is not a number.", "Fix the value.", where)
    return round(number, NUMBER_DIGITS)


def _slow_number(value: str, *, where: str, what: str) -> float | None:
    text = value.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if _DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise BadFile(
            f"the {what} '{value}' is not a number.", "Fix the value or export again.", where
        ) from None


def clean_count(value: str, *, where: str, what: str) -> int | None:
    """A whole number written as ``10`` or ``10.0``; ``10.5`` is refused."""
    number = clean_number(value, where=where, what=what)
    if number is None:
        return None
    if number != int(number):
        raise BadFile(f"the {what} '{value}' is not a whole number.", "Fix the value.", where)
    return int(number)


def header_key(name: str) -> str:
    """A header name folded for matching: lower case, single spaces, no quotes."""
    return " ".join(name.strip().strip('"').lower().replace("_", " ").split())


def parse_time(text: str, patterns: Sequence[str], tz: tzinfo) -> datetime | None:
    """``text`` read with the first of ``patterns`` that fits, in ``tz``; None if none fits."""
    for pattern in patterns:
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=tz)
        except ValueError:
            continue
    return None
