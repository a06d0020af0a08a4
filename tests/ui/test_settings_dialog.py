"""The settings window: valid edits apply at once, bad ones say why beside the field."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, Qt, QTime
from PySide6.QtWidgets import QCheckBox, QMessageBox
from pytestqt.qtbot import QtBot

from backcare.core.plan import (
    MAX_MEALS,
    MAX_SESSIONS,
    POSTNATAL_CHECK_WORDS,
    Nap,
    Plan,
    Profile,
    default_plan,
)
from backcare.settings_file import export_settings
from backcare.ui.settings_dialog import TAB_CALCIUM, TAB_DAY, TAB_SESSIONS, SettingsDialog

TODAY = date(2026, 11, 23)
EXERCISES = [("breathing-arm-raise", "Breathing arm raise"), ("bridge", "Bridge"),
             ("knee-hugs", "Knee hugs")]
FOODS = [("milk", "Milk"), ("tofu", "Tofu set with calcium"), ("dried-shrimp", "Dried shrimp"),
         ("soy-milk", "Soya drink")]
PROFILE = Profile(date(2026, 10, 1), "caesarean", True, 300)


def env_for(tmp_path: Path) -> dict[str, str]:
    return {"HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "PATH": ""}


def tick(qtbot: QtBot, box: QCheckBox) -> None:
    """Click the box itself (a wide check box only reacts on its indicator and text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


@pytest.fixture
def plan() -> Plan:
    return replace(default_plan(), profile=PROFILE)


@pytest.fixture
def dialog(qtbot: QtBot, plan: Plan, tmp_path: Path) -> SettingsDialog:
    dlg = SettingsDialog(plan, lambda: TODAY, EXERCISES, FOODS, autostart_env=env_for(tmp_path))
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def test_it_is_non_modal_and_shows_the_plan(dialog: SettingsDialog) -> None:
    assert not dialog.isModal()
    assert dialog.birth_date.date() == QDate(2026, 10, 1)
    assert dialog.birth_type.currentData() == "caesarean"
    assert dialog.breastfeeding.currentData() is True
    assert dialog.diet_calcium.value() == 300
    assert dialog.waking_start.time() == QTime(7, 0)
    assert dialog.sessions.session_list.count() == 4
    assert [row.name.text() for row in dialog.meal_rows] == ["breakfast", "lunch", "dinner"]
    assert dialog.food_list.count() == 4
    assert not dialog.general_error.isVisible()


def test_a_valid_edit_is_emitted_at_once(qtbot: QtBot, dialog: SettingsDialog) -> None:
    with qtbot.waitSignal(dialog.planChanged) as changed:
        dialog.posture_interval.setValue(90)
    assert changed.args[0].posture_interval_min == 90
    assert dialog.plan() is changed.args[0]
    with qtbot.waitSignal(dialog.planChanged) as changed:
        dialog.birth_type.setCurrentIndex(dialog.birth_type.findData("vaginal"))
    assert changed.args[0].profile == replace(PROFILE, birth_type="vaginal")
    with qtbot.waitSignal(dialog.planChanged) as changed:
        qtbot.mouseClick(dialog.birth_date_unknown, Qt.MouseButton.LeftButton)
    assert changed.args[0].profile.birth_date is None


def test_the_postnatal_check_box_reaches_the_saved_plan(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    box = dialog.about.postnatal_check
    assert box.accessibleName() == POSTNATAL_CHECK_WORDS and not box.isChecked()
    assert dialog.about.postnatal_words.text() == POSTNATAL_CHECK_WORDS
    with qtbot.waitSignal(dialog.planChanged) as changed:
        box.click()
    assert changed.args[0].profile == replace(PROFILE, postnatal_check=True)
    with qtbot.waitSignal(dialog.planChanged) as changed:
        box.click()
    assert changed.args[0].profile == replace(PROFILE, postnatal_check=False)


def test_an_invalid_edit_is_not_emitted_and_is_named_beside_its_field(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    dialog.tabs.setCurrentIndex(TAB_DAY)
    with qtbot.assertNotEmitted(dialog.planChanged):
        dialog.waking_end.setTime(QTime(6, 0))
    assert dialog.waking_error.isVisible()
    assert "Waking hours must end after they start" in dialog.waking_error.text()
    assert "Your day" in dialog.general_error.text()
    assert dialog.tabs.tabBar().tabTextColor(TAB_DAY).name() == "#a23b3b"
    assert dialog.plan().waking.end == time(22, 0)  # the last valid plan is kept
    with qtbot.waitSignal(dialog.planChanged) as changed:
        dialog.waking_end.setTime(QTime(22, 30))
    assert changed.args[0].waking.end == time(22, 30)
    assert not dialog.waking_error.isVisible() and not dialog.general_error.isVisible()


def test_a_session_outside_waking_hours_is_marked_on_its_row(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    with qtbot.assertNotEmitted(dialog.planChanged):
        dialog.waking_start.setTime(QTime(9, 0))
    assert "Exercise sessions" in dialog.general_error.text()
    assert dialog.tabs.tabBar().tabTextColor(TAB_SESSIONS).name() == "#a23b3b"
    assert dialog.tabs.tabBar().tabTextColor(TAB_CALCIUM).name() == "#a23b3b"
    assert "Needs a look" in dialog.sessions.session_list.item(0).text()
    assert "Needs a look" not in dialog.sessions.session_list.item(1).text()
    assert "outside waking hours" in dialog.sessions.session_list.item(0).toolTip()
    assert "Meal 1 is at 07:30" in dialog.meal_rows[0].error.text()
    dialog.tabs.setCurrentIndex(TAB_SESSIONS)
    dialog.sessions.session_list.setCurrentRow(0)
    assert dialog.sessions.session_time_error.isVisible()
    assert "Exercise session 1 is at 08:00" in dialog.sessions.session_time_error.text()
    dialog.sessions.session_list.setCurrentRow(1)
    assert not dialog.sessions.session_time_error.isVisible()
    dialog.sessions.session_list.setCurrentRow(0)
    dialog.meal_rows[0].time.setTime(QTime(9, 30))
    with qtbot.waitSignal(dialog.planChanged) as changed:
        dialog.sessions.session_time.setTime(QTime(9, 15))
    assert changed.args[0].sessions[0].at == time(9, 15)
    assert "Needs a look" not in dialog.sessions.session_list.item(0).text()


def test_her_own_choice_of_exercises_needs_at_least_one(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    dialog.tabs.setCurrentIndex(TAB_SESSIONS)
    dialog.sessions.session_list.setCurrentRow(1)  # Afternoon: the bridge
    with qtbot.waitSignal(dialog.planChanged) as changed:
        qtbot.mouseClick(dialog.sessions.choose_myself, Qt.MouseButton.LeftButton)
    assert changed.args[0].sessions[1].pinned
    assert changed.args[0].sessions[1].exercises == ("bridge",)
    assert dialog.sessions.session_exercises.isVisible()
    bridge = dialog.sessions.session_exercises.item(1)
    with qtbot.assertNotEmitted(dialog.planChanged):
        bridge.setCheckState(Qt.CheckState.Unchecked)
    assert "must name at least 1" in dialog.sessions.session_exercises_error.text()
    with qtbot.waitSignal(dialog.planChanged) as changed:
        dialog.sessions.session_exercises.item(2).setCheckState(Qt.CheckState.Checked)
    assert changed.args[0].sessions[1].exercises == ("knee-hugs",)
    with qtbot.waitSignal(dialog.planChanged) as changed:
        qtbot.mouseClick(dialog.sessions.choose_for_me, Qt.MouseButton.LeftButton)
    assert not changed.args[0].sessions[1].pinned
    assert not dialog.sessions.session_exercises.isVisible()


def test_sessions_can_be_added_up_to_the_limit_and_removed(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    for _ in range(MAX_SESSIONS - 4):
        with qtbot.waitSignal(dialog.planChanged):
            qtbot.mouseClick(dialog.sessions.add_session_button, Qt.MouseButton.LeftButton)
    assert len(dialog.plan().sessions) == MAX_SESSIONS
    assert not dialog.sessions.add_session_button.isEnabled()
    with qtbot.waitSignal(dialog.planChanged):
        dialog.sessions.session_label.setText("")
        qtbot.keyClicks(dialog.sessions.session_label, "Lunch nap")
    assert dialog.plan().sessions[-1].label == "Lunch nap"
    dialog.sessions.session_list.setCurrentRow(0)
    with qtbot.waitSignal(dialog.planChanged) as changed:
        qtbot.mouseClick(dialog.sessions.remove_session_button, Qt.MouseButton.LeftButton)
    assert [s.label for s in changed.args[0].sessions][:3] == ["Afternoon", "Evening",
                                                                "Before bed"]
    assert dialog.sessions.add_session_button.isEnabled()


def test_meals_one_to_six_and_a_meal_needs_a_name(qtbot: QtBot, dialog: SettingsDialog) -> None:
    while len(dialog.meal_rows) < MAX_MEALS:
        qtbot.mouseClick(dialog.add_meal_button, Qt.MouseButton.LeftButton)
    assert not dialog.add_meal_button.isEnabled()
    # A new meal has no name yet: refused beside that row, not applied.
    assert "Meal 4's name must be a short piece of text" in dialog.meal_rows[3].error.text()
    assert len(dialog.plan().calcium.meals) == 3
    for i, row in enumerate(dialog.meal_rows[3:]):
        qtbot.keyClicks(row.name, f"snack {i + 1}")
    assert len(dialog.plan().calcium.meals) == MAX_MEALS
    while len(dialog.meal_rows) > 1:
        qtbot.mouseClick(dialog.meal_rows[-1].remove_button, Qt.MouseButton.LeftButton)
    assert not dialog.meal_rows[0].remove_button.isEnabled()
    assert [m.name for m in dialog.plan().calcium.meals] == ["breakfast"]


def test_set_plan_refreshes_without_emitting(qtbot: QtBot, dialog: SettingsDialog) -> None:
    other = replace(default_plan(), posture_interval_min=60, weekdays=frozenset({0, 2, 4}))
    with qtbot.assertNotEmitted(dialog.planChanged):
        dialog.set_plan(other)
    assert dialog.posture_interval.value() == 60
    assert [box.isChecked() for box in dialog.weekday_boxes] == [
        True, False, True, False, True, False, False
    ]
    assert dialog.birth_date_unknown.isChecked()
    assert dialog.plan() is other


def test_the_nap_is_carried_over(qtbot: QtBot, plan: Plan, tmp_path: Path) -> None:
    nap = Nap(datetime(2026, 11, 23, 13, tzinfo=UTC), datetime(2026, 11, 23, 14, tzinfo=UTC))
    dlg = SettingsDialog(replace(plan, nap=nap), lambda: TODAY, EXERCISES, FOODS,
                         autostart_env=env_for(tmp_path))
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.planChanged) as changed:
        dlg.calcium_target.setValue(1200)
    assert changed.args[0].nap == nap


@pytest.mark.parametrize(("choice", "keeps_profile"), [
    ("Reset, keep my details", True), ("Reset everything", False),
])
def test_reset_asks_first_and_keeps_the_profile_unless_told(
    qtbot: QtBot, dialog: SettingsDialog, choice: str, keeps_profile: bool
) -> None:
    dialog.posture_interval.setValue(60)
    box = dialog.ask_reset()
    button = next(b for b in box.buttons() if b.text() == choice)
    with qtbot.waitSignal(dialog.planChanged) as changed:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    expected = default_plan()
    if keeps_profile:
        expected = replace(expected, profile=PROFILE)
    assert changed.args[0] == expected
    assert dialog.posture_interval.value() == 120
    assert dialog.birth_date_unknown.isChecked() is not keeps_profile


def test_cancelling_reset_changes_nothing(qtbot: QtBot, dialog: SettingsDialog) -> None:
    dialog.posture_interval.setValue(60)
    box = dialog.ask_reset()
    with qtbot.assertNotEmitted(dialog.planChanged):
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel),
                         Qt.MouseButton.LeftButton)
    assert dialog.plan().posture_interval_min == 60


def test_a_corrupt_import_changes_nothing_and_says_why(
    qtbot: QtBot, dialog: SettingsDialog, tmp_path: Path
) -> None:
    before = dialog.plan()
    bad = tmp_path / "broken.toml"
    bad.write_text('posture_interval_min = 90\n[waking\nstart = "07:00"\n', encoding="utf-8")
    with qtbot.assertNotEmitted(dialog.planChanged):
        assert not dialog.import_from(bad)
    assert dialog.plan() is before
    assert dialog.posture_interval.value() == 120
    assert dialog.general_error.isVisible()
    assert "not imported from broken.toml" in dialog.general_error.text()
    assert "not a valid settings file" in dialog.general_error.text()

    wrong = tmp_path / "wrong.toml"
    wrong.write_text('[waking]\nstart = "22:00"\nend = "06:00"\n', encoding="utf-8")
    with qtbot.assertNotEmitted(dialog.planChanged):
        assert not dialog.import_from(wrong)
    assert "must end after they start" in dialog.general_error.text()
    assert dialog.plan() is before


def test_export_then_import_round_trip(
    qtbot: QtBot, dialog: SettingsDialog, tmp_path: Path
) -> None:
    other = replace(default_plan(), posture_interval_min=45,
                    profile=Profile(date(2026, 6, 1), "vaginal", False, 600))
    saved = tmp_path / "mine.toml"
    export_settings(other, saved)
    with qtbot.waitSignal(dialog.planChanged) as changed:
        assert dialog.import_from(saved)
    assert changed.args[0] == other
    assert dialog.posture_interval.value() == 45
    assert dialog.birth_type.currentData() == "vaginal"
    assert "imported" in dialog.message.text()

    out = tmp_path / "out.toml"
    assert dialog.export_to(out)
    assert out.is_file() and str(out) in dialog.message.text()
    assert not dialog.export_to(tmp_path / "no-such-folder" / "x.toml")
    assert "could not save" in dialog.general_error.text()


def test_start_at_login_writes_and_removes_the_autostart_entry(
    qtbot: QtBot, dialog: SettingsDialog, tmp_path: Path
) -> None:
    entry = tmp_path / "config" / "autostart" / "backcare.desktop"
    assert not dialog.autostart.isChecked()
    tick(qtbot, dialog.autostart)
    assert entry.is_file() and "Back Care" in entry.read_text()
    assert not dialog.autostart_error.isVisible()
    tick(qtbot, dialog.autostart)
    assert not entry.exists()


def test_start_at_login_failure_is_a_sentence(qtbot: QtBot, plan: Plan, tmp_path: Path) -> None:
    (tmp_path / "config").write_text("a file where a folder should be")
    dlg = SettingsDialog(plan, lambda: TODAY, EXERCISES, FOODS, autostart_env=env_for(tmp_path))
    qtbot.addWidget(dlg)
    dlg.show()
    tick(qtbot, dlg.autostart)
    assert not dlg.autostart.isChecked()
    assert dlg.autostart_error.isVisible()
    assert dlg.autostart_error.text().startswith("Back Care could not start Back Care at login")


def test_ids_missing_from_the_library_stay_visible(qtbot: QtBot, tmp_path: Path) -> None:
    plan = replace(default_plan(), calcium=replace(default_plan().calcium, foods=("kale",)))
    dlg = SettingsDialog(plan, lambda: TODAY, EXERCISES, FOODS, autostart_env=env_for(tmp_path))
    qtbot.addWidget(dlg)
    texts = [dlg.food_list.item(i).text() for i in range(dlg.food_list.count())]
    assert texts[-1] == "kale (not in the food list)"
    with qtbot.waitSignal(dlg.planChanged) as changed:
        dlg.food_list.item(0).setCheckState(Qt.CheckState.Checked)
    assert changed.args[0].calcium.foods == ("milk", "kale")


def test_typing_a_name_applies_once_not_per_key(qtbot: QtBot, dialog: SettingsDialog) -> None:
    emitted: list[object] = []
    dialog.planChanged.connect(emitted.append)
    row = dialog.meal_rows[0]
    row.name.selectAll()
    with qtbot.waitSignal(dialog.planChanged, timeout=5000) as changed:
        qtbot.keyClicks(row.name, "early breakfast")
        assert emitted == []  # fifteen keys, nothing applied yet
        assert dialog.plan().calcium.meals[0].name == "early breakfast"  # but already checked
    assert len(emitted) == 1
    assert changed.args[0].calcium.meals[0].name == "early breakfast"


def test_a_problem_shows_while_typing_and_enter_applies_at_once(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    row = dialog.meal_rows[1]
    row.name.clear()
    qtbot.keyClicks(row.name, "x" * 3)
    row.name.selectAll()
    qtbot.keyClick(row.name, Qt.Key.Key_Backspace)  # emptied: a meal needs a name
    assert "name" in row.error.text() and not row.error.isHidden()
    qtbot.keyClicks(row.name, "brunch")
    assert row.error.isHidden()
    with qtbot.waitSignal(dialog.planChanged, timeout=1000) as changed:
        qtbot.keyClick(row.name, Qt.Key.Key_Return)  # Enter: no waiting for the pause
    assert changed.args[0].calcium.meals[1].name == "brunch"


def test_a_typed_number_applies_on_enter_not_per_digit(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    emitted: list[object] = []
    dialog.planChanged.connect(emitted.append)
    dialog.calcium_target.selectAll()
    qtbot.keyClicks(dialog.calcium_target, "1200")
    assert emitted == []  # not 1, 12, 120 and 1200 in turn
    qtbot.keyClick(dialog.calcium_target, Qt.Key.Key_Return)
    assert [p.calcium.daily_target_mg for p in emitted] == [1200]  # type: ignore[attr-defined]


def test_closing_applies_what_was_typed_last(qtbot: QtBot, dialog: SettingsDialog) -> None:
    dialog.sessions.session_list.setCurrentRow(0)
    dialog.sessions.session_label.selectAll()
    qtbot.keyClicks(dialog.sessions.session_label, "Sunrise")
    with qtbot.waitSignal(dialog.planChanged, timeout=1000) as changed:
        dialog.close()
    assert changed.args[0].sessions[0].label == "Sunrise"
