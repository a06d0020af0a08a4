"""The shell applies her recovery: today's sessions, the library's locks, setbacks, news."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backcare.app.shell import ANNOUNCED_KEY, Shell
from backcare.catalog import Catalog, load_catalog
from backcare.core.plan import Plan, Profile, default_plan
from backcare.core.reminders import Kind
from backcare.core.store import EventKind, Store
from backcare.core.today import Action, State
from backcare.settings import PLAN_KEY, SETUP_KEY, load_pauses, load_plan
from tests.ui.shell_parts import start_shell, stop_shell

TZ = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 23, 8, 30, tzinfo=TZ)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def make_shell(qtbot: QtBot, tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
               ) -> Iterator[object]:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)  # notifications fall back
    made: list[Shell] = []
    with time_machine.travel(NOW, tick=False):
        def make(plan: Plan) -> Shell:
            store = Store(tmp_path / f"data{len(made)}", clock=lambda: datetime.now(TZ))
            made.append(start_shell(qtbot, catalog, store, plan, TZ))
            return made[-1]

        yield make
        for shell in made:
            stop_shell(shell)


def _session_exercises(shell: Shell) -> dict[str, tuple[str, ...]]:
    return {s.label: s.exercises for s in shell.service.plan.sessions}


def test_without_birth_details_only_the_gentlest_and_an_offer_to_set_up(make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell(default_plan())
    assert _session_exercises(shell)["Morning"] == ("pelvic-floor",)
    assert shell.today_page.setup_button.isVisibleTo(shell.today_page)
    assert "does not know yet" in shell.today_page.recovery_label.text()
    assert not shell.statuses["bridge"].offered


def test_her_week_fills_the_sessions_and_the_library_shows_the_locks(make_shell) -> None:  # type: ignore[no-untyped-def]
    # 2026-11-23 is 6 weeks and 1 day after 2026-10-12: the bridge opens in week 6 after a
    # caesarean (its first, starter week); planks wait until week 16.
    plan = replace(default_plan(), profile=Profile(date(2026, 10, 12), "caesarean"))
    shell = make_shell(plan)
    assert "bridge" in _session_exercises(shell)["Morning"]
    assert not shell.today_page.setup_button.isVisibleTo(shell.today_page)
    assert shell.today_page.recovery_label.text().endswith(
        "From this week you can add the palm press lying down, knee hugs, careful backward "
        "steps and the bridge.")
    page = shell.window.exercises_page  # built now, gets the statuses
    assert page.statuses["bridge"].starter
    ids = page.exercise_ids()
    assert ids.index("bridge") < ids.index("plank-kneeling")
    plank = shell.catalog.exercise("plank-kneeling")
    assert plank is not None
    assert page.dose_text(plank) == "This opens 16 weeks after a caesarean birth, in 10 weeks."


def test_the_news_of_an_unlock_is_given_once(make_shell) -> None:  # type: ignore[no-untyped-def]
    plan = replace(default_plan(), profile=Profile(date(2026, 10, 12), "caesarean"))
    shell = make_shell(plan)
    assert shell.store.get_setting(ANNOUNCED_KEY) == "2026-10-12:6"
    shell.store.set_setting(ANNOUNCED_KEY, "marker")
    shell.apply_progression()  # a new week would announce; the same week does not repeat
    assert shell.store.get_setting(ANNOUNCED_KEY) == "2026-10-12:6"
    shell.apply_progression()
    assert shell.store.get_setting(ANNOUNCED_KEY) == "2026-10-12:6"


def test_this_made_my_back_worse_rests_the_exercise_and_says_what_helps(  # type: ignore[no-untyped-def]
    make_shell, qtbot: QtBot
) -> None:
    plan = replace(default_plan(), profile=Profile(date(2026, 9, 1), "vaginal"))
    shell = make_shell(plan)
    assert "bridge" in _session_exercises(shell)["Morning"]
    card = shell.window.exercises_page.open_exercise("bridge")
    assert card is not None
    card.madeWorse.emit("bridge")
    assert load_pauses(shell.store, NOW.date()) == {"bridge": date(2026, 11, 26)}
    assert all("bridge" not in ex for ex in _session_exercises(shell).values())
    assert not shell.statuses["bridge"].offered
    assert shell.window.exercises_page.card is None  # back to the list
    dialog = shell.setback_dialog
    assert dialog is not None and dialog.isVisible()
    assert "Bridge" in dialog.findChild(object, "setbackNotice").text  # type: ignore[union-attr]
    # Her saved plan is untouched: the pause only changes what reminds her.
    assert load_plan(shell.store) == plan or shell.store.get_setting(PLAN_KEY) is None


def test_her_first_morning_is_not_a_row_of_missed(make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell(default_plan())  # first start at 08:30
    rows = [row.text() for row in shell.today_page.rows]
    assert rows[0].startswith("07:30") and rows[0].endswith("before you started")
    assert not any("missed" in row for row in rows)


def test_a_new_plan_is_saved_and_applied_at_once(make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell(default_plan())
    changed = replace(default_plan(), posture_interval_min=60,
                      profile=Profile(date(2026, 9, 1), "vaginal"))
    shell.set_plan(changed)
    assert load_plan(shell.store) == changed
    assert shell.service.plan.posture_interval_min == 60
    assert "bridge" in _session_exercises(shell)["Morning"]
    assert shell.store.get_setting(SETUP_KEY) is None


def test_first_start_to_a_plan_that_fits_her_week(make_shell, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate

    shell = make_shell(default_plan())
    assert shell.needs_setup()
    wizard = shell.open_setup()
    qtbot.waitExposed(wizard)
    assert shell.safety() is not None
    assert shell.safety().disclaimer in wizard.disclaimer_label.text()  # type: ignore[union-attr]
    # 2026-11-23 is week 6 after 2026-10-12; six interactions, well under a minute.
    wizard.birth_date.setDate(QDate(2026, 10, 12))
    for button in (wizard.birth_buttons["caesarean"], wizard.feeding_yes, wizard.next_button,
                   wizard.next_button, wizard.finish_button):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert shell.store.get_setting(SETUP_KEY) == "done"
    saved = load_plan(shell.store)
    assert saved.profile.birth_type == "caesarean"
    assert saved.profile.birth_date == date(2026, 10, 12)
    sessions = _session_exercises(shell)
    assert "bridge" in sessions["Morning"]  # week 6 after a caesarean: the bridge opens
    assert not any("plank" in x for ex in sessions.values() for x in ex)
    assert not shell.today_page.setup_button.isVisibleTo(shell.today_page)


def test_skipping_the_setup_is_remembered_and_offered_again_on_today(  # type: ignore[no-untyped-def]
    make_shell, qtbot: QtBot
) -> None:
    shell = make_shell(default_plan())
    wizard = shell.open_setup()
    qtbot.mouseClick(wizard.skip_button, Qt.MouseButton.LeftButton)
    assert shell.store.get_setting(SETUP_KEY) == "skipped" and not shell.needs_setup()
    # She still sees the disclaimer and the warning signs once.
    assert shell.window.pages.currentWidget().objectName() == "safetyPage"
    assert load_plan(shell.store) == default_plan()
    with qtbot.waitSignal(shell.today_page.setupRequested):
        shell.today_page.setup_button.click()
    assert shell.wizard is not None


def test_an_import_from_the_command_line_is_applied_by_the_running_app(make_shell) -> None:  # type: ignore[no-untyped-def]
    from backcare.settings import save_plan

    shell = make_shell(default_plan())
    imported = replace(default_plan(), profile=Profile(date(2026, 9, 1), "vaginal"))
    save_plan(shell.store, imported)  # what 'backcare settings import' does
    shell.reload_plan()
    assert shell.base_plan == imported
    assert "bridge" in _session_exercises(shell)["Morning"]


def test_a_change_in_the_settings_window_applies_at_once(make_shell, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell(default_plan())
    dialog = shell.open_settings()
    assert shell.open_settings() is dialog  # one window, brought back
    with qtbot.waitSignal(shell.service.changed, timeout=2000):
        dialog.posture_interval.setValue(60)
    assert load_plan(shell.store).posture_interval_min == 60
    assert shell.service.plan.posture_interval_min == 60
    dialog.close()


def test_baby_is_napping_quiets_reminders_until_she_wakes(make_shell) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from backcare.core.reminders import reminders

    shell = make_shell(default_plan())  # 08:30
    shell.start_nap(60)
    nap = load_plan(shell.store).nap
    assert nap is not None and nap.until - nap.start == timedelta(hours=1)
    assert shell.service.plan.nap == nap
    due = reminders(shell.service.plan, NOW, NOW + timedelta(hours=2), TZ)
    assert [r.when.astimezone(TZ).strftime("%H:%M") for r in due] == []  # 09:00 is quiet
    assert shell.tray.awake_action.isVisible()
    shell.end_nap()
    assert load_plan(shell.store).nap is None
    due = reminders(shell.service.plan, NOW, NOW + timedelta(hours=2), TZ)
    assert [r.when.astimezone(TZ).strftime("%H:%M") for r in due] == ["09:00"]
    assert not shell.tray.awake_action.isVisible()


def test_the_settings_window_says_which_exercises_are_not_for_her_yet(  # type: ignore[no-untyped-def]
    make_shell,
) -> None:
    plan = replace(default_plan(), profile=Profile(date(2026, 10, 12), "caesarean"))
    shell = make_shell(plan)
    dialog = shell.open_settings()
    dialog.sessions.choose_myself.setChecked(True)
    rows = {dialog.sessions.session_exercises.item(i).text()
            for i in range(dialog.sessions.session_exercises.count())}
    assert "Bridge" in rows  # week 6 after a caesarean: open
    assert "Kneeling plank (not yet: opens 16 weeks after a caesarean birth, in 10 weeks)" in rows
    dialog.close()


def _run_to_summary(view, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    """Let the session's own clock run (a tick a second, called directly: no waiting)."""
    from backcare.core.guided import Phase

    for _ in range(2000):
        if view.session.phase is Phase.SUMMARY:
            return
        view.tick(1)
    raise AssertionError("the session did not reach its summary")


