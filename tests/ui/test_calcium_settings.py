"""Her age band and her calcium target in Settings and in the first-run setup: the same
question in both, the guidance's figure shown until she types her own (issue 10, part 3)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backcare.core.content import load_foods
from backcare.core.plan import DEFAULT_CALCIUM, AgeBand, FieldError, Plan, default_plan
from backcare.core.plan_codec import plan_from_dict, plan_to_dict
from backcare.ui.settings_calcium_tab import AGE_QUESTION, CalciumTab
from backcare.ui.settings_dialog import SettingsDialog
from backcare.ui.setup_wizard import SetupWizard

TODAY = date(2026, 11, 23)
RESOURCES = Path(__file__).resolve().parents[2] / "resources"
FOODS = [(f.id, f.name) for f in load_foods(RESOURCES / "foods.toml")[0]]


def with_calcium(**changes: object) -> Plan:
    return replace(default_plan(), calcium=replace(DEFAULT_CALCIUM, **changes))


def a_tab(qtbot: QtBot, plan: Plan) -> CalciumTab:
    tab = CalciumTab(FOODS)
    qtbot.addWidget(tab)
    tab.set_data(plan_to_dict(plan))
    return tab


def read_back(tab: CalciumTab, plan: Plan) -> Plan:
    data = {**plan_to_dict(plan), **tab.data()}
    found, errors = plan_from_dict(data, today=TODAY)
    assert errors == []
    assert found is not None
    return found


# --- Settings ------------------------------------------------------------------------------


@pytest.mark.parametrize("calcium", [
    replace(DEFAULT_CALCIUM, age_band=AgeBand.UNDER_19),
    replace(DEFAULT_CALCIUM, age_band=AgeBand.FROM_19, daily_target_mg=1200),
    replace(DEFAULT_CALCIUM, daily_target_mg=900),
    DEFAULT_CALCIUM,
])
def test_the_tab_gives_back_her_age_band_and_target_unchanged(qtbot: QtBot, calcium) -> None:  # type: ignore[no-untyped-def]
    plan = replace(default_plan(), calcium=calcium)
    tab = a_tab(qtbot, plan)
    assert tab.own_target.isChecked() is (calcium.daily_target_mg is not None)
    assert tab.calcium_target.value() == calcium.target_mg
    assert read_back(tab, plan).calcium == calcium


def test_the_box_shows_the_guidance_for_her_age_until_she_sets_her_own(qtbot: QtBot) -> None:
    tab = a_tab(qtbot, default_plan())
    assert tab.age_band.accessibleName() == AGE_QUESTION
    assert (tab.calcium_target.value(), tab.own_target.isChecked()) == (1000, False)
    with qtbot.waitSignal(tab.edited):
        tab.age_band.setCurrentIndex(tab.age_band.findData("under-19"))
    assert (tab.calcium_target.value(), tab.own_target.isChecked()) == (1300, False)
    assert tab.recommended.text() == "Recommended for you: 1,300 mg a day"
    plan = read_back(tab, default_plan())
    assert (plan.calcium.age_band, plan.calcium.daily_target_mg) == (AgeBand.UNDER_19, None)
    assert plan.calcium.target_mg == 1300


def test_a_number_she_types_is_her_own_and_stays_when_her_age_changes(qtbot: QtBot) -> None:
    tab = a_tab(qtbot, default_plan())
    with qtbot.waitSignal(tab.edited):
        tab.calcium_target.setValue(1200)
    assert tab.own_target.isChecked()
    tab.age_band.setCurrentIndex(tab.age_band.findData("under-19"))
    assert tab.calcium_target.value() == 1200
    plan = read_back(tab, default_plan())
    assert (plan.calcium.daily_target_mg, plan.calcium.target_mg) == (1200, 1200)
    with qtbot.waitSignal(tab.edited):
        tab.own_target.setChecked(False)  # back to the guidance
    assert tab.calcium_target.value() == 1300
    assert read_back(tab, default_plan()).calcium.daily_target_mg is None


def test_an_age_band_problem_is_shown_beside_the_question(qtbot: QtBot) -> None:
    tab = a_tab(qtbot, default_plan())
    tab.show()
    left = tab.show_errors([FieldError("calcium.age_band", "Your age band must be …")])
    assert left == []
    assert tab.age_band_error.isVisible()
    assert tab.age_band_error.text() == "Your age band must be …"


def test_the_settings_window_applies_her_age_band_at_once(qtbot: QtBot, tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    dialog = SettingsDialog(default_plan(), lambda: TODAY, [], FOODS, autostart_env=env)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.planChanged) as changed:
        dialog.calcium.age_band.setCurrentIndex(dialog.calcium.age_band.findData("under-19"))
    assert changed.args[0].calcium.target_mg == 1300


def test_reset_keeping_her_details_keeps_her_age_band(qtbot: QtBot, tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    plan = with_calcium(age_band=AgeBand.UNDER_19, daily_target_mg=1500)
    dialog = SettingsDialog(plan, lambda: TODAY, [], FOODS, autostart_env=env)
    qtbot.addWidget(dialog)
    kept = dialog.reset_to_defaults(keep_profile=True)
    assert (kept.calcium.age_band, kept.calcium.daily_target_mg) == (AgeBand.UNDER_19, None)
    everything = dialog.reset_to_defaults(keep_profile=False)
    assert everything.calcium.age_band is None


# --- setup -----------------------------------------------------------------------------------


def a_wizard(qtbot: QtBot, plan: Plan | None = None) -> SetupWizard:
    wizard = SetupWizard(plan or default_plan(), TODAY, "Disclaimer.", ["Heavy bleeding"],
                         locale_name="C", foods=FOODS)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def click(qtbot: QtBot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def to_calcium(qtbot: QtBot, wizard: SetupWizard) -> None:
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.next_button)
    assert wizard.current_page is wizard.calcium_page
    assert wizard.step_label.text() == "Step 3 of 4"


def finish(qtbot: QtBot, wizard: SetupWizard) -> Plan:
    click(qtbot, wizard.next_button)
    assert wizard.finish_button.isVisible()
    click(qtbot, wizard.finish_button)
    assert not wizard.skipped
    return wizard.result_plan()


def test_setup_asks_her_age_and_under_19_gives_1300(qtbot: QtBot) -> None:
    wizard = a_wizard(qtbot)
    to_calcium(qtbot, wizard)
    page = wizard.calcium_page
    assert not any(b.isChecked() for b in page.age_buttons.values())  # nothing assumed
    click(qtbot, page.age_buttons[AgeBand.UNDER_19])
    click(qtbot, page.calcium_buttons[300])
    plan = finish(qtbot, wizard)
    assert (plan.calcium.age_band, plan.calcium.target_mg) == (AgeBand.UNDER_19, 1300)
    assert plan.profile.diet_calcium_mg == 300


def test_left_unanswered_the_target_is_1000(qtbot: QtBot) -> None:
    wizard = a_wizard(qtbot)
    to_calcium(qtbot, wizard)
    plan = finish(qtbot, wizard)
    assert (plan.calcium.age_band, plan.calcium.target_mg) == (None, 1000)


def test_the_foods_she_ticks_become_her_foods_earlier_ones_first(qtbot: QtBot) -> None:
    wizard = a_wizard(qtbot)
    to_calcium(qtbot, wizard)
    foods = wizard.calcium_page.food_list
    ticked = [foods.item(i).data(Qt.ItemDataRole.UserRole) for i in range(foods.count())
              if foods.item(i).checkState() == Qt.CheckState.Checked]
    assert ticked == list(DEFAULT_CALCIUM.foods)  # the defaults, first and in their order
    for i in range(foods.count()):
        item = foods.item(i)
        wanted = item.data(Qt.ItemDataRole.UserRole) in ("yogurt", "tofu")
        item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
    plan = finish(qtbot, wizard)
    assert plan.calcium.foods == ("tofu", "yogurt")  # tofu was hers already: it stays first


def test_a_rerun_shows_her_age_and_keeps_her_own_target(qtbot: QtBot) -> None:
    plan = with_calcium(age_band=AgeBand.FROM_19, daily_target_mg=1200, foods=("milk", "gone"))
    wizard = a_wizard(qtbot, plan)
    to_calcium(qtbot, wizard)
    assert wizard.calcium_page.age_buttons[AgeBand.FROM_19].isChecked()
    again = finish(qtbot, wizard)
    assert (again.calcium.age_band, again.calcium.daily_target_mg) == (AgeBand.FROM_19, 1200)
    assert again.calcium.foods == ("milk", "gone")  # an id the list lacks is never dropped


def test_rather_not_say_takes_back_an_earlier_answer(qtbot: QtBot) -> None:
    wizard = a_wizard(qtbot, with_calcium(age_band=AgeBand.UNDER_19))
    to_calcium(qtbot, wizard)
    click(qtbot, wizard.calcium_page.age_buttons[None])
    assert finish(qtbot, wizard).calcium.age_band is None
