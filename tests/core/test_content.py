"""The shipped exercise library, tips and calcium foods, and how the loaders treat bad files."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backcare.core.content import (
    ADVICE_TOPICS,
    MOVEMENTS,
    PROPS,
    load_advice,
    load_exercises,
    load_foods,
)
from backcare.paths import resources_dir, seeds_dir

RESOURCES = resources_dir()
EXERCISES = RESOURCES / "exercises"
REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_SEEDS = REPO_ROOT.parent / "shared" / "seeds"

# The exercise ids and, for each, the pose of every step in order. The figures are drawn for
# exactly these poses, so a change here must be agreed with the figures.
EXPECTED_POSES: dict[str, tuple[str, ...]] = {
    "cat-back": ("all-fours-flat", "all-fours-round", "all-fours-flat"),
    "leg-reach": ("all-fours-flat", "all-fours-leg-back", "all-fours-flat"),
    "si-leg-shake": (
        "supine-knees-bent",
        "supine-one-leg-long",
        "supine-leg-shake",
        "supine-knees-bent",
    ),
    "knee-hugs": (
        "supine-knees-bent",
        "supine-one-knee-hug",
        "supine-knees-bent",
        "supine-both-knees-hug",
        "supine-knees-bent",
    ),
    "bridge": ("supine-knees-bent", "bridge-up", "supine-knees-bent"),
    "plank-kneeling": ("all-fours-flat", "plank-kneeling", "all-fours-flat"),
    "plank-forearm": ("forearms-knees", "plank-forearm", "forearms-knees"),
    "breathing-arm-raise": (
        "front-stand-arms-down",
        "front-stand-arms-out",
        "front-stand-arms-up",
        "front-stand-arms-down",
    ),
    "wall-stand": ("wall-stand-gap", "wall-stand-flat"),
    "pelvic-floor": ("wall-stand-front", "wall-stand-front-squeeze", "wall-stand-front"),
    "ball-balance": (
        "front-ball-sit",
        "front-ball-shift",
        "front-ball-sit",
        "front-ball-side-stretch",
        "front-ball-sit",
    ),
    "leg-slides": ("supine-legs-long", "supine-heel-slide", "supine-legs-long"),
    "air-bicycle": (
        "supine-knees-bent",
        "supine-tabletop-one",
        "supine-leg-straight-up",
        "bicycle-pedal",
        "supine-knees-bent",
    ),
    "walking-backwards": ("stand-side", "walk-back-step", "stand-side"),
    "back-rub": ("stand-rub-up", "stand-rub-down", "stand-rub-up"),
    "palm-press": ("prone-hands-back", "prone-press", "prone-hands-back"),
    "posture-break": ("front-stand-arms-down", "front-stand-arms-up", "stand-rub-up",
                      "stand-walk"),
}

# Props must match what the figures show.
EXPECTED_PROPS: dict[str, set[str]] = {
    **{
        ex: {"mat"}
        for ex in (
            "cat-back",
            "leg-reach",
            "si-leg-shake",
            "knee-hugs",
            "bridge",
            "plank-kneeling",
            "plank-forearm",
            "leg-slides",
            "air-bicycle",
            "palm-press",
        )
    },
    "wall-stand": {"wall", "floor"},
    "pelvic-floor": {"wall", "floor"},
    "ball-balance": {"ball", "mat"},
    "breathing-arm-raise": {"floor"},
    "walking-backwards": {"floor", "counter"},
    "back-rub": {"floor"},
    "posture-break": {"floor"},
}

# Where a seed names a starting week, no exercise may start earlier than it.
SEED_WEEKS = {"bridge": 2}
# Exercises that load the tummy hard: never before 12 weeks.
LATE = ("air-bicycle", "plank-kneeling", "plank-forearm")


@pytest.fixture(scope="module")
def library():
    exercises, problems = load_exercises(EXERCISES)
    return {e.id: e for e in exercises}, problems


# --- the shipped library -------------------------------------------------------------------------


def test_shipped_exercises_load_without_problems(library) -> None:
    _, problems = library
    assert [p.sentence() for p in problems] == []


def test_exactly_the_agreed_exercises_exist(library) -> None:
    exercises, _ = library
    assert set(exercises) == set(EXPECTED_POSES)
    assert len(list(EXERCISES.glob("*.toml"))) == len(EXPECTED_POSES)


@pytest.mark.parametrize("ex_id", sorted(EXPECTED_POSES))
def test_steps_use_the_agreed_poses_in_order(library, ex_id: str) -> None:
    exercise = library[0][ex_id]
    assert tuple(step.pose for step in exercise.steps) == EXPECTED_POSES[ex_id]


@pytest.mark.parametrize("ex_id", sorted(EXPECTED_POSES))
def test_every_exercise_is_complete(library, ex_id: str) -> None:
    e = library[0][ex_id]
    assert len(e.steps) >= 2
    assert e.cautions and e.stop_if and e.sources and e.earliest_week.sources
    assert all(step.instruction and step.breath for step in e.steps)
    assert len(e.purpose) <= 140
    assert set(e.props) == EXPECTED_PROPS[ex_id]
    assert set(e.props) <= set(PROPS)


@pytest.mark.parametrize("ex_id", sorted(EXPECTED_POSES))
def test_assisted_lies_between_vaginal_and_caesarean(library, ex_id: str) -> None:
    week = library[0][ex_id].earliest_week
    assert week.assisted is not None
    assert 0 <= week.vaginal <= week.assisted <= week.caesarean <= 52
    assert [week.for_birth(b) for b in ("vaginal", "assisted", "caesarean", None)] == [
        week.vaginal,
        week.assisted,
        week.caesarean,
        week.caesarean,
    ]
    if week.assisted != week.vaginal:
        assert "assisted birth" in week.why, ex_id


@pytest.mark.parametrize("ex_id", LATE)
def test_hard_tummy_exercises_are_late(library, ex_id: str) -> None:
    week = library[0][ex_id].earliest_week
    assert week.vaginal >= 12
    assert week.assisted is not None and week.assisted > week.vaginal
    assert week.caesarean > week.assisted
    assert "loaded-abdominal" in library[0][ex_id].movements


def test_only_the_late_exercises_wait_for_the_postnatal_check(library) -> None:
    """The exercises whose cautions say "after your postnatal check" carry the typed field, so
    progression can gate them without reading their text; the gentle ones never do."""
    exercises, _ = library
    waiting = {ex_id for ex_id, e in exercises.items() if e.after_postnatal_check}
    assert waiting == {*LATE, "ball-balance"}


def test_every_exercise_names_its_movements(library) -> None:
    exercises, _ = library
    assert all(e.movements and set(e.movements) <= set(MOVEMENTS) for e in exercises.values())
    assert {"lying-on-back", "double-leg-lift"} <= set(exercises["air-bicycle"].movements)
    assert "plank" in exercises["plank-kneeling"].movements
    assert "plank" in exercises["plank-forearm"].movements


@pytest.mark.parametrize(("ex_id", "seed_week"), sorted(SEED_WEEKS.items()))
def test_no_exercise_starts_before_its_seed_week(library, ex_id: str, seed_week: int) -> None:
    week = library[0][ex_id].earliest_week
    assert week.vaginal >= seed_week
    assert week.caesarean >= seed_week


def test_gentle_exercises_are_available_early(library) -> None:
    exercises, _ = library
    for ex_id in ("pelvic-floor", "breathing-arm-raise", "leg-slides", "wall-stand", "back-rub"):
        assert exercises[ex_id].earliest_week.vaginal == 0, ex_id
    assert exercises["pelvic-floor"].earliest_week.caesarean == 0


def test_bridge_keeps_the_seed_starter_dose_but_not_its_fifty_a_day(library) -> None:
    # The seed's start (2 groups, morning and afternoon) is kept; its 5 groups a session are
    # not: groups of 5 lifts build up to 3 a session (issue 10, C-bridge-dose).
    dose = library[0]["bridge"].dose
    assert (dose.reps, dose.sets, dose.starter_sets, dose.times_per_day) == (5, 3, 2, 2)
    assert set(dose.time_of_day) == {"morning", "afternoon"}


def test_sit_ups_are_never_offered(library) -> None:
    for e in library[0].values():
        words = f"{e.id} {e.title} {e.purpose}".lower()
        assert "sit-up" not in words and "crunch" not in words, e.id


def test_knee_hugs_lift_one_knee_at_a_time(library) -> None:
    poses = [s.pose for s in library[0]["knee-hugs"].steps]
    both = poses.index("supine-both-knees-hug")
    assert poses[both - 1] == "supine-knees-bent"
    assert any("one at a time" in c for c in library[0]["knee-hugs"].cautions)


def test_walking_backwards_never_with_the_baby(library) -> None:
    cautions = " ".join(library[0]["walking-backwards"].cautions).lower()
    assert "baby" in cautions and "never" in cautions


def test_shipped_tips_load_without_problems() -> None:
    tips, problems = load_advice(RESOURCES / "advice.toml")
    assert [p.sentence() for p in problems] == []
    assert len(tips) >= 20
    assert {t.topic for t in tips} == set(ADVICE_TOPICS)
    help_text = " ".join(t.text for t in tips if t.topic == "get-help").lower()
    for sign in ("bladder", "numbness", "weakness", "temperature", "headache", "emergency number"):
        assert sign in help_text, sign


def test_shipped_foods_load_without_problems() -> None:
    foods, problems = load_foods(RESOURCES / "foods.toml")
    assert [p.sentence() for p in problems] == []
    ids = {f.id for f in foods}
    assert {"milk", "dried-shrimp", "tofu", "soy-milk"} <= ids
    assert all(f.reference and 0 < f.calcium_mg <= 600 for f in foods)
    by_id = {f.id: f for f in foods}
    # fortified beats plain: the list must not suggest every soy product is rich in calcium
    assert by_id["soy-milk"].calcium_mg > 5 * by_id["soy-milk-plain"].calcium_mg
    assert by_id["tofu"].calcium_mg > 5 * by_id["tofu-silken"].calcium_mg


# --- validation of bad files ---------------------------------------------------------------------

GOOD = (EXERCISES / "cat-back.toml").read_text(encoding="utf-8")


def _variant(stem: str, *edits: tuple[str, str]) -> str:
    text = GOOD.replace('id = "cat-back"', f'id = "{stem}"', 1)
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


BAD_FILES: dict[str, tuple[str, str]] = {
    # file stem: (content, the field the sentence must name; "" = the whole file)
    "broken": ('id = "broken"\ntitle = "oops\n', ""),
    "no-title": (_variant("no-title", ('title = "Cat back"\n', "")), "title"),
    "hold-ten": (
        _variant("hold-ten", ("hold_seconds = 5", 'hold_seconds = "ten"')),
        "steps[1].hold_seconds",
    ),
    "bad-prop": (
        _variant("bad-prop", ('props = ["mat"]', 'props = ["mat", "trampoline"]')),
        "props[1]",
    ),
    "noonish": (
        _variant("noonish", ('time_of_day = ["morning", "evening"]', 'time_of_day = ["noonish"]')),
        "dose.time_of_day[0]",
    ),
    "wrong-name": (GOOD, "id"),  # says id = "cat-back" but the file is wrong-name.toml
    "no-assisted": (_variant("no-assisted", ("assisted = 2\n", "")), "earliest_week.assisted"),
    "assisted-early": (
        _variant("assisted-early", ("assisted = 2", "assisted = 0")),
        "earliest_week.assisted",
    ),
    "caesarean-early": (
        _variant("caesarean-early", ("caesarean = 4", "caesarean = 1")),
        "earliest_week.caesarean",
    ),
    "bad-movement": (
        _variant("bad-movement", ('movements = ["all-fours"]', 'movements = ["cartwheel"]')),
        "movements[0]",
    ),
    "no-movements": (
        _variant("no-movements", ('movements = ["all-fours"]\n', "")),
        "movements",
    ),
    "check-yes": (
        _variant(
            "check-yes",
            ('movements = ["all-fours"]\n', 'movements = ["all-fours"]\n'
             'after_postnatal_check = "yes"\n'),
        ),
        "after_postnatal_check",
    ),
    # the list's thumbnail names one of its steps, counted from 1 (cat back has 3)
    "thumb-past-end": (
        _variant("thumb-past-end", ("thumbnail_step = 2", "thumbnail_step = 4")),
        "thumbnail_step",
    ),
    "thumb-zero": (
        _variant("thumb-zero", ("thumbnail_step = 2", "thumbnail_step = 0")),
        "thumbnail_step",
    ),
}


def test_each_bad_file_gives_one_problem_and_good_files_still_load(tmp_path: Path) -> None:
    (tmp_path / "cat-back.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bridge.toml").write_text(
        (EXERCISES / "bridge.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    for stem, (text, _) in BAD_FILES.items():
        (tmp_path / f"{stem}.toml").write_text(text, encoding="utf-8")

    exercises, problems = load_exercises(tmp_path)

    assert sorted(e.id for e in exercises) == ["bridge", "cat-back"]
    assert sorted(p.file.stem for p in problems) == sorted(BAD_FILES)
    for problem in problems:
        field = BAD_FILES[problem.file.stem][1]
        sentence = problem.sentence()
        assert problem.field == field
        assert f"{problem.file.stem}.toml" in sentence
        if field:
            assert f"'{field}'" in sentence
        else:
            assert "TOML" in sentence


def test_a_bad_tip_is_reported_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "advice.toml"
    path.write_text(
        '[[tip]]\nid = "ok"\ntitle = "Fine"\ntext = "Sit back."\ntopic = "sitting"\n'
        'sources = ["F001-cushion"]\n\n'
        '[[tip]]\nid = "bad"\ntitle = "Odd"\ntext = "Hm."\ntopic = "astrology"\n'
        'sources = ["F001-cushion"]\n',
        encoding="utf-8",
    )
    tips, problems = load_advice(path)
    assert [t.id for t in tips] == ["ok"]
    assert [p.field for p in problems] == ["tip[1].topic"]
    assert "advice.toml" in problems[0].sentence()


def test_a_bad_food_is_reported_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "foods.toml"
    path.write_text(
        '[[food]]\nid = "milk"\nname = "Milk"\nportion = "250 ml"\ncalcium_mg = 260\n'
        'composition = "G-USDA-FDC"\nreference = "USDA"\nsources = ["F001-calcium-foods"]\n\n'
        '[[food]]\nid = "chalk"\nname = "Chalk"\nportion = "1 stick"\ncalcium_mg = "lots"\n'
        'composition = "G-USDA-FDC"\nreference = "none"\nsources = ["F001-calcium-foods"]\n\n'
        '[[food]]\nid = "guess"\nname = "Guess"\nportion = "1 bowl"\ncalcium_mg = 100\n'
        'composition = "a website"\nreference = "none"\nsources = ["F001-calcium-foods"]\n\n'
        '[[food]]\nid = "unsourced"\nname = "Unsourced"\nportion = "1 bowl"\ncalcium_mg = 100\n'
        'reference = "none"\nsources = ["F001-calcium-foods"]\n',
        encoding="utf-8",
    )
    foods, problems = load_foods(path)
    assert [f.id for f in foods] == ["milk"]
    assert [p.field for p in problems] == [
        "food[1].calcium_mg", "food[2].composition", "food[3].composition",
    ]


# --- no copying from the seeds -------------------------------------------------------------------

SHINGLE = 8


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _shingles(text: str) -> set[tuple[str, ...]]:
    w = _words(text)
    return {tuple(w[i : i + SHINGLE]) for i in range(len(w) - SHINGLE + 1)}


def _strings(value: Any, skip: frozenset[str]) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in skip:
                yield from _strings(item, skip)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, skip)


def _our_texts() -> Iterator[tuple[Path, str]]:
    files = [*sorted(RESOURCES.rglob("*.toml")), seeds_dir() / "facts.toml"]
    # `section` is a locator that names the seed's own heading; everything else is our prose.
    skip = frozenset({"section"})
    for path in files:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for text in _strings(data, skip):
            yield path, text


def test_shingle_helper_finds_a_copied_run() -> None:
    seed = _shingles("one two three four five six seven eight nine ten")
    assert _shingles("Well: Three four five six seven eight nine ten!") & seed
    assert not _shingles("three four five six seven eight nine eleven") & seed


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason=f"seed documents not found at {SHARED_SEEDS}")
def test_no_eight_word_run_is_copied_from_a_seed() -> None:
    seed_shingles: set[tuple[str, ...]] = set()
    for path in sorted(SHARED_SEEDS.glob("*.txt")):
        seed_shingles |= _shingles(path.read_text(encoding="utf-8"))
    assert seed_shingles
    copied = [
        f"{path.name}: '{' '.join(run)}'"
        for path, text in _our_texts()
        for run in sorted(_shingles(text) & seed_shingles)
    ]
    assert copied == []


def test_the_default_plan_names_only_shipped_exercises_and_foods(library) -> None:
    from backcare.core.plan import default_plan

    plan = default_plan()
    foods, _ = load_foods(RESOURCES / "foods.toml")
    assert {ex for s in plan.sessions for ex in s.exercises} <= set(library[0])
    assert set(plan.calcium.foods) <= {f.id for f in foods}


def test_library_order_is_gentlest_first() -> None:
    from backcare.core.content import gentlest_first
    from backcare.paths import resources_dir

    exercises, _ = load_exercises(resources_dir() / "exercises")
    ordered = gentlest_first(exercises)
    weeks = [e.earliest_week.vaginal for e in ordered]
    assert weeks == sorted(weeks)
    assert ordered[-1].id in {"air-bicycle", "plank-forearm"}
    assert ordered[0].earliest_week.vaginal == 0
