"""The command line as a person meets it: help, version, no screen, figures for review."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from backcare import __version__
from backcare.display import missing_display_reason

ROOT = Path(__file__).resolve().parent.parent


NO_SCREEN = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def _run(*args: str, no_screen: bool = False) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
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
