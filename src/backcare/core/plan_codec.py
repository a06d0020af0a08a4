"""Her plan to and from plain data (TOML, JSON), strictly, with a sentence for every error.

The settings file is the truth (the scheduler derives its jobs from it), so reading it must be
strict and kind at once: every bad field is refused with a sentence she (or whoever helps her)
can act on, all the errors are reported together rather than one per attempt, and nothing in the
file, however odd, can make the reader raise. Missing keys take the defaults, so a settings file
only needs the lines she changed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from backcare.core.plan import (
    ALL_WEEKDAYS,
    BIRTH_TYPES,
    CALCIUM_MAX_MG,
    CALCIUM_MIN_MG,
    DEFAULT_CALCIUM,
    DEFAULT_SESSIONS,
    DEFAULT_WAKING,
    DIET_CALCIUM_MAX_MG,
    MAX_LABEL,
    MAX_MEALS,
    MAX_NAP,
    MAX_SESSIONS,
    MAX_YEARS_SINCE_BIRTH,
    MIN_MEALS,
    MIN_WAKING_MIN,
    POSTURE_MAX,
    POSTURE_MIN,
    CalciumPlan,
    ExerciseSession,
    FieldError,
    Meal,
    Nap,
    Plan,
    Profile,
    Span,
)

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_HHMM = re.compile(r"\s*(\d{1,2}):(\d{2})\s*")

# ---------------------------------------------------------------------------------------------
# Plan -> plain data


def _hhmm(t: time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """Plain TOML/JSON-able data: "HH:MM" strings, ISO datetimes, lists; no nap key when none.

    ``plan_from_dict(plan_to_dict(p))`` gives back ``p`` for every valid plan.
    """
    data: dict[str, Any] = {
        "waking": {"start": _hhmm(plan.waking.start), "end": _hhmm(plan.waking.end)},
        "posture_interval_min": plan.posture_interval_min,
        "sessions": [
            {"at": _hhmm(s.at), "label": s.label, "exercises": list(s.exercises),
             "pinned": s.pinned}
            for s in plan.sessions
        ],
        "calcium": {
            "meals": [{"name": m.name, "at": _hhmm(m.at)} for m in plan.calcium.meals],
            "daily_target_mg": plan.calcium.daily_target_mg,
            "foods": list(plan.calcium.foods),
        },
        "quiet": [{"start": _hhmm(q.start), "end": _hhmm(q.end)} for q in plan.quiet],
        "weekdays": sorted(plan.weekdays),
        "posture_enabled": plan.posture_enabled,
        "calcium_enabled": plan.calcium_enabled,
        "exercise_enabled": plan.exercise_enabled,
    }
    profile: dict[str, Any] = {"diet_calcium_mg": plan.profile.diet_calcium_mg}
    if plan.profile.birth_date is not None:
        profile["birth_date"] = plan.profile.birth_date.isoformat()
    if plan.profile.birth_type is not None:
        profile["birth_type"] = plan.profile.birth_type
    if plan.profile.breastfeeding is not None:
        profile["breastfeeding"] = plan.profile.breastfeeding
    data["profile"] = profile
    if plan.nap is not None:
        data["nap"] = {"start": plan.nap.start.isoformat(), "until": plan.nap.until.isoformat()}
    return data


def validate(plan: Plan, today: date | None = None) -> list[FieldError]:
    """The errors a plan built in code (e.g. by the settings window) would get from a file."""
    return plan_from_dict(plan_to_dict(plan), today=today)[1]


# ---------------------------------------------------------------------------------------------
# plain data -> Plan


_MISSING: Any = object()
_TOP_KEYS = (
    "waking",
    "posture_interval_min",
    "sessions",
    "calcium",
    "quiet",
    "nap",
    "weekdays",
    "posture_enabled",
    "calcium_enabled",
    "exercise_enabled",
    "profile",
)


def _show(value: Any, limit: int = 40) -> str:
    """A short, safe rendering of any value for a sentence (never raises, never floods)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, int) and value.bit_length() > 64:
        return "a very large number"
    try:
        text = f"'{value}'" if isinstance(value, str) else repr(value)
    except Exception:  # a value whose repr fails (too deep, too big): still say something
        return "that value"
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("\n", " ")


