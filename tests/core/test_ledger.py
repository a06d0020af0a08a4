"""The facts ledger: it loads cleanly, covers the five seeds and is tied to the content."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from backcare.core.content import load_advice, load_exercises, load_foods
from backcare.core.dose import dose_citing
from backcare.core.ledger import SEED_FILES, Citing, check_links, load_ledger
from backcare.core.safety import citations as safety_citations
from backcare.core.safety import load_safety
from backcare.paths import resources_dir, seeds_dir

LEDGER = seeds_dir() / "facts.toml"
RESOURCES = resources_dir()
SHARED_SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def shipped_citations() -> list[Citing]:
    """Every shipped exercise (its sources, its earliest-week sources and its dose sources), tip,
    food and safety sign (with the setback care text)."""
    exercises, _ = load_exercises(RESOURCES / "exercises")
    tips, _ = load_advice(RESOURCES / "advice.toml")
    foods, _ = load_foods(RESOURCES / "foods.toml")
    safety, _ = load_safety(RESOURCES / "safety.toml")
    assert safety is not None
    items = [
        Citing(e.id, e.file, "sources", e.sources + e.earliest_week.sources) for e in exercises
    ]
    items += [dose_citing(e.id, e.file, e.dose) for e in exercises]
    items += [
        Citing(t.id, RESOURCES / "advice.toml", f"tip {t.id}.sources", t.sources) for t in tips
    ]
    items += [
        Citing(f.id, RESOURCES / "foods.toml", f"food {f.id}.sources", f.sources) for f in foods
    ]
    items += safety_citations(safety)
    return items


@pytest.fixture(scope="module")
def ledger():
    loaded, problems = load_ledger(LEDGER, SEED_FILES)
    assert [p.sentence() for p in problems] == []
    return loaded


def test_seed_list_matches_the_seed_folder() -> None:
    assert len(SEED_FILES) == 5
    if SHARED_SEEDS.is_dir():
        assert sorted(p.name for p in SHARED_SEEDS.glob("*.txt")) == sorted(SEED_FILES)


def test_ledger_loads_without_problems(ledger) -> None:
    assert len(ledger.facts) >= 50
    assert {g.id for g in ledger.guidance} >= {
        "G-ACOG-804",
        "G-NHS-EXERCISE",
        "G-NHS-PELVIC-FLOOR",
        "G-NHS-CAESAREAN",
        "G-NICE-NG194",
    }


def test_every_fact_names_one_of_the_five_seeds_and_every_seed_is_covered(ledger) -> None:
    per_seed = Counter(f.seed for f in ledger.facts)
    assert set(per_seed) == set(SEED_FILES)
    assert all(count >= 5 for count in per_seed.values()), per_seed


def test_every_status_is_represented_and_explained(ledger) -> None:
    statuses = Counter(f.status for f in ledger.facts)
    assert set(statuses) == {"used", "changed", "not-used"}
    for fact in ledger.facts:
        if fact.status != "used":
            assert fact.why, fact.id
        if fact.status == "not-used":
            assert not fact.uses, fact.id


def test_doubtful_seed_claims_are_not_advice(ledger) -> None:
    # Each of these is folk medicine, doubtful or unsafe; none may be shown as advice as it stands.
    for fact_id in (
        "F000-raw-cold-food",
        "F000-patent-medicines",
        "F000-cause-kidney-qi",
        "F001-blood-stasis-food",
        "F003-walk-back-corrects",
        "F003-calcium-cause",
        "F004-tcm",
    ):
        fact = ledger.fact(fact_id)
        assert fact is not None and fact.status == "not-used", fact_id
    for fact_id in ("F003-epidural-cause", "F004-bridge-timing", "F003-walk-back"):
        fact = ledger.fact(fact_id)
        assert fact is not None and fact.status == "changed", fact_id
    no_sit_ups = ledger.fact("F004-no-sit-ups")
    assert no_sit_ups is not None and no_sit_ups.status == "used"


def test_every_guidance_entry_is_cited_somewhere(ledger) -> None:
    cited = {g for f in ledger.facts for g in f.guidance}
    cited |= {g for c in ledger.choices for g in c.guidance}
    cited |= {s for c in shipped_citations() for s in c.sources}
    assert {g.id for g in ledger.guidance} <= cited


def test_check_links_over_all_shipped_content_is_clean(ledger) -> None:
    problems = check_links(ledger, LEDGER, shipped_citations())
    assert [p.sentence() for p in problems] == []


def test_every_used_fact_is_cited_by_what_it_names(ledger) -> None:
    cited_by: dict[str, set[str]] = {}
    for item in shipped_citations():
        for source in item.sources:
            cited_by.setdefault(source, set()).add(item.id)
    for fact in ledger.facts:
        assert set(fact.uses) == cited_by.get(fact.id, set()), fact.id


# --- negative cases, on a small ledger in a temporary folder -------------------------------------

SEED = SEED_FILES[0]
GUIDANCE = '[[guidance]]\nid = "G-X"\npublisher = "P"\ntitle = "T"\nsummary = "S"\n\n'


def _fact(fact_id: str, status: str, uses: str = "[]", why: str | None = None, **extra: str) -> str:
    lines = [
        "[[fact]]",
        f'id = "{fact_id}"',
        f'seed = "{extra.get("seed", SEED)}"',
        'section = "1"',
        'kind = "recommendation"',
        'claim = "A claim."',
        f'status = "{status}"',
        f"uses = {uses}",
        f"guidance = {extra.get('guidance', '[]')}",
    ]
    if why is not None:
        lines.append(f'why = "{why}"')
    return "\n".join(lines) + "\n\n"


def _ledger(tmp_path: Path, *facts: str):
    path = tmp_path / "facts.toml"
    path.write_text(GUIDANCE + "".join(facts), encoding="utf-8")
    return path, *load_ledger(path, SEED_FILES)


def _item(item_id: str, *sources: str) -> Citing:
    return Citing(item_id, Path(f"{item_id}.toml"), "sources", sources)


def test_a_small_consistent_ledger_links_cleanly(tmp_path: Path) -> None:
    path, ledger, problems = _ledger(tmp_path, _fact("F-A", "used", '["ex-a"]'))
    assert problems == ()
    assert check_links(ledger, path, [_item("ex-a", "F-A", "G-X")]) == []


def test_content_citing_a_missing_fact_is_a_problem(tmp_path: Path) -> None:
    path, ledger, _ = _ledger(tmp_path, _fact("F-A", "used", '["ex-a"]'))
    problems = check_links(ledger, path, [_item("ex-a", "F-A", "F-NOPE")])
    assert len(problems) == 1
    assert problems[0].file == Path("ex-a.toml")
    assert "F-NOPE" in problems[0].sentence()


def test_a_fact_naming_missing_content_is_a_problem(tmp_path: Path) -> None:
    path, ledger, _ = _ledger(tmp_path, _fact("F-A", "used", '["ex-a", "ghost"]'))
    problems = check_links(ledger, path, [_item("ex-a", "F-A")])
    assert len(problems) == 1
    assert problems[0].file == path
    assert "ghost" in problems[0].sentence() and "F-A" in problems[0].field


def test_content_citing_a_fact_that_does_not_list_it_is_a_problem(tmp_path: Path) -> None:
    path, ledger, _ = _ledger(
        tmp_path, _fact("F-A", "used", '["ex-a"]'), _fact("F-B", "not-used", why="Folk.")
    )
    problems = check_links(ledger, path, [_item("ex-a", "F-A"), _item("ex-b", "F-B")])
    assert len(problems) == 1
    assert problems[0].field == "fact F-B.uses" and "ex-b" in problems[0].sentence()


def test_a_fact_naming_unknown_guidance_is_a_problem(tmp_path: Path) -> None:
    path, ledger, _ = _ledger(tmp_path, _fact("F-A", "used", '["ex-a"]', guidance='["G-NOPE"]'))
    problems = check_links(ledger, path, [_item("ex-a", "F-A")])
    assert [p.field for p in problems] == ["fact F-A.guidance"]


def test_a_used_fact_without_uses_is_a_problem(tmp_path: Path) -> None:
    _, ledger, problems = _ledger(tmp_path, _fact("F-A", "used"), _fact("F-OK", "used", '["x"]'))
    assert [p.field for p in problems] == ["fact[0].uses"]
    assert [f.id for f in ledger.facts] == ["F-OK"]


@pytest.mark.parametrize("status", ["changed", "not-used"])
def test_changed_or_not_used_without_why_is_a_problem(tmp_path: Path, status: str) -> None:
    uses = '["ex-a"]' if status == "changed" else "[]"
    _, ledger, problems = _ledger(tmp_path, _fact("F-A", status, uses))
    assert [p.field for p in problems] == ["fact[0].why"]
    assert "facts.toml" in problems[0].sentence()
    assert ledger.facts == ()


def test_a_not_used_fact_cannot_name_content(tmp_path: Path) -> None:
    _, _, problems = _ledger(tmp_path, _fact("F-A", "not-used", '["ex-a"]', why="Folk."))
    assert [p.field for p in problems] == ["fact[0].uses"]


def test_a_fact_from_an_unknown_seed_is_a_problem(tmp_path: Path) -> None:
    _, _, problems = _ledger(tmp_path, _fact("F-A", "used", '["x"]', seed="999_nope.txt"))
    assert [p.field for p in problems] == ["fact[0].seed"]


def test_a_duplicate_fact_id_is_a_problem(tmp_path: Path) -> None:
    _, ledger, problems = _ledger(
        tmp_path, _fact("F-A", "used", '["x"]'), _fact("F-A", "used", '["y"]')
    )
    assert [p.field for p in problems] == ["fact[1].id"]
    assert len(ledger.facts) == 1
