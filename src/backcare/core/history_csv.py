"""Her history as a CSV file (``backcare history --csv FILE``): one row per event, with a header.

Each row gives the moment twice: in her time zone, with its offset (what she and her
physiotherapist read: "08:02 +01:00" on a summer morning), and in UTC (what the history
stores, unambiguous across clock changes and moves). The file is written whole, atomically, and
readable by her alone (0600), like every other export: it is her health record.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from backcare.core.private_files import write_private
from backcare.core.store import Event, EventKind

HEADER = ("local time", "UTC time", "kind", "reminder key", "event", "detail", "food")


def csv_text(events: Iterable[Event], tz: tzinfo) -> str:
    """The CSV text: the header, then one row per event in the order given."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for e in events:
        at = e.at.astimezone(UTC)
        writer.writerow((
            at.astimezone(tz).isoformat(timespec="seconds"), at.isoformat(timespec="seconds"),
            e.kind, e.reminder_key, e.event.value, e.detail, e.food or "",
        ))
    return out.getvalue()


def write_csv(path: Path, events: Iterable[Event], tz: tzinfo) -> int:
    """Write the events to ``path`` (atomic, 0600; the folder is hers, left as it is).
    Returns the number of rows written, header aside."""
    rows = list(events)
    write_private(path, csv_text(rows, tz), own_folder=False)
    return len(rows)


def read_csv(path: Path) -> list[tuple[datetime, datetime, Event]]:
    """The rows back as (local time, UTC time, event); raises ``ValueError`` on a file that is
    not one ``write_csv`` wrote (another header, a row that does not read)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows or tuple(rows[0]) != HEADER:
        raise ValueError(f"{path} does not start with Back Care's history header.")
    found = []
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(HEADER):
            raise ValueError(f"Row {n} of {path} has {len(row)} fields, not {len(HEADER)}.")
        local, utc, kind, key, word, detail, food = row
        local_at, utc_at = datetime.fromisoformat(local), datetime.fromisoformat(utc)
        if local_at != utc_at:
            raise ValueError(f"Row {n} of {path}: its local and UTC times disagree.")
        found.append((local_at, utc_at,
                      Event(utc_at, kind, key, EventKind(word), detail, food or None)))
    return found
