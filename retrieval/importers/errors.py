"""The one error an import raises on bad input: which file, line and field, and why."""

from __future__ import annotations

from pathlib import Path


class ImportFailure(Exception):
    """An input file is wrong: says which file, line and field, for people (French) and for operators."""

    def __init__(
        self,
        file: Path,
        reason: str,
        *,
        line: int | None = None,
        field: str | None = None,
        record: str | None = None,
        cause: str = "",
    ) -> None:
        self.file = file
        #: What is wrong, in plain French (no final full stop): "code ROME invalide « X12 »".
        self.reason = reason
        self.line = line
        self.field = field
        #: Where in a file without meaningful lines (JSON): "offre n° 12 (id 184VWCX)".
        self.record = record
        #: The technical cause, for operators (a parser's own message).
        self.cause = cause
        super().__init__(self.message)

    @property
    def where(self) -> str:
        parts = [f"ligne {self.line}" if self.line else "", self.record or ""]
        parts.append(f"champ « {self.field} »" if self.field else "")
        return ", ".join(part for part in parts if part)

    @property
    def message(self) -> str:
        """For people: what is wrong, where, and that nothing was changed."""
        where = f" ({self.where})" if self.where else ""
        unchanged = "La base n'a pas été modifiée."
        return f"Import impossible depuis « {self.file.name} »{where} : {self.reason}. {unchanged}"

    @property
    def detail(self) -> str:
        """For operators: full path, line, field and the technical cause."""
        location = f"{self.file}:{self.line}" if self.line else str(self.file)
        parts = [location, self.record or "", f"field {self.field!r}" if self.field else "", self.reason]
        if self.cause:
            parts.append(self.cause)
        return ": ".join(part for part in parts if part)
