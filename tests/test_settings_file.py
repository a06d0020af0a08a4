"""Settings files: export then import gives the same plan; a bad file changes nothing, says why."""

from __future__ import annotations

import stat
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcare.core.plan import ExerciseSession, Plan, Profile, default_plan
from backcare.core.plan_codec import plan_from_dict
from backcare.settings_file import (
    MAX_BYTES,
    export_settings,
    import_settings,
    parse_settings,
    settings_text,
)
from tests.core.test_plan import valid_plan_dicts

TODAY = date(2026, 11, 23)


def _her_plan() -> Plan:
    return Plan(
        sessions=(ExerciseSession(time(9, 30), ("cat-back", "pelvic-floor"), "Morning", True),),
        profile=Profile(date(2026, 10, 1), "assisted", True, 600),
    )


def test_export_then_import_gives_back_the_same_plan(tmp_path: Path) -> None:
    path = tmp_path / "my settings.toml"
    export_settings(_her_plan(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    assert text.startswith("# Back Care settings")
    assert 'birth_type = "assisted"' in text
    plan, errors = import_settings(path, TODAY)
    assert errors == []
    assert plan == _her_plan()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_plan_dicts())
def test_every_valid_plan_survives_the_file_round_trip(data: dict[str, Any]) -> None:
    plan, errors = plan_from_dict(data)
    assert plan is not None, errors
    again, errors = parse_settings(settings_text(plan).encode(), date(2030, 12, 31))
    assert errors == []
    assert again == plan


BAD_FILES: list[tuple[bytes, str]] = [
    (b"waking = { start = '07:00', end = ", "not a valid settings file"),
    (b"\xff\xfe\x00garbage", "not a text file"),
    (b"posture_interval_min = 5\nweekdays = []\n", "from 30 to 480"),
    (b"[profile]\nbirth_date = 2027-01-01\n", "after today"),
    (b"[profile]\nbirth_type = 'c-section'\n", "vaginal, assisted or caesarean"),
    (b"colour = 'blue'\n", "not a setting Back Care knows"),
    (b"a = " + b"[" * 2000 + b"]" * 2000, "settings file"),
    (b"# padding\n" * (MAX_BYTES // 10 + 1), "far larger"),
]


@pytest.mark.parametrize(("raw", "words"), BAD_FILES)
def test_a_bad_file_is_refused_with_sentences(raw: bytes, words: str) -> None:
    plan, errors = parse_settings(raw, TODAY)
    assert plan is None
    assert errors and all(e.strip().endswith(".") for e in errors)
    assert any(words in e for e in errors), errors


def test_every_bad_field_is_named_at_once() -> None:
    _, errors = parse_settings(b"posture_interval_min = 5\nweekdays = []\n", TODAY)
    assert len(errors) == 2


def test_missing_file_and_folder_are_sentences(tmp_path: Path) -> None:
    assert "no file" in import_settings(tmp_path / "nope.toml", TODAY)[1][0]
    assert "is a folder" in import_settings(tmp_path, TODAY)[1][0]


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_give_a_plan_or_sentences_never_an_exception(raw: bytes) -> None:
    plan, errors = parse_settings(raw, TODAY)
    assert (plan is None) == bool(errors)


def test_an_empty_file_is_the_default_plan() -> None:
    assert parse_settings(b"", TODAY) == (default_plan(), [])


def test_export_leaves_the_folder_she_chose_as_it_was(tmp_path: Path) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir(mode=0o755)
    documents.chmod(0o755)
    export_settings(_her_plan(), documents / "back care.toml")
    assert stat.S_IMODE(documents.stat().st_mode) == 0o755
    assert [p.name for p in documents.iterdir()] == ["back care.toml"]  # no temp file left
