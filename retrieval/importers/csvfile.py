"""One CSV reader for every open-data export we import, with the line each row starts on.

It copes with the exports' quirks: ``''`` written for an apostrophe inside quoted text (ROME, RNCP),
fields quoted over several lines, blank lines, a BOM, values padded with spaces or a leading TAB (RNCP
SIRET numbers), and files labelled UTF-8 that are really Windows-1252 (one ROME 4.0 file). A truncated
or malformed file raises an ``ImportFailure`` naming the file, the line and the field.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from retrieval.importers.errors import ImportFailure

ROME_CODE = re.compile(r"^[A-N][0-9]{4}$")
# A multi-byte character cut at the very end means a truncated file, not another encoding.
_UTF8_TAIL = 3


@dataclass(frozen=True)
class CsvRow:
    """One record: its values by column name, and where it starts (for error messages)."""

    path: Path
    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "")

    def fail(self, column: str, reason: str) -> ImportFailure:
        return ImportFailure(self.path, reason, line=self.line, field=column)

    def required(self, column: str) -> str:
        value = self[column]
        if not value:
            raise self.fail(column, "valeur manquante")
        return value

    def code(self, column: str) -> str:
        """A numeric code (OGR code, ISCO group…)."""
        value = self.required(column)
        if not value.isdigit():
            raise self.fail(column, f"code numérique attendu, trouvé « {value} »")
        return value

    def rome(self, column: str) -> str:
        value = self.required(column)
        if not ROME_CODE.match(value):
            raise self.fail(column, f"code ROME invalide « {value} »")
        return value

    def number(self, column: str) -> float | None:
        value = self[column].replace(",", ".")
        if not value:
            return None
        try:
            return float(value)
        except ValueError:
            raise self.fail(column, f"nombre attendu, trouvé « {self[column]} »") from None


def decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start >= len(data) - _UTF8_TAIL:
            line = data.count(b"\n", 0, error.start) + 1
            raise ImportFailure(path, "fichier tronqué au milieu d'un caractère", line=line) from None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ImportFailure(
            path, "encodage illisible (ni UTF-8 ni Windows-1252)", line=line, cause=str(error)
        ) from None


def read_csv(path: Path, data: bytes, *, required: Sequence[str], delimiter: str = ",") -> Iterator[CsvRow]:
    """The file's records, after checking its header holds the ``required`` columns."""
    text = decode(path, data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    start = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise _malformed(path, text, start, header, delimiter, str(error)) from None
        line, start = start, reader.line_num + 1
        if not any(value.strip() for value in fields):
            continue
        if header is None:
            header = [name.strip() for name in fields]
            _check_header(path, line, header, required)
            continue
        if len(fields) != len(header):
            raise _wrong_width(path, line, header, fields)
        yield CsvRow(path, line, {name: _clean(value) for name, value in zip(header, fields, strict=True)})
    if header is None:
        raise ImportFailure(path, "fichier vide (pas même une ligne d'en-tête)")


def _clean(value: str) -> str:
    return value.replace("''", "'").strip()


def _check_header(path: Path, line: int, header: list[str], required: Sequence[str]) -> None:
    for column in required:
        if column not in header:
            raise ImportFailure(
                path,
                f"colonne absente de l'en-tête (colonnes trouvées : {', '.join(header)})",
                line=line,
                field=column,
            )


def _wrong_width(path: Path, line: int, header: list[str], fields: list[str]) -> ImportFailure:
    if len(fields) < len(header):
        return ImportFailure(
            path,
            f"ligne incomplète ou tronquée : {len(fields)} champs au lieu de {len(header)}",
            line=line,
            field=header[len(fields)],
        )
    return ImportFailure(
        path,
        f"champs en trop : {len(fields)} au lieu de {len(header)}",
        line=line,
        field=f"colonne {len(header) + 1}",
    )


def _malformed(
    path: Path, text: str, line: int, header: list[str] | None, delimiter: str, cause: str
) -> ImportFailure:
    """A record the CSV parser rejects (a quote left open by a truncation…): find the field it broke in."""
    rest = "".join(io.StringIO(text, newline="").readlines()[line - 1 :])
    partial = next(csv.reader(io.StringIO(rest, newline=""), delimiter=delimiter), [])
    field = header[len(partial) - 1] if header and 0 < len(partial) <= len(header) else None
    return ImportFailure(
        path, "enregistrement mal formé ou tronqué (guillemets)", line=line, field=field, cause=cause
    )
