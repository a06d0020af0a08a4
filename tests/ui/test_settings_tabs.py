"""Each Settings tab on its own: plain data in and out, and the problems handed to it shown."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTime
from pytestqt.qtbot import QtBot

from backcare.core.plan import FieldError, Profile, default_plan
from backcare.core.plan_codec import plan_to_dict
from backcare.ui.settings_about_tab import AboutTab
from backcare.ui.settings_calcium_tab import CalciumTab
from backcare.ui.settings_day_tab import DayTab
from backcare.ui.settings_posture_tab import PostureTab
from backcare.ui.settings_sessions_tab import SessionsTab
from backcare.ui.settings_tab import SettingsTab

TODAY = date(2026, 11, 23)
EXERCISES = [("breathing-arm-raise", "Breathing arm raise"), ("bridge", "Bridge"),
             ("knee-hugs", "Knee hugs")]
FOODS = [("milk", "Milk"), ("dried-shrimp", "Dried shrimp"), ("tofu", "Tofu set with calcium"),
         ("soy-milk", "Soya drink")]  # in the default plan's order, so foods read back alike


def all_tabs() -> list[SettingsTab]:
    day = DayTab()
    return [AboutTab(lambda: TODAY), day, SessionsTab(EXERCISES, day.waking_hours),
            PostureTab(), CalciumTab(FOODS)]


def test_every_key_of_the_plan_but_the_nap_has_exactly_one_tab(qtbot: QtBot) -> None:
    tabs = all_tabs()
    for tab in tabs:
        qtbot.addWidget(tab)
    for key in plan_to_dict(default_plan()):
        owners = [type(tab).__name__ for tab in tabs if tab.owns(key)]
        assert len(owners) == (0 if key == "nap" else 1), (key, owners)
    assert [tab.owns("calcium.meals[2].at") for tab in tabs] == [False] * 4 + [True]


@pytest.mark.parametrize("profile", [
    Profile(date(2026, 10, 1), "caesarean", True, 300),
    Profile(date(2026, 10, 1), "vaginal", False, 300, postnatal_check=True),
    Profile(date(2026, 10, 1), "vaginal", False, 300, postnatal_check=False),
    Profile(date(2026, 10, 1), "vaginal", True, 300, country="AU"),
    Profile(date(2026, 10, 1), "vaginal", True, 300, complicated_birth=True),
    Profile(date(2026, 10, 1), "assisted", True, 300, complicated_birth=False),
    Profile(None, None, None, 0, country="ZZ"),  # not listed: still given back unchanged
    Profile(None, None, None, 0),  # everything left out
])
def test_each_tab_gives_back_the_data_it_was_given_without_a_signal(
    qtbot: QtBot, profile: Profile
) -> None:
    plan = replace(default_plan(), profile=profile, posture_enabled=False,
                   weekdays=frozenset({0, 3}))
    data = plan_to_dict(plan)
    for tab in all_tabs():
        qtbot.addWidget(tab)
        with qtbot.assertNotEmitted(tab.edited), qtbot.assertNotEmitted(tab.typed):
            tab.set_data(data)
        assert tab.data() == {key: data[key] for key in tab.keys}


def test_the_postnatal_check_is_not_said_until_she_clicks_it(qtbot: QtBot) -> None:
    """Opening Settings for something else must not answer the question for her; once she
    has clicked the box, unticked means "not yet" (False)."""
    tab = AboutTab(lambda: TODAY)
    qtbot.addWidget(tab)
    tab.set_data(plan_to_dict(default_plan()))
    assert "postnatal_check" not in tab.data()["profile"]
    with qtbot.waitSignal(tab.edited):
        tab.postnatal_check.click()
    assert tab.data()["profile"]["postnatal_check"] is True
    with qtbot.waitSignal(tab.edited):
        tab.postnatal_check.click()
    assert tab.data()["profile"]["postnatal_check"] is False


def test_the_hard_birth_box_is_not_said_until_she_clicks_it(qtbot: QtBot) -> None:
    """The optional tear or complicated-birth question, like the check: untouched is "not
    said", ticked is yes, and unticked after a click is no."""
    tab = AboutTab(lambda: TODAY)
    qtbot.addWidget(tab)
    tab.set_data(plan_to_dict(default_plan()))
    assert "complicated_birth" not in tab.data()["profile"]
    with qtbot.waitSignal(tab.edited):
        tab.complicated_birth.click()
    assert tab.data()["profile"]["complicated_birth"] is True
    with qtbot.waitSignal(tab.edited):
        tab.complicated_birth.click()
    assert tab.data()["profile"]["complicated_birth"] is False


