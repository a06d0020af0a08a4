"""Nothing the ledger calls used goes unshown: every fact marked used (or used with a change) is
cited by at least one piece of shipped content she sees, a tip, an exercise (its steps, its
earliest week or its dose), a safety sign or the setback text, or a food.

``check_links`` (see test_ledger.py) already ties each cited fact to its ``uses``; this test asks
the other question, whether the ledger claims a use that nothing shown to her makes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from backcare.core.ledger import SEED_FILES, Citing, Ledger, load_ledger
from backcare.core.routines import load_routines
from backcare.paths import resources_dir
from tests.core.test_ledger import LEDGER, shipped_citations

# Facts the app uses somewhere that cites no ledger id (code, or a data file without sources),
# with the reason. Keep it empty unless there is such a place: each entry must name a fact that
# is really used and really cited by nothing, so the list cannot go stale.
USED_ELSEWHERE: dict[str, str] = {}


def uncovered(ledger: Ledger, content: Iterable[Citing]) -> set[str]:
    """The used or changed facts that no piece of content cites."""
    cited = {source for item in content for source in item.sources}
    return {f.id for f in ledger.facts if f.status != "not-used" and f.id not in cited}


def _ledger() -> Ledger:
    ledger, problems = load_ledger(LEDGER, SEED_FILES)
    assert problems == ()
    return ledger


def test_every_used_fact_is_shown_by_shipped_content() -> None:
    ledger = _ledger()
    used = {f.id for f in ledger.facts if f.status != "not-used"}
    assert len(used) >= 80
    assert set(USED_ELSEWHERE) <= used
    assert uncovered(ledger, shipped_citations()) == set(USED_ELSEWHERE)


def test_every_tip_is_among_the_citing_content_and_rests_on_a_seed() -> None:
    # The tips take part in the coverage above, and each names at least one seed fact: a tip
    # that cited only guidance would be advice the seeds never gave.
    ledger = _ledger()
    facts = {f.id for f in ledger.facts}
    tips = [c for c in shipped_citations() if c.field.startswith("tip ")]
    assert {"getting-out-of-bed", "squat-to-lift", "rest-when-you-can"} <= {t.id for t in tips}
    assert [t.id for t in tips if not set(t.sources) & facts] == []


def test_the_progression_file_offers_only_exercises_that_cite_the_ledger() -> None:
    # The progression file cites nothing itself: what it offers reaches her as exercises, so
    # the facts behind it are covered through them.
    routines, problems = load_routines(resources_dir() / "progression.toml")
    assert problems == ()
    offered = {ex for session in routines.sessions for ex in session.prefer}
    offered |= set(routines.general.prefer)
    citing: dict[str, set[str]] = {}
    for item in shipped_citations():  # an exercise cites twice: its steps and its dose
        citing.setdefault(item.id, set()).update(item.sources)
    assert offered
    assert [ex for ex in sorted(offered) if not citing.get(ex)] == []


def test_a_used_fact_nothing_cites_is_uncovered(tmp_path: Path) -> None:
    path = tmp_path / "facts.toml"
    fact = (
        '[[fact]]\nid = "{id}"\nseed = "{seed}"\nsection = "1"\nkind = "cause"\n'
        'claim = "A claim."\nstatus = "{status}"\nuses = {uses}\nguidance = []\n{why}\n'
    )
    path.write_text(
        '[[guidance]]\nid = "G-X"\npublisher = "P"\ntitle = "T"\nsummary = "S"\n\n'
        + fact.format(id="F-SHOWN", seed=SEED_FILES[0], status="used", uses='["tip-a"]', why="")
        + fact.format(id="F-HIDDEN", seed=SEED_FILES[0], status="used", uses='["tip-b"]', why="")
        + fact.format(
            id="F-CHANGED", seed=SEED_FILES[1], status="changed", uses='["tip-c"]', why='why = "W"'
        )
        + fact.format(
            id="F-UNUSED", seed=SEED_FILES[1], status="not-used", uses="[]", why='why = "W"'
        ),
        encoding="utf-8",
    )
    ledger, problems = load_ledger(path, SEED_FILES)
    assert problems == ()
    content = [Citing("tip-a", path, "tip tip-a.sources", ("F-SHOWN", "G-X"))]
    assert uncovered(ledger, content) == {"F-HIDDEN", "F-CHANGED"}
