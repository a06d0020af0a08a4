"""Shared for the sheet tests: the real content, a week with every exercise, and poppler.

The PDF checks read the file as a person's tools do (pdftotext, pdftoppm, pdfimages, pdffonts,
from poppler-utils in .ci/apt-packages-test). Where poppler is missing they skip, except on CI
(``CI=true``), where a missing checker is a failure: the checks must really run there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace
from datetime import date, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backcare.catalog import Catalog, load_catalog
from backcare.core.countries import country_for, load_countries
from backcare.core.plan import ExerciseSession, Plan, Profile, default_plan
from backcare.core.safety import load_safety
from backcare.core.week_sheet import WeekSheet, week_sheet
from backcare.paths import resources_dir

TZ = ZoneInfo("Europe/London")
MONDAY = date(2026, 11, 23)
SESSIONS = ((time(8), "Morning"), (time(15), "Afternoon"), (time(19, 30), "Evening"),
            (time(21, 30), "Before bed"))


def every_exercise_plan(catalog: Catalog, country: str = "GB") -> Plan:
    """Her plan well after the birth and the postnatal check, with all the exercises pinned
    across the four sessions: the largest week the sheet has to print."""
    ids = [e.id for e in catalog.exercises]
    sessions = tuple(ExerciseSession(at, tuple(ids[i::4]), label, pinned=True)
                     for i, (at, label) in enumerate(SESSIONS))
    profile = Profile(date(2025, 6, 1), "vaginal", postnatal_check=True, country=country)
    return replace(default_plan(), profile=profile, sessions=sessions)


def make_sheet(catalog: Catalog, plan: Plan, start: date = MONDAY) -> WeekSheet:
    safety, _ = load_safety(resources_dir() / "safety.toml")
    assert safety is not None
    countries, _ = load_countries(resources_dir() / "countries.toml")
    return week_sheet(plan, catalog.exercises, catalog.tips, safety,
                      country_for(plan.profile.country, countries), start, TZ)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    loaded = load_catalog()
    assert not loaded.problems
    return loaded


def poppler(tool: str, *args: str) -> str:
    """Run a poppler tool and return its output; skip (fail on CI) where it is missing."""
    if shutil.which(tool) is None:
        message = f"{tool} (poppler-utils) is not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    done = subprocess.run([tool, *args], capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def pages_of(pdf: Path) -> int:
    info = poppler("pdfinfo", str(pdf))
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
