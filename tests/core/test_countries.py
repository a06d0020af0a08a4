"""Her country's numbers: the shipped table, the neutral fallback, bad entries, locale presets."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcare.core.countries import (
    NEUTRAL,
    UNKNOWN,
    Country,
    country_for,
    load_countries,
    locale_name_from,
    preset_country,
)
from backcare.paths import resources_dir

COUNTRIES = resources_dir() / "countries.toml"

# code: (emergency, urgent line contains, crisis line contains); None = no such line shipped.
EXPECTED: dict[str, tuple[str, str | None, str | None]] = {
    "CN": ("120", None, None),
    "HK": ("999", None, "18111"),
    "TW": ("119", None, "1925"),
    "SG": ("995", None, "1767"),
    "JP": ("119", "#7119", "0570-064-556"),
    "KR": ("119", None, "109"),
    "IN": ("112", None, "14416"),
    "AU": ("000", "1800 022 222", "13 11 14"),
    "NZ": ("111", "0800 611 116", "1737"),
    "GB": ("999", "NHS 111", "116 123"),
    "IE": ("112", None, "116 123"),
    "US": ("911", None, "988"),
    "CA": ("911", "811", "9-8-8"),
    "DE": ("112", "116117", "0800 111 0 111"),
    "FR": ("15", None, "3114"),
    "ES": ("112", None, "024"),
    "IT": ("112", None, None),
    "NL": ("112", None, "113"),
    "SE": ("112", "1177", "90101"),
    "ZA": ("10177", None, "0800 567 567"),
}


@pytest.fixture(scope="module")
def countries() -> dict[str, Country]:
    loaded, problems = load_countries(COUNTRIES)
    assert problems == ()
    return loaded


def test_the_shipped_file_loads_with_no_problems(countries: dict[str, Country]) -> None:
    assert set(EXPECTED) | {UNKNOWN} <= set(countries)
    assert all(country.sources for code, country in countries.items() if code != UNKNOWN)


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_every_listed_country_resolves_to_its_numbers(
    countries: dict[str, Country], code: str
) -> None:
    emergency, urgent, crisis = EXPECTED[code]
    country = country_for(code, countries)
    assert country.code == code and country.known
    assert country.emergency == emergency
    if urgent is None:
        assert country.urgent is None
    else:
        assert country.urgent is not None and urgent in country.urgent
    if crisis is None:
        assert country.crisis is None
    else:
        assert country.crisis is not None and crisis in country.crisis
    assert country.care_place == ("A&E" if code in ("GB", "IE") else "the emergency department")


def test_asides_the_brief_asks_for(countries: dict[str, Country]) -> None:
    assert "108" in (countries["IN"].also or "") and countries["IN"].note
    assert "999" in (countries["IE"].also or "")
    assert "112" in (countries["FR"].also or "") and "SAMU" in (countries["FR"].also or "")
    assert "112" in (countries["ZA"].also or "")
    assert "most provinces" in (countries["CA"].note or "")


@pytest.mark.parametrize("code", [None, "XX", "unknown", "gb"])
def test_an_unknown_or_missing_country_gets_the_neutral_words(
    countries: dict[str, Country], code: str | None
) -> None:
    country = country_for(code, countries)
    assert country.code == UNKNOWN and not country.known
    hints = " ".join(country.hints)
    for number in ("112", "911", "999", "000"):
        assert number in hints


def test_without_a_file_the_built_in_fallback_stands_in(tmp_path: Path) -> None:
    loaded, problems = load_countries(tmp_path / "missing.toml")
    assert loaded == {UNKNOWN: NEUTRAL}
    assert len(problems) == 1 and "cannot be read" in problems[0].message
    assert country_for("GB", loaded) is NEUTRAL


GOOD = """
[unknown]
name = "your country"
care_place = "the nearest emergency department"
hints = ["112 works across the EU"]

