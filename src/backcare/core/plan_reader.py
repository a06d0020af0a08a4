"""The careful reader under ``plan_codec``: turns one plain value into one typed value, or
refuses it with a sentence, and never raises whatever the value is (a settings file edited by
hand, half written, or from another version).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, time
from typing import Any

from backcare.core.plan import MAX_LABEL, FieldError

MISSING: Any = object()  # "the key is not there": defaults apply
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
HHMM = re.compile(r"\s*(\d{1,2}):(\d{2})\s*")
# C0 and C1 control characters, DEL, and the Unicode line and paragraph separators.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def hhmm(t: time) -> str:
    """"07:05": how a time of day is written in a settings file and in a sentence."""
    return f"{t.hour:02d}:{t.minute:02d}"


def show(value: Any, limit: int = 40) -> str:
    """A short, safe rendering of any value for a sentence (never raises, never floods)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, int) and value.bit_length() > 64:
        return "a very large number"
    try:
        text = f"'{value}'" if isinstance(value, str) else repr(value)
    except Exception:  # a value whose repr fails (too deep, too big): still say something
        return "that value"
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("\n", " ")


def is_list(value: Any) -> bool:
    return isinstance(value, list | tuple)


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class Reader:
    """Collects FieldErrors while reading; each read returns a value, or None after an error."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def refuse(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, message))

    def unknown_keys(self, table: Mapping[Any, Any], known: tuple[str, ...], prefix: str) -> None:
        for key in table:
            if key not in known:
                where = f"{prefix}.{key}" if prefix and isinstance(key, str) else prefix
                name = key if isinstance(key, str) else show(key)
                inside = f" in {prefix}" if prefix else ""
                choices = ", ".join(known)
                self.refuse(
                    where or str(name),
                    f"The setting '{name}'{inside} is not a setting Back Care knows; check the "
                    f"spelling or remove it (known: {choices}).",
                )

    def table(self, value: Any, field: str, what: str) -> Mapping[Any, Any] | None:
        if isinstance(value, Mapping):
            return value
        self.refuse(field, f"{what} must be a table of named values, not {show(value)}.")
        return None

    def clock(self, value: Any, field: str, what: str) -> time | None:
        """An "HH:MM" string (or a TOML local time on a whole minute) → ``time``."""
        if isinstance(value, time):
            if value.tzinfo is None and value.second == 0 and value.microsecond == 0:
                return value
        elif isinstance(value, str):
            found = HHMM.fullmatch(value)
            if found:
                hour, minute = int(found.group(1)), int(found.group(2))
                if hour < 24 and minute < 60:
                    return time(hour, minute)
        self.refuse(
            field,
            f"{what} must be a time of day written as HH:MM, such as 07:00, not {show(value)}.",
        )
        return None

    def whole(
        self, value: Any, field: str, what: str, low: int, high: int, unit: str
    ) -> int | None:
        if is_int(value) and low <= value <= high:
            return int(value)
        self.refuse(
            field,
            f"{what} must be a whole number of {unit} from {low} to {high}, not {show(value)}.",
        )
        return None

    def flag(self, value: Any, field: str) -> bool | None:
        if isinstance(value, bool):
            return value
        self.refuse(field, f"The {field} setting must be true or false, not {show(value)}.")
        return None

    def label(self, value: Any, field: str, what: str, *, required: bool) -> str | None:
        text = value.strip() if isinstance(value, str) else None
        if text is not None and CONTROL.search(text):
            # A NUL or another control character would reach the desktop's notification bus,
            # which drops the connection (no notification again that session), and the files.
            self.refuse(field, f"{what} must be plain text, without control characters such "
                               "as a tab, a line break or a NUL.")
            return None
        if text is not None and len(text) <= MAX_LABEL and (text or not required):
            return text
        need = "a short piece of text" if required else "a short piece of text, or left out"
        self.refuse(
            field, f"{what} must be {need} (at most {MAX_LABEL} characters), not {show(value)}."
        )
        return None

    def slugs(self, value: Any, field: str, what: str, *, at_least: int) -> tuple[str, ...] | None:
        if not is_list(value):
            self.refuse(field, f"{what} must be a list of ids, not {show(value)}.")
            return None
        good = True
        for item in value:
            if not (isinstance(item, str) and SLUG.fullmatch(item)):
                self.refuse(
                    field,
                    f"{what} include {show(item)}, which is not an id; ids use lower-case "
                    "letters, digits and dashes, such as knee-hugs.",
                )
                good = False
        if not good:
            return None
        if len(value) < at_least:
            self.refuse(field, f"{what} must name at least {at_least}.")
            return None
        if len(set(value)) != len(value):
            self.refuse(field, f"{what} name the same id twice; list each one once.")
            return None
        return tuple(value)

    def moment(self, value: Any, field: str, what: str) -> datetime | None:
        """An ISO date-time with a UTC offset (or an aware datetime) → aware ``datetime``."""
        found: datetime | None = None
        if isinstance(value, datetime):
            found = value
        elif isinstance(value, str) and len(value) <= 64:
            try:
                found = datetime.fromisoformat(value)
            except ValueError:
                found = None
        if found is not None and found.utcoffset() is not None and 1970 <= found.year <= 9000:
            return found
        self.refuse(
            field,
            f"{what} must be a date and time with its UTC offset, such as "
            f"2026-03-29T13:00+01:00, not {show(value)}.",
        )
        return None


