"""Her plan to and from plain data (TOML, JSON), strictly, with a sentence for every error.

The settings file is the truth (the scheduler derives its jobs from it), so reading it must be
strict and kind at once: every bad field is refused with a sentence she (or whoever helps her)
can act on, all the errors are reported together rather than one per attempt, and nothing in the
file, however odd, can make the reader raise. Missing keys take the defaults, so a settings file
only needs the lines she changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from backcare.core.plan import POSTURE_MAX, POSTURE_MIN, FieldError, Plan
from backcare.core.plan_reader import MISSING, Reader, hhmm, show
from backcare.core.plan_sections import (
    read_calcium,
    read_nap,
    read_profile,
    read_quiet,
    read_sessions,
    read_waking,
    read_weekdays,
)

# ---------------------------------------------------------------------------------------------
# Plan -> plain data



def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """Plain TOML/JSON-able data: "HH:MM" strings, ISO datetimes, lists; no nap key when none.

    ``plan_from_dict(plan_to_dict(p))`` gives back ``p`` for every valid plan.
    """
    data: dict[str, Any] = {
        "waking": {"start": hhmm(plan.waking.start), "end": hhmm(plan.waking.end)},
        "posture_interval_min": plan.posture_interval_min,
        "sessions": [
            {"at": hhmm(s.at), "label": s.label, "exercises": list(s.exercises),
             "pinned": s.pinned}
            for s in plan.sessions
        ],
        "calcium": _calcium_to_dict(plan),
        "quiet": [{"start": hhmm(q.start), "end": hhmm(q.end)} for q in plan.quiet],
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
    if plan.profile.postnatal_check is not None:
        profile["postnatal_check"] = plan.profile.postnatal_check
    if plan.profile.country is not None:
        profile["country"] = plan.profile.country
    if plan.profile.complicated_birth is not None:
        profile["complicated_birth"] = plan.profile.complicated_birth
    data["profile"] = profile
    if plan.nap is not None:
        data["nap"] = {"start": plan.nap.start.isoformat(), "until": plan.nap.until.isoformat()}
    return data


def _calcium_to_dict(plan: Plan) -> dict[str, Any]:
    """No ``daily_target_mg`` when she follows the guidance for her age band (the reader then
    derives it), and no ``age_band`` when she has not said."""
    calcium = plan.calcium
    data: dict[str, Any] = {
        "meals": [{"name": m.name, "at": hhmm(m.at)} for m in calcium.meals],
        "foods": list(calcium.foods),
    }
    if calcium.daily_target_mg is not None:
        data["daily_target_mg"] = calcium.daily_target_mg
    if calcium.age_band is not None:
        data["age_band"] = calcium.age_band.value
    return data


def validate(plan: Plan, today: date | None = None) -> list[FieldError]:
    """The errors a plan built in code (e.g. by the settings window) would get from a file."""
    return plan_from_dict(plan_to_dict(plan), today=today)[1]


# ---------------------------------------------------------------------------------------------
# plain data -> Plan


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



def plan_from_dict(
    data: Mapping[str, Any], today: date | None = None
) -> tuple[Plan | None, list[FieldError]]:
    """Read a plan from plain data: ``(plan, [])``, or ``(None, errors)`` naming every bad field.

    Never raises, whatever ``data`` holds: a settings file edited by hand, or half-written by
    an older version, must become sentences, not a crash at start-up. Cross-field rules (a
    session inside waking hours) are only checked once both fields read cleanly, so one mistake
    gives one sentence, not a cascade. With ``today``, a birth date after it is refused too.
    """
    r = Reader()
    if not isinstance(data, Mapping):
        r.refuse("", f"The settings must be a table of named values, not {show(data)}.")
        return None, r.errors
    r.unknown_keys(data, _TOP_KEYS, "")
    d = Plan()
    waking = read_waking(r, data.get("waking", MISSING))
    interval = r.whole(
        data.get("posture_interval_min", d.posture_interval_min),
        "posture_interval_min",
        "The posture break interval",
        POSTURE_MIN,
        POSTURE_MAX,
        "minutes",
    )
    sessions = read_sessions(r, data.get("sessions", MISSING), waking)
    calcium = read_calcium(r, data.get("calcium", MISSING), waking)
    quiet = read_quiet(r, data.get("quiet", MISSING))
    nap = read_nap(r, data.get("nap", MISSING))
    weekdays = read_weekdays(r, data.get("weekdays", MISSING))
    profile = read_profile(r, data.get("profile", MISSING), today)
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
