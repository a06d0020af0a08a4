"""Every dose is a ledger entry (issue 10, part 4), and the two content fixes that came with it.

A dose is traced to a seed fact of kind "dose", to guidance, or to a ``[[choice]]`` that says
the app chose it and why. The bridge starts at about 10 lifts a session; the loose leg shake is
a relaxing movement, not a joint treatment; exercise files use neutral care words; and an
exercise that borrows the wall stand's posture says what to do until the wall stand opens.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from backcare.core.content import BIRTH_TYPES, Exercise, load_exercises
from backcare.core.dose import dose_citing
from backcare.core.ledger import (
    DOSE_KIND,
    SEED_FILES,
    Citing,
    Ledger,
    check_links,
    load_ledger,
)
from backcare.core.plan import Profile
from backcare.core.postures import EarlyPosition, early_position_gaps, posture_owner
from backcare.core.progression import statuses
from backcare.core.safety import source_labels
from backcare.paths import resources_dir, seeds_dir

EXERCISES_DIR = resources_dir() / "exercises"
LEDGER_FILE = seeds_dir() / "facts.toml"
# The doses the issue found resting on neither a seed nor guidance.
APP_CHOSEN = (
    "cat-back",
    "leg-slides",
    "si-leg-shake",
    "walking-backwards",
    "ball-balance",
    "plank-kneeling",
    "plank-forearm",
    "air-bicycle",
)
WALL = "wall-stand"


@pytest.fixture(scope="module")
def library() -> dict[str, Exercise]:
    found, problems = load_exercises(EXERCISES_DIR)
    assert [p.sentence() for p in problems] == []
    return {e.id: e for e in found}


@pytest.fixture(scope="module")
def ledger() -> Ledger:
    loaded, problems = load_ledger(LEDGER_FILE, SEED_FILES)
    assert [p.sentence() for p in problems] == []
    return loaded


# --- every dose a ledger entry -------------------------------------------------------------------


def test_every_exercise_dose_names_at_least_one_source(library: dict[str, Exercise]) -> None:
    assert len(library) == 17  # sixteen exercises and the posture break
    for exercise in library.values():
        assert exercise.dose.sources, exercise.id


def test_every_dose_source_is_a_dose_entry_in_the_ledger(
    library: dict[str, Exercise], ledger: Ledger
) -> None:
    guidance = {g.id for g in ledger.guidance}
    for exercise in library.values():
        for source in exercise.dose.sources:
            assert source in ledger.ids(), (exercise.id, source)
            if source not in guidance:
                assert ledger.kind_of(source) == DOSE_KIND, (exercise.id, source)
    citings = [dose_citing(e.id, e.file, e.dose) for e in library.values()]
    own = {e.file for e in library.values()}
    assert [p.sentence() for p in check_links(ledger, LEDGER_FILE, citings) if p.file in own] == []


def test_the_eight_unsourced_doses_are_now_marked_as_the_apps_choice_with_a_reason(
    library: dict[str, Exercise], ledger: Ledger
) -> None:
    guidance = {g.id for g in ledger.guidance}
    for ex_id in APP_CHOSEN:
        sources = library[ex_id].dose.sources
        choices = [c for c in (ledger.choice(s) for s in sources) if c is not None]
        # none of them has a seed number, so each must say openly that the app chose it
        assert choices, ex_id
        for choice in choices:
            assert choice.about == ex_id and choice.kind == DOSE_KIND
            assert len(choice.why) > 40 and choice.what, choice.id
            assert set(choice.guidance) <= guidance and choice.guidance, choice.id
        for source in sources:
            fact = ledger.fact(source)
            assert fact is None or fact.kind == DOSE_KIND, (ex_id, source)


def test_a_seed_dose_fact_is_cited_by_the_dose_not_by_the_method(
    library: dict[str, Exercise], ledger: Ledger
) -> None:
    dose_facts = {f.id for f in ledger.facts if f.kind == DOSE_KIND}
    assert len(dose_facts) >= 7
    for exercise in library.values():
        assert not dose_facts & set(exercise.sources), exercise.id
    cited = {s for e in library.values() for s in e.dose.sources}
    used = {f.id for f in ledger.facts if f.kind == DOSE_KIND and f.status != "not-used"}
    assert used <= cited


def test_a_choice_is_labelled_as_the_apps_own_never_as_the_guidance(ledger: Ledger) -> None:
    labels = source_labels(ledger)
    assert set(labels) == ledger.ids()
    assert labels["C-bridge-dose"].startswith("Back Care's own choice (")
    assert "POGP: " in labels["C-bridge-dose"]


def test_the_pelvic_floor_dose_is_the_nhs_one(library: dict[str, Exercise]) -> None:
    dose = library["pelvic-floor"].dose
    assert dose.sources == ("G-NHS-PELVIC-FLOOR",)
    assert (dose.reps, dose.hold_seconds, dose.times_per_day) == (10, 10, 3)


# --- the bridge ----------------------------------------------------------------------------------


def test_the_bridge_starts_at_about_ten_lifts_a_session(
    library: dict[str, Exercise], ledger: Ledger
) -> None:
    bridge = library["bridge"]
    dose = bridge.dose
    birth = date(2026, 1, 5)
    for birth_type in ("vaginal", "assisted", "caesarean"):
        week = bridge.earliest_week.for_birth(birth_type)
        day = birth + timedelta(weeks=week, days=1)
        status = statuses(tuple(library.values()), Profile(birth, birth_type), day)["bridge"]
        assert status.starter, birth_type
        assert status.sets * dose.reps <= 12, birth_type
        assert status.sets * dose.reps * dose.times_per_day <= 24, birth_type
    # the full dose stays modest too, and the note says the same numbers as the fields
    assert dose.sets * dose.reps <= 15
    assert dose.starter_sets < dose.sets
    assert f"{dose.starter_sets * dose.reps} lifts" in dose.note
    assert f"{dose.sets * dose.reps} lifts" in dose.note
    assert "5 groups" not in dose.note
    assert {"F004-bridge-dose", "C-bridge-dose"} <= set(dose.sources)
    seed = ledger.fact("F004-bridge-dose")
    assert seed is not None and seed.status == "changed" and "50" in seed.why


# --- the loose leg shake -------------------------------------------------------------------------

TREATMENT_WORDS = ("joint", "sacroiliac", "treat", "heal", "cure", "relieve", "ease")


def test_the_leg_shake_makes_no_treatment_claim(
    library: dict[str, Exercise], ledger: Ledger
) -> None:
    shake = library["si-leg-shake"]
    assert "joint" not in shake.purpose.lower()
    told = " ".join([shake.title, shake.purpose, *(s.instruction for s in shake.steps)]).lower()
    for word in TREATMENT_WORDS:
        assert word not in told, word
    assert "relax" in shake.purpose.lower()
    assert not any("joint" in c.lower() or "sore side" in c.lower() for c in shake.cautions)
    assert any("not a treatment" in c for c in shake.cautions)
    assert shake.dose.per_side  # both legs alike: it is not aimed at one painful side
    assert "F002-si-joint" not in shake.sources
    method = ledger.choice("C-si-leg-shake-method")
    assert method is not None and method.kind == "method"
    assert method.id in shake.sources
    si_joint, leg_shake = ledger.fact("F002-si-joint"), ledger.fact("F002-leg-shake")
    assert si_joint is not None and "si-leg-shake" not in si_joint.uses
    assert leg_shake is not None and leg_shake.status == "changed"
    assert "not as a treatment" in leg_shake.why


# --- neutral care words --------------------------------------------------------------------------

UK_ONLY = re.compile(r"\bGP\b|A&E|health visitor|NHS 111|\b999\b|\b111\b")


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def test_exercise_files_use_neutral_care_words() -> None:
    files = sorted(EXERCISES_DIR.glob("*.toml"))
    assert len(files) == 17  # sixteen exercises and the posture break
    assert UK_ONLY.search("ask your GP") and UK_ONLY.search("go to A&E")  # the pattern works
    for path in files:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for text in _texts(data):
            assert not UK_ONLY.search(text), (path.name, text)


# --- the wall posture waits for the wall stand ---------------------------------------------------


def test_the_posture_owner_is_the_exercise_a_pose_is_named_after(
    library: dict[str, Exercise],
) -> None:
    assert posture_owner("wall-stand-squeeze", library) == WALL
    assert posture_owner("bridge-up", library) == "bridge"
    assert posture_owner("supine-knees-bent", library) is None
    assert posture_owner("wall-standing", library) is None  # a dash must follow the id


def test_every_exercise_using_the_wall_posture_early_says_how_to_do_it_meanwhile(
    library: dict[str, Exercise],
) -> None:
    wall = library[WALL].earliest_week
    borrowers = [
        e
        for e in library.values()
        if e.id != WALL and any(s.pose.startswith(f"{WALL}-") for s in e.steps)
    ]
    assert [e.id for e in borrowers] == ["pelvic-floor"]
    early_ones = 0
    for exercise in borrowers:
        sooner = [b for b in BIRTH_TYPES if exercise.earliest_week.for_birth(b) < wall.for_birth(b)]
        if not sooner:
            continue
        early_ones += 1
        early = exercise.early_position
        assert early is not None and early.until == WALL, exercise.id
        assert exercise.cautions[0] == early.caution
        assert "lying on your side or sitting" in early.caution
        for birth_type in sooner:
            assert birth_type in early.caution, (exercise.id, birth_type)
    assert early_ones == 1  # pelvic floor opens at week 0 after a caesarean, the wall stand at 1
    assert early_position_gaps(library.values()) == []


def test_a_missing_or_stale_early_position_is_reported(library: dict[str, Exercise]) -> None:
    floor = library["pelvic-floor"]
    without = {**library, floor.id: replace(floor, early_position=None)}
    gaps = early_position_gaps(without.values())
    assert [(p.file.name, p.field) for p in gaps] == [("pelvic-floor.toml", "early_position")]
    assert "caesarean" in gaps[0].message and "'wall-stand'" in gaps[0].message
    stale = replace(library["bridge"], early_position=EarlyPosition(WALL, "Stand later."))
    gaps = early_position_gaps({**library, "bridge": stale}.values())
    assert [(p.file.name, p.field) for p in gaps] == [("bridge.toml", "early_position.until")]


def _exercise_file(folder: Path, name: str, edit: tuple[str, str]) -> Path:
    text = (EXERCISES_DIR / f"{name}.toml").read_text(encoding="utf-8")
    assert edit[0] in text, edit[0]
    path = folder / f"{name}.toml"
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (('sources = ["C-cat-back-dose"]\n', ""), "dose.sources"),
        (
            ('sources = ["C-cat-back-dose"]', 'sources = ["C-cat-back-dose", "C-cat-back-dose"]'),
            "dose.sources",
        ),
    ],
)
def test_a_dose_without_sources_or_with_a_repeat_is_refused(
    tmp_path: Path, edit: tuple[str, str], field: str
) -> None:
    _exercise_file(tmp_path, "cat-back", edit)
    found, problems = load_exercises(tmp_path)
    assert found == ()
    assert [p.field for p in problems] == [field]


def test_an_early_position_naming_itself_is_refused(tmp_path: Path) -> None:
    _exercise_file(tmp_path, "pelvic-floor", ('until = "wall-stand"', 'until = "pelvic-floor"'))
    found, problems = load_exercises(tmp_path)
    assert found == () and [p.field for p in problems] == ["early_position.until"]


# --- the ledger's choices, on a small ledger -----------------------------------------------------

SMALL = """
[[guidance]]
id = "G-X"
publisher = "P"
title = "T"
summary = "S"

