"""Bad input gets a sentence and changes nothing: settings files that are too deep, too long
or too big, control characters in labels, content files nested too deeply, and an import
that would reset her details without her choosing so."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date
from datetime import time as clock
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backcare.core.fields import read_toml
from backcare.core.plan import Plan, Profile, Span, default_plan
from backcare.core.plan_codec import plan_from_dict
from backcare.core.plan_reset import details_lost, keep_details, lost_sentence
from backcare.settings_file import export_settings, import_settings, parse_settings

TODAY = date(2026, 12, 1)
HERS = replace(
    default_plan(),
    profile=Profile(date(2026, 10, 1), "caesarean", True, 300, country="AU"),
    quiet=(Span(clock(13, 0), clock(14, 0)),),
)


# --- the settings file: bounded cost, a sentence for each -------------------------------------


@pytest.mark.parametrize("text", [
    "a" + ".a" * 20000 + " = 1",  # one 40 KB key of 20,000 parts: 8 s for Python's reader
    "\n".join(".".join(f"k{i}_{j}" for j in range(60)) + " = 1" for i in range(60)),
    "[" + ".".join(["t"] * 5000) + "]\n",
])
def test_deeply_dotted_keys_are_judged_within_a_second(text: str) -> None:
    start = time.perf_counter()
    plan, errors = parse_settings(text.encode(), TODAY)
    assert time.perf_counter() - start < 1.0
    assert plan is None and errors == [
        "The file has keys nested more than 8 deep, far more than a Back Care settings file; "
        "nothing was changed."
    ]


def test_dots_inside_quoted_keys_and_values_are_not_nesting() -> None:
    text = '[[sessions]]\nat = "08:00"\nlabel = "a.b.c.d.e.f.g.h.i.j"\nexercises = []\n'
    plan, errors = parse_settings(text.encode(), TODAY)
    assert errors == [] and plan is not None
    assert plan.sessions[0].label == "a.b.c.d.e.f.g.h.i.j"


def test_a_number_thousands_of_digits_long_is_a_sentence() -> None:
    plan, errors = parse_settings(("posture_interval_min = " + "9" * 5000).encode(), TODAY)
    assert plan is None
    assert errors == ["The file holds a number thousands of digits long, which no Back Care "
                      "setting can be; nothing was changed."]


def test_a_huge_file_is_named_by_its_real_size(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"# " + b"x" * (10 * 1024 * 1024))
    plan, errors = import_settings(big, TODAY)
    assert plan is None
    assert errors == ["The file big.toml is 10.0 MB, far larger than a Back Care settings "
                      "file; nothing was changed."]


@pytest.mark.parametrize("label", ["Morning\x00", "Tea\ttime", "Line\nbreak", "Bell\x07",
                                   "Sep\u2028arate", "C1\x85here"])
def test_control_characters_in_a_label_are_refused(label: str) -> None:
    data = {"sessions": [{"at": "08:00", "label": label, "exercises": []}],
            "calcium": {"meals": [{"name": label, "at": "08:00"}]}}
    plan, errors = plan_from_dict(data, today=TODAY)
    assert plan is None
    fields = {e.field for e in errors}
    assert fields == {"sessions[0].label", "calcium.meals[0].name"}
    assert all("without control characters" in e.message for e in errors)


def test_a_content_file_nested_too_deeply_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    data, problem = read_toml(deep)
    assert data is None and problem is not None
    assert problem.sentence().endswith("its tables or lists are nested far too deeply.")


# --- an import that would reset her details ---------------------------------------------------


def test_an_empty_file_would_reset_her_details_and_they_are_named() -> None:
    empty, errors = parse_settings(b"# nothing but a comment\n", TODAY)
    assert errors == [] and empty is not None
    lost = details_lost(HERS, empty)
    assert lost == ["your baby's birth date", "the type of birth",
                    "whether you are breastfeeding", "your country", "your calcium from food",
                    "your quiet times"]
    assert lost_sentence(lost[:2]) == "your baby's birth date and the type of birth"
    kept = keep_details(HERS, empty)
    assert kept.profile == HERS.profile and kept.quiet == HERS.quiet
    # A file that gives her details keeps nothing back and asks nothing.
    assert details_lost(HERS, HERS) == []
    assert details_lost(default_plan(), empty) == []


def _cli(tmp_path: Path, *args: str):  # type: ignore[no-untyped-def]
    from tests.test_cli import _run

    return _run("--data-dir", str(tmp_path / "data"), *args, no_screen=True)


def test_the_command_line_refuses_to_reset_her_details_unless_told(tmp_path: Path) -> None:
    from backcare.settings import load_plan, open_store

    mine = tmp_path / "mine.toml"
    export_settings(HERS, mine)
    assert _cli(tmp_path, "settings", "import", str(mine)).returncode == 0
    empty = tmp_path / "empty.toml"
    empty.write_text("# nothing\n")
    done = _cli(tmp_path, "settings", "import", str(empty))
    assert done.returncode == 1
    assert "leaves out your baby's birth date, the type of birth" in done.stderr
    assert "--replace-details" in done.stderr
    store, _ = open_store(tmp_path / "data", None)
    assert store is not None
    try:
        assert load_plan(store).profile == HERS.profile  # nothing was changed
    finally:
        store.close()
    done = _cli(tmp_path, "settings", "import", str(empty), "--replace-details")
    assert done.returncode == 0, done.stderr
    store, _ = open_store(tmp_path / "data", None)
    assert store is not None
    try:
        assert load_plan(store).profile == Profile()
    finally:
        store.close()


def test_the_settings_window_asks_before_an_import_resets_her_details(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from backcare.ui.settings_dialog import SettingsDialog
    from tests.ui.test_settings_dialog import EXERCISES, FOODS, env_for

    dialog = SettingsDialog(HERS, lambda: TODAY, EXERCISES, FOODS,
                            autostart_env=env_for(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    half = tmp_path / "half.toml"
    half.write_text("posture_interval_min = 45\n")
    with qtbot.assertNotEmitted(dialog.planChanged):
        assert not dialog.import_from(half)
    box = dialog.import_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text().startswith("half.toml leaves out your baby's birth date")
    keep = next(b for b in box.buttons() if b.text() == "Keep my details")
    with qtbot.waitSignal(dialog.planChanged) as changed:
        keep.click()
    plan: Plan = changed.args[0]
    assert plan.posture_interval_min == 45
    assert plan.profile == HERS.profile and plan.quiet == HERS.quiet
    qtbot.waitUntil(lambda: dialog.import_box is None, timeout=2000)  # the question is gone


def test_reset_them_in_the_window_lets_the_file_reset_her_details(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from backcare.ui.settings_dialog import SettingsDialog
    from tests.ui.test_settings_dialog import EXERCISES, FOODS, env_for

    dialog = SettingsDialog(HERS, lambda: TODAY, EXERCISES, FOODS,
                            autostart_env=env_for(tmp_path))
    qtbot.addWidget(dialog)
    empty = tmp_path / "empty.toml"
    empty.write_text("# nothing\n")
    assert not dialog.import_from(empty)
    box = dialog.import_box
    assert box is not None
    reset = next(b for b in box.buttons() if b.text() == "Reset them")
    with qtbot.waitSignal(dialog.planChanged) as changed:
        reset.click()
    assert changed.args[0].profile == Profile()
