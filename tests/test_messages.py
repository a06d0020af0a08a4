"""What notifications say and offer."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from backcare.core.reminders import Reminder
from backcare.messages import away_summary, next_text, notification_for

TZ = ZoneInfo("Europe/London")


def rem(kind: str, hour: int, what: str = "", exercises: tuple[str, ...] = ()) -> Reminder:
    when = datetime(2026, 11, 23, hour, tzinfo=TZ)
    return Reminder(when, kind, f"{kind}:{when:%Y-%m-%dT%H:%M}", what, exercises)


def test_each_kind_has_its_buttons() -> None:
    summary, body, actions = notification_for(
        rem("exercise", 8, "Morning exercises: bridge", ("bridge",)), {"bridge": "Bridge"}
    )
    assert summary.startswith("Morning exercises")
    assert "Bridge" in body
    assert [k for k, _ in actions] == ["default", "start", "snooze", "skip"]
    assert [k for k, _ in notification_for(rem("calcium", 12, "Calcium with lunch"), {})[2]] == [
        "taken", "snooze"]
    assert notification_for(rem("calcium", 12, "Calcium with lunch"), {})[0] == "Calcium with lunch"


def test_away_summary_is_one_sentence() -> None:
    title, body = away_summary([rem("posture", 9), rem("posture", 11), rem("calcium", 12)])
    assert title == "While you were away"
    assert body == (
        "You missed 1 calcium reminder and 2 posture breaks. That's fine: carry on from now."
    )


def test_next_text() -> None:
    assert next_text(None) == "Nothing planned"
    assert next_text(rem("posture", 11)) == "Next: posture break at 11:00"
