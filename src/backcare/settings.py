"""Her plan as stored: read from the store, validated, and replaced by defaults if unusable.

The store keeps the plan as JSON under the key "plan". A saved plan that no longer passes
validation (hand-edited, or from an older version) is set aside, never silently dropped, and
the reason is told in a sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, tzinfo
from pathlib import Path

import platformdirs

from backcare.core.content import Exercise
from backcare.core.plan import Plan, default_plan
from backcare.core.plan_codec import plan_from_dict, plan_to_dict
from backcare.core.progression import effective_plan
from backcare.core.setbacks import SETTING_KEY as PAUSES_KEY
from backcare.core.setbacks import pauses_from_setting, pauses_to_setting
from backcare.core.store import Store, StoreFault

PLAN_KEY = "plan"
SETUP_KEY = "setup"  # "done" or "skipped": the first-run setup is offered once


def data_dir(override: Path | None = None) -> Path:
    return override if override is not None else Path(platformdirs.user_data_dir("backcare"))


def content_cache_path() -> Path:
    """Where parsed content is kept between starts (``core/parse_cache.py``): not her data."""
    return Path(platformdirs.user_cache_dir("backcare")) / "parsed-content.json"


def open_store(
    override: Path | None, tz: tzinfo, *, fallback: bool = False
) -> tuple[Store | None, str | None]:
    """The store in her data folder, or None and the sentence saying why it cannot be used.

    ``fallback`` (the app): never None; on a problem of the moment the store goes on in memory
    and its ``notices`` say so (see ``core/store.py``). The command line asks without it, so a
    command that cannot save says why and ends instead of pretending it saved.
    """
    try:
        return Store(data_dir(override), clock=lambda: datetime.now(tz), fallback=fallback), None
    except StoreFault as fault:
        return None, fault.sentence


def load_plan(store: Store) -> Plan:
    raw = store.get_setting(PLAN_KEY)
    if raw is None:
        return default_plan()
    if not isinstance(raw, dict):
        store.set_aside_setting(PLAN_KEY, "it was not a table of settings")
        return default_plan()
    plan, errors = plan_from_dict(raw)
    if plan is None:
        store.set_aside_setting(PLAN_KEY, "; ".join(str(e) for e in errors[:3]))
        return default_plan()
    return plan


def save_plan(store: Store, plan: Plan) -> None:
    store.set_setting(PLAN_KEY, plan_to_dict(plan))


def load_pauses(store: Store, today: date) -> dict[str, date]:
    """Exercises resting after "this made my back worse", still in force today."""
    return pauses_from_setting(store.get_setting(PAUSES_KEY), today)


def save_pauses(store: Store, pauses: Mapping[str, date]) -> None:
    store.set_setting(PAUSES_KEY, pauses_to_setting(pauses))


def plan_for_day(store: Store, plan: Plan, exercises: Iterable[Exercise], day: date) -> Plan:
    """What reminds her on ``day``: her plan with the sessions her recovery allows that day.

    Never saved: her own (pinned) choices stay in the stored plan as she made them.
    """
    return effective_plan(plan, tuple(exercises), day, load_pauses(store, day))
