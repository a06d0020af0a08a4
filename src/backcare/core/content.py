"""The exercise library, advice and calcium foods, loaded from ``resources/`` and validated.

Content is data, not code: each exercise is one TOML file, so a physiotherapist can review or
correct it without reading Python. Loading never raises on a bad file: the good exercises are
kept, and every bad file yields one ``ContentProblem`` naming the file and the field.

Each exercise gives its earliest week after a vaginal, an assisted and a caesarean birth, and
the movements it involves. Risky movements (sit-ups, lifting both legs while lying on the back,
planks, hard tummy work) have floors set in code (``movement_floors``); a file that would offer
one earlier is refused, so a slip in the data can never offer it too soon. ``progression.toml``
says which exercises each session offers when she has not chosen her own (``routines``,
``load_routines``). Both live in their own modules; their names are importable from here too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backcare.core import fields as f
from backcare.core.dose import Dose, parse_dose
from backcare.core.movement_floors import (
    BIRTH_TYPES,
    CAREFUL_BIRTH_TYPE,
    MOVEMENT_FLOORS,
    MOVEMENTS,
    MovementFloor,
    check_floors,
    week_for,
)
from backcare.core.postures import EarlyPosition, parse_early_position
from backcare.core.problems import ContentProblem, Invalid
from backcare.core.routines import (
    FALLBACK_ROUTINES,
    ROUTINE_MOST_MAX,
    Routine,
    Routines,
    load_routines,
)

__all__ = [  # its own names, and those that moved out but are still imported from here
    "ADVICE_TOPICS", "BIRTH_TYPES", "CAREFUL_BIRTH_TYPE", "COMPOSITION_SOURCES",
    "FALLBACK_ROUTINES", "MOVEMENTS", "MOVEMENT_FLOORS", "PROPS", "ROUTINE_MOST_MAX", "Dose",
    "EarliestWeek", "Exercise", "Food", "MovementFloor", "Routine", "Routines", "Step", "Tip",
    "TipFigure",
    "gentlest_first", "load_advice", "load_exercises", "load_foods", "load_routines",
    "parse_exercise",
]

PROPS = ("floor", "mat", "wall", "bed", "ball", "cushion", "chair", "counter")
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
class EarliestWeek:
    """The earliest whole week after birth at which the exercise is offered, by birth type.

    ``assisted`` (forceps or vacuum) comes last only so that older code building this by
    position keeps working; left out, it takes the caesarean week, the most careful one.
    """

    vaginal: int
    caesarean: int
    why: str
    sources: tuple[str, ...]
    assisted: int | None = None

    def __post_init__(self) -> None:
        if self.assisted is None:
            object.__setattr__(self, "assisted", self.caesarean)

    def for_birth(self, birth_type: str | None) -> int:
        """Her week for this exercise; an unknown or missing birth type counts as a caesarean,
        so not knowing can only make the app more careful, never less."""
        assisted = self.caesarean if self.assisted is None else self.assisted
        return week_for(birth_type, self.vaginal, assisted, self.caesarean)

    def earlier_than(self, other: EarliestWeek) -> tuple[str, ...]:
        """The birth types after which this opens before ``other``: where an exercise borrows
        another's posture, those are the weeks she must be told to do it another way."""
        return tuple(b for b in BIRTH_TYPES if self.for_birth(b) < other.for_birth(b))


@dataclass(frozen=True)
class Exercise:
    """One exercise card: its purpose, illustrated steps, dose, cautions and when it opens."""

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
    movements: tuple[str, ...] = ()
    # Opens only once she says she has had her 6-8 week postnatal check, whatever the week:
    # the check is when a doctor or midwife confirms she can do more than gentle exercise.
    after_postnatal_check: bool = False
    # How to do it before the exercise whose posture its steps borrow opens (see postures).
    early_position: EarlyPosition | None = None
    # The step (counted from 1) whose figure the list shows: the most telling one, since many
    # exercises start from the same lying or kneeling position and would look alike.
    thumbnail_step: int = 1

    @property
    def poses(self) -> tuple[str, ...]:
        """Distinct pose ids in step order."""
        return tuple(dict.fromkeys(step.pose for step in self.steps))

    @property
    def thumbnail(self) -> Step:
        """The step the Exercises list shows as this exercise's picture."""
        return self.steps[self.thumbnail_step - 1]


