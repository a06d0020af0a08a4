"""The calcium foods: every one has a source, a figure per 100 g to check it by, and the words
that keep the numbers honest (issue 10, part 3)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backcare.core.content import COMPOSITION_SOURCES, Food, load_foods
from backcare.core.ledger import SEED_FILES, load_ledger

ROOT = Path(__file__).resolve().parents[2]
FOODS_FILE = ROOT / "resources" / "foods.toml"


@pytest.fixture(scope="module")
def foods() -> dict[str, Food]:
    found, problems = load_foods(FOODS_FILE)
    assert [p.sentence() for p in problems] == []
    return {f.id: f for f in found}


def test_every_food_has_a_composition_source_the_ledger_holds(foods: dict[str, Food]) -> None:
    ledger, problems = load_ledger(ROOT / "seeds" / "facts.toml", SEED_FILES)
    assert [p.sentence() for p in problems] == []
    guidance = {g.id: g for g in ledger.guidance}
    assert set(COMPOSITION_SOURCES) <= set(guidance)
    for f in foods.values():
        assert f.composition in COMPOSITION_SOURCES, f.id
        assert f.composition in guidance, f.id
        assert f.sources, f.id
        assert set(f.sources) <= ledger.ids(), f.id


def test_every_reference_names_its_table_and_a_figure_per_100_g(foods: dict[str, Food]) -> None:
    names = {"G-USDA-FDC": "USDA FoodData Central", "G-CHINA-FCT": "China Food Composition"}
    for f in foods.values():
        assert f.reference.startswith(names[f.composition]), f.id
        assert re.search(r"\d+ mg per 100 (g|ml)", f.reference), f.id


def test_the_list_has_the_foods_of_the_seeds_cuisine_and_of_the_guidance(
    foods: dict[str, Food],
) -> None:
    assert len(foods) >= 15
    assert {
        "milk", "yogurt", "cheese", "tofu", "tofu-silken", "soy-milk", "soy-milk-plain",
        "sesame-paste", "dried-shrimp", "small-fish", "bok-choy", "almonds", "fortified-cereal",
    } <= set(foods)
    # the ids older plans and the default plan suggest are still there
    assert {"milk", "dried-shrimp", "tofu", "soy-milk"} <= set(foods)


def test_check_the_label_where_brands_differ(foods: dict[str, Food]) -> None:
    for food_id in ("soy-milk", "tofu", "tofu-pressed", "tofu-calcium-set", "fortified-cereal",
                    "cheese"):
        assert foods[food_id].check_label, food_id
    # foods with one well-known figure need no label note
    assert not foods["milk"].check_label and not foods["dried-shrimp"].check_label


def test_tofu_as_sold_in_china_is_counted_at_the_chinese_figure(foods: dict[str, Food]) -> None:
    tofu = foods["tofu"]
    assert tofu.composition == "G-CHINA-FCT"
    assert 100 <= tofu.calcium_mg <= 140  # per 100 g portion, not the US 350 mg
    assert foods["tofu-calcium-set"].calcium_mg == 350  # kept only for a label that says so
    assert "label" in foods["tofu-calcium-set"].reference


def test_it_is_gdl_set_tofu_that_has_little_calcium_not_nigari(foods: dict[str, Food]) -> None:
    silken = foods["tofu-silken"]
    assert silken.calcium_mg < 30
    assert "GDL" in silken.name
    assert "nigari" in silken.reference and "moderate" in silken.reference
    assert not re.search(r"nigari[^.]*little", silken.reference)


def test_dried_shrimp_says_how_salty_it_is(foods: dict[str, Food]) -> None:
    shrimp = foods["dried-shrimp"].reference
    assert "salt" in shrimp.lower() and "sodium" in shrimp


def test_fortified_and_plain_are_told_apart(foods: dict[str, Food]) -> None:
    assert foods["soy-milk"].calcium_mg > 10 * foods["soy-milk-plain"].calcium_mg
    assert foods["tofu"].calcium_mg > 5 * foods["tofu-silken"].calcium_mg


def test_portions_stay_modest_so_no_single_food_fills_the_day(foods: dict[str, Food]) -> None:
    # the body takes up calcium best in 500 mg or less at a time (G-NIH-ODS-CALCIUM)
    assert all(0 < f.calcium_mg <= 500 for f in foods.values())
