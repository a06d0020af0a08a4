"""The Today page shows the core's timeline: statuses, the countdown, the calcium tally."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from backcare.core.plan import default_plan
from backcare.core.store import Event
from backcare.core.today import day_timeline
from backcare.ui.today_page import TodayPage, countdown_words

TZ = ZoneInfo("Europe/London")


def test_today_page_lists_statuses_and_tally(qtbot) -> None:  # type: ignore[no-untyped-def]
    now = datetime(2026, 11, 23, 10, 35, tzinfo=TZ)
    taken = datetime(2026, 11, 23, 7, 40, tzinfo=TZ).astimezone(UTC)
    events = [Event(taken, "calcium", "calcium:2026-11-23T07:30", "done", "")]
    day = day_timeline(default_plan(), events, date(2026, 11, 23), now, TZ, portion_mg=260)
    page = TodayPage()
    qtbot.addWidget(page)
    page.set_day(day, now)
    rows = [page.list_widget.item(i).text() for i in range(page.list_widget.count())]
    assert len(rows) == 13
    assert rows[0] == "07:30   Calcium with breakfast   — done"
    assert rows[2].startswith("09:00") and rows[2].endswith("— missed")
    assert rows[3].startswith("11:00") and rows[3].endswith("— later")
    assert page.next_label.text() == "Next: posture break at 11:00, in 25 min"
    assert "1 of 3 portions" in page.calcium_label.text()
    assert "about 260 mg, toward 1,000 mg" in page.calcium_label.text()
    assert page.calcium_bar.value() == 260


def test_countdown_words() -> None:
    assert countdown_words(0) == "now"
    assert countdown_words(25 * 60 + 5) == "in 25 min"
    assert countdown_words(3 * 3600 + 5 * 60) == "in 3 h 05 min"


def test_her_usual_food_counts_toward_the_tally(qtbot) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from backcare.core.plan import Profile

    plan = replace(default_plan(), profile=Profile(diet_calcium_mg=600))
    now = datetime(2026, 11, 23, 10, 35, tzinfo=TZ)
    taken = datetime(2026, 11, 23, 7, 40, tzinfo=TZ).astimezone(UTC)
    events = [Event(taken, "calcium", "calcium:2026-11-23T07:30", "done", "")]
    day = day_timeline(plan, events, date(2026, 11, 23), now, TZ, portion_mg=260)
    assert day.calcium_total_mg == 860
    page = TodayPage()
    qtbot.addWidget(page)
    page.set_day(day, now)
    assert "about 260 mg + about 600 mg from your usual food" in page.calcium_label.text()
    assert page.calcium_bar.value() == 860


def test_the_recovery_banner_and_the_setup_offer(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = TodayPage()
    qtbot.addWidget(page)
    page.show()
    assert not page.recovery_label.isVisible() and not page.setup_button.isVisible()
    page.set_recovery("Week 7 after a caesarean birth.", offer_setup=False)
    assert page.recovery_label.isVisible() and not page.setup_button.isVisible()
    page.set_recovery("Tell Back Care when your baby was born.", offer_setup=True)
    with qtbot.waitSignal(page.setupRequested, timeout=1000):
        page.setup_button.click()
