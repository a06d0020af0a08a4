"""Which exercises each session offers when she has not chosen her own: ``progression.toml``.

Kept apart from the exercise library (``content``) because it is a different file with its own
reader and its own fallback: the routines only name exercises by id, so a broken or missing
``progression.toml`` must never stop the library loading, and the library needs nothing from
here. ``content`` still re-exports these names for the code that imports them from there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backcare.core import fields as f
from backcare.core.problems import ContentProblem, Invalid

ROUTINE_MOST_MAX = 8
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Routine:
    """Which exercises a session she has not pinned offers: the first ``most`` of ``prefer``
    that are safe for her this week, in that order. ``labels`` are the session labels it serves
    (matched ignoring case and spaces at the ends); the general routine has none."""

    labels: tuple[str, ...]
    prefer: tuple[str, ...]
    most: int


@dataclass(frozen=True)
class Routines:
    """The routines of ``resources/progression.toml``: one per usual session label, and a
    general one for sessions with any other label."""

    sessions: tuple[Routine, ...]
    general: Routine

    def for_label(self, label: str) -> Routine:
        key = label.strip().casefold()
        for routine in self.sessions:
            if any(key == name.strip().casefold() for name in routine.labels):
                return routine
        return self.general


# Used when progression.toml is missing or broken: an empty preference list means "the gentlest
# exercises that are safe this week" (see progression), so sessions still hold something safe.
FALLBACK_ROUTINES = Routines(sessions=(), general=Routine(labels=(), prefer=(), most=2))


def _parse_routine(
    data: Mapping[str, Any], prefix: str, known: set[str] | None, general: bool
) -> Routine:
    labels = () if general else f.texts(data, "labels", prefix, min_items=1)
    prefer = f.texts(data, "prefer", prefix, min_items=1)
    for i, ex_id in enumerate(prefer):
        if not _SLUG.fullmatch(ex_id):
            raise Invalid(f"{prefix}.prefer[{i}]", "must be an exercise id such as knee-hugs.")
        if known is not None and ex_id not in known:
            raise Invalid(f"{prefix}.prefer[{i}]", f"'{ex_id}' is not one of the exercises.")
    most = f.whole(data, "most", prefix, low=1, high=ROUTINE_MOST_MAX)
    return Routine(labels, prefer, most)


def load_routines(
    path: Path, known_ids: Iterable[str] | None = None
) -> tuple[Routines, tuple[ContentProblem, ...]]:
    """The session routines in ``path``, with a problem per bad entry. Never raises: a bad
    entry is left out (its sessions use the general routine), and a bad file or a bad
    ``[general]`` table falls back to ``FALLBACK_ROUTINES``. With ``known_ids``, a routine naming
    an exercise that does not exist is refused."""
    known = set(known_ids) if known_ids is not None else None
    data, problem = f.read_toml(path)
    if problem is not None:
        return FALLBACK_ROUTINES, (problem,)
    assert data is not None
    problems: list[ContentProblem] = []
    try:
        general = _parse_routine(f.table(data, "general"), "general", known, general=True)
    except Invalid as exc:
        problems.append(ContentProblem(path, exc.field, exc.message))
        general = FALLBACK_ROUTINES.general
    try:
        entries = f.tables(data, "session")
    except Invalid as exc:
        return Routines((), general), (*problems, ContentProblem(path, exc.field, exc.message))
    sessions: list[Routine] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        prefix = f"session[{i}]"
        try:
            routine = _parse_routine(entry, prefix, known, general=False)
            for label in routine.labels:
                if label.casefold() in seen:
                    raise Invalid(f"{prefix}.labels", f"'{label}' has a routine already.")
        except Invalid as exc:
            problems.append(ContentProblem(path, exc.field, exc.message))
            continue
        seen.update(label.casefold() for label in routine.labels)
        sessions.append(routine)
    return Routines(tuple(sessions), general), tuple(problems)
