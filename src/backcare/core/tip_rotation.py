"""One tip at a time: the tip each posture break carries and the Today page's tip of the day.

Why a rotation and not a random pick: a random tip repeats itself within days and leaves
others unseen for weeks, so she would never learn most of what ``advice.toml`` holds. Here the
tips that fit her (her week after birth and type of birth, ``Tip.fits``) come in one stable
order, and none comes again until all of them have been shown; then a new round starts in the
same order. The order is not the file's: the file groups tips by topic, and six "why it hurts"
tips in a row would read like a lecture, so each topic is spread through the round, with a hash
of the ids to break ties. It depends only on the tips, never on the file's order or the day; a
tip added or removed mid-round may move others, but what was shown this round is remembered by
id, so nothing repeats.

The tip of the day is the next one in that same rotation, picked once per date in her zone and
kept all day, so the Today page and the posture breaks never show the same tip twice in a
round. "Don't show again" hides a tip for good (until she asks for them back).

get-help tips never rotate: warning signs belong on the Safety and "Your back" pages, where
she looks for them, not between two stretches, where they would only alarm her.

What has been shown is a small ``RotationState``, kept as JSON in the store's settings, so the
order carries on between starts. Reading it never raises: damaged or unknown data gives a
fresh state (field by field, so a damaged date does not bring hidden tips back).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from typing import Any, Protocol

from backcare.core.content import Tip
from backcare.core.movement_floors import BIRTH_TYPES, CAREFUL_BIRTH_TYPE
from backcare.core.plan import Profile
from backcare.core.progression import week_after_birth

TIPS_KEY = "tips.rotation"
NOT_ROTATED_TOPICS = frozenset({"get-help"})
STATE_VERSION = 1
# Far more than advice.toml will ever hold: only a bound, so a damaged setting stays small.
MAX_IDS = 500
MAX_ID_LENGTH = 80


def _is_id(value: object) -> bool:
    """A tip id as ``content`` allows it: lower-case letters, digits and dashes."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= MAX_ID_LENGTH
        and value.replace("-", "").replace("_", "").isalnum()
        and value.isascii()
        and value == value.lower()
    )


def _ids(value: object) -> tuple[str, ...]:
    """The well-formed ids of a stored list, in order, each once; anything else is dropped."""
    if not isinstance(value, list):
        return ()
    return tuple(dict.fromkeys(v for v in value if _is_id(v)))[:MAX_IDS]


def _day(value: object) -> date | None:
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


