"""Her settings as a TOML file she can keep, copy to a new computer, or show a physiotherapist.

Export writes the whole plan (the same plain data the store keeps) atomically, readable by her
alone, with a short header saying what the file is. Import is strict and harmless: the file is
read with size and syntax checks, then validated field by field by ``plan_from_dict``; a file
that fails any check changes nothing and comes back as sentences naming what is wrong. No Qt.
"""

from __future__ import annotations

import os
import re
import tomllib
from datetime import date
from pathlib import Path

import tomli_w

from backcare.core.plan import Plan
from backcare.core.plan_codec import plan_from_dict, plan_to_dict
from backcare.core.store import write_private

MAX_BYTES = 256 * 1024  # a real settings file is a few kilobytes; anything huge is not one
# A settings file's keys are one or two names deep ("calcium.daily_target_mg"). Python's TOML
# reader takes time in the square of a key's parts (a 40 KB key of 20,000 parts: 8 s), so a
# deeper key is refused before parsing, and every file under MAX_BYTES is judged within 1 s.
MAX_KEY_PARTS = 8
_QUOTED = re.compile(r""""[^"\n]*"|'[^'\n]*'""")  # a quoted key part may hold dots
HEADER = (
    "# Back Care settings, exported {day}.\n"
    "# Import it with 'backcare settings import FILE' or from Settings > Import.\n"
    "# Times are HH:MM in your own time zone; the birth date is YEAR-MONTH-DAY.\n\n"
)


def settings_text(plan: Plan, day: date | None = None) -> str:
    """The TOML text of ``plan``; ``import_settings`` reads it back to the same plan."""
    header = HEADER.format(day=(day or date.today()).isoformat())
    return header + tomli_w.dumps(plan_to_dict(plan))


def export_settings(plan: Plan, path: Path) -> None:
    """Write ``plan`` to ``path`` atomically, 0600. Raises OSError (the caller says why).

    Unlike the store's own files, the folder is hers (Documents, a USB stick), so its
    permissions are left alone.
    """
    write_private(path, settings_text(plan), own_folder=False)


def _too_deep(text: str) -> bool:
    """True when a key (before its "=", or a [table] header) has more than MAX_KEY_PARTS
    dotted parts. Quoted parts may hold dots; values after "=" are not looked at."""
    for line in text.splitlines():
        key = line.strip()
        key = key.strip("[] \t") if key.startswith("[") else key.partition("=")[0]
        if key.count(".") >= MAX_KEY_PARTS and _QUOTED.sub("q", key).count(".") >= MAX_KEY_PARTS:
            return True
    return False


def _size_words(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"


def parse_settings(
    raw: bytes, today: date, name: str = "The file", size: int | None = None
) -> tuple[Plan | None, list[str]]:
    """Bytes of a settings file → ``(plan, [])`` or ``(None, sentences)``; never raises.
    ``size`` is the file's real size when only its first bytes were read."""
    if len(raw) > MAX_BYTES:
        return None, [
            f"{name} is {_size_words(max(size or 0, len(raw)))}, far larger than a Back Care "
            "settings file; nothing was changed."
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, [f"{name} is not a text file (it is not UTF-8 text); nothing was changed."]
    if _too_deep(text):
        return None, [f"{name} has keys nested more than {MAX_KEY_PARTS} deep, far more than "
                      "a Back Care settings file; nothing was changed."]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [
            f"{name} is not a valid settings file: {exc}. Nothing was changed; export your "
            "settings again, or fix that line."
        ]
    except RecursionError:
        return None, [f"{name} nests tables too deeply to be a settings file; nothing was changed."]
    except ValueError:  # an integer of thousands of digits: Python refuses to convert it
        return None, [f"{name} holds a number thousands of digits long, which no Back Care "
                      "setting can be; nothing was changed."]
    plan, errors = plan_from_dict(data, today=today)
    if plan is None:
        return None, [str(e) for e in errors]
    return plan, []


def import_settings(path: Path, today: date) -> tuple[Plan | None, list[str]]:
    """Read and validate a settings file: ``(plan, [])`` or ``(None, sentences)``; never raises.

    Nothing is saved here: the caller saves the plan only when it is not None.
    """
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
            size = os.fstat(fh.fileno()).st_size
    except IsADirectoryError:
        return None, [f"{path} is a folder, not a settings file; nothing was changed."]
    except FileNotFoundError:
        return None, [f"There is no file {path}; nothing was changed."]
    except OSError as exc:
        why = exc.strerror or exc
        return None, [f"Back Care could not read {path}: {why}. Nothing was changed."]
    return parse_settings(raw, today, name=f"The file {path.name}", size=size)
