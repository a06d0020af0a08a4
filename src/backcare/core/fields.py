"""Typed readers for fields of a parsed TOML table.

Each reader either returns a value of the promised type or raises ``Invalid`` naming the
dotted field path, so every loader reports the same kind of precise sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from backcare.core.parse_cache import ParseCache
from backcare.core.problems import ContentProblem, Invalid

T = TypeVar("T")


_parse_cache: ParseCache | None = None


def use_parse_cache(cache: ParseCache | None) -> None:
    """Let every ``read_toml`` from now on go through ``cache`` (None: parse every time).

    The app installs one at start (see ``core/parse_cache.py`` for why); the command line
    and the tests parse afresh unless they say otherwise.
    """
    global _parse_cache
    _parse_cache = cache


def read_toml(path: Path) -> tuple[dict[str, Any] | None, ContentProblem | None]:
    """Parse a TOML file; a syntax or encoding error becomes a problem, never an exception."""
    try:
        raw = path.read_bytes()
        if _parse_cache is not None:
            return _parse_cache.parse(raw, str(path)), None
        import tomllib  # here, not at the top: with the cache warm, no start needs it

        return tomllib.loads(raw.decode("utf-8")), None
    except (OSError, UnicodeDecodeError) as exc:
        return None, ContentProblem(path, "", f"the file cannot be read ({exc}).")
    except ValueError as exc:  # tomllib.TOMLDecodeError, caught without importing tomllib
        return None, ContentProblem(path, "", f"this is not valid TOML ({exc}).")
    except RecursionError:  # tables or arrays nested thousands deep
        return None, ContentProblem(path, "", "its tables or lists are nested far too deeply.")


def load_folder(
    folder: Path, what: str, parse: Callable[[Mapping[str, Any], Path], T]
) -> tuple[list[T], tuple[ContentProblem, ...]]:
    """Parse every ``*.toml`` in ``folder`` (sorted by name): the good items, and one problem per
    bad file naming the file and the field. Never raises, so one bad file hides only itself."""
    if not folder.is_dir():
        return [], (ContentProblem(folder, "", f"the {what} folder is missing."),)
    good: list[T] = []
    problems: list[ContentProblem] = []
    for path in sorted(folder.glob("*.toml")):
        data, problem = read_toml(path)
        if problem is not None:
            problems.append(problem)
            continue
        assert data is not None
        try:
            good.append(parse(data, path))
        except Invalid as exc:
            problems.append(ContentProblem(path, exc.field, exc.message))
    return good, tuple(problems)


def join(prefix: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    return f"{prefix}.{key}" if prefix else key


def table(data: Mapping[str, Any], key: str, prefix: str = "") -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, Mapping):
        raise Invalid(join(prefix, key), "is missing or is not a table.")
    return value


def text(data: Mapping[str, Any], key: str, prefix: str = "", *, optional: bool = False) -> str:
    value = data.get(key)
    if value is None and optional:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise Invalid(join(prefix, key), "must be a non-empty piece of text.")
    return value.strip()


def whole(
    data: Mapping[str, Any],
    key: str,
    prefix: str = "",
    *,
    low: int = 0,
    high: int = 10_000,
    default: int | None = None,
) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(join(prefix, key), f"must be a whole number from {low} to {high}.")
    if not low <= value <= high:
        raise Invalid(join(prefix, key), f"must be from {low} to {high}, not {value}.")
    return value


def number(
    data: Mapping[str, Any],
    key: str,
    prefix: str = "",
    *,
    low: float = -1e9,
    high: float = 1e9,
    default: float | None = None,
) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Invalid(join(prefix, key), f"must be a number from {low:g} to {high:g}.")
    if not low <= float(value) <= high:
        raise Invalid(join(prefix, key), f"must be from {low:g} to {high:g}, not {value}.")
    return float(value)


def flag(data: Mapping[str, Any], key: str, prefix: str = "", *, default: bool = False) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise Invalid(join(prefix, key), "must be true or false.")
    return value


def texts(
    data: Mapping[str, Any],
    key: str,
    prefix: str = "",
    *,
    allowed: Iterable[str] | None = None,
    min_items: int = 0,
) -> tuple[str, ...]:
    value = data.get(key, [])
    path = join(prefix, key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise Invalid(path, "must be a list of non-empty pieces of text.")
    if len(value) < min_items:
        raise Invalid(path, f"needs at least {min_items} item(s).")
    items = tuple(v.strip() for v in value)
    if allowed is not None:
        allowed_set = set(allowed)
        for i, item in enumerate(items):
            if item not in allowed_set:
                choices = ", ".join(sorted(allowed_set))
                raise Invalid(join(path, i), f"'{item}' is not one of: {choices}.")
    if len(set(items)) != len(items):
        raise Invalid(path, "lists the same item twice.")
    return items


def choice(data: Mapping[str, Any], key: str, allowed: Iterable[str], prefix: str = "") -> str:
    value = text(data, key, prefix)
    allowed_set = set(allowed)
    if value not in allowed_set:
        choices = ", ".join(sorted(allowed_set))
        raise Invalid(join(prefix, key), f"'{value}' is not one of: {choices}.")
    return value


def tables(data: Mapping[str, Any], key: str, prefix: str = "", *, min_items: int = 0) -> list[Any]:
    value = data.get(key, [])
    path = join(prefix, key)
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise Invalid(path, "must be a list of tables ([[" + key + "]] sections).")
    if len(value) < min_items:
        raise Invalid(path, f"needs at least {min_items} entr{'y' if min_items == 1 else 'ies'}.")
    return value


def slug(data: Mapping[str, Any], key: str = "id", prefix: str = "") -> str:
    value = text(data, key, prefix)
    ok = value.replace("-", "").replace("_", "").isalnum() and value == value.lower()
    if not ok:
        raise Invalid(join(prefix, key), "must use lower-case letters, digits and dashes only.")
    return value
