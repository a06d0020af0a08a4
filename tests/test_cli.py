"""The command line as a person meets it: help, version, no screen, figures for review."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from backcare import __version__
from backcare.desktop.display import missing_display_reason

ROOT = Path(__file__).resolve().parent.parent


NO_SCREEN = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def _run(*args: str, no_screen: bool = False, tz: str = "Europe/London",
         extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["TZ"] = tz
    env.update(extra_env or {})
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    if no_screen:
        for name in NO_SCREEN:
            env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "backcare", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )


def test_version_prints_the_package_version() -> None:
    done = _run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"backcare {__version__}"


def test_help_names_the_figures_command() -> None:
    done = _run("--help")
    assert done.returncode == 0
    assert "figures" in done.stdout
    assert "--data-dir" in done.stdout


def test_without_a_display_one_sentence_and_non_zero_exit() -> None:
    done = _run(no_screen=True)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "DISPLAY is not set" in lines[0]
    assert "backcare figures" in lines[0]


def test_unreachable_display_is_explained() -> None:
    reason = missing_display_reason({"DISPLAY": ":987"})
    assert reason is not None
    assert ":987" in reason


@pytest.mark.parametrize("platform", ["offscreen", "minimal"])
def test_headless_platforms_need_no_display(platform: str) -> None:
    assert missing_display_reason({"QT_QPA_PLATFORM": platform}) is None


def test_figures_writes_a_png_and_svg_for_every_step(tmp_path: Path) -> None:
    from backcare.catalog import load_catalog

    catalog = load_catalog()
    done = _run("figures", "--out", str(tmp_path / "figs"), no_screen=True)
    assert done.returncode == 0, done.stderr
    pngs = sorted((tmp_path / "figs").glob("*.png"))
    svgs = sorted((tmp_path / "figs").glob("*.svg"))
    steps = sum(len(e.steps) for e in catalog.exercises)
    assert steps >= 40
    assert len(pngs) == len(svgs) == steps
    assert {p.stem for p in pngs} == {p.stem for p in svgs}
    assert f"{steps} steps" in done.stdout


def test_today_prints_the_day_in_order(tmp_path: Path) -> None:
    done = _run("--data-dir", str(tmp_path), "today", "--date", "2026-03-29", no_screen=True)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 13
    assert lines[0] == "07:30  calcium   Calcium with breakfast"
    # No birth date yet: only what is safe in the first days after any birth.
    assert lines[1] == "08:00  exercise  Morning exercises: Pelvic floor squeezes"
    assert "does not know when your baby was born" in done.stderr
    times = [line[:5] for line in lines]
    assert times == sorted(times)
    assert all(line[7:15].strip() in {"calcium", "exercise", "posture"} for line in lines)
    # The clocks went forward that night in London: the day still starts at 07:30 wall time.
    assert "15:00  posture" not in done.stdout  # dropped beside the 15:00 session


def test_today_refuses_a_bad_date_in_one_sentence(tmp_path: Path) -> None:
    done = _run("--data-dir", str(tmp_path), "today", "--date", "2026-13-01", no_screen=True)
    assert done.returncode == 2
    assert "is not a date like" in done.stderr
    assert "Traceback" not in done.stderr


def test_today_sets_a_corrupt_saved_plan_aside_and_uses_defaults(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from backcare.core.store import Store

    store = Store(tmp_path, clock=lambda: datetime(2026, 11, 23, tzinfo=UTC))
    store.set_setting("plan", {"waking": {"start": "25:00", "end": "22:00"}})
    store.close()
    done = _run("--data-dir", str(tmp_path), "today", "--date", "2026-11-23", no_screen=True)
    assert done.returncode == 0
    assert len(done.stdout.splitlines()) == 13
    assert "defaults are in use" in done.stderr
    assert list(tmp_path.glob("settings-plan.corrupt-*.json"))


def test_an_unusable_data_folder_is_one_sentence(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    done = _run("--data-dir", str(blocker / "data"), "today", no_screen=True)
    assert done.returncode == 1
    assert done.stderr.startswith(f"Back Care cannot use its data folder {blocker / 'data'}:")
    assert "Traceback" not in done.stderr


def test_settings_export_then_import_elsewhere_carries_the_plan(tmp_path: Path) -> None:
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    settings_file = tmp_path / "back care.toml"
    settings_file.write_text(
        "[waking]\nstart = '06:30'\nend = '22:00'\n"
        "[profile]\nbirth_date = 2026-09-01\nbirth_type = 'vaginal'\n"
    )
    done = _run("--data-dir", str(mine), "settings", "import", str(settings_file), no_screen=True)
    assert done.returncode == 0, done.stderr
    assert "Imported your settings" in done.stdout
    exported = tmp_path / "exported.toml"
    done = _run("--data-dir", str(mine), "settings", "export", str(exported), no_screen=True)
    assert done.returncode == 0, done.stderr
    assert 'start = "06:30"' in exported.read_text()
    done = _run("--data-dir", str(theirs), "settings", "import", str(exported), no_screen=True)
    assert done.returncode == 0, done.stderr
    mine_day = _run("--data-dir", str(mine), "today", "--date", "2026-11-23", no_screen=True)
    theirs_day = _run("--data-dir", str(theirs), "today", "--date", "2026-11-23", no_screen=True)
    assert mine_day.stdout == theirs_day.stdout
    assert "08:30  posture" in mine_day.stdout  # breaks count from her 06:30 start


def test_a_corrupt_settings_file_changes_nothing_and_names_each_problem(tmp_path: Path) -> None:
    before = _run("--data-dir", str(tmp_path), "today", "--date", "2026-11-23", no_screen=True)
    bad = tmp_path / "bad.toml"
    bad.write_text("posture_interval_min = 5\n[waking]\nstart = '7am'\n")
    done = _run("--data-dir", str(tmp_path), "settings", "import", str(bad), no_screen=True)
    assert done.returncode == 1
    assert done.stderr.startswith("Nothing was changed:")
    problems = [line for line in done.stderr.splitlines() if line.startswith("- ")]
    assert len(problems) == 2 and "Traceback" not in done.stderr
    broken = tmp_path / "broken.toml"
    broken.write_bytes(b"[waking\n\x00")
    done = _run("--data-dir", str(tmp_path), "settings", "import", str(broken), no_screen=True)
    assert done.returncode == 1 and "not a valid settings file" in done.stderr
    after = _run("--data-dir", str(tmp_path), "today", "--date", "2026-11-23", no_screen=True)
    assert after.stdout == before.stdout


def test_install_desktop_puts_a_launcher_in_the_menu(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "share")}
    done = _run("install-desktop", no_screen=True, extra_env=env)
    assert done.returncode == 0, done.stderr
    launcher = tmp_path / "share" / "applications" / "backcare.desktop"
    assert f"Installed {launcher}" in done.stdout
    assert "Exec=" in launcher.read_text()
    icons = tmp_path / "share" / "icons" / "hicolor" / "scalable" / "apps"
    assert (icons / "backcare.svg").is_file()


def test_after_an_import_today_lists_the_exercises_that_fit_her_week(tmp_path: Path) -> None:
    settings_file = tmp_path / "mine.toml"
    # 2026-11-23 is 11 weeks after 2026-09-07: the bridge is open after a vaginal birth
    # (week 4) and after a caesarean (week 6); planks wait until week 12 / 16.
    for birth_type in ("vaginal", "caesarean"):
        settings_file.write_text(
            f"[profile]\nbirth_date = 2026-09-07\nbirth_type = '{birth_type}'\n"
        )
        done = _run("--data-dir", str(tmp_path / birth_type), "settings", "import",
                    str(settings_file), no_screen=True)
        assert done.returncode == 0, done.stderr
        day = _run("--data-dir", str(tmp_path / birth_type), "today", "--date", "2026-11-23",
                   no_screen=True)
        assert "08:00  exercise  Morning exercises: Bridge, Cat back" in day.stdout
        assert "plank" not in day.stdout.lower()
        assert "does not know" not in day.stderr
    settings_file.write_text("[profile]\nbirth_date = 2026-11-01\nbirth_type = 'caesarean'\n")
    done = _run("--data-dir", str(tmp_path / "early"), "settings", "import", str(settings_file),
                no_screen=True)
    day = _run("--data-dir", str(tmp_path / "early"), "today", "--date", "2026-11-23",
               no_screen=True)
    assert "Bridge" not in day.stdout  # week 3 after a caesarean: the bridge waits for week 6
    assert "Before bed exercises: Loose leg shake, Lower back rub" in day.stdout


def test_missing_xcb_libraries_are_named_by_their_package(monkeypatch: pytest.MonkeyPatch) -> None:
    from backcare.desktop import display

    assert display.missing_xcb_packages() == []  # CI installs them all (.ci/apt-packages)
    monkeypatch.setitem(display._XCB_LIBRARIES, "libbackcare-absent.so.7", "libbackcare-absent7")
    assert display.missing_xcb_packages() == ["libbackcare-absent7"]


def test_safety_with_a_country_prints_its_numbers(tmp_path: Path) -> None:
    done = _run("--data-dir", str(tmp_path), "safety", "--country", "AU", no_screen=True)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Call 000 now"
    assert "Get help today" in lines and "Stop exercising if" in lines
    assert any(line.startswith("- ") for line in lines)
    assert "healthdirect 1800 022 222" in done.stdout and "Lifeline 13 11 14" in done.stdout
    assert "999" not in done.stdout
    assert "PySide6" not in done.stderr and "Traceback" not in done.stderr


def test_safety_with_an_unknown_country_uses_neutral_words(tmp_path: Path) -> None:
    done = _run("--data-dir", str(tmp_path), "safety", "--country", "XX", no_screen=True)
    assert done.returncode == 0, done.stderr
    assert "no numbers for 'XX'" in done.stdout
    assert "Call your local emergency number now" in done.stdout


def test_safety_refuses_a_malformed_country_in_one_sentence(tmp_path: Path) -> None:
    done = _run("--data-dir", str(tmp_path), "safety", "--country", "Britain", no_screen=True)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip() == (
        "'Britain' is not a country code: give two letters, such as GB, AU or US."
    )


def test_safety_uses_the_saved_country_or_says_it_does_not_know(tmp_path: Path) -> None:
    done = _run("--data-dir", str(tmp_path), "safety", no_screen=True)
    assert done.returncode == 0, done.stderr
    assert "does not know your country" in done.stderr
    assert done.stdout.startswith("Call your local emergency number now")
    settings_file = tmp_path / "mine.toml"
    settings_file.write_text("[profile]\ncountry = 'NZ'\n")
    done = _run("--data-dir", str(tmp_path), "settings", "import", str(settings_file),
                no_screen=True)
    assert done.returncode == 0, done.stderr
    done = _run("--data-dir", str(tmp_path), "safety", no_screen=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Call 111 now") and "Healthline 0800 611 116" in done.stdout


def test_safety_does_not_import_qt() -> None:
    code = ("import sys; from backcare.cli import main; main(['safety', '--country', 'GB']); "
            "print('QT', any(m.startswith('PySide6') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("QT False")
