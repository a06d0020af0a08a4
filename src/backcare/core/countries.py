"""Her country's numbers: the emergency number, a same-day advice line and a crisis line.

A mother in Sydney who reads "call 999" loses seconds she may not have, so the Safety page
names the numbers of her country. They live in ``resources/countries.toml`` (data, not code)
so anyone can check every number against its official source, which each entry names.

Loading never raises: a bad entry is left out and reported, and the others still load. A
country that is not listed, or not known, gets the neutral ``[unknown]`` words ("your local
emergency number", with the common numbers as hints); if even that table is broken, the
built-in ``NEUTRAL`` below stands in, so there is always something safe to say.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backcare.core import fields as f
from backcare.core.problems import ContentProblem, Invalid

UNKNOWN = "unknown"
_CODE = re.compile(r"[A-Z]{2}")
# Digits only: "000", "10177". A number with words around it belongs in `also`.
_NUMBER = re.compile(r"[0-9]{2,6}")
_COUNTRY_KEYS = ("name", "emergency", "also", "urgent", "crisis", "care_place", "sources", "note")
_UNKNOWN_KEYS = ("name", "care_place", "hints", "sources", "note")


@dataclass(frozen=True)
class Country:
    """One country's numbers and words. ``emergency`` is None only for the neutral fallback,
    which has ``hints`` (the common numbers) instead; ``urgent`` and ``crisis`` are None where
    the country has no such line or we are not sure of it, and the page then uses neutral words.
    """

    code: str
    name: str
    emergency: str | None
    care_place: str
    sources: tuple[str, ...]
    also: str | None = None
    urgent: str | None = None
    crisis: str | None = None
    note: str | None = None
    hints: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        """Whether this names a real emergency number (False: the neutral fallback)."""
        return self.emergency is not None


NEUTRAL = Country(
    code=UNKNOWN,
    name="your country",
    emergency=None,
    care_place="the nearest emergency department",
    sources=(),
    hints=(
        "112 works across the EU and on most mobile phones",
        "911 in North America",
        "999 in the UK",
        "000 in Australia",
    ),
)


def is_code(text: object) -> bool:
    """Two capital letters, the shape of an ISO 3166 alpha-2 code ("GB", "CN")."""
    return isinstance(text, str) and _CODE.fullmatch(text) is not None


def _unknown_keys(data: Mapping[str, Any], known: tuple[str, ...], prefix: str) -> None:
    for key in data:
        if key not in known:
            raise Invalid(f"{prefix}.{key}", f"is not a field here; use: {', '.join(known)}.")


def _optional(data: Mapping[str, Any], key: str, prefix: str) -> str | None:
    return f.text(data, key, prefix, optional=True) or None


def _parse_country(code: str, data: Mapping[str, Any]) -> Country:
    _unknown_keys(data, _COUNTRY_KEYS, code)
    emergency = f.text(data, "emergency", code)
    if not _NUMBER.fullmatch(emergency):
        raise Invalid(
            f"{code}.emergency",
            f"must be the number alone, 2 to 6 digits such as \"112\", not '{emergency}'.",
        )
    return Country(
        code=code,
        name=f.text(data, "name", code),
        emergency=emergency,
        care_place=f.text(data, "care_place", code),
        sources=f.texts(data, "sources", code, min_items=1),
        also=_optional(data, "also", code),
        urgent=_optional(data, "urgent", code),
        crisis=_optional(data, "crisis", code),
        note=_optional(data, "note", code),
    )


def _parse_unknown(data: Mapping[str, Any]) -> Country:
    _unknown_keys(data, _UNKNOWN_KEYS, UNKNOWN)
    return Country(
        code=UNKNOWN,
        name=f.text(data, "name", UNKNOWN),
        emergency=None,
        care_place=f.text(data, "care_place", UNKNOWN),
        sources=f.texts(data, "sources", UNKNOWN),
        note=_optional(data, "note", UNKNOWN),
        hints=f.texts(data, "hints", UNKNOWN, min_items=1),
    )


def load_countries(path: Path) -> tuple[dict[str, Country], tuple[ContentProblem, ...]]:
    """Every usable country by code (plus ``"unknown"``, the fallback) and one problem per bad
    entry; never raises. A file that cannot be read gives only the built-in fallback."""
    data, problem = f.read_toml(path)
    if problem is not None:
        return {UNKNOWN: NEUTRAL}, (problem,)
    assert data is not None
    countries: dict[str, Country] = {}
    problems: list[ContentProblem] = []
    for key, entry in data.items():
        try:
            if key != UNKNOWN and not is_code(key):
                raise Invalid(
                    key, "is not a country code: use two capital letters such as GB or US."
                )
            if not isinstance(entry, Mapping):
                raise Invalid(key, "must be a table ([XX] section).")
            countries[key] = _parse_unknown(entry) if key == UNKNOWN else _parse_country(
                key, entry
            )
        except Invalid as exc:
            problems.append(ContentProblem(path, exc.field, exc.message))
    if UNKNOWN not in countries:
        if UNKNOWN not in data:
            missing = "the neutral [unknown] table is missing."
            problems.append(ContentProblem(path, UNKNOWN, missing))
        countries[UNKNOWN] = NEUTRAL
    return countries, tuple(problems)


def country_for(code: str | None, countries: Mapping[str, Country]) -> Country:
    """Her country's record, or the neutral fallback when the code is None or not listed."""
    fallback = countries.get(UNKNOWN, NEUTRAL)
    if code is None or code == UNKNOWN:
        return fallback
    return countries.get(code, fallback)


# Where the system says her locale, in the order POSIX reads them for messages.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def locale_name_from(environ: Mapping[str, str]) -> str | None:
    """The locale name the environment gives (the first set of ``LOCALE_VARIABLES``).

    Read from the variables, not ``locale.getlocale()``: Python maps the "C.UTF-8" locale that
    minimal systems run in to "en_US", which would preset the United States for everyone."""
    return next((environ[k] for k in LOCALE_VARIABLES if environ.get(k)), None)


def preset_country(locale_name: str | None) -> str | None:
    """The country part of a locale name: "en_GB.UTF-8" -> "GB", "zh_CN" -> "CN",
    "de_DE@euro" -> "DE"; None for "C", "POSIX" or anything without one.

    Only a first guess for setup to offer: the caller passes ``locale.getlocale()[0]`` or
    ``$LANG``, so this stays pure and testable, and she can always change it.
    """
    if not locale_name:
        return None
    base = re.split(r"[.@]", locale_name.strip(), maxsplit=1)[0]
    parts = re.split(r"[_-]", base)
    for part in parts[1:]:
        if len(part) == 2 and part.isascii() and part.isalpha():
            return part.upper()
    return None