@dataclass(frozen=True)
class TipFigure:
    """A picture for a tip: a pose the figure painter draws, with its caption.

    ``avoid`` marks a "not like this" picture (the painter adds a clear mark), shown as the
    contrast to the right way, since seeing the wrong way beside it is what makes it stick.
    """

    pose: str
    caption: str
    avoid: bool = False


@dataclass(frozen=True)
class Tip:
    """A short piece of back-care advice from the seeds, with its topic and sources.

    ``earliest_week`` and ``birth_types`` say when it fits her, for the one-at-a-time tips
    (``tip_rotation``): left out, it fits from the birth on, after any birth, since every tip
    is advice for all mothers unless its file says otherwise. The "Your back" page shows every
    tip whatever these say.
    """

    id: str
    title: str
    text: str
    topic: str
    sources: tuple[str, ...]
    earliest_week: int = 0
    birth_types: tuple[str, ...] = ()  # empty: after any birth
    figures: tuple[TipFigure, ...] = ()  # [[tip.figure]] entries, in file order

    def fits(self, week: int, birth_type: str) -> bool:
        """Whether it fits her week after birth and her (known or assumed) type of birth."""
        return week >= self.earliest_week and (
            not self.birth_types or birth_type in self.birth_types
        )


@dataclass(frozen=True)
class Food:
    """A calcium food, with the calcium in her usual portion of it.

    ``composition`` is the food composition table the figure comes from (a ledger guidance id,
    one of ``COMPOSITION_SOURCES``), and ``reference`` gives its figure per 100 g, so every
    number can be checked. ``check_label`` marks foods whose calcium differs from brand to
    brand (fortified drinks, tofu, cereal, cheese): the app counts a low figure, and she is told
    to read the label.
    """

    id: str
    name: str
    portion: str
    calcium_mg: int
    reference: str
    sources: tuple[str, ...]
    composition: str = ""
    check_label: bool = False


# The food composition tables a food's figure may come from: USDA FoodData Central and the
# China Food Composition Tables, the seeds' own cuisine (ledger ids G-USDA-FDC, G-CHINA-FCT).
COMPOSITION_SOURCES = ("G-USDA-FDC", "G-CHINA-FCT")


def gentlest_first(exercises: Iterable[Exercise]) -> list[Exercise]:
    """Order for the library: what she may do earliest first, so the first thing she sees is
    something safe to try now; harder, later exercises come last."""
    return sorted(
        exercises,
        key=lambda e: (
            e.earliest_week.vaginal,
            e.earliest_week.for_birth("assisted"),
            e.earliest_week.caesarean,
            e.title.lower(),
        ),
    )


def _parse_step(data: Mapping[str, Any], prefix: str) -> Step:
    return Step(
        instruction=f.text(data, "instruction", prefix),
        pose=f.slug(data, "pose", prefix),
        hold_seconds=f.whole(data, "hold_seconds", prefix, high=600, default=0),
        breath=f.text(data, "breath", prefix),
    )


def _parse_week(data: Mapping[str, Any]) -> EarliestWeek:
    p = "earliest_week"
    week = EarliestWeek(
        vaginal=f.whole(data, "vaginal", p, high=52),
        caesarean=f.whole(data, "caesarean", p, high=52),
        why=f.text(data, "why", p),
        sources=f.texts(data, "sources", p, min_items=1),
        assisted=f.whole(data, "assisted", p, high=52),
    )
    assisted = week.for_birth("assisted")
    if assisted < week.vaginal:
        raise Invalid(
            f"{p}.assisted",
            f"is week {assisted}, earlier than after a vaginal birth (week {week.vaginal}); "
            "an assisted birth needs at least as long.",
        )
    if week.caesarean < assisted:
        raise Invalid(
            f"{p}.caesarean",
            f"is week {week.caesarean}, earlier than after an assisted birth (week {assisted}); "
            "a caesarean is the most careful case, so it must not come sooner.",
        )
    return week