def test_start_now_runs_the_whole_session_and_records_one_answer(  # type: ignore[no-untyped-def]
    make_shell, qtbot: QtBot
) -> None:
    """From Today, "Start now" on the 08:00 reminder: the session comes to the front, plays
    both exercises hands-free, and Done records exactly one answer for the reminder."""
    shell = make_shell(replace(default_plan(), profile=Profile(date(2026, 9, 1), "vaginal")))
    shell.window.show()
    day = shell.service.lifecycle.day(shell.service.now())
    morning = next(e for e in day.entries if e.reminder.label == "Morning")
    assert len(morning.reminder.exercises) == 2
    shell.act(morning.reminder.key, Action.START)
    page = shell.window.exercises_page
    assert shell.window.pages.currentWidget() is page
    view = page.view
    assert view is not None and view.session.running
    _run_to_summary(view, qtbot)
    with qtbot.waitSignal(shell.window.sessionFinished, timeout=1000):
        qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    events = [e.event for e in shell.store.events() if e.reminder_key == morning.reminder.key]
    assert events == [EventKind.DONE]
    assert shell.today_page.row(morning.reminder.key).entry.state is State.DONE
    assert shell.window.pages.currentWidget() is shell.today_page


def _start_afternoon(make_shell) -> tuple[Shell, str]:  # type: ignore[no-untyped-def]
    """A shell ten weeks after a vaginal birth, with the afternoon session started."""
    shell = make_shell(replace(default_plan(), profile=Profile(date(2026, 9, 1), "vaginal")))
    key = next(e.reminder.key for e in shell.service.lifecycle.day(NOW).entries
               if e.reminder.label == "Afternoon")
    shell.act(key, Action.START)
    return shell, key


