"""Nothing is followed out of the data folder, nothing outside it is chmodded, an export never
writes through or replaces a link, and the parse cache serves only what it can prove.

Each case failed before issue 12: a dangling database link made the database outside the
folder (and the app chmodded the link's target); a ``-shm`` link made the start fail and, once
the garbage collector closed the leaked connection, the fresh database lost its log; an export
to a link replaced the link with a plain file; and a damaged cache entry whose source text
still matched was served (the bridge offered from week 0 after a caesarean).
"""

from __future__ import annotations

import gc
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from backcare.core import fields
from backcare.core.content import load_exercises
from backcare.core.parse_cache import ParseCache
from backcare.core.plan import default_plan
from backcare.core.store import DB_NAME, Store, TemporaryFault, private_dir, write_private
from backcare.core.store_faults import Cause
from backcare.paths import resources_dir
from backcare.settings_file import export_settings
from tests.faults.conftest import Clock, file_state

ROOT = Path(__file__).resolve().parents[2]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- links in the data folder ---------------------------------------------------------------


def test_a_dangling_database_link_is_not_followed_out_of_the_folder(
    tmp_path: Path, clock: Clock,
) -> None:
    data, outside = tmp_path / "data", tmp_path / "outside"
    data.mkdir()
    outside.mkdir()
    (data / DB_NAME).symlink_to(outside / "elsewhere.sqlite3")
    with pytest.raises(TemporaryFault) as raised:
        Store(data, clock)
    assert raised.value.cause is Cause.LINK
    assert "is a link to" in raised.value.sentence and str(outside) in raised.value.sentence
    store = Store(data, clock, fallback=True)
    assert "reminds you with its default settings" in store.notices[0]
    store.record("posture", "k", "done")
    assert list(outside.iterdir()) == []  # nothing made out there
    assert (data / DB_NAME).is_symlink()


def test_a_database_link_to_a_file_elsewhere_neither_opens_nor_chmods_it(
    tmp_path: Path, clock: Clock,
) -> None:
    data, outside = tmp_path / "data", tmp_path / "outside"
    data.mkdir()
    Store(outside, clock).close()
    target = outside / DB_NAME
    target.chmod(0o644)
    before = file_state(outside)
    (data / DB_NAME).symlink_to(target)
    with pytest.raises(TemporaryFault, match="is a link to"):
        Store(data, clock)
    Store(data, clock, fallback=True).close()
    assert _mode(target) == 0o644 and file_state(outside) == before


def test_an_index_link_is_refused_and_the_collector_deletes_nothing_later(
    tmp_path: Path, clock: Clock,
) -> None:
    store = Store(tmp_path, clock)
    store.record("posture", "kept", "done")
    store.close()
    outside = tmp_path.parent / f"{tmp_path.name}-elsewhere-shm"
    (tmp_path / (DB_NAME + "-shm")).symlink_to(outside)
    before = file_state(tmp_path)
    with pytest.raises(TemporaryFault) as raised:
        Store(tmp_path, clock)
    assert raised.value.cause is Cause.LINK
    app = Store(tmp_path, clock, fallback=True)
    assert [e.reminder_key for e in app.events()] == ["kept"]  # the database alone is read
    app.record("posture", "new", "done")
    gc.collect()  # a connection leaked before issue 12 deleted the next database's log here
    assert file_state(tmp_path) == before and not outside.exists()


def test_a_data_folder_that_is_a_link_is_used_but_its_target_not_chmodded(
    tmp_path: Path, clock: Clock,
) -> None:
    real = tmp_path / "on-another-disk"
    real.mkdir(mode=0o755)
    real.chmod(0o755)
    link = tmp_path / "data"
    link.symlink_to(real)
    private_dir(link)
    store = Store(link, clock)
    store.record("posture", "k", "done")
    store.close()
    assert _mode(real) == 0o755 and _mode(real / DB_NAME) == 0o600


# -- writing files: exports, copies, the cache ----------------------------------------------


