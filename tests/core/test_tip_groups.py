"""The "Your back" page's sections (core/tip_groups): every tip in exactly one, in page order,
and each tip's sources in words with the ledger's "used with a change" said."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from backcare.catalog import load_catalog
from backcare.core.content import ADVICE_TOPICS, Tip
from backcare.core.ledger import load_ledger
from backcare.core.safety import source_labels
from backcare.core.tip_groups import (
    FALLBACK_GROUP,
    TIP_GROUPS,
    TOPIC_GROUPS,
    TipGroup,
    group_of,
    grouped,
    tip_sources,
)
from backcare.paths import seeds_dir


@pytest.fixture(scope="module")
def tips() -> tuple[Tip, ...]:
    return load_catalog(lazy_poses=True).tips


def a_tip(tip_id: str, topic: str, sources: tuple[str, ...] = ("G-NHS-BACK-PAIN",)) -> Tip:
    return Tip(tip_id, "A title", "Some words.", topic, sources)


def test_the_sections_come_in_the_pages_order_with_their_titles() -> None:
    assert [g.title for g in TipGroup] == [
        "Why it hurts", "Everyday posture and lifting", "Feeding and baby care",
        "Rest and comfort", "When exercise helps", "When to get help",
    ]
    assert all(g.intro.endswith(".") for g in TipGroup)


def test_every_topic_has_a_section() -> None:
    assert set(TOPIC_GROUPS) == set(ADVICE_TOPICS)


def test_every_tip_of_the_advice_file_lands_in_exactly_one_section(tips: tuple[Tip, ...]) -> None:
    sections = grouped(tips)
    placed = Counter(t.id for _, members in sections for t in members)
    assert placed == Counter(t.id for t in tips)
    assert set(placed.values()) == {1}
    assert [g for g, _ in sections] == [g for g in TipGroup if g in {g for g, _ in sections}]
    assert {g for g, _ in sections} == set(TipGroup)  # the file fills every section today


def test_a_section_keeps_the_files_order(tips: tuple[Tip, ...]) -> None:
    for group, members in grouped(tips):
        in_file = [t.id for t in tips if group_of(t) is group]
        assert [t.id for t in members] == in_file


def test_ambiguous_tips_are_placed_by_id_and_topics_by_decision(tips: tuple[Tip, ...]) -> None:
    by_id = {t.id: group_of(t) for t in tips}
    assert by_id["exercise-helps"] is TipGroup.EXERCISE_HELPS
    assert by_id["no-sit-ups"] is TipGroup.EXERCISE_HELPS
    assert by_id["baby-care-height"] is TipGroup.FEEDING_AND_BABY_CARE
    assert by_id["why-ligaments"] is TipGroup.WHY_IT_HURTS
    assert by_id["squat-to-lift"] is TipGroup.POSTURE_AND_LIFTING
    assert by_id["feeding-posture"] is TipGroup.FEEDING_AND_BABY_CARE
    assert by_id["flat-shoes"] is TipGroup.POSTURE_AND_LIFTING
    assert by_id["getting-out-of-bed"] is TipGroup.POSTURE_AND_LIFTING
    assert by_id["calcium-each-day"] is TipGroup.REST_AND_COMFORT
    assert by_id["keep-back-warm"] is TipGroup.REST_AND_COMFORT
    assert by_id["see-physio"] is TipGroup.GET_HELP
    assert set(TIP_GROUPS) <= set(by_id)  # no override names a tip that is gone


def test_an_unknown_topic_still_lands_on_the_page() -> None:
    assert group_of(a_tip("new-tip", "gardening")) is FALLBACK_GROUP
    sections = grouped([a_tip("new-tip", "gardening"), a_tip("rest-more", "rest")])
    assert [(g, [t.id for t in m]) for g, m in sections] == [
        (FALLBACK_GROUP, ["new-tip"]), (TipGroup.REST_AND_COMFORT, ["rest-more"])]


def test_sources_are_words_and_a_changed_seed_fact_is_said() -> None:
    ledger, _ = load_ledger(seeds_dir() / "facts.toml")
    labels = source_labels(ledger)
    changed = next(f for f in ledger.facts if f.status == "changed")
    used = next(f for f in ledger.facts if f.status == "used")
    plain = tip_sources(a_tip("t", "rest", ("G-NHS-BACK-PAIN", used.id)), labels, ledger)
    assert plain.text.startswith("NHS: Back pain")
    assert "G-NHS" not in plain.text and not plain.changed
    marked = tip_sources(a_tip("t", "rest", (changed.id,)), labels, ledger)
    assert marked.changed
    unknown = tip_sources(a_tip("t", "rest", ("X-NOT-THERE",)), labels, None)
    assert unknown.text == "X-NOT-THERE" and not unknown.changed  # never hidden


def test_a_real_tip_built_on_a_changed_fact_says_so(tips: tuple[Tip, ...]) -> None:
    ledger, _ = load_ledger(seeds_dir() / "facts.toml")
    labels = source_labels(ledger)
    tummy = next(t for t in tips if t.id == "why-tummy-muscles")
    assert tip_sources(tummy, labels, ledger).changed
    assert not tip_sources(replace(tummy, sources=("G-NHS-BACK-PAIN",)), labels, ledger).changed