def _is_list(value: Any) -> bool:
    return isinstance(value, list | tuple)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _Reader:
    """Collects FieldErrors while reading; each read returns a value, or None after an error."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def refuse(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, message))

    def unknown_keys(self, table: Mapping[Any, Any], known: tuple[str, ...], prefix: str) -> None:
        for key in table:
            if key not in known:
                where = f"{prefix}.{key}" if prefix and isinstance(key, str) else prefix
                name = key if isinstance(key, str) else _show(key)
                inside = f" in {prefix}" if prefix else ""
                choices = ", ".join(known)
                self.refuse(
                    where or str(name),
                    f"The setting '{name}'{inside} is not a setting Back Care knows; check the "
                    f"spelling or remove it (known: {choices}).",
                )

    def table(self, value: Any, field: str, what: str) -> Mapping[Any, Any] | None:
        if isinstance(value, Mapping):
            return value
        self.refuse(field, f"{what} must be a table of named values, not {_show(value)}.")
        return None

    def clock(self, value: Any, field: str, what: str) -> time | None:
        """An "HH:MM" string (or a TOML local time on a whole minute) → ``time``."""
        if isinstance(value, time):
            if value.tzinfo is None and value.second == 0 and value.microsecond == 0:
                return value
        elif isinstance(value, str):
            found = _HHMM.fullmatch(value)
            if found:
                hour, minute = int(found.group(1)), int(found.group(2))
                if hour < 24 and minute < 60:
                    return time(hour, minute)
        self.refuse(
            field,
            f"{what} must be a time of day written as HH:MM, such as 07:00, not {_show(value)}.",
        )
        return None

    def whole(
        self, value: Any, field: str, what: str, low: int, high: int, unit: str
    ) -> int | None:
        if _is_int(value) and low <= value <= high:
            return int(value)
        self.refuse(
            field,
            f"{what} must be a whole number of {unit} from {low} to {high}, not {_show(value)}.",
        )
        return None

    def flag(self, value: Any, field: str) -> bool | None:
        if isinstance(value, bool):
            return value
        self.refuse(field, f"The {field} setting must be true or false, not {_show(value)}.")
        return None

    def label(self, value: Any, field: str, what: str, *, required: bool) -> str | None:
        text = value.strip() if isinstance(value, str) else None
        if text is not None and len(text) <= MAX_LABEL and (text or not required):
            return text
        need = "a short piece of text" if required else "a short piece of text, or left out"
        self.refuse(
            field, f"{what} must be {need} (at most {MAX_LABEL} characters), not {_show(value)}."
        )
        return None

    def slugs(self, value: Any, field: str, what: str, *, at_least: int) -> tuple[str, ...] | None:
        if not _is_list(value):
            self.refuse(field, f"{what} must be a list of ids, not {_show(value)}.")
            return None
        good = True
        for item in value:
            if not (isinstance(item, str) and _SLUG.fullmatch(item)):
                self.refuse(
                    field,
                    f"{what} include {_show(item)}, which is not an id; ids use lower-case "
                    "letters, digits and dashes, such as knee-hugs.",
                )
                good = False
        if not good:
            return None
        if len(value) < at_least:
            self.refuse(field, f"{what} must name at least {at_least}.")
            return None
        if len(set(value)) != len(value):
            self.refuse(field, f"{what} name the same id twice; list each one once.")
            return None
        return tuple(value)

    def moment(self, value: Any, field: str, what: str) -> datetime | None:
        """An ISO date-time with a UTC offset (or an aware datetime) → aware ``datetime``."""
        found: datetime | None = None
        if isinstance(value, datetime):
            found = value
        elif isinstance(value, str) and len(value) <= 64:
            try:
                found = datetime.fromisoformat(value)
            except ValueError:
                found = None
        if found is not None and found.utcoffset() is not None and 1970 <= found.year <= 9000:
            return found
        self.refuse(
            field,
            f"{what} must be a date and time with its UTC offset, such as "
            f"2026-03-29T13:00+01:00, not {_show(value)}.",
        )
        return None


def _inside_waking(t: time, waking: Span | None) -> bool:
    return waking is None or waking.start <= t < waking.end


def _read_waking(r: _Reader, value: Any) -> Span | None:
    if value is _MISSING:
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
            f"Waking hours must end after they start on the same day; {_hhmm(start)} to "
            f"{_hhmm(end)} would cross midnight (the night is never a time for reminders).",
        )
        return None
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    if minutes < MIN_WAKING_MIN:
        r.refuse(
            "waking",
            f"Waking hours must last at least {MIN_WAKING_MIN // 60} hours; {_hhmm(start)} to "
            f"{_hhmm(end)} is only {minutes // 60} h {minutes % 60} min.",
        )
        return None
    return Span(start, end)


def _waking_words(waking: Span) -> str:
    return f"waking hours ({_hhmm(waking.start)} to {_hhmm(waking.end)})"


def _read_sessions(r: _Reader, value: Any, waking: Span | None) -> tuple[ExerciseSession, ...]:
    if value is _MISSING:
        sessions = DEFAULT_SESSIONS
        for i, s in enumerate(sessions):
            what = f"The default {s.label.lower()} exercise session"
            _check_inside(r, s.at, waking, f"sessions[{i}].at", what)
        return sessions
    if not _is_list(value):
        r.refuse("sessions", f"Exercise sessions must be a list of tables, not {_show(value)}.")
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
                    f"Exercise sessions {seen[at] + 1} and {i + 1} are both at {_hhmm(at)}; "
                    "move one of them or merge their exercises.",
                )
            seen.setdefault(at, i)
        if at is not None and exercises is not None and label is not None and pinned is not None:
            found.append(ExerciseSession(at, exercises, label, pinned))
    return tuple(found)


def _check_inside(r: _Reader, at: time, waking: Span | None, field: str, what: str) -> None:
    if not _inside_waking(at, waking):
        assert waking is not None
        r.refuse(field, f"{what} is at {_hhmm(at)}, outside {_waking_words(waking)}.")


def _read_meals(r: _Reader, value: Any, waking: Span | None) -> tuple[Meal, ...]:
    if value is _MISSING:
        meals = DEFAULT_CALCIUM.meals
        for i, m in enumerate(meals):
            what = f"The default calcium reminder at {m.name}"
            _check_inside(r, m.at, waking, f"calcium.meals[{i}].at", what)
        return meals
    if not _is_list(value):
        r.refuse("calcium.meals", f"Calcium meals must be a list of tables, not {_show(value)}.")
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
                    f"Meals {seen[at] + 1} and {i + 1} are both at {_hhmm(at)}; one calcium "
                    "reminder per meal time is enough.",
                )
            seen.setdefault(at, i)
        if name is not None and at is not None:
            found.append(Meal(name, at))
    return tuple(found)


def _read_calcium(r: _Reader, value: Any, waking: Span | None) -> CalciumPlan | None:
    if value is _MISSING:
        value = {}
    table = r.table(value, "calcium", "The calcium settings")
    if table is None:
        return None
    r.unknown_keys(table, ("meals", "daily_target_mg", "foods"), "calcium")
    errors_before = len(r.errors)
    meals = _read_meals(r, table.get("meals", _MISSING), waking)
    target = r.whole(
        table.get("daily_target_mg", DEFAULT_CALCIUM.daily_target_mg),
        "calcium.daily_target_mg",
        "The daily calcium target",
        CALCIUM_MIN_MG,
        CALCIUM_MAX_MG,
        "milligrams",
    )
    foods = r.slugs(
        table.get("foods", list(DEFAULT_CALCIUM.foods)),
        "calcium.foods",
        "The calcium foods",
        at_least=0,
    )
    if len(r.errors) > errors_before or target is None or foods is None:
        return None
    return CalciumPlan(meals, target, foods)


def _read_quiet(r: _Reader, value: Any) -> tuple[Span, ...]:
    if value is _MISSING:
        return ()
    if not _is_list(value):
        r.refuse("quiet", f"Quiet periods must be a list of tables, not {_show(value)}.")
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
                f"{what} starts and ends at {_hhmm(start)}, so it is empty; give it an end time "
                "(it may run past midnight).",
            )
            continue
        found.append(Span(start, end))
    return tuple(found)


def _read_nap(r: _Reader, value: Any) -> Nap | None:
    if value is _MISSING or value is None:
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


def _read_weekdays(r: _Reader, value: Any) -> frozenset[int] | None:
    if value is _MISSING:
        return ALL_WEEKDAYS
    sentence = (
        "Reminder days must be a non-empty list of weekday numbers from 0 (Monday) to "
        f"6 (Sunday), not {_show(value)}."
    )
    if not _is_list(value) or not value or not all(_is_int(d) and 0 <= d <= 6 for d in value):
        r.refuse("weekdays", sentence)
        return None
    return frozenset(int(d) for d in value)


def _read_birth_date(r: _Reader, value: Any, today: date | None) -> date | None:
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
            f"not {_show(value)}.",
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


def _read_profile(r: _Reader, value: Any, today: date | None) -> Profile | None:
    if value is _MISSING:
        return Profile()
    table = r.table(value, "profile", "The profile (birth date, type of birth, feeding)")
    if table is None:
        return None
    r.unknown_keys(
        table, ("birth_date", "birth_type", "breastfeeding", "diet_calcium_mg"), "profile"
    )
    errors_before = len(r.errors)
    birth_date = None
    if table.get("birth_date") is not None:
        birth_date = _read_birth_date(r, table["birth_date"], today)
    birth_type = table.get("birth_type")
    if birth_type is not None and birth_type not in BIRTH_TYPES:
        r.refuse(
            "profile.birth_type",
            "The type of birth must be one of vaginal, assisted or caesarean, "
            f"not {_show(birth_type)}.",
        )
    breastfeeding = table.get("breastfeeding")
    if breastfeeding is not None:
        breastfeeding = r.flag(breastfeeding, "profile.breastfeeding")
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
    return Profile(birth_date, birth_type, breastfeeding, diet)


def plan_from_dict(
    data: Mapping[str, Any], today: date | None = None
) -> tuple[Plan | None, list[FieldError]]:
    """Read a plan from plain data: ``(plan, [])``, or ``(None, errors)`` naming every bad field.

    Never raises, whatever ``data`` holds: a settings file edited by hand, or half-written by
    an older version, must become sentences, not a crash at start-up. Cross-field rules (a
    session inside waking hours) are only checked once both fields read cleanly, so one mistake
    gives one sentence, not a cascade. With ``today``, a birth date after it is refused too.
    """
    r = _Reader()
    if not isinstance(data, Mapping):
        r.refuse("", f"The settings must be a table of named values, not {_show(data)}.")
        return None, r.errors
    r.unknown_keys(data, _TOP_KEYS, "")
    d = Plan()
    waking = _read_waking(r, data.get("waking", _MISSING))
    interval = r.whole(
        data.get("posture_interval_min", d.posture_interval_min),
        "posture_interval_min",
        "The posture break interval",
        POSTURE_MIN,
        POSTURE_MAX,
        "minutes",
    )
    sessions = _read_sessions(r, data.get("sessions", _MISSING), waking)
    calcium = _read_calcium(r, data.get("calcium", _MISSING), waking)
    quiet = _read_quiet(r, data.get("quiet", _MISSING))
    nap = _read_nap(r, data.get("nap", _MISSING))
    weekdays = _read_weekdays(r, data.get("weekdays", _MISSING))
    profile = _read_profile(r, data.get("profile", _MISSING), today)
    flags = {
        name: r.flag(data.get(name, getattr(d, name)), name)
        for name in ("posture_enabled", "calcium_enabled", "exercise_enabled")
    }
    if r.errors:
        return None, r.errors
    assert waking is not None and interval is not None and calcium is not None
    assert weekdays is not None and all(v is not None for v in flags.values())
    assert profile is not None
    plan = Plan(
        waking=waking,
        posture_interval_min=interval,
        sessions=sessions,
        calcium=calcium,
        quiet=quiet,
        nap=nap,
        weekdays=weekdays,
        posture_enabled=bool(flags["posture_enabled"]),
        calcium_enabled=bool(flags["calcium_enabled"]),
        exercise_enabled=bool(flags["exercise_enabled"]),
        profile=profile,
    )
    return plan, []