def parse_exercise(data: Mapping[str, Any], file: Path) -> Exercise:
    """Build an Exercise from a parsed TOML table; raises Invalid naming the bad field."""
    ex_id = f.slug(data)
    if ex_id != file.stem:
        raise Invalid("id", f"'{ex_id}' must match the file name '{file.stem}'.")
    steps = tuple(
        _parse_step(step, f"steps[{i}]")
        for i, step in enumerate(f.tables(data, "steps", min_items=2))
    )
    early = (
        parse_early_position(f.table(data, "early_position"), ex_id)
        if "early_position" in data
        else None
    )
    cautions = f.texts(data, "cautions", min_items=1)
    exercise = Exercise(
        id=ex_id,
        title=f.text(data, "title"),
        purpose=f.text(data, "purpose"),
        start_position=f.text(data, "start_position"),
        steps=steps,
        dose=parse_dose(f.table(data, "dose")),
        props=f.texts(data, "props", allowed=PROPS),
        # the early-position sentence comes first: it says how to start at all
        cautions=cautions if early is None else (early.caution, *cautions),
        stop_if=f.texts(data, "stop_if", min_items=1),
        earliest_week=_parse_week(f.table(data, "earliest_week")),
        sources=f.texts(data, "sources", min_items=1),
        file=file,
        movements=f.texts(data, "movements", allowed=MOVEMENTS, min_items=1),
        after_postnatal_check=f.flag(data, "after_postnatal_check"),
        early_position=early,
        thumbnail_step=f.whole(data, "thumbnail_step", low=1, high=len(steps), default=1),
    )
    if len(exercise.purpose) > 140:
        raise Invalid("purpose", "must be one short line (140 characters at most).")
    check_floors(exercise.earliest_week, exercise.movements)
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


def _parse_figures(
    data: Mapping[str, Any], prefix: str, problems: list[Invalid]
) -> tuple[TipFigure, ...]:
    """The tip's good figures; each bad one goes to ``problems`` and is left out, so a slip in
    a picture never costs her the tip's words."""
    try:
        entries = f.tables(data, "figure", prefix)
    except Invalid as exc:
        problems.append(exc)
        return ()
    good: list[TipFigure] = []
    for i, entry in enumerate(entries):
        at = f.join(f.join(prefix, "figure"), i)
        try:
            good.append(TipFigure(
                pose=f.slug(entry, "pose", at),
                caption=f.text(entry, "caption", at),
                avoid=f.flag(entry, "avoid", at),
            ))
        except Invalid as exc:
            problems.append(exc)
    return tuple(good)


def _parse_tip(
    data: Mapping[str, Any], prefix: str, figure_problems: list[Invalid] | None = None
) -> Tip:
    return Tip(
        id=f.slug(data, "id", prefix),
        title=f.text(data, "title", prefix),
        text=f.text(data, "text", prefix),
        topic=f.choice(data, "topic", ADVICE_TOPICS, prefix),
        sources=f.texts(data, "sources", prefix, min_items=1),
        earliest_week=f.whole(data, "earliest_week", prefix, high=52, default=0),
        birth_types=f.texts(data, "birth_types", prefix, allowed=BIRTH_TYPES),
        figures=_parse_figures(data, prefix, [] if figure_problems is None else figure_problems),
    )


def _parse_food(data: Mapping[str, Any], prefix: str) -> Food:
    return Food(
        id=f.slug(data, "id", prefix),
        name=f.text(data, "name", prefix),
        portion=f.text(data, "portion", prefix),
        calcium_mg=f.whole(data, "calcium_mg", prefix, low=1, high=2000),
        reference=f.text(data, "reference", prefix),
        sources=f.texts(data, "sources", prefix, min_items=1),
        composition=f.choice(data, "composition", COMPOSITION_SOURCES, prefix),
        check_label=f.flag(data, "check_label", prefix),
    )


def load_advice(path: Path) -> tuple[tuple[Tip, ...], tuple[ContentProblem, ...]]:
    """Tips from ``advice.toml`` (``[[tip]]`` entries). A bad ``[[tip.figure]]`` is a problem
    of its own, and the tip loads without that figure."""
    figure_problems: list[Invalid] = []
    tips, problems = _load_entries(
        path, "tip", lambda data, prefix: _parse_tip(data, prefix, figure_problems)
    )
    extra = tuple(ContentProblem(path, p.field, p.message) for p in figure_problems)
    return tips, problems + extra


def load_foods(path: Path) -> tuple[tuple[Food, ...], tuple[ContentProblem, ...]]:
    """Calcium foods from ``foods.toml`` (``[[food]]`` entries)."""
    return _load_entries(path, "food", _parse_food)
