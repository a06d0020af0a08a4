"""A problem found in a content or settings file, told as one sentence a person can act on.

Loaders never raise on bad data: they collect ``ContentProblem`` records, keep everything that
is still good, and let the shell show the sentences. That is what lets the library open with
fourteen exercises when the fifteenth file is broken.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ContentProblem:
    """What is wrong, where: the file, the field inside it (dotted path) and why."""

    file: Path
    field: str
    message: str

    def sentence(self) -> str:
        where = f"{self.file.name}, field '{self.field}'" if self.field else self.file.name
        return f"{where}: {self.message}"

    def __str__(self) -> str:
        return self.sentence()


class Invalid(Exception):
    """Raised inside a loader for one bad field; turned into a ContentProblem by the caller."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
