"""The time zone is found by name, so reminders keep their wall-clock times across DST."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from backcare.core.zone import local_zone


def test_tz_variable_wins(tmp_path: Path) -> None:
    assert local_zone({"TZ": "Australia/Sydney"}, etc=tmp_path) == ZoneInfo("Australia/Sydney")


def test_etc_timezone_then_localtime_link(tmp_path: Path) -> None:
    (tmp_path / "timezone").write_text("America/New_York\n")
    assert local_zone({}, etc=tmp_path) == ZoneInfo("America/New_York")
    (tmp_path / "timezone").unlink()
    (tmp_path / "localtime").symlink_to("/usr/share/zoneinfo/Asia/Shanghai")
    assert local_zone({}, etc=tmp_path) == ZoneInfo("Asia/Shanghai")


def test_unknown_names_fall_back_to_utc(tmp_path: Path) -> None:
    assert local_zone({"TZ": "Not/AZone"}, etc=tmp_path) == ZoneInfo("UTC")
