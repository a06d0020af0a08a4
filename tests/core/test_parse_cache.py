"""The parsed-content cache gives exactly what tomllib gives, and never stale content."""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from backcare.catalog import load_catalog
from backcare.core import fields
from backcare.core.parse_cache import PARSER, ParseCache
from backcare.paths import resources_dir

NAME = "/content/bridge.toml"
TOML = b'id = "bridge"\ntitle = "Bridge"\nsets = 2\nhold = 1.5\nsteps = [{text = "Lift"}]\n'


@pytest.fixture
def installed(tmp_path: Path) -> Iterator[ParseCache]:
    cache = ParseCache.open(tmp_path / "cache" / "parsed-content.json")
    fields.use_parse_cache(cache)
    yield cache
    fields.use_parse_cache(None)


def test_a_hit_after_a_restart_is_what_tomllib_gives(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "parsed-content.json"
    first = ParseCache.open(path)
    assert first.parse(TOML, NAME) == tomllib.loads(TOML.decode())
    assert (first.hits, first.misses) == (0, 1)
    assert first.save()
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700

    again = ParseCache.open(path)  # the next start
    assert again.parse(TOML, NAME) == tomllib.loads(TOML.decode())
    assert (again.hits, again.misses) == (1, 0)
    assert not again.changed  # nothing new: nothing is written


def test_an_edited_file_is_parsed_afresh(tmp_path: Path) -> None:
    path = tmp_path / "parsed-content.json"
    cache = ParseCache.open(path)
    cache.parse(TOML, NAME)
    cache.save()
    edited = TOML.replace(b"sets = 2", b"sets = 3")
    again = ParseCache.open(path)
    assert again.parse(edited, NAME)["sets"] == 3
    assert again.misses == 1


def test_each_hit_is_a_fresh_copy(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "c.json")
    cache.parse(TOML, NAME)
    first = cache.parse(TOML, NAME)
    first["steps"].append({"text": "changed by a caller"})
    assert cache.parse(TOML, NAME)["steps"] == [{"text": "Lift"}]


def test_bad_toml_still_raises_as_tomllib_does(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "c.json")
    with pytest.raises(tomllib.TOMLDecodeError):
        cache.parse(b"id = \n", NAME)
    with pytest.raises(UnicodeDecodeError):
        cache.parse(b'title = "\xff"\n', NAME)
    assert not cache.changed


def test_dates_are_not_kept_because_json_would_change_them(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "c.json")
    data = cache.parse(b"born = 2026-05-01\n", NAME)
    assert str(data["born"]) == "2026-05-01" and not isinstance(data["born"], str)
    assert not cache.changed  # parsed each time instead


@pytest.mark.parametrize(
    "stored",
    [
        b"",
        b"{not json",
        b"[]",
        json.dumps({"format": 99, "parser": PARSER, "entries": {}}).encode(),
        json.dumps({"format": 1, "parser": "tomllib/python-2.7", "entries": {}}).encode(),
        json.dumps({"format": 1, "parser": PARSER, "entries": []}).encode(),
    ],
)
def test_a_damaged_or_foreign_cache_is_ignored_and_replaced(tmp_path: Path, stored: bytes) -> None:
    path = tmp_path / "parsed-content.json"
    path.write_bytes(stored)
    cache = ParseCache.open(path)
    assert cache.parse(TOML, NAME)["title"] == "Bridge"
    assert cache.misses == 1
    assert cache.save()
    assert ParseCache.open(path).parse(TOML, NAME)["title"] == "Bridge"


def test_a_corrupt_entry_is_parsed_afresh(tmp_path: Path) -> None:
    path = tmp_path / "parsed-content.json"
    cache = ParseCache.open(path)
    cache.parse(TOML, NAME)
    cache.save()
    stored = json.loads(path.read_text())
    key = next(iter(stored["entries"]))
    stored["entries"][key][1] = "{truncated"
    path.write_text(json.dumps(stored))
    again = ParseCache.open(path)
    assert again.parse(TOML, NAME)["title"] == "Bridge"
    assert again.misses == 1


def test_an_unwritable_cache_is_only_slower(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    cache = ParseCache.open(blocker / "parsed-content.json")
    assert cache.parse(TOML, NAME)["sets"] == 2
    assert cache.save() is False


def test_old_entries_are_dropped_once_they_outnumber_the_used_ones(tmp_path: Path) -> None:
    path = tmp_path / "parsed-content.json"
    old = ParseCache.open(path)
    for n in range(3):
        old.parse(f"n = {n}\n".encode(), f"/old/{n}.toml")
    old.save()
    new = ParseCache.open(path)  # after an "upgrade", only one file is read
    new.parse(b"n = 99\n", "/new.toml")
    new.save()
    assert len(json.loads(path.read_text())["entries"]) == 1


def test_the_catalog_through_the_cache_equals_the_catalog_parsed_afresh(installed) -> None:  # type: ignore[no-untyped-def]
    fields.use_parse_cache(None)
    fresh = load_catalog(lazy_poses=True)
    fields.use_parse_cache(installed)
    cold = load_catalog(lazy_poses=True)
    assert installed.misses > 16 and installed.hits == 0
    installed.save()
    warm_cache = ParseCache.open(installed.path)
    fields.use_parse_cache(warm_cache)
    warm = load_catalog(lazy_poses=True)
    assert warm_cache.misses == 0 and warm_cache.hits == installed.misses
    for catalog in (cold, warm):
        assert catalog.exercises == fresh.exercises
        assert catalog.tips == fresh.tips
        assert catalog.foods == fresh.foods
        assert catalog.problems == fresh.problems == ()


def test_a_file_edited_between_starts_is_read_as_edited(installed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    content = tmp_path / "resources"
    (content / "exercises").mkdir(parents=True)
    source = resources_dir() / "exercises" / "bridge.toml"
    copy = content / "exercises" / "bridge.toml"
    copy.write_bytes(source.read_bytes())
    first, _ = fields.read_toml(copy)
    installed.save()
    text = copy.read_text().replace('title = "', 'title = "Edited: ', 1)
    copy.write_text(text)
    os.utime(copy, ns=(copy.stat().st_atime_ns, copy.stat().st_mtime_ns))
    fields.use_parse_cache(ParseCache.open(installed.path))
    second, _ = fields.read_toml(copy)
    assert first is not None and second is not None
    assert second["title"] == "Edited: " + first["title"]