[[fact]]
id = "F-HOW"
seed = "{seed}"
section = "1"
kind = "recommendation"
claim = "A method."
status = "used"
uses = ["ex-a"]
guidance = []

[[fact]]
id = "F-DOSE"
seed = "{seed}"
section = "1"
kind = "dose"
claim = "Ten of them."
status = "used"
uses = ["ex-a"]
guidance = []

[[choice]]
id = "C-A"
about = "ex-a"
kind = "dose"
what = "5 of them."
why = "Start low."
guidance = ["G-X"]
"""


def _small(tmp_path: Path, extra: str = "") -> tuple[Path, Ledger, tuple[str, ...]]:
    path = tmp_path / "facts.toml"
    path.write_text(SMALL.format(seed=SEED_FILES[0]) + extra, encoding="utf-8")
    ledger, problems = load_ledger(path, SEED_FILES)
    return path, ledger, tuple(p.field for p in problems)


def _dose(item: str, *sources: str) -> Citing:
    return Citing(item, Path(f"{item}.toml"), "dose.sources", sources, kind=DOSE_KIND)


def test_a_small_ledger_with_a_choice_links_cleanly(tmp_path: Path) -> None:
    path, ledger, problems = _small(tmp_path)
    assert problems == ()
    assert ledger.choice("C-A") is not None and "C-A" in ledger.ids()
    assert ledger.kind_of("C-A") == "dose" and ledger.kind_of("G-X") is None
    items = [
        Citing("ex-a", Path("ex-a.toml"), "sources", ("F-HOW",)),
        _dose("ex-a", "F-DOSE", "C-A", "G-X"),
    ]
    assert check_links(ledger, path, items) == []


def test_a_dose_citing_a_method_fact_is_a_problem(tmp_path: Path) -> None:
    path, ledger, _ = _small(tmp_path)
    items = [_dose("ex-a", "F-HOW", "C-A")]
    problems = check_links(ledger, path, items)
    assert [(p.file.name, p.field) for p in problems] == [("ex-a.toml", "dose.sources")]
    assert "'F-HOW'" in problems[0].message and "recommendation" in problems[0].message


def test_a_choice_cited_by_other_content_or_by_nobody_is_a_problem(tmp_path: Path) -> None:
    path, ledger, _ = _small(tmp_path)
    items = [
        Citing("ex-a", Path("ex-a.toml"), "sources", ("F-HOW",)),
        _dose("ex-a", "F-DOSE"),
        _dose("ex-b", "C-A"),
    ]
    found = [(p.file.name, p.field) for p in check_links(ledger, path, items)]
    assert ("ex-b.toml", "dose.sources") in found  # someone else's choice
    assert ("facts.toml", "choice C-A.about") in found  # ex-a never cites its own choice


def test_a_choice_about_missing_content_or_unknown_guidance_is_a_problem(tmp_path: Path) -> None:
    extra = (
        '\n[[choice]]\nid = "C-GHOST"\nabout = "ghost"\nkind = "dose"\nwhat = "W"\n'
        'why = "Y"\nguidance = ["G-NOPE"]\n'
    )
    path, ledger, _ = _small(tmp_path, extra)
    items = [
        Citing("ex-a", Path("ex-a.toml"), "sources", ("F-HOW",)),
        _dose("ex-a", "F-DOSE", "C-A"),
    ]
    fields = sorted(p.field for p in check_links(ledger, path, items))
    assert fields == ["choice C-GHOST.about", "choice C-GHOST.guidance"]


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        (
            '\n[[choice]]\nid = "C-B"\nabout = "ex-a"\nkind = "dose"\nwhat = "W"\n'
            'guidance = ["G-X"]\n',
            "choice[1].why",
        ),
        (
            '\n[[choice]]\nid = "C-B"\nabout = "ex-a"\nkind = "mood"\nwhat = "W"\nwhy = "Y"\n'
            'guidance = ["G-X"]\n',
            "choice[1].kind",
        ),
        (
            '\n[[choice]]\nid = "C-B"\nabout = "ex-a"\nkind = "dose"\nwhat = "W"\nwhy = "Y"\n'
            "guidance = []\n",
            "choice[1].guidance",
        ),
        (
            '\n[[choice]]\nid = "F-DOSE"\nabout = "ex-a"\nkind = "dose"\nwhat = "W"\nwhy = "Y"\n'
            'guidance = ["G-X"]\n',
            "choice[1].id",
        ),
    ],
)
def test_a_bad_choice_is_refused_on_load(tmp_path: Path, extra: str, field: str) -> None:
    _, ledger, problems = _small(tmp_path, extra)
    assert problems == (field,)
    assert [c.id for c in ledger.choices] == ["C-A"]
