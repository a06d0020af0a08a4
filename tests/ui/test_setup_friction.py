"""The setup's first page without friction: her baby's age said back under the birth date,
future days greyed in the calendar, and breastfeeding preset like every other answer."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPalette
from pytestqt.qtbot import QtBot

from backcare.core.plan import Profile, default_plan
from backcare.ui.setup_about_page import AboutPage
from backcare.ui.setup_wizard import SetupWizard

TODAY = date(2026, 11, 23)


def a_page(qtbot: QtBot, profile: Profile | None = None) -> AboutPage:
    page = AboutPage(profile or Profile(), TODAY, None)
    qtbot.addWidget(page)
    return page


def test_the_birth_date_is_said_back_as_her_baby_s_age(qtbot: QtBot) -> None:
    page = a_page(qtbot)
    assert page.birth_age.text() == "Born today."  # the preset, said so she notices it
    page.birth_date.setDate(QDate(2026, 10, 10))
    assert page.birth_age.text() == "That is 6 weeks and 2 days ago."
    assert page.birth_date.accessibleDescription() == "That is 6 weeks and 2 days ago."


def test_her_earlier_date_is_echoed_at_once(qtbot: QtBot) -> None:
    page = a_page(qtbot, Profile(date(2026, 10, 12)))
    assert page.birth_age.text() == "That is 6 weeks ago."


def test_days_after_today_are_greyed_in_the_calendar(qtbot: QtBot) -> None:
    page = a_page(qtbot)
    calendar = page.birth_date.calendarWidget()
    grey = calendar.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    tomorrow, later = calendar.dateTextFormat(QDate(2026, 11, 24)), QDate(2027, 1, 4)
    assert tomorrow.foreground().color() == grey
    assert tomorrow.toolTip() == "This day is still to come."
    assert calendar.dateTextFormat(later).foreground().color() == grey
    assert calendar.dateTextFormat(QDate(2026, 11, 23)).foreground().color() != grey
    assert calendar.maximumDate() == QDate(2026, 11, 23)


def test_breastfeeding_is_preset_to_rather_not_say_and_left_unsaid(qtbot: QtBot) -> None:
    wizard = SetupWizard(default_plan(), TODAY, "Disclaimer.", ("Heavy bleeding",),
                         locale_name="C")
    qtbot.addWidget(wizard)
    page = wizard.about_page
    assert page.feeding_buttons[None].isChecked()
    assert page.feeding_group.checkedButton() is page.feeding_buttons[None]
    profile: dict[str, object] = {}
    page.write(profile)
    assert "breastfeeding" not in profile
    qtbot.mouseClick(page.feeding_no, Qt.MouseButton.LeftButton)
    page.write(profile)
    assert profile["breastfeeding"] is False


def test_a_said_answer_is_preset_again(qtbot: QtBot) -> None:
    page = a_page(qtbot, Profile(breastfeeding=True))
    assert page.feeding_yes.isChecked() and not page.feeding_buttons[None].isChecked()


def test_a_session_time_typed_in_the_setup_reaches_her_plan(qtbot: QtBot) -> None:
    """The issue's case: typed over the 21:30 "Before bed" preset, "20:23" gave 21:23."""
    from datetime import time

    wizard = SetupWizard(default_plan(), TODAY, "Disclaimer.", ("Heavy bleeding",),
                         locale_name="C")
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    line = wizard.slots[3].time.line
    assert line.text() == "21:30"
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "20:23")
    while wizard.next_button.isVisible():  # at once, before the typing pause is up
        qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.finish_button, Qt.MouseButton.LeftButton)
    sessions = {s.label: s.at for s in wizard.result_plan().sessions}
    assert sessions["Before bed"] == time(20, 23)


def test_settings_also_echo_the_age_and_grey_the_future(qtbot: QtBot) -> None:
    from backcare.core.plan_codec import plan_to_dict
    from backcare.ui.settings_about_tab import AboutTab

    tab = AboutTab(lambda: TODAY)
    qtbot.addWidget(tab)
    data = plan_to_dict(default_plan())
    data["profile"]["birth_date"] = "2026-10-10"
    tab.set_data(data)
    assert tab.birth_age.text() == "That is 6 weeks and 2 days ago."
    calendar = tab.birth_date.calendarWidget()
    grey = calendar.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert calendar.dateTextFormat(QDate(2026, 11, 24)).foreground().color() == grey
    tab.birth_date_unknown.click()
    assert tab.birth_age.text() == "" and tab.birth_age.isHidden()
