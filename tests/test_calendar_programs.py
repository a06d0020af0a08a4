"""Real calendar programs import the file: calcurse and khal (both in Debian, installed by
.ci/apt-packages-test). Under ``CI=true`` a missing program fails the test, never skips it.

What each one shows us:

* **calcurse** keeps its own simple recurrences. It reads RRULE (FREQ, COUNT, BYDAY), EXDATE
  and VALARM, but not TZID or VTIMEZONE: times are taken as wall times in the zone calcurse
  runs in, which is what the file means when it runs in her zone (a time in the hour the clocks
  skip would be shown as written; a plan with none there, as the default one, is exact). It
  keeps no UIDs, so importing twice adds copies: that is calcurse's way, not the file's.
* **khal** reads TZID, RRULE, EXDATE and VTIMEZONE, keeps one file per UID, and, importing a
  file whose UIDs it already has, updates those events: the proof that stable UIDs make a
  second import an update rather than a second copy.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from backcare.calendar_file import CalendarWritten, calendar_words, write_calendar
from backcare.core.content import load_exercises
from backcare.core.plan import Plan, Profile, default_plan
from backcare.core.progression import effective_plan
from backcare.core.reminders import reminders
from backcare.paths import resources_dir

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
EXERCISES = load_exercises(resources_dir() / "exercises")[0]
TITLES = {e.id: e.title for e in EXERCISES}
PLAN = replace(default_plan(), profile=Profile(date(2026, 2, 20), "vaginal"))
FIRST = date(2026, 3, 1)  # 8 weeks over both March clock changes, and weeks 1 to 9 for her
WEEKS = 8


def _program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        reason = f"{name} is not installed (run .ci/run, or apt-get install {name})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    return path


def _export(path: Path, tz: ZoneInfo, plan: Plan = PLAN,
            exported: datetime | None = None) -> CalendarWritten:
    now = exported or datetime.combine(FIRST, time(6, 0), tzinfo=tz)
    return write_calendar(path, plan, EXERCISES, {}, tz, now, WEEKS)


def _expected(plan: Plan, tz: ZoneInfo) -> Counter[str]:
    """'YYYY-MM-DD HH:MM summary' for every reminder the app gives in the span."""
    words = calendar_words(plan, TITLES)
    found: Counter[str] = Counter()
    for n in range(WEEKS * 7):
        day = FIRST + timedelta(days=n)
        start = datetime.combine(day, time(0), tzinfo=tz)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
        today = effective_plan(plan, EXERCISES, day)
        for r in reminders(today, start, end, tz):
            found[f"{r.when.astimezone(tz):%Y-%m-%d %H:%M} {words(r)[0]}"] += 1
    return found


def _run(args: list[str], tz: ZoneInfo, home: Path) -> str:
    env = {**os.environ, "TZ": str(tz.key), "HOME": str(home), "XDG_CONFIG_HOME": str(home),
           "XDG_DATA_HOME": str(home)}
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr + done.stdout
    return done.stdout


@pytest.mark.parametrize("tz", [LONDON, NEW_YORK], ids=["London", "New York"])
def test_calcurse_imports_every_event_and_shows_every_reminder(tmp_path: Path, tz: ZoneInfo
                                                               ) -> None:
    calcurse = _program("calcurse")
    written = _export(tmp_path / "routine.ics", tz)
    data = tmp_path / "calcurse"
    data.mkdir()
    (data / "conf").write_text("format.inputdate=4\n")  # --from as YYYY-MM-DD
    report = _run([calcurse, "-D", str(data), "-i", str(written.path)], tz, tmp_path)
    assert f"{written.events} apps / 0 events / 0 todos / 0 skipped" in report
    stored = (data / "apts").read_text().splitlines()
    assert len(stored) == written.events
    # "START -> END {RECURRENCE} >NOTE !SUMMARY": the description became a note, and "!"
    # marks the alarm, on every one of them.
    stored_as = [re.fullmatch(r".* \{1D -> [^}]*\} >[0-9a-f]{40} !(.+)", line) for line in stored]
    assert all(stored_as)
    summaries = {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(
        written.path.read_bytes()).walk("VEVENT")}
    assert {m.group(1) for m in stored_as if m} == summaries
    shown = _run([calcurse, "-D", str(data), "-Q", "--from", FIRST.isoformat(),
                  "--days", str(WEEKS * 7),
                  "--format-recur-apt", "%(start:%Y-%m-%d %H:%M) %m\\n",
                  "--format-apt", "%(start:%Y-%m-%d %H:%M) %m\\n"], tz, tmp_path)
    lines = Counter(line for line in shown.splitlines() if line[:2] == "20")
    assert sum(lines.values()) == written.reminders == WEEKS * 7 * 13
    assert lines == _expected(PLAN, tz)


def _khal_config(root: Path, tz: ZoneInfo) -> Path:
    (root / "calendar").mkdir(parents=True)
    config = root / "config"
    config.write_text(
        "[calendars]\n[[backcare]]\n"
        f"path = {root / 'calendar'}\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        f"default_timezone = {tz.key}\nlocal_timezone = {tz.key}\n"
        f"[sqlite]\npath = {root / 'khal.db'}\n"
    )
    return config


def _khal_list(khal: str, config: Path, tz: ZoneInfo, home: Path) -> Counter[str]:
    end = FIRST + timedelta(weeks=WEEKS)  # khal lists up to the start of this day
    out = _run([khal, "-c", str(config), "list", "--format", "{start} {title}",
                "--day-format", "", FIRST.isoformat(), end.isoformat()], tz, home)
    return Counter(line for line in out.splitlines() if line.strip())


@pytest.mark.parametrize("tz", [LONDON, NEW_YORK], ids=["London", "New York"])
def test_khal_imports_it_in_her_zone_and_a_second_import_updates_the_same_events(
    tmp_path: Path, tz: ZoneInfo
) -> None:
    khal = _program("khal")
    config = _khal_config(tmp_path / "khal", tz)
    written = _export(tmp_path / "routine.ics", tz)
    _run([khal, "-c", str(config), "import", "--batch", str(written.path)], tz, tmp_path)
    stored = tmp_path / "khal" / "calendar"
    assert len(list(stored.glob("*.ics"))) == written.events  # one file per UID
    assert _khal_list(khal, config, tz, tmp_path) == _expected(PLAN, tz)

    # She moves her morning session to 08:30 and exports again, an hour later.
    moved = replace(PLAN, sessions=(replace(PLAN.sessions[0], at=time(8, 30)),
                                    *PLAN.sessions[1:]))
    exported = datetime.combine(FIRST, time(7, 0), tzinfo=tz).astimezone(UTC)
    again = _export(tmp_path / "routine-2.ics", tz, moved, exported)
    _run([khal, "-c", str(config), "import", "--batch", str(again.path)], tz, tmp_path)
    assert len(list(stored.glob("*.ics"))) == written.events == again.events  # no copies
    listed = _khal_list(khal, config, tz, tmp_path)
    assert listed == _expected(moved, tz)
    assert not any(line[11:16] == "08:00" for line in listed)
