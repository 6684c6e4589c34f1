"""The one error type of the generator: it always names the file, the entry and the field."""

from __future__ import annotations

from pathlib import Path


class DataError(Exception):
    """Bad input. The message reads ``data/papers.yaml: entry 'x', field 'title': why``."""

    def __init__(self, file: str | Path, message: str, *, entry: str | None = None,
                 field: str | None = None, line: int | None = None):
        self.file = str(file)
        self.entry = entry
        self.field = field
        self.line = line
        where = self.file + (f":{line}" if line else "")
        if entry is not None:
            where += f": entry '{entry}'"
        if field is not None:
            where += f", field '{field}'"
        super().__init__(f"{where}: {message}")


class DataErrors(DataError):
    """Several errors found in one pass, so an author can fix them all at once."""

    def __init__(self, errors: list[DataError]):
        self.errors = errors
        first = errors[0]
        self.file, self.entry, self.field, self.line = first.file, first.entry, first.field, first.line
        Exception.__init__(self, "\n".join(str(e) for e in errors))