def test_an_export_over_a_link_neither_follows_nor_replaces_it(tmp_path: Path) -> None:
    target = tmp_path / "their-file.toml"
    target.write_text("not mine to overwrite\n")
    link = tmp_path / "settings.toml"
    link.symlink_to(target)
    with pytest.raises(OSError, match="is a link") as raised:
        export_settings(default_plan(), link)
    assert raised.value.strerror and "give the name of a new file" in raised.value.strerror
    assert link.is_symlink() and target.read_text() == "not mine to overwrite\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml", "their-file.toml"]


def test_the_command_line_export_to_a_link_is_one_sentence(tmp_path: Path) -> None:
    link = tmp_path / "settings.toml"
    link.symlink_to(tmp_path / "missing.toml")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run(
        [sys.executable, "-m", "backcare", "--data-dir", str(tmp_path / "data"), "settings",
         "export", str(link)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"Could not write {link}: it is a link" in done.stderr
    assert link.is_symlink() and not (tmp_path / "missing.toml").exists()


def test_a_planted_link_at_the_temporary_name_is_not_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("untouched\n")
    target = tmp_path / "folder" / "export.toml"
    target.parent.mkdir()
    (target.parent / f".{target.name}.tmp-{os.getpid()}-0").symlink_to(outside)
    write_private(target, "a = 1\n", own_folder=False)
    assert target.read_text() == "a = 1\n" and _mode(target) == 0o600
    assert outside.read_text() == "untouched\n"
    assert (target.parent / f".{target.name}.tmp-{os.getpid()}-0").is_symlink()  # left be


def test_a_setting_whose_copy_would_be_a_link_stays_where_it_is(
    tmp_path: Path, clock: Clock,
) -> None:
    store = Store(tmp_path, clock)
    store._db.execute("INSERT INTO settings (key, value) VALUES ('plan', '{broken')")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.json"
    (tmp_path / "settings-plan.corrupt-20261123T093000Z.json").symlink_to(outside)
    assert store.get_setting("plan") is None
    assert "left in the data file as it is" in store.notices[-1]
    assert not outside.exists()


# -- the parse cache proves what it serves --------------------------------------------------


def _bridge_caesarean(cache: ParseCache) -> int:
    fields.use_parse_cache(cache)
    try:
        exercises, _ = load_exercises(resources_dir() / "exercises")
    finally:
        fields.use_parse_cache(None)
    [bridge] = [e for e in exercises if e.id == "bridge"]
    return int(bridge.earliest_week.caesarean)


def test_a_damaged_cache_entry_whose_source_still_matches_is_not_served(tmp_path: Path) -> None:
    path = tmp_path / "parsed-content.json"
    first = ParseCache.open(path)
    truth = _bridge_caesarean(first)
    assert truth >= 6
    first.save()
    stored = json.loads(path.read_text())
    [name] = [n for n in stored["entries"] if n.endswith("bridge.toml")]
    parsed = json.loads(stored["entries"][name][1])
    parsed["earliest_week"]["caesarean"] = 0  # valid JSON, and the TOML text still matches
    stored["entries"][name][1] = json.dumps(parsed)
    path.write_text(json.dumps(stored))
    again = ParseCache.open(path)
    assert _bridge_caesarean(again) == truth
    assert again.misses == 1 and again.hits > 10  # only the damaged entry was parsed afresh


def test_a_deeply_nested_cache_does_not_stop_the_start(tmp_path: Path) -> None:
    path = tmp_path / "parsed-content.json"
    path.write_text("[" * 200_000 + "]" * 200_000)
    cache = ParseCache.open(path)
    assert cache.parse(b'id = "bridge"\n', "/x/bridge.toml") == {"id": "bridge"}
    assert cache.save() and json.loads(path.read_text())["format"] == 2


def test_a_cache_entry_nested_too_deeply_is_parsed_afresh(tmp_path: Path) -> None:
    from backcare.core.parse_cache import PARSER, _checksum

    text = 'id = "bridge"\n'
    deep = "[" * 200_000 + "]" * 200_000  # with a matching checksum: only its depth is wrong
    entries = {"/x/b.toml": [text, deep, _checksum(text, deep)]}
    path = tmp_path / "parsed-content.json"
    path.write_text(json.dumps({"format": 2, "parser": PARSER, "entries": entries}))
    cache = ParseCache.open(path)
    assert cache.parse(text.encode(), "/x/b.toml") == {"id": "bridge"}
    assert cache.misses == 1
