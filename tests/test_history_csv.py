"""Her history as CSV: a round trip with a header, local time and UTC, and the real
``backcare history --csv FILE`` command run as she would run it."""

from __future__ import annotations

import csv
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from backcare.core.history_csv import HEADER, read_csv, write_csv
from backcare.core.store import Event, EventKind, Store

ROOT = Path(__file__).resolve().parent.parent
LONDON = ZoneInfo("Europe/London")
SYDNEY = ZoneInfo("Australia/Sydney")

# Either side of the October clock change in London, with words a CSV has to quote.
EVENTS = [
    Event(datetime(2026, 10, 24, 23, 30, tzinfo=UTC), "exercise",
          "exercise:2026-10-25:knee-hugs", EventKind.SHOWN, ""),
    Event(datetime(2026, 10, 25, 0, 45, tzinfo=UTC), "exercise",
          "exercise:2026-10-25:knee-hugs", EventKind.PARTLY,
          '{"done": ["knee-hugs"], "partly": []}'),
    Event(datetime(2026, 10, 25, 1, 45, tzinfo=UTC), "calcium", "calcium:2026-10-25:dinner",
          EventKind.DONE, "food changed, \"tofu\"\nnot milk", "tofu"),
    Event(datetime(2026, 10, 25, 12, 0, tzinfo=UTC), "posture", "posture:2026-10-25T12:00",
          EventKind.SKIPPED, ""),
]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_events_go_to_csv_and_come_back_the_same(tmp_path: Path) -> None:
    target = tmp_path / "history.csv"
    assert write_csv(target, EVENTS, LONDON) == len(EVENTS)
    assert _mode(target) == 0o600
    back = read_csv(target)
    assert [event for _, _, event in back] == EVENTS
    # 00:45 and 01:45 UTC are both "01:45" in London: the offset tells them apart
    local = [row[0].isoformat() for row in back]
    assert local == ["2026-10-25T00:30:00+01:00", "2026-10-25T01:45:00+01:00",
                     "2026-10-25T01:45:00+00:00", "2026-10-25T12:00:00+00:00"]
    with target.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == HEADER
    assert rows[2][1] == "2026-10-25T00:45:00+00:00"  # the UTC column
    assert [r[4] for r in rows[1:]] == ["fired", "partly", "done", "skipped"]


def test_a_file_written_again_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "history.csv"
    write_csv(target, EVENTS, LONDON)
    write_csv(target, EVENTS[:1], SYDNEY)
    [(local, utc, event)] = read_csv(target)
    assert local.isoformat() == "2026-10-25T10:30:00+11:00" and utc == event.at
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.csv"]  # no temp file left


def _command(*args: str, tz: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, TZ=tz)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "backcare", *args], capture_output=True,
                          text=True, env=env, timeout=120, check=False)


def test_the_history_command_writes_her_store_as_csv(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store(data, clock=lambda: datetime(2026, 10, 26, tzinfo=UTC))
    for e in EVENTS:
        store.record(e.kind, e.reminder_key, e.event, e.detail, at=e.at, food=e.food)
    store.close()
    target = tmp_path / "out" / "mine.csv"
    target.parent.mkdir(mode=0o755)
    done = _command("history", "--csv", str(target), "--data-dir", str(data),
                    tz="Australia/Sydney")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Wrote 4 events of your history to {target}."
    back = read_csv(target)
    assert [event for _, _, event in back] == EVENTS
    assert [row[0].utcoffset() for row in back] == [timedelta(hours=11)] * 4  # her zone
    assert _mode(target) == 0o600 and _mode(target.parent) == 0o755  # her folder left alone
    # the top-level form works too, and a folder that does not exist is said, not raised
    again = _command("--data-dir", str(data), "history", "--csv", str(tmp_path / "x" / "y.csv"),
                     tz="Europe/London")
    assert again.returncode == 1
    assert again.stderr.startswith("Could not write ") and "Traceback" not in again.stderr
