"""First-run setup, driven like a person would: a few clicks to a plan, skip keeps the plan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from backcare.core.plan import (
    COMPLICATED_BIRTH_WORDS,
    POSTNATAL_CHECK_WORDS,
    ExerciseSession,
    Plan,
    Profile,
    default_plan,
)
from backcare.core.plan_codec import validate
from backcare.ui.setup_wizard import SetupWizard

TODAY = date(2026, 11, 23)
DISCLAIMER = "Back Care does not replace your midwife or doctor."
RED_FLAGS = ("Heavy bleeding", "A painful, swollen calf")


def make_wizard(
    qtbot: QtBot, plan: Plan | None = None, locale_name: str = "C"
) -> SetupWizard:
    # "C" names no country, so the tests do not depend on the machine's locale.
    wizard = SetupWizard(plan or default_plan(), TODAY, DISCLAIMER, RED_FLAGS,
                         locale_name=locale_name)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def click(qtbot: QtBot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def finish(qtbot: QtBot, wizard: SetupWizard) -> None:
    """Next on every page left, then "I understand, start" (each on screen when pressed)."""
    while wizard.next_button.isVisible():
        before = wizard.pages.currentIndex()
        click(qtbot, wizard.next_button)
        assert wizard.pages.currentIndex() == before + 1
    assert wizard.finish_button.isVisible()
    click(qtbot, wizard.finish_button)


def test_skip_returns_the_plan_unchanged(qtbot: QtBot) -> None:
    plan = replace(default_plan(), posture_interval_min=90)
    wizard = make_wizard(qtbot, plan)
    wizard.waking_start.setTime(QTime(9, 0))  # an answer given, then she changes her mind
    with qtbot.assertNotEmitted(wizard.planChosen):
        click(qtbot, wizard.skip_button)
    assert wizard.skipped
    assert wizard.result() == QDialog.DialogCode.Rejected
    assert wizard.result_plan() is plan


def test_escape_also_skips(qtbot: QtBot) -> None:
    plan = default_plan()
    wizard = make_wizard(qtbot, plan)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.skipped and wizard.result_plan() is plan


def test_a_handful_of_clicks_gives_her_plan(qtbot: QtBot) -> None:
    wizard = make_wizard(qtbot)
    assert wizard.disclaimer_label.text() == DISCLAIMER
    assert all(flag in wizard.red_flags_label.text() for flag in RED_FLAGS)
    steps = [
        lambda: wizard.birth_date.setDate(QDate(2026, 10, 5)),
        lambda: click(qtbot, wizard.birth_buttons["caesarean"]),
        lambda: click(qtbot, wizard.feeding_yes),
        lambda: click(qtbot, wizard.next_button),
        lambda: click(qtbot, wizard.slots[3].check),  # no "Before bed" session
        lambda: click(qtbot, wizard.next_button),
        lambda: click(qtbot, wizard.calcium_page.calcium_buttons[600]),
        lambda: click(qtbot, wizard.next_button),
    ]
    for step in steps:
        step()
    assert len(steps) <= 8
    assert wizard.finish_button.isVisible() and wizard.finish_button.isEnabled()
    with qtbot.waitSignal(wizard.planChosen) as chosen:
        click(qtbot, wizard.finish_button)
    plan = wizard.result_plan()
    assert chosen.args == [plan]
    assert not wizard.skipped
    assert wizard.result() == QDialog.DialogCode.Accepted
    # She saw the postnatal check question and left it unticked: "not yet", not "not said".
    assert plan.profile == Profile(date(2026, 10, 5), "caesarean", True, 600, False)
    assert [(s.label, s.at) for s in plan.sessions] == [
        ("Morning", time(8, 0)), ("Afternoon", time(15, 0)), ("Evening", time(19, 30)),
    ]
    assert not any(s.pinned for s in plan.sessions)
    assert validate(plan, TODAY) == []


def test_times_she_chooses_are_kept(qtbot: QtBot) -> None:
    wizard = make_wizard(qtbot)
    click(qtbot, wizard.next_button)
    wizard.waking_start.setTime(QTime(6, 30))
    wizard.waking_end.setTime(QTime(22, 30))
    wizard.slots[0].time.setTime(QTime(6, 45))
    wizard.meal_times[2].setTime(QTime(19, 0))
    finish(qtbot, wizard)
    plan = wizard.result_plan()
    assert (plan.waking.start, plan.waking.end) == (time(6, 30), time(22, 30))
    assert plan.sessions[0].at == time(6, 45)
    assert plan.calcium.meals[2].at == time(19, 0)


def test_bad_waking_span_disables_next_and_finish_with_the_sentence(qtbot: QtBot) -> None:
    wizard = make_wizard(qtbot)
    click(qtbot, wizard.next_button)
    wizard.waking_end.setTime(QTime(6, 0))
    assert wizard.waking_error.isVisible()
    assert "must end after they start" in wizard.waking_error.text()
    assert not wizard.next_button.isEnabled()
    assert not wizard.finish_button.isEnabled()
    click(qtbot, wizard.next_button)
    assert wizard.pages.currentIndex() == 1  # still here
    wizard.waking_end.setTime(QTime(22, 0))
    assert not wizard.waking_error.isVisible()
    assert wizard.next_button.isEnabled() and wizard.finish_button.isEnabled()


def test_a_session_outside_waking_hours_is_named_beside_its_row(qtbot: QtBot) -> None:
    wizard = make_wizard(qtbot)
    click(qtbot, wizard.next_button)
    wizard.waking_start.setTime(QTime(9, 0))
    morning, breakfast = wizard.slots[0], wizard.meal_errors[0]
    assert "08:00, outside waking hours (09:00 to 22:00)" in morning.error.text()
    assert morning.error.isVisible() and breakfast.isVisible()
    assert not wizard.slots[1].error.isVisible()
    assert not wizard.next_button.isEnabled()
    click(qtbot, morning.check)  # switching the morning session off fixes that row
    assert not morning.error.isVisible()
    wizard.meal_times[0].setTime(QTime(9, 30))
    assert wizard.next_button.isEnabled()


def test_switching_off_a_slot_renumbers_the_errors_onto_the_right_row(qtbot: QtBot) -> None:
    wizard = make_wizard(qtbot)
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.slots[0].check)
    wizard.waking_end.setTime(QTime(20, 0))  # evening 19:30 fine, before bed 21:30 not
    assert wizard.slots[3].error.isVisible()
    assert not wizard.slots[2].error.isVisible()


@pytest.mark.parametrize("birth_type", ["vaginal", "assisted", "caesarean", None])
def test_her_earlier_answers_are_shown_again(qtbot: QtBot, birth_type: str | None) -> None:
    profile = Profile(date(2026, 9, 1), birth_type, False, 900)
    sessions = (ExerciseSession(time(10, 0), ("bridge",), "Morning", pinned=True),)
    wizard = make_wizard(qtbot, replace(default_plan(), profile=profile, sessions=sessions))
    assert wizard.birth_date.date() == QDate(2026, 9, 1)
    assert wizard.birth_buttons[birth_type].isChecked()
    assert wizard.feeding_no.isChecked() and wizard.calcium_page.calcium_buttons[900].isChecked()
    assert [s.check.isChecked() for s in wizard.slots] == [True, False, False, False]
    assert wizard.slots[0].time.time() == QTime(10, 0)
    finish(qtbot, wizard)
    plan = wizard.result_plan()
    assert plan.profile == replace(profile, postnatal_check=False)
    # Her own choice of exercises (pinned in Settings) survives the re-run.
    assert plan.sessions == (ExerciseSession(time(10, 0), ("bridge",), "Morning", pinned=True),)


def test_the_postnatal_check_box_reaches_her_plan(qtbot: QtBot) -> None:
    wizard = make_wizard(qtbot)
    assert wizard.postnatal_check.text() == POSTNATAL_CHECK_WORDS
    assert not wizard.postnatal_check.isChecked()
    click(qtbot, wizard.postnatal_check)
    finish(qtbot, wizard)
    assert wizard.result_plan().profile.postnatal_check is True
    # ... and a re-run shows it ticked again
    again = make_wizard(qtbot, wizard.result_plan())
    assert again.postnatal_check.isChecked()


def test_the_optional_hard_birth_question_reaches_her_plan(qtbot: QtBot) -> None:
    wizard = make_wizard(qtbot)
    assert wizard.complicated_birth.text() == COMPLICATED_BIRTH_WORDS
    assert "caesarean" in wizard.complicated_birth.accessibleDescription()
    assert not wizard.complicated_birth.isChecked()
    click(qtbot, wizard.complicated_birth)
    finish(qtbot, wizard)
    assert wizard.result_plan().profile.complicated_birth is True
    # a re-run shows it ticked; unticking it there is a "no", as she has answered before
    again = make_wizard(qtbot, wizard.result_plan())
    assert again.complicated_birth.isChecked()
    click(qtbot, again.complicated_birth)
    finish(qtbot, again)
    assert again.result_plan().profile.complicated_birth is False


def test_the_country_is_preset_from_the_locale_and_reaches_her_plan(qtbot: QtBot) -> None:
    wizard = make_wizard(qtbot, locale_name="en_AU.UTF-8")
    assert wizard.country.currentData() == "AU"
    assert wizard.country.currentText() == "Australia"
    finish(qtbot, wizard)
    assert wizard.result_plan().profile.country == "AU"
    # A re-run shows her saved country, whatever the locale says.
    again = make_wizard(qtbot, wizard.result_plan(), locale_name="en_GB.UTF-8")
    assert again.country.currentData() == "AU"


def test_no_country_is_guessed_without_one_in_the_locale(qtbot: QtBot) -> None:
    wizard = make_wizard(qtbot, locale_name="C")
    assert wizard.country.currentIndex() == 0 and wizard.country.currentData() is None
    wizard.country.setCurrentIndex(wizard.country.findData("GB"))
    finish(qtbot, wizard)
    assert wizard.result_plan().profile.country == "GB"


def test_a_rerun_keeps_the_sessions_it_does_not_ask_about(qtbot: QtBot) -> None:
    lunch = ExerciseSession(time(12, 0), ("cat-back", "knee-hugs"), "Lunch stretch", pinned=True)
    walk = ExerciseSession(time(17, 0), (), "Walk")
    morning = ExerciseSession(time(8, 0), ("pelvic-floor",), "Morning")
    wizard = make_wizard(qtbot, replace(default_plan(), sessions=(lunch, morning, walk)))
    click(qtbot, wizard.next_button)
    assert wizard.kept_note.isVisible()
    assert wizard.kept_note.text() == (
        "Also kept as you set it in Settings: Lunch stretch at 12:00 and Walk at 17:00."
    )
    wizard.slots[0].time.setTime(QTime(8, 30))  # she moves her morning session
    finish(qtbot, wizard)
    assert wizard.result_plan().sessions == (
        ExerciseSession(time(8, 30), ("pelvic-floor",), "Morning"), lunch, walk,
    )


def test_a_kept_session_clashing_with_a_new_time_is_explained(qtbot: QtBot) -> None:
    lunch = ExerciseSession(time(15, 0), ("cat-back",), "Tea-time stretch")
    wizard = make_wizard(qtbot, replace(default_plan(), sessions=(lunch,)))
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.slots[1].check)  # afternoon, 15:00 as well
    assert "both at 15:00" in wizard.general_error.text()
    assert not wizard.finish_button.isEnabled()
    wizard.slots[1].time.setTime(QTime(15, 30))
    assert not wizard.general_error.isVisible()


def test_with_only_the_four_times_there_is_nothing_else_to_mention(qtbot: QtBot) -> None:
    wizard = make_wizard(qtbot)
    click(qtbot, wizard.next_button)
    assert not wizard.kept_note.isVisible()


def test_the_birth_date_cannot_be_after_today(qtbot: QtBot) -> None:
    wizard = make_wizard(qtbot)
    wizard.birth_date.setDate(QDate(2027, 1, 1))
    assert wizard.birth_date.date() == QDate(2026, 11, 23)


def test_the_keyboard_alone_gets_through(qtbot: QtBot) -> None:
    wizard = make_wizard(qtbot)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: wizard.birth_date.hasFocus())
    qtbot.keyClick(wizard.birth_date, Qt.Key.Key_Return)
    assert wizard.pages.currentIndex() == 1
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)
    assert wizard.pages.currentIndex() == 2  # calcium: Enter on an unanswered page goes on
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)
    assert wizard.pages.currentIndex() == 3 and wizard.finish_button.hasFocus()
    with qtbot.waitSignal(wizard.planChosen):
        qtbot.keyClick(wizard.finish_button, Qt.Key.Key_Return)


def test_the_warning_signs_follow_the_country_she_chooses(qtbot: QtBot) -> None:
    """The last page's warning signs name the numbers of the country on the first page: the
    preset one at once, and another as soon as she picks it (before anything is saved)."""
    from backcare.core.countries import country_for, load_countries
    from backcare.core.safety import for_country, load_safety, red_flag_lines
    from backcare.paths import resources_dir

    safety, _ = load_safety(resources_dir() / "safety.toml")
    countries, _ = load_countries(resources_dir() / "countries.toml")
    assert safety is not None
    asked: list[str | None] = []

    def lines_for(code: str | None) -> list[str]:
        asked.append(code)
        return red_flag_lines(for_country(safety, country_for(code, countries)))

    wizard = SetupWizard(default_plan(), TODAY, DISCLAIMER, RED_FLAGS,
                         locale_name="en_AU.UTF-8", red_flags_for=lines_for)
    qtbot.addWidget(wizard)
    assert asked == ["AU"]
    assert wizard.red_flags_lines[0] == "Call 000 now"
    assert "Call 000 now" in wizard.red_flags_label.text()
    wizard.country.setCurrentIndex(wizard.country.findData("GB"))
    assert asked[-1] == "GB" and wizard.red_flags_lines[0] == "Call 999 now"
    assert "000" not in wizard.red_flags_label.accessibleDescription().split("\n")[0]
    wizard.country.setCurrentIndex(0)  # "Not set": the neutral words
    assert wizard.red_flags_lines[0] == "Call your local emergency number now"


def test_the_wizard_follows_a_dark_palette(qtbot: QtBot) -> None:
    """Dark text on white would vanish in a dark theme: under a dark desktop palette the
    wizard takes light text, no white page, and the warning titles a lighter red."""
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    light = make_wizard(qtbot)
    assert "#1f2a33" in light.styleSheet() and "#eef2f5" not in light.styleSheet()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    dark = QPalette(before)
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    try:
        app.setPalette(dark)
        wizard = make_wizard(qtbot)
        assert "#eef2f5" in wizard.styleSheet() and "#1f2a33" not in wizard.styleSheet()
        assert "#ffffff" not in wizard.styleSheet()  # no white page under light text
        assert "#f2a0a0" in wizard.red_flags_label.text()
    finally:
        app.setPalette(before)


def test_the_wizard_opens_tall_enough_for_its_first_page_where_the_screen_allows(
    qtbot: QtBot,
) -> None:
    wizard = make_wizard(qtbot)
    screen = wizard.screen()
    assert screen is not None
    room = screen.availableGeometry().height()
    wanted = wizard.about_page.sizeHint().height()
    assert wizard.height() >= min(wanted, room - 100)
    assert wizard.height() <= room
