"""Reading each part of a plan (waking hours, sessions, meals, quiet periods, nap, weekdays,
her profile) with ``plan_reader.Reader``: one sentence per bad field, cross-field rules only
once both fields read cleanly.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from backcare.core.countries import is_code
from backcare.core.plan import (
    ALL_WEEKDAYS,
    BIRTH_TYPES,
    CALCIUM_MAX_MG,
    CALCIUM_MIN_MG,
    DEFAULT_CALCIUM,
    DEFAULT_SESSIONS,
    DEFAULT_WAKING,
    DIET_CALCIUM_MAX_MG,
    MAX_MEALS,
    MAX_NAP,
    MAX_SESSIONS,
    MAX_YEARS_SINCE_BIRTH,
    MIN_MEALS,
    MIN_WAKING_MIN,
    AgeBand,
    CalciumPlan,
    ExerciseSession,
    Meal,
    Nap,
    Profile,
    Span,
)
from backcare.core.plan_reader import MISSING, Reader, hhmm, is_int, is_list, show


def _inside_waking(t: time, waking: Span | None) -> bool:
    return waking is None or waking.start <= t < waking.end


def read_waking(r: Reader, value: Any) -> Span | None:
    if value is MISSING:
        return DEFAULT_WAKING
    table = r.table(value, "waking", "Waking hours")
    if table is None:
        return None
    r.unknown_keys(table, ("start", "end"), "waking")
    start = r.clock(table.get("start", DEFAULT_WAKING.start), "waking.start", "The waking start")
    end = r.clock(table.get("end", DEFAULT_WAKING.end), "waking.end", "The waking end")
    if start is None or end is None:
        return None
    if end <= start:
        r.refuse(
            "waking",
            f"Waking hours must end after they start on the same day; {hhmm(start)} to "
            f"{hhmm(end)} would cross midnight (the night is never a time for reminders).",
        )
        return None
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    if minutes < MIN_WAKING_MIN:
        r.refuse(
            "waking",
            f"Waking hours must last at least {MIN_WAKING_MIN // 60} hours; {hhmm(start)} to "
            f"{hhmm(end)} is only {minutes // 60} h {minutes % 60} min.",
        )
        return None
    return Span(start, end)


def _waking_words(waking: Span) -> str:
    return f"waking hours ({hhmm(waking.start)} to {hhmm(waking.end)})"


def read_sessions(r: Reader, value: Any, waking: Span | None) -> tuple[ExerciseSession, ...]:
    if value is MISSING:
        sessions = DEFAULT_SESSIONS
        for i, s in enumerate(sessions):
            what = f"The default {s.label.lower()} exercise session"
            _check_inside(r, s.at, waking, f"sessions[{i}].at", what)
        return sessions
    if not is_list(value):
        r.refuse("sessions", f"Exercise sessions must be a list of tables, not {show(value)}.")
        return ()
    if len(value) > MAX_SESSIONS:
        r.refuse(
            "sessions",
            f"There can be at most {MAX_SESSIONS} exercise sessions a day, not {len(value)}.",
        )
    found: list[ExerciseSession] = []
    seen: dict[time, int] = {}
    for i, entry in enumerate(value):
        field, what = f"sessions[{i}]", f"Exercise session {i + 1}"
        table = r.table(entry, field, what)
        if table is None:
            continue
        r.unknown_keys(table, ("at", "exercises", "label", "pinned"), field)
        at = r.clock(table.get("at"), f"{field}.at", f"The time of exercise session {i + 1}")
        pinned = r.flag(table.get("pinned", False), f"{field}.pinned")
        exercises = r.slugs(
            table.get("exercises", [] if pinned is False else None),
            f"{field}.exercises",
            f"{what}'s exercises",
            at_least=1 if pinned else 0,
        )
        label = r.label(table.get("label", ""), f"{field}.label", f"{what}'s label", required=False)
        if at is not None:
            _check_inside(r, at, waking, f"{field}.at", what)
            if at in seen:
                r.refuse(
                    f"{field}.at",
                    f"Exercise sessions {seen[at] + 1} and {i + 1} are both at {hhmm(at)}; "
                    "move one of them or merge their exercises.",
                )
            seen.setdefault(at, i)
        if at is not None and exercises is not None and label is not None and pinned is not None:
            found.append(ExerciseSession(at, exercises, label, pinned))
    return tuple(found)


def _check_inside(r: Reader, at: time, waking: Span | None, field: str, what: str) -> None:
    if not _inside_waking(at, waking):
        assert waking is not None
        r.refuse(field, f"{what} is at {hhmm(at)}, outside {_waking_words(waking)}.")


def read_meals(r: Reader, value: Any, waking: Span | None) -> tuple[Meal, ...]:
    if value is MISSING:
        meals = DEFAULT_CALCIUM.meals
        for i, m in enumerate(meals):
            what = f"The default calcium reminder at {m.name}"
            _check_inside(r, m.at, waking, f"calcium.meals[{i}].at", what)
        return meals
    if not is_list(value):
        r.refuse("calcium.meals", f"Calcium meals must be a list of tables, not {show(value)}.")
        return ()
    if not MIN_MEALS <= len(value) <= MAX_MEALS:
        r.refuse(
            "calcium.meals",
            f"Calcium needs from {MIN_MEALS} to {MAX_MEALS} meals a day, not {len(value)}.",
        )
    found: list[Meal] = []
    seen: dict[time, int] = {}
    for i, entry in enumerate(value):
        field, what = f"calcium.meals[{i}]", f"Meal {i + 1}"
        table = r.table(entry, field, what)
        if table is None:
            continue
        r.unknown_keys(table, ("name", "at"), field)
        name = r.label(table.get("name"), f"{field}.name", f"{what}'s name", required=True)
        at = r.clock(table.get("at"), f"{field}.at", f"The time of meal {i + 1}")
        if at is not None:
            _check_inside(r, at, waking, f"{field}.at", what)
            if at in seen:
                r.refuse(
                    f"{field}.at",
                    f"Meals {seen[at] + 1} and {i + 1} are both at {hhmm(at)}; one calcium "
                    "reminder per meal time is enough.",
                )
            seen.setdefault(at, i)
        if name is not None and at is not None:
            found.append(Meal(name, at))
    return tuple(found)


def read_calcium(r: Reader, value: Any, waking: Span | None) -> CalciumPlan | None:
    if value is MISSING:
        value = {}
    table = r.table(value, "calcium", "The calcium settings")
    if table is None:
        return None
    r.unknown_keys(table, ("meals", "daily_target_mg", "foods", "age_band"), "calcium")
    errors_before = len(r.errors)
    meals = read_meals(r, table.get("meals", MISSING), waking)
    target = None  # no key: follow the guidance for her age band
    if "daily_target_mg" in table:
        target = r.whole(
            table["daily_target_mg"],
            "calcium.daily_target_mg",
            "The daily calcium target",
            CALCIUM_MIN_MG,
            CALCIUM_MAX_MG,
            "milligrams",
        )
    age_band = read_age_band(r, table.get("age_band"))
    foods = r.slugs(
        table.get("foods", list(DEFAULT_CALCIUM.foods)),
        "calcium.foods",
        "The calcium foods",
        at_least=0,
    )
    if len(r.errors) > errors_before or foods is None:
        return None
    return CalciumPlan(meals, target, foods, age_band)


def read_age_band(r: Reader, value: Any) -> AgeBand | None:
    """"under-19" or "19-or-over"; no key (None) is "not said"."""
    if value is None:
        return None
    if isinstance(value, str) and value in {band.value for band in AgeBand}:
        return AgeBand(value)
    r.refuse(
        "calcium.age_band",
        "Your age band must be under-19 or 19-or-over (or left out), "
        f"not {show(value)}.",
    )
    return None


def read_quiet(r: Reader, value: Any) -> tuple[Span, ...]:
    if value is MISSING:
        return ()
    if not is_list(value):
        r.refuse("quiet", f"Quiet periods must be a list of tables, not {show(value)}.")
        return ()
    found: list[Span] = []
    for i, entry in enumerate(value):
        field, what = f"quiet[{i}]", f"Quiet period {i + 1}"
        table = r.table(entry, field, what)
        if table is None:
            continue
        r.unknown_keys(table, ("start", "end"), field)
        start = r.clock(table.get("start"), f"{field}.start", f"The start of quiet period {i + 1}")
        end = r.clock(table.get("end"), f"{field}.end", f"The end of quiet period {i + 1}")
        if start is None or end is None:
            continue
        if start == end:
            r.refuse(
                field,
                f"{what} starts and ends at {hhmm(start)}, so it is empty; give it an end time "
                "(it may run past midnight).",
            )
            continue
        found.append(Span(start, end))
    return tuple(found)


def read_nap(r: Reader, value: Any) -> Nap | None:
    if value is MISSING or value is None:
        return None
    table = r.table(value, "nap", "The nap")
    if table is None:
        return None
    r.unknown_keys(table, ("start", "until"), "nap")
    start = r.moment(table.get("start"), "nap.start", "The nap start")
    until = r.moment(table.get("until"), "nap.until", "The nap end")
    if start is None or until is None:
        return None
    length = until.astimezone(UTC) - start.astimezone(UTC)
    if length <= timedelta(0):
        r.refuse("nap.until", "The nap must end after it starts.")
        return None
    if length > MAX_NAP:
        hours = MAX_NAP.total_seconds() / 3600
        r.refuse(
            "nap.until",
            f"A nap pause can last at most {hours:g} hours, so reminders are never silenced "
            "by mistake for a whole day.",
        )
        return None
    return Nap(start, until)


def read_weekdays(r: Reader, value: Any) -> frozenset[int] | None:
    if value is MISSING:
        return ALL_WEEKDAYS
    sentence = (
        "Reminder days must be a non-empty list of weekday numbers from 0 (Monday) to "
        f"6 (Sunday), not {show(value)}."
    )
    if not is_list(value) or not value or not all(is_int(d) and 0 <= d <= 6 for d in value):
        r.refuse("weekdays", sentence)
        return None
    return frozenset(int(d) for d in value)


def read_birth_date(r: Reader, value: Any, today: date | None) -> date | None:
    found: date | None = None
    if isinstance(value, date) and not isinstance(value, datetime):
        found = value
    elif isinstance(value, str) and len(value) <= 20:
        try:
            found = date.fromisoformat(value.strip())
        except ValueError:
            found = None
    if found is None or found.year < 1970:
        r.refuse(
            "profile.birth_date",
            "The baby's birth date must be a date written as YYYY-MM-DD, such as 2026-09-14, "
            f"not {show(value)}.",
        )
        return None
    if today is not None and found > today:
        r.refuse(
            "profile.birth_date",
            f"The baby's birth date {found.isoformat()} is after today ({today.isoformat()}); "
            "check the year and the month.",
        )
        return None
    if today is not None and (today - found).days > MAX_YEARS_SINCE_BIRTH * 366:
        r.refuse(
            "profile.birth_date",
            f"The baby's birth date {found.isoformat()} is more than {MAX_YEARS_SINCE_BIRTH} "
            "years ago; check the year.",
        )
        return None
    return found


def _said(r: Reader, table: dict[str, Any], key: str, what: str) -> bool | None:
    """An optional yes or no of the profile: None when not said; refused unless a bool."""
    value = table.get(key)
    if value is not None and not isinstance(value, bool):
        r.refuse(f"profile.{key}", f"{what} must be true or false, not {show(value)}.")
    return value


def read_profile(r: Reader, value: Any, today: date | None) -> Profile | None:
    if value is MISSING:
        return Profile()
    table = r.table(value, "profile", "The profile (birth date, type of birth, feeding)")
    if table is None:
        return None
    r.unknown_keys(
        table,
        ("birth_date", "birth_type", "breastfeeding", "diet_calcium_mg", "postnatal_check",
         "country", "complicated_birth"),
        "profile",
    )
    errors_before = len(r.errors)
    birth_date = None
    if table.get("birth_date") is not None:
        birth_date = read_birth_date(r, table["birth_date"], today)
    birth_type = table.get("birth_type")
    if birth_type is not None and birth_type not in BIRTH_TYPES:
        r.refuse(
            "profile.birth_type",
            "The type of birth must be one of vaginal, assisted or caesarean, "
            f"not {show(birth_type)}.",
        )
    breastfeeding = table.get("breastfeeding")
    if breastfeeding is not None:
        breastfeeding = r.flag(breastfeeding, "profile.breastfeeding")
    postnatal_check = _said(r, table, "postnatal_check",
                            "Whether you have had your postnatal check")
    complicated = _said(r, table, "complicated_birth",
                        "Whether you had a third- or fourth-degree tear or a complicated birth")
    country = table.get("country")
    if country is not None and not is_code(country):
        r.refuse(
            "profile.country",
            "Your country must be a two-letter code in capitals, such as GB or US, "
            f"not {show(country)}.",
        )
    diet = r.whole(
        table.get("diet_calcium_mg", 0),
        "profile.diet_calcium_mg",
        "The calcium from your usual food",
        0,
        DIET_CALCIUM_MAX_MG,
        "milligrams a day",
    )
    if len(r.errors) > errors_before or diet is None:
        return None
    return Profile(
        birth_date=birth_date,
        birth_type=birth_type,
        breastfeeding=breastfeeding,
        diet_calcium_mg=diet,
        postnatal_check=postnatal_check,
        country=country,
        complicated_birth=complicated,
    )