@dataclass(frozen=True)
class RotationState:
    """What the rotation remembers: the tips shown this round (in the order shown), the tips
    she hid, and today's tip with its date."""

    seen: tuple[str, ...] = ()
    hidden: frozenset[str] = frozenset()
    day: date | None = None
    day_tip: str | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON value (for ``Store.set_setting``, which writes it as JSON text)."""
        return {
            "version": STATE_VERSION,
            "seen": list(self.seen),
            "hidden": sorted(self.hidden),
            "day": None if self.day is None else self.day.isoformat(),
            "day_tip": self.day_tip,
        }

    @classmethod
    def from_json(cls, raw: object) -> RotationState:
        """The state in ``raw`` (a JSON value, or JSON text); a fresh one for anything it cannot
        read. Ids of tips the advice file no longer has are kept: they are simply never picked.
        """
        if isinstance(raw, str | bytes):
            try:
                raw = json.loads(raw)
            except (ValueError, RecursionError):
                return cls()
        if not isinstance(raw, Mapping):
            return cls()
        day, day_tip = _day(raw.get("day")), raw.get("day_tip")
        if day is None or not _is_id(day_tip):
            day, day_tip = None, None
        return cls(_ids(raw.get("seen")), frozenset(_ids(raw.get("hidden"))), day, day_tip)


def _hashed(name: str) -> tuple[str, str]:
    return hashlib.sha256(name.encode()).hexdigest(), name


def rotation_order(tips: Iterable[Tip]) -> tuple[Tip, ...]:
    """Every tip in the one stable order the rotation follows: each topic's tips spread evenly
    through the round (a topic with six tips comes every fourth tip or so, one with a single
    tip once, midway), so two tips on the same subject rarely come together. Ties, and tips
    within a topic, go by a hash of their names (see the module docstring)."""
    by_topic: dict[str, list[Tip]] = {}
    for tip in sorted(tips, key=lambda t: _hashed(t.id)):
        by_topic.setdefault(tip.topic, []).append(tip)
    placed = [
        ((i + 0.5) / len(group), _hashed(topic), tip)
        for topic, group in by_topic.items()
        for i, tip in enumerate(group)
    ]
    return tuple(tip for *_, tip in sorted(placed, key=lambda p: (p[0], p[1])))


def her_birth_type(profile: Profile) -> str:
    """Her type of birth; not told counts as a caesarean, as everywhere in Back Care."""
    return profile.birth_type if profile.birth_type in BIRTH_TYPES else CAREFUL_BIRTH_TYPE


def fitting_tips(tips: Iterable[Tip], profile: Profile, today: date) -> tuple[Tip, ...]:
    """The tips that may rotate for her today, in rotation order (hidden ones included)."""
    week = week_after_birth(profile.birth_date, today)
    birth = her_birth_type(profile)
    return tuple(
        t for t in rotation_order(tips)
        if t.topic not in NOT_ROTATED_TOPICS and t.fits(week, birth)
    )


def advance(state: RotationState, order: Sequence[Tip]) -> tuple[Tip | None, RotationState]:
    """The next tip of ``order`` (from ``fitting_tips``) and the state after showing it.

    None when every tip in ``order`` is hidden. When all the others have been shown this round,
    a new round starts; it never opens with the tip that closed the last one, so even a change
    of order cannot show one tip twice running.
    """
    shown = [t for t in order if t.id not in state.hidden]
    if not shown:
        return None, state
    known = {t.id for t in shown}
    seen = tuple(i for i in state.seen if i in known)
    left = [t for t in shown if t.id not in seen]
    if not left:
        last = state.seen[-1] if state.seen else None
        seen, left = (), [t for t in shown if t.id != last] or shown
    tip = left[0]
    return tip, replace(state, seen=(*seen, tip.id))


def tip_of_the_day(
    state: RotationState, order: Sequence[Tip], today: date
) -> tuple[Tip | None, RotationState]:
    """Today's tip: the one picked earlier today if it still fits and is not hidden, else the
    next in the rotation, kept for the rest of ``today``."""
    if state.day == today and state.day_tip not in state.hidden:
        for tip in order:
            if tip.id == state.day_tip:
                return tip, state
    tip, after = advance(state, order)
    if tip is None:
        return None, replace(after, day=None, day_tip=None)
    return tip, replace(after, day=today, day_tip=tip.id)


def her_date(now: datetime, zone: tzinfo | None = None) -> date:
    """The date on her calendar: ``now`` in ``zone`` (default: ``now``'s own zone)."""
    if zone is None or now.tzinfo is None:
        return now.date()
    return now.astimezone(zone).date()


class SettingsStore(Protocol):
    """What the rotation needs of ``core.store.Store``."""

    def get_setting(self, key: str) -> Any | None: ...

    def set_setting(self, key: str, value: Any) -> None: ...


class TipRotation:
    """The rotation kept in the store: reads its state for each question, writes it after each
    change, so two starts (or two callers) carry on one order.
    """

    def __init__(self, store: SettingsStore, tips: Iterable[Tip], key: str = TIPS_KEY) -> None:
        self.store = store
        self.tips = tuple(tips)
        self.key = key

    def state(self) -> RotationState:
        return RotationState.from_json(self.store.get_setting(self.key))

    def _save(self, before: RotationState, after: RotationState) -> None:
        if after != before:
            self.store.set_setting(self.key, after.to_json())

    def for_posture_break(
        self, profile: Profile, now: datetime, zone: tzinfo | None = None
    ) -> Tip | None:
        """The tip one posture-break reminder carries: the next in the rotation."""
        before = self.state()
        order = fitting_tips(self.tips, profile, her_date(now, zone))
        tip, after = advance(before, order)
        self._save(before, after)
        return tip

    def of_the_day(
        self, profile: Profile, now: datetime, zone: tzinfo | None = None
    ) -> Tip | None:
        """The Today page's tip: the same all day (her date in ``zone``), a new one tomorrow."""
        today = her_date(now, zone)
        before = self.state()
        tip, after = tip_of_the_day(before, fitting_tips(self.tips, profile, today), today)
        self._save(before, after)
        return tip

    def hide(self, tip_id: str) -> None:
        """"Don't show again": the tip never rotates again (it stays on the "Your back" page)."""
        before = self.state()
        if _is_id(tip_id) and len(before.hidden) < MAX_IDS:
            self._save(before, replace(before, hidden=before.hidden | {tip_id}))

    def show_hidden_again(self) -> None:
        """Bring every hidden tip back into the rotation (for an "Undo" or a settings button)."""
        before = self.state()
        self._save(before, replace(before, hidden=frozenset()))

    def hidden(self) -> frozenset[str]:
        return self.state().hidden
