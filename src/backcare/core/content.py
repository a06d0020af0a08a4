"""The exercise library, advice and calcium foods, loaded from ``resources/`` and validated.

Content is data, not code: each exercise is one TOML file, so a physiotherapist can review or
correct it without reading Python. Loading never raises on a bad file: the good exercises are
kept, and every bad file yields one ``ContentProblem`` naming the file and the field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backcare.core import fields as f
from backcare.core.problems import ContentProblem, Invalid

PROPS = ("floor", "mat", "wall", "bed", "ball", "cushion", "chair")
TIMES_OF_DAY = ("morning", "midday", "afternoon", "evening", "night", "any")
BIRTH_TYPES = ("vaginal", "caesarean")
ADVICE_TOPICS = (
    "about",
    "posture",
    "lifting",
    "sitting",
    "rest",
    "warmth",
    "feeding",
    "footwear",
    "diet",
    "get-help",
)


@dataclass(frozen=True)
class Step:
    """One movement of an exercise, with the pose its figure shows."""

    instruction: str
    pose: str
    hold_seconds: int
    breath: str


@dataclass(frozen=True)
class Dose:
    """How much: ``reps`` per set (per side when ``per_side``), ``sets`` per session,
    ``times_per_day`` sessions, at the named times of day. ``minutes`` is for timed
    exercises (0 when the exercise is counted in reps). ``starter_sets`` is the lower
    dose for the first week after an exercise becomes available."""

    reps: int
    sets: int
    hold_seconds: int
    times_per_day: int
    time_of_day: tuple[str, ...]
    per_side: bool
    minutes: int
    starter_sets: int
    note: str

    def summary(self) -> str:
        """A short human line, e.g. '5 × 2, hold 3 s, twice a day'."""
        parts: list[str] = []
        if self.minutes:
            parts.append(f"{self.minutes} min")
        if self.reps:
            side = " each side" if self.per_side else ""
            sets = f" × {self.sets} sets" if self.sets > 1 else ""
            parts.append(f"{self.reps} times{side}{sets}")
        if self.hold_seconds:
            parts.append(f"hold {self.hold_seconds} s")
        daily = {1: "once a day", 2: "twice a day"}.get(
            self.times_per_day, f"{self.times_per_day} times a day"
        )
        parts.append(daily)
        return ", ".join(parts)


@dataclass(frozen=True)
class EarliestWeek:
    """The earliest whole week after birth at which the exercise is offered, by birth type."""

    vaginal: int
    caesarean: int
    why: str
    sources: tuple[str, ...]

    def for_birth(self, birth_type: str) -> int:
        return self.caesarean if birth_type == "caesarean" else self.vaginal


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    purpose: str
    start_position: str
    steps: tuple[Step, ...]
    dose: Dose
    props: tuple[str, ...]
    cautions: tuple[str, ...]
    stop_if: tuple[str, ...]
    earliest_week: EarliestWeek
    sources: tuple[str, ...]
    file: Path

    @property
    def poses(self) -> tuple[str, ...]:
        """Distinct pose ids in step order."""
        return tuple(dict.fromkeys(step.pose for step in self.steps))


@dataclass(frozen=True)
class Tip:
    id: str
    title: str
    text: str
    topic: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Food:
    """A calcium food the seeds name, with its usual calcium per portion."""

    id: str
    name: str
    portion: str
    calcium_mg: int
    reference: str
    sources: tuple[str, ...]


def gentlest_first(exercises: Iterable[Exercise]) -> list[Exercise]:
    """Order for the library: what she may do earliest first, so the first thing she sees is
    something safe to try now; harder, later exercises come last."""
    return sorted(
        exercises,
        key=lambda e: (e.earliest_week.vaginal, e.earliest_week.caesarean, e.title.lower()),
    )


def _parse_step(data: Mapping[str, Any], prefix: str) -> Step:
    return Step(
        instruction=f.text(data, "instruction", prefix),
        pose=f.slug(data, "pose", prefix),
        hold_seconds=f.whole(data, "hold_seconds", prefix, high=600, default=0),
        breath=f.text(data, "breath", prefix),
    )


def _parse_dose(data: Mapping[str, Any]) -> Dose:
    p = "dose"
    dose = Dose(
        reps=f.whole(data, "reps", p, high=200, default=0),
        sets=f.whole(data, "sets", p, low=1, high=20, default=1),
        hold_seconds=f.whole(data, "hold_seconds", p, high=600, default=0),
        times_per_day=f.whole(data, "times_per_day", p, low=1, high=12),
        time_of_day=f.texts(data, "time_of_day", p, allowed=TIMES_OF_DAY, min_items=1),
        per_side=f.flag(data, "per_side", p),
        minutes=f.whole(data, "minutes", p, high=60, default=0),
        starter_sets=f.whole(data, "starter_sets", p, low=0, high=20, default=0),
        note=f.text(data, "note", p, optional=True),
    )
    if not dose.reps and not dose.minutes:
        raise Invalid("dose", "needs reps or minutes (at least one above zero).")
    if dose.starter_sets > dose.sets:
        raise Invalid("dose.starter_sets", "must not be more than dose.sets.")
    return dose


def _parse_week(data: Mapping[str, Any]) -> EarliestWeek:
    p = "earliest_week"
    return EarliestWeek(
        vaginal=f.whole(data, "vaginal", p, high=52),
        caesarean=f.whole(data, "caesarean", p, high=52),
        why=f.text(data, "why", p),
        sources=f.texts(data, "sources", p, min_items=1),
    )


def parse_exercise(data: Mapping[str, Any], file: Path) -> Exercise:
    """Build an Exercise from a parsed TOML table; raises Invalid naming the bad field."""
    ex_id = f.slug(data)
    if ex_id != file.stem:
        raise Invalid("id", f"'{ex_id}' must match the file name '{file.stem}'.")
    steps = tuple(
        _parse_step(step, f"steps[{i}]")
        for i, step in enumerate(f.tables(data, "steps", min_items=2))
    )
    exercise = Exercise(
        id=ex_id,
        title=f.text(data, "title"),
        purpose=f.text(data, "purpose"),
        start_position=f.text(data, "start_position"),
        steps=steps,
        dose=_parse_dose(f.table(data, "dose")),
        props=f.texts(data, "props", allowed=PROPS),
        cautions=f.texts(data, "cautions", min_items=1),
        stop_if=f.texts(data, "stop_if", min_items=1),
        earliest_week=_parse_week(f.table(data, "earliest_week")),
        sources=f.texts(data, "sources", min_items=1),
        file=file,
    )
    if len(exercise.purpose) > 140:
        raise Invalid("purpose", "must be one short line (140 characters at most).")
    return exercise


def load_exercises(folder: Path) -> tuple[tuple[Exercise, ...], tuple[ContentProblem, ...]]:
    """Every valid exercise in ``folder`` (sorted by file name) and a problem per bad file."""
    good, problems = f.load_folder(folder, "exercise", parse_exercise)
    return tuple(good), problems


def _load_entries(
    path: Path, key: str, parse: Any
) -> tuple[tuple[Any, ...], tuple[ContentProblem, ...]]:
    data, problem = f.read_toml(path)
    if problem is not None:
        return (), (problem,)
    assert data is not None
    good: list[Any] = []
    problems: list[ContentProblem] = []
    seen: set[str] = set()
    try:
        entries = f.tables(data, key)
    except Invalid as exc:
        return (), (ContentProblem(path, exc.field, exc.message),)
    for i, entry in enumerate(entries):
        prefix = f"{key}[{i}]"
        try:
            item = parse(entry, prefix)
            if item.id in seen:
                raise Invalid(f"{prefix}.id", f"'{item.id}' is used twice.")
        except Invalid as exc:
            problems.append(ContentProblem(path, exc.field, exc.message))
            continue
        seen.add(item.id)
        good.append(item)
    return tuple(good), tuple(problems)


def _parse_tip(data: Mapping[str, Any], prefix: str) -> Tip:
    return Tip(
        id=f.slug(data, "id", prefix),
        title=f.text(data, "title", prefix),
        text=f.text(data, "text", prefix),
        topic=f.choice(data, "topic", ADVICE_TOPICS, prefix),
        sources=f.texts(data, "sources", prefix, min_items=1),
    )


def _parse_food(data: Mapping[str, Any], prefix: str) -> Food:
    return Food(
        id=f.slug(data, "id", prefix),
        name=f.text(data, "name", prefix),
        portion=f.text(data, "portion", prefix),
        calcium_mg=f.whole(data, "calcium_mg", prefix, low=1, high=2000),
        reference=f.text(data, "reference", prefix),
        sources=f.texts(data, "sources", prefix, min_items=1),
    )


def load_advice(path: Path) -> tuple[tuple[Tip, ...], tuple[ContentProblem, ...]]:
    """Tips from ``advice.toml`` (``[[tip]]`` entries)."""
    return _load_entries(path, "tip", _parse_tip)


def load_foods(path: Path) -> tuple[tuple[Food, ...], tuple[ContentProblem, ...]]:
    """Calcium foods from ``foods.toml`` (``[[food]]`` entries)."""
    return _load_entries(path, "food", _parse_food)
