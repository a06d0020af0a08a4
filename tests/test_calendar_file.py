"""The calendar file as she makes it: the app's words, a private file, and ``backcare calendar``."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

from backcare.calendar_file import DEFAULT_WEEKS, write_calendar
from backcare.core.content import load_exercises
from backcare.core.plan import Profile, default_plan
from backcare.paths import resources_dir

ROOT = Path(__file__).resolve().parent.parent
LONDON = ZoneInfo("Europe/London")
EXERCISES = load_exercises(resources_dir() / "exercises")[0]
# 2026-11-23 is 11 weeks after 2026-09-07: the bridge and the cat back are open.
PLAN = replace(default_plan(), profile=Profile(date(2026, 9, 7), "vaginal"))
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=LONDON)


def test_the_events_speak_in_the_apps_words(tmp_path: Path) -> None:
    path = tmp_path / "routine.ics"
    written = write_calendar(path, PLAN, EXERCISES, {}, LONDON, NOW, weeks=1)
    events = list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))
    summaries = {str(e["SUMMARY"]): str(e["DESCRIPTION"]) for e in events}
    assert summaries["Morning exercises: Bridge, Cat back"] == (
        "A few gentle minutes: Bridge, Cat back. Open Back Care to be guided through every "
        "step, and stop if anything hurts.")
    assert "toward 1,000 mg today" in summaries["Calcium with dinner"]
    assert summaries["Posture break: stand up and stretch"].startswith("Stand up")
    assert written.events == len(events) == 13  # her week changes on Mondays: one week, 7 days
    assert written.reminders == 7 * 13
    assert (written.first_day, written.end_day) == (date(2026, 11, 23), date(2026, 11, 30))
    assert written.sentence().startswith(
        "Saved 91 reminders from 23 November to 29 November 2026 as 13 repeating events in ")


def test_the_file_is_hers_alone_and_a_bad_folder_raises(tmp_path: Path) -> None:
    path = tmp_path / "routine.ics"
    write_calendar(path, PLAN, EXERCISES, {}, LONDON, NOW)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it tells of her health
    assert DEFAULT_WEEKS == 4
    try:
        write_calendar(tmp_path / "missing" / "x.ics", PLAN, EXERCISES, {}, LONDON, NOW)
    except OSError:
        pass
    else:
        raise AssertionError("writing into a missing folder should raise OSError")
    assert not list(tmp_path.glob("missing*"))


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TZ": "Europe/London",
           "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "backcare", *args], capture_output=True,
                          text=True, env=env, timeout=120, check=False)


def test_backcare_calendar_writes_her_saved_plan_from_today(tmp_path: Path) -> None:
    settings = tmp_path / "mine.toml"
    born = datetime.now(LONDON).date() - timedelta(weeks=11)  # the bridge is open by week 4
    settings.write_text(f"[profile]\nbirth_date = {born}\nbirth_type = 'vaginal'\n")
    data = str(tmp_path / "data")
    assert _run("--data-dir", data, "settings", "import", str(settings)).returncode == 0
    out = tmp_path / "routine.ics"
    done = _run("--data-dir", data, "calendar", "-o", str(out), "--weeks", "2")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Saved ") and str(out) in done.stdout
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    events = list(calendar.walk("VEVENT"))
    counts = sum(e["RRULE"]["COUNT"][0] - len(e.exdates) for e in events)
    assert f"Saved {counts} reminders" in done.stdout
    assert f"as {len(events)} repeating events" in done.stdout
    assert counts == 14 * 13  # two weeks of the default day
    assert any("Bridge" in str(e["SUMMARY"]) for e in events)
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_backcare_calendar_refuses_a_bad_number_of_weeks_in_one_sentence(tmp_path: Path) -> None:
    done = _run("--data-dir", str(tmp_path), "calendar", "-o", str(tmp_path / "x.ics"),
                "--weeks", "60")
    assert done.returncode == 2
    assert "'60' is not a number of weeks from 1 to 52" in done.stderr
    assert not (tmp_path / "x.ics").exists()


def test_backcare_calendar_says_why_it_could_not_write(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "x.ics"
    done = _run("--data-dir", str(tmp_path / "data"), "calendar", "-o", str(target))
    assert done.returncode == 1
    assert done.stderr.strip() == f"Could not write {target}: No such file or directory."


def test_backcare_calendar_does_not_import_qt(tmp_path: Path) -> None:
    code = ("import sys; from backcare.cli import main; "
            f"main(['--data-dir', {str(tmp_path)!r}, 'calendar', '-o', "
            f"{str(tmp_path / 'r.ics')!r}]); "
            "print('QT', any(m.startswith('PySide6') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("QT False")