def test_the_country_combo_reaches_the_data(qtbot: QtBot) -> None:
    tab = AboutTab(lambda: TODAY)
    qtbot.addWidget(tab)
    tab.set_data(plan_to_dict(default_plan()))
    assert tab.country.currentText() == "Not set"
    assert "country" not in tab.data()["profile"]
    names = [tab.country.itemText(i) for i in range(1, tab.country.count())]
    assert names == sorted(names, key=str.casefold) and "Australia" in names
    with qtbot.waitSignal(tab.edited):
        tab.country.setCurrentIndex(tab.country.findData("AU"))
    assert tab.country.currentText() == "Australia"
    assert tab.data()["profile"]["country"] == "AU"
    with qtbot.waitSignal(tab.edited):
        tab.country.setCurrentIndex(0)  # "Not set"
    assert "country" not in tab.data()["profile"]


def test_an_edit_is_reported_and_read_back(qtbot: QtBot) -> None:
    tab = PostureTab()
    qtbot.addWidget(tab)
    tab.set_data(plan_to_dict(default_plan()))
    with qtbot.waitSignal(tab.edited):
        tab.posture_interval.setValue(90)
    assert tab.data() == {"posture_enabled": True, "posture_interval_min": 90}


def test_a_problem_is_shown_beside_its_field_and_cleared_when_gone(qtbot: QtBot) -> None:
    tab = DayTab()
    qtbot.addWidget(tab)
    tab.set_data(plan_to_dict(replace(default_plan(), quiet=())))
    tab.add_quiet()
    waking = FieldError("waking.end", "Waking hours must end after they start.")
    quiet = FieldError("quiet[0]", "Quiet period 1 is empty.")
    beyond = FieldError("quiet[5]", "Quiet period 6 is empty.")
    assert tab.show_errors([waking, quiet, beyond]) == [beyond]  # no row 6: not placed here
    assert not tab.waking_error.isHidden() and "must end" in tab.waking_error.text()
    assert tab.quiet_rows[0].error.text() == "Quiet period 1 is empty."
    assert tab.show_errors([]) == []
    assert tab.waking_error.isHidden() and tab.quiet_rows[0].error.isHidden()


def test_a_session_problem_goes_to_the_session_editor(qtbot: QtBot) -> None:
    day = DayTab()
    tab = SessionsTab(EXERCISES, day.waking_hours)
    qtbot.addWidget(day)
    qtbot.addWidget(tab)
    tab.set_data(plan_to_dict(default_plan()))
    at = FieldError("sessions[0].at", "Exercise session 1 is at 08:00, outside waking hours.")
    whole = FieldError("sessions", "There are too many exercise sessions.")
    assert tab.show_errors([at, whole]) == []
    assert "Needs a look" in tab.sessions.session_list.item(0).text()
    assert tab.sessions_error.text() == "There are too many exercise sessions."


def test_a_meal_name_reports_typing_then_done(qtbot: QtBot) -> None:
    tab = CalciumTab(FOODS)
    qtbot.addWidget(tab)
    tab.set_data(plan_to_dict(default_plan()))
    with qtbot.waitSignal(tab.edited):
        tab.add_meal()
    meal = tab.meal_rows[-1]
    assert meal.time.time() == QTime(10, 0)  # the first free whole hour from 10:00
    with qtbot.waitSignal(tab.typed):
        qtbot.keyClicks(meal.name, "snack")
    with qtbot.waitSignal(tab.typingDone):
        qtbot.keyClick(meal.name, Qt.Key.Key_Return)
    assert tab.data()["calcium"]["meals"][-1] == {"name": "snack", "at": "10:00"}


def test_a_long_question_wraps_beside_its_box_and_a_click_on_it_ticks_the_box(
    qtbot: QtBot,
) -> None:
    """A check box's own text never wraps (it was cut in a narrow dialog), so the question is a
    wrapping label beside the box: narrow, it takes a second line rather than being cut; a
    click on the words ticks the box; the box carries the words for a screen reader."""
    tab = AboutTab(lambda: TODAY)
    qtbot.addWidget(tab)
    tab.set_data(plan_to_dict(default_plan()))
    tab.resize(520, 900)
    tab.show()
    qtbot.waitExposed(tab)
    words = tab.postnatal_words
    assert words.buddy() is tab.postnatal_check
    assert tab.postnatal_check.accessibleName() == words.text()
    assert words.height() >= words.heightForWidth(words.width())
    assert words.heightForWidth(words.width()) > words.fontMetrics().height() * 1.5  # 2 lines
    with qtbot.waitSignal(tab.edited):
        qtbot.mouseClick(words, Qt.MouseButton.LeftButton)
    assert tab.data()["profile"]["postnatal_check"] is True
    tab.postnatal_check.setEnabled(False)
    qtbot.mouseClick(words, Qt.MouseButton.LeftButton)
    assert tab.postnatal_check.isChecked()  # a greyed-out box is not ticked through its words