[AU]
name = "Australia"
emergency = "000"
care_place = "the emergency department"
sources = ["Australian Government: Triple Zero (000)"]
"""


def _load(tmp_path: Path, text: str) -> tuple[dict[str, Country], list[str], list[str]]:
    path = tmp_path / "countries.toml"
    path.write_text(text, encoding="utf-8")
    loaded, problems = load_countries(path)
    return loaded, [p.field for p in problems], [p.sentence() for p in problems]


@pytest.mark.parametrize(
    ("entry", "field", "words"),
    [
        ('name = "X"\ncare_place = "A&E"\nsources = ["S"]', "XY.emergency", "non-empty"),
        ('name = "X"\nemergency = "call 999"\ncare_place = "A&E"\nsources = ["S"]',
         "XY.emergency", "digits"),
        ('name = "X"\nemergency = 999\ncare_place = "A&E"\nsources = ["S"]',
         "XY.emergency", "text"),
        ('name = "X"\nemergency = "999"\ncare_place = "A&E"\nsources = []', "XY.sources",
         "at least 1"),
        ('name = "X"\nemergency = "999"\nsources = ["S"]', "XY.care_place", "non-empty"),
        ('emergency = "999"\ncare_place = "A&E"\nsources = ["S"]', "XY.name", "non-empty"),
        ('name = "X"\nemergency = "999"\ncare_place = "A&E"\nsources = ["S"]\ncrisis = 5',
         "XY.crisis", "text"),
        ('name = "X"\nemergency = "999"\ncare_place = "A&E"\nsources = ["S"]\nphone = "1"',
         "XY.phone", "not a field"),
    ],
)
def test_a_broken_entry_is_a_sentence_naming_the_field(
    tmp_path: Path, entry: str, field: str, words: str
) -> None:
    loaded, fields, sentences = _load(tmp_path, GOOD + "\n[XY]\n" + entry + "\n")
    assert fields == [field]
    assert words in sentences[0] and field in sentences[0]
    assert "XY" not in loaded and loaded["AU"].emergency == "000"  # the rest still loads


def test_a_key_that_is_not_a_code_is_refused(tmp_path: Path) -> None:
    loaded, fields, sentences = _load(tmp_path, GOOD + '\n[Britain]\nname = "X"\n')
    assert fields == ["Britain"] and "two capital letters" in sentences[0]
    assert "Britain" not in loaded


def test_a_missing_or_broken_fallback_is_reported_and_replaced(tmp_path: Path) -> None:
    no_unknown = GOOD.split("[AU]")[1]
    loaded, fields, _ = _load(tmp_path, "[AU]" + no_unknown)
    assert fields == [UNKNOWN] and loaded[UNKNOWN] is NEUTRAL
    broken = GOOD.replace('hints = ["112 works across the EU"]', "hints = []")
    loaded, fields, _ = _load(tmp_path, broken)
    assert fields == ["unknown.hints"] and loaded[UNKNOWN] is NEUTRAL


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("en_GB.UTF-8", "GB"),
        ("zh_CN", "CN"),
        ("zh_TW.UTF-8", "TW"),
        ("de_DE@euro", "DE"),
        ("en-US", "US"),
        ("sr_RS@latin", "RS"),
        ("en_au.utf8", "AU"),
        ("C", None),
        ("C.UTF-8", None),
        ("POSIX", None),
        ("en", None),
        ("", None),
        (None, None),
    ],
)
def test_locale_presets(name: str | None, code: str | None) -> None:
    assert preset_country(name) == code


@pytest.mark.parametrize(
    ("environ", "name"),
    [
        ({"LANG": "C.UTF-8"}, "C.UTF-8"),  # not "en_US", as Python's locale module would say
        ({"LANG": "en_AU.UTF-8"}, "en_AU.UTF-8"),
        ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh_CN.UTF-8"),
        ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "zh_CN", "LC_ALL": "de_DE"}, "de_DE"),
        ({"LANG": "", "LC_ALL": ""}, None),
        ({}, None),
    ],
)
def test_the_locale_is_read_from_the_environment(environ: dict[str, str], name: str | None
                                                 ) -> None:
    assert locale_name_from(environ) == name
    assert preset_country(locale_name_from({"LANG": "C.UTF-8"})) is None
