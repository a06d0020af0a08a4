"""``backcare sheet`` as a person runs it: no screen, her saved plan, her locale's paper."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.sheet.conftest import poppler

ROOT = Path(__file__).resolve().parent.parent
NO_SCREEN = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def _sheet(data: Path, *args: str, lang: str = "en_GB.UTF-8"
           ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in NO_SCREEN}
    env.pop("LC_ALL", None)
    env.update(TZ="Europe/London", LANG=lang,
               PYTHONPATH=str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", ""))
    return subprocess.run(
        [sys.executable, "-m", "backcare", "--data-dir", str(data), "sheet", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )


def test_the_sheet_is_written_without_a_screen_on_her_locale_s_paper(tmp_path: Path) -> None:
    out = tmp_path / "routine.pdf"
    done = _sheet(tmp_path / "data", "-o", str(out), "--week", "2026-11-25", lang="en_US.UTF-8")
    assert done.returncode == 0, done.stderr
    # en_US weeks start on Sunday; the paper is Letter
    assert done.stdout.strip().startswith(
        f"Saved your week of 22 to 28 November 2026 to {out}: ")
    assert done.stdout.strip().endswith("pages on Letter paper.")
    assert "612 x 792 pts (letter)" in poppler("pdfinfo", str(out))
    text = poppler("pdftotext", str(out), "-")
    assert "Sun 22" in text and "Sat 28" in text
    # no country saved: the neutral words, never a number that may not work where she is
    assert "your local emergency number" in text


def test_she_can_choose_the_paper_and_a_bad_choice_is_one_sentence(tmp_path: Path) -> None:
    out = tmp_path / "routine.pdf"
    done = _sheet(tmp_path / "data", "-o", str(out), "--paper", "a4", lang="en_US.UTF-8")
    assert done.returncode == 0, done.stderr
    assert "(A4)" in poppler("pdfinfo", str(out))
    bad = _sheet(tmp_path / "data", "-o", str(out), "--paper", "A5")
    assert bad.returncode == 2
    assert "'A5' is not a paper size: give A4 or Letter" in bad.stderr
    gone = tmp_path / "missing" / "routine.pdf"
    failed = _sheet(tmp_path / "data", "-o", str(gone))
    assert failed.returncode == 1
    # (a machine without that locale installed may add Qt's note about it first)
    assert "Traceback" not in failed.stderr
    assert failed.stderr.strip().splitlines()[-1] == (
        f"Could not write {gone}: No such file or directory.")