def test_stopping_a_session_early_records_what_she_did(  # type: ignore[no-untyped-def]
    make_shell, qtbot: QtBot
) -> None:
    shell, key = _start_afternoon(make_shell)
    view = shell.window.exercises_page.view
    assert view is not None
    for _ in range(40):  # a little of the first exercise
        view.tick(1)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    with qtbot.waitSignal(shell.window.sessionFinished, timeout=1000) as finished:
        qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    assert finished.args[0].complete is False and finished.args[0].started is True
    events = [e for e in shell.store.events() if e.reminder_key == key]
    assert [e.event for e in events] == [EventKind.PARTLY]
    assert "bridge" in events[0].detail


def test_taken_on_the_today_page_counts_once(make_shell, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell(default_plan())
    lunch = next(r for r in shell.today_page.rows if r.entry.reminder.meal == "lunch")
    qtbot.mouseClick(lunch.buttons[Action.TAKEN], Qt.MouseButton.LeftButton)
    menu = shell.today_page.food_menu
    assert menu is not None and list(menu.actions_by_food)[:4] == list(
        default_plan().calcium.foods)  # her suggested foods first
    menu.actions_by_food["tofu"].trigger()
    shell.act(lunch.key, Action.TAKEN)  # a second press, from the notification
    assert [(e.event, e.food) for e in shell.store.events() if e.reminder_key == lunch.key] == [
        (EventKind.DONE, "tofu")]
    day = shell.service.lifecycle.day(NOW)
    assert (day.calcium_taken, day.calcium_mg) == (1, 105)  # tofu as sold in China
    row = shell.today_page.row(lunch.key)
    assert row.entry.state is State.DONE and row.what_label.text() == "Calcium with lunch: " + (
        next(f.name for f in shell.catalog.foods if f.id == "tofu"))


def test_the_calcium_notification_names_the_food_its_taken_counts(  # type: ignore[no-untyped-def]
        make_shell, monkeypatch: pytest.MonkeyPatch) -> None:
    from backcare.core.lifecycle_io import Changes

    plan = replace(default_plan(), calcium=replace(default_plan().calcium, foods=("yogurt",)))
    shell = make_shell(plan)
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(shell, "notify", lambda _channel, summary, body, _actions:
                        told.append((summary, body)))
    lunch = next(r for r in shell.today_page.rows if r.entry.reminder.meal == "lunch")
    shell.on_changes(Changes(show=(lunch.entry.reminder,)))
    assert told == [("Calcium with lunch", "Taken counts your usual food: Yogurt, plain, 1 pot "
                     "(150 g), about 170 mg. Had something else? Choose it on the Today page.")]


def test_taken_from_the_notification_counts_her_usual_food_and_can_be_changed(  # type: ignore[no-untyped-def]
        make_shell, qtbot: QtBot) -> None:
    shell = make_shell(default_plan())
    lunch = next(r for r in shell.today_page.rows if r.entry.reminder.meal == "lunch")
    shell.act(lunch.key, Action.TAKEN)  # the notification's button: no choice there
    day = shell.service.lifecycle.day(NOW)
    assert (day.calcium_taken, day.calcium_mg) == (1, 260)  # milk, her first suggested food
    row = shell.today_page.row(lunch.key)
    assert row.what_label.text() == "Calcium with lunch: Milk"
    qtbot.mouseClick(row.buttons[Action.CHANGE_FOOD], Qt.MouseButton.LeftButton)
    shell.today_page.food_menu.actions_by_food["soy-milk"].trigger()
    assert [e.food for e in shell.store.events() if e.reminder_key == lunch.key] == [
        "milk", "soy-milk"]
    day = shell.service.lifecycle.day(NOW)
    assert (day.calcium_taken, day.calcium_mg) == (1, 250)


def test_undo_puts_the_exercise_back(make_shell) -> None:  # type: ignore[no-untyped-def]
    plan = replace(default_plan(), profile=Profile(date(2026, 9, 1), "vaginal"))
    shell = make_shell(plan)
    shell.on_made_worse("bridge")
    assert all("bridge" not in ex for ex in _session_exercises(shell).values())
    notice = shell.setback_dialog.findChild(object, "setbackNotice")  # type: ignore[union-attr]
    notice.undo_button.click()
    assert load_pauses(shell.store, NOW.date()) == {}
    assert "bridge" in _session_exercises(shell)["Morning"]
    assert shell.statuses["bridge"].offered


def test_the_day_is_drawn_at_start_even_when_nothing_is_due(make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell(default_plan())  # 08:30: nothing due at this moment
    assert len(shell.today_page.rows) == 13
    assert shell.tray.next_action.text() == "Next: posture break at 09:00"


def test_a_session_from_the_library_is_hers_not_the_last_reminders(  # type: ignore[no-untyped-def]
    make_shell, qtbot: QtBot
) -> None:
    shell, key = _start_afternoon(make_shell)
    page = shell.window.exercises_page
    page.view.back_link.click()  # she leaves it without finishing
    view = page.open_exercise("cat-back")
    view.start()
    _run_to_summary(view, qtbot)
    qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    assert [e.event for e in shell.store.events() if e.reminder_key == key] == []
    free = [e for e in shell.store.events() if e.reminder_key.startswith("free:")]
    assert [e.event for e in free] == [EventKind.DONE]


def test_start_exercises_now_in_the_tray_opens_the_next_session(make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell(replace(default_plan(), profile=Profile(date(2026, 9, 1), "vaginal")))
    shell.window.show_page("Safety")
    shell.tray.start_action.trigger()  # 08:30: the morning session passed, the afternoon's next
    view = shell.window.exercises_page.view
    assert shell.window.pages.currentWidget() is shell.window.exercises_page
    assert view is not None and view.session.running
    assert shell.window.windowTitle() == "Afternoon exercises — Back Care"


def test_the_warning_signs_use_her_countrys_numbers(make_shell) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    shell = make_shell(replace(default_plan(), profile=Profile(country="AU")))
    safety = shell.safety()
    assert safety is not None and safety.emergency.title == "Call 000 now"
    shell.window.show_page("Safety")
    shown = shell.window.pages.currentWidget()
    assert "Call 000 now" in [w.text() for w in shown.findChildren(QLabel)]
    shell.set_plan(replace(shell.base_plan, profile=Profile(country=None)))  # in Settings
    unknown = shell.safety()
    assert unknown is not None and unknown.emergency.title == "Call your local emergency number now"
    page = shell.window.pages.currentWidget()  # rebuilt at once: it was on screen
    assert page is not shown
    assert "Call your local emergency number now" in [w.text() for w in page.findChildren(QLabel)]


def test_saying_so_on_a_locked_card_records_the_check_and_opens_it(  # type: ignore[no-untyped-def]
    make_shell, qtbot: QtBot
) -> None:
    """A year after the birth the planks' weeks have come; they wait for her postnatal check.
    "I have had my postnatal check" on the locked card saves the answer, as Settings would, and
    the card she is reading opens with its Start."""
    plan = replace(default_plan(), profile=Profile(date(2025, 11, 1), "vaginal"))
    shell = make_shell(plan)
    assert shell.statuses["plank-kneeling"].waiting_for_check
    view = shell.window.open_session(["plank-kneeling"], "Kneeling plank")
    assert view is not None and view.check_button.isVisible()
    assert not view.start_button.isEnabled()
    qtbot.mouseClick(view.check_button, Qt.MouseButton.LeftButton)
    assert load_plan(shell.store).profile.postnatal_check is True
    assert shell.base_plan.profile.postnatal_check is True
    assert shell.statuses["plank-kneeling"].offered
    opened = shell.window.exercises_page.view
    assert opened is not None and opened is not view
    assert opened.exercise.id == "plank-kneeling" and opened.start_button.isEnabled()
    assert shell.window.windowTitle() == "Kneeling plank — Back Care"


def test_start_now_on_a_posture_break_opens_its_card_and_done_records_it(  # type: ignore[no-untyped-def]
    make_shell, qtbot: QtBot
) -> None:
    """A posture break has a card of its own: "Start now" brings it to the front, titled
    "Posture break", it plays hands-free, and Done records the break as done."""
    shell = make_shell(replace(default_plan(), profile=Profile(date(2026, 9, 1), "vaginal")))
    shell.window.show()
    day = shell.service.lifecycle.day(shell.service.now())
    posture = next(e for e in day.entries if e.reminder.kind is Kind.POSTURE)
    shell.act(posture.reminder.key, Action.START)
    view = shell.window.exercises_page.view
    assert view is not None and view.session.running
    assert [e.id for e in view.session.exercises] == ["posture-break"]
    assert shell.window.windowTitle() == "Posture break — Back Care"
    _run_to_summary(view, qtbot)
    with qtbot.waitSignal(shell.window.sessionFinished, timeout=1000):
        qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    events = [e.event for e in shell.store.events() if e.reminder_key == posture.reminder.key]
    assert events == [EventKind.DONE]
    assert shell.today_page.row(posture.reminder.key).entry.state is State.DONE
