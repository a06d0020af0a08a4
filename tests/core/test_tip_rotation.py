"""One tip at a time: which tips fit her, the rotation without repeats, the tip of the day,
"don't show again", and a state that survives restarts and damage."""

from __future__ import annotations

import itertools
import json
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcare.core.content import Tip, load_advice
from backcare.core.ledger import SEED_FILES, load_ledger
from backcare.core.plan import Profile
from backcare.core.store import DB_NAME, Store
from backcare.core.tip_rotation import (
    TIPS_KEY,
    RotationState,
    TipRotation,
    advance,
    fitting_tips,
    rotation_order,
    tip_of_the_day,
)
from backcare.paths import resources_dir, seeds_dir

TZ = ZoneInfo("Europe/London")
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
TODAY = NOW.date()
SHIPPED, _ = load_advice(resources_dir() / "advice.toml")
# Four weeks after a vaginal birth: every shipped tip that rotates fits her.
HER = Profile(birth_date=TODAY - timedelta(weeks=4), birth_type="vaginal")


def tip(tip_id: str, topic: str = "posture", *, week: int = 0,
        births: tuple[str, ...] = ()) -> Tip:
    return Tip(tip_id, tip_id.replace("-", " ").capitalize(), "Some kind words.", topic,
               ("F001-cushion",), earliest_week=week, birth_types=births)


MADE_UP = tuple(tip(f"tip-{i}", ("about", "posture", "rest")[i % 3]) for i in range(7))


def store_at(folder: Path) -> Store:
    return Store(folder, clock=lambda: NOW)


def fitting_ids() -> list[str]:
    return [t.id for t in fitting_tips(SHIPPED, HER, TODAY)]


# -- which tips fit her ----------------------------------------------------------------------


def test_get_help_tips_stay_on_their_pages_and_the_rest_all_rotate() -> None:
    rotating = fitting_tips(SHIPPED, HER, TODAY)
    assert {t.id for t in rotating} == {t.id for t in SHIPPED if t.topic != "get-help"}
    assert len(rotating) >= 15


def test_tips_fit_her_week_and_birth_type() -> None:
    tips = (
        tip("any-time"), tip("from-week-six", week=6),
        tip("after-caesarean", births=("caesarean",)),
        tip("after-vaginal", births=("vaginal", "assisted")), tip("warning", "get-help"),
    )
    birth = date(2026, 10, 1)

    def fits(profile: Profile, today: date) -> set[str]:
        return {t.id for t in fitting_tips(tips, profile, today)}

    vaginal = Profile(birth_date=birth, birth_type="vaginal")
    assert fits(vaginal, birth + timedelta(weeks=2)) == {"any-time", "after-vaginal"}
    assert fits(vaginal, birth + timedelta(weeks=6)) == {
        "any-time", "from-week-six", "after-vaginal",
    }
    caesarean = Profile(birth_date=birth, birth_type="caesarean")
    assert fits(caesarean, birth + timedelta(weeks=6, days=1)) == {
        "any-time", "from-week-six", "after-caesarean",
    }
    # not told: the first week after a caesarean, the most careful case
    assert fits(Profile(), birth + timedelta(weeks=10)) == {"any-time", "after-caesarean"}


def test_the_order_mixes_topics_and_is_the_same_whatever_the_file_order() -> None:
    order = [t.id for t in rotation_order(SHIPPED)]
    assert order == [t.id for t in rotation_order(reversed(SHIPPED))]
    topics = [t.topic for t in fitting_tips(SHIPPED, HER, TODAY)]
    assert all(a != b for a, b in itertools.pairwise(topics))


def test_a_tip_added_mid_round_joins_it_and_nothing_repeats() -> None:
    old = fitting_tips(SHIPPED, HER, TODAY)
    state, shown = RotationState(), []
    for _ in range(5):
        picked, state = advance(state, old)
        shown.append(picked)
    new = fitting_tips((*SHIPPED, tip("a-new-tip", "rest")), HER, TODAY)
    for _ in range(len(new) - 5):
        picked, state = advance(state, new)
        shown.append(picked)
    assert sorted(t.id for t in shown if t is not None) == sorted(t.id for t in new)


# -- loading the optional fields ------------------------------------------------------------


def test_when_a_tip_fits_is_read_from_the_file_with_safe_defaults(tmp_path: Path) -> None:
    path = tmp_path / "advice.toml"
    path.write_text(
        '[[tip]]\nid = "plain"\ntitle = "Plain"\ntext = "Sit back."\ntopic = "sitting"\n'
        'sources = ["F001-cushion"]\n\n'
        '[[tip]]\nid = "later"\ntitle = "Later"\ntext = "Lift."\ntopic = "lifting"\n'
        'sources = ["F001-cushion"]\nearliest_week = 6\nbirth_types = ["caesarean"]\n\n'
        '[[tip]]\nid = "bad-birth"\ntitle = "Odd"\ntext = "Hm."\ntopic = "rest"\n'
        'sources = ["F001-cushion"]\nbirth_types = ["home"]\n\n'
        '[[tip]]\nid = "bad-week"\ntitle = "Odd"\ntext = "Hm."\ntopic = "rest"\n'
        'sources = ["F001-cushion"]\nearliest_week = "six"\n',
        encoding="utf-8",
    )
    tips, problems = load_advice(path)
    assert [(t.id, t.earliest_week, t.birth_types) for t in tips] == [
        ("plain", 0, ()), ("later", 6, ("caesarean",)),
    ]
    assert [p.field for p in problems] == ["tip[2].birth_types[0]", "tip[3].earliest_week"]


def test_every_tip_s_sources_are_in_the_facts_ledger() -> None:
    ledger, problems = load_ledger(seeds_dir() / "facts.toml", SEED_FILES)
    assert problems == ()
    known = ledger.ids()
    missing = {t.id: [s for s in t.sources if s not in known] for t in SHIPPED}
    assert {k: v for k, v in missing.items() if v} == {}
    assert all(t.sources for t in SHIPPED)


# -- the rotation ----------------------------------------------------------------------------


def test_posture_breaks_show_every_fitting_tip_once_then_start_again(tmp_path: Path) -> None:
    rotation = TipRotation(store_at(tmp_path), SHIPPED)
    n = len(fitting_ids())
    shown = [rotation.for_posture_break(HER, NOW) for _ in range(2 * n)]
    ids = [t.id for t in shown if t is not None]
    assert sorted(ids[:n]) == sorted(fitting_ids())
    assert ids[n:] == ids[:n]  # the same stable order, round after round


def test_the_order_carries_on_after_a_restart(tmp_path: Path) -> None:
    first = store_at(tmp_path)
    before = [TipRotation(first, SHIPPED).for_posture_break(HER, NOW) for _ in range(5)]
    first.close()
    again = store_at(tmp_path)
    rotation = TipRotation(again, SHIPPED)
    after = [rotation.for_posture_break(HER, NOW) for _ in range(len(fitting_ids()) - 5)]
    ids = [t.id for t in (*before, *after) if t is not None]
    assert sorted(ids) == sorted(fitting_ids())
    again.close()


def test_a_hidden_tip_never_comes_back_even_after_a_restart(tmp_path: Path) -> None:
    first = store_at(tmp_path)
    hidden = fitting_ids()[2]
    TipRotation(first, SHIPPED).hide(hidden)
    first.close()
    again = store_at(tmp_path)
    rotation = TipRotation(again, SHIPPED)
    n = len(fitting_ids())
    shown = [rotation.for_posture_break(HER, NOW + timedelta(days=d // 3)) for d in range(3 * n)]
    shown += [rotation.of_the_day(HER, NOW + timedelta(days=d)) for d in range(n)]
    ids = {t.id for t in shown if t is not None}
    assert ids == set(fitting_ids()) - {hidden}
    assert rotation.hidden() == frozenset({hidden})
    rotation.show_hidden_again()
    back = [rotation.for_posture_break(HER, NOW) for _ in range(n)]
    assert hidden in {t.id for t in back if t is not None}
    again.close()


def test_with_every_tip_hidden_there_is_no_tip(tmp_path: Path) -> None:
    rotation = TipRotation(store_at(tmp_path), MADE_UP)
    for t in MADE_UP:
        rotation.hide(t.id)
    assert rotation.for_posture_break(HER, NOW) is None
    assert rotation.of_the_day(HER, NOW) is None


def test_a_new_round_never_opens_with_the_tip_that_closed_the_last() -> None:
    a, b, c = (tip(x) for x in ("a", "b", "c"))
    state = RotationState(seen=("a", "b", "c"))
    shown, state = advance(state, (c, a, b))  # the order changed: c now comes first
    assert shown == a
    assert state.seen == ("a",)


# -- the tip of the day ----------------------------------------------------------------------


def test_the_tip_of_the_day_stays_all_day_and_changes_the_next(tmp_path: Path) -> None:
    rotation = TipRotation(store_at(tmp_path), SHIPPED)
    morning = rotation.of_the_day(HER, datetime(2026, 11, 23, 7, 0, tzinfo=SHANGHAI))
    breaks = [rotation.for_posture_break(HER, NOW) for _ in range(3)]
    evening = rotation.of_the_day(HER, datetime(2026, 11, 23, 23, 59, tzinfo=SHANGHAI))
    assert morning is not None and evening == morning
    assert morning not in breaks  # one rotation: the breaks do not repeat the day's tip
    # 16:30 in London is already 00:30 tomorrow in Shanghai, her zone: a new day, a new tip
    tomorrow = rotation.of_the_day(HER, datetime(2026, 11, 23, 16, 30, tzinfo=TZ), SHANGHAI)
    assert tomorrow is not None and tomorrow != morning
    assert rotation.state().day == date(2026, 11, 24)


def test_hiding_the_tip_of_the_day_brings_another(tmp_path: Path) -> None:
    rotation = TipRotation(store_at(tmp_path), MADE_UP)
    first = rotation.of_the_day(HER, NOW)
    assert first is not None
    rotation.hide(first.id)
    second = rotation.of_the_day(HER, NOW)
    assert second is not None and second != first
    assert rotation.of_the_day(HER, NOW + timedelta(hours=5)) == second


def test_a_tip_of_the_day_that_no_longer_fits_is_replaced() -> None:
    early = tip("early")
    state = RotationState(seen=("later",), day=TODAY, day_tip="later")
    shown, state = tip_of_the_day(state, (early,), TODAY)
    assert shown == early
    assert (state.day, state.day_tip) == (TODAY, "early")


# -- a state that survives anything ----------------------------------------------------------

DAMAGED = [
    None, 3, "not json {", "[1, 2]", "null", [1, 2], {"seen": "tip-1"},
    {"seen": [1, None, {"x": 1}], "hidden": "tip-1", "day": "2026-13-45", "day_tip": 7},
    {"day": 20261123, "day_tip": "tip-1"}, {"seen": ["../../etc", "TIP", "tip 1", "x" * 500]},
]


@pytest.mark.parametrize("raw", DAMAGED, ids=range(len(DAMAGED)))
def test_damaged_state_reads_as_fresh(raw: object) -> None:
    assert RotationState.from_json(raw) == RotationState()


def test_a_damaged_field_keeps_the_good_ones() -> None:
    state = RotationState.from_json(
        {"version": 99, "seen": ["tip-1", 5, "tip-1"], "hidden": ["tip-2", None],
         "day": "yesterday", "day_tip": "tip-3", "unknown": {"field": True}}
    )
    assert state == RotationState(seen=("tip-1",), hidden=frozenset({"tip-2"}))


def test_garbage_in_the_store_gives_a_fresh_rotation(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    TipRotation(store, MADE_UP).for_posture_break(HER, NOW)
    store.close()
    with sqlite3.connect(tmp_path / DB_NAME) as db:  # what a damaged disk could leave
        db.execute("UPDATE settings SET value = ? WHERE key = ?", ("{not json", TIPS_KEY))
    db.close()
    again = store_at(tmp_path)
    rotation = TipRotation(again, MADE_UP)
    shown = [rotation.for_posture_break(HER, NOW) for _ in MADE_UP]
    ids = [t.id for t in shown if t is not None]
    assert sorted(ids) == sorted(t.id for t in MADE_UP)
    assert RotationState.from_json(again.get_setting(TIPS_KEY)).seen == tuple(ids)
    again.close()


def test_ids_from_an_older_advice_file_do_no_harm(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.set_setting(TIPS_KEY, {
        "seen": ["a-tip-since-removed", "tip-1"], "hidden": ["another-old-tip"],
        "day": TODAY.isoformat(), "day_tip": "a-tip-since-removed",
    })
    rotation = TipRotation(store, MADE_UP)
    day = rotation.of_the_day(HER, NOW)
    rest = [rotation.for_posture_break(HER, NOW) for _ in range(len(MADE_UP) - 2)]
    ids = [t.id for t in (day, *rest) if t is not None]
    assert sorted(ids) == sorted(t.id for t in MADE_UP if t.id != "tip-1")
    assert rotation.hidden() == frozenset({"another-old-tip"})  # kept, in case it comes back
    store.close()


# -- the property: no repeats until all are shown, whatever happens in between ---------------

OPS = st.lists(
    st.one_of(
        st.just(("break", 0)), st.just(("restart", 0)),
        st.tuples(st.just("day"), st.integers(0, 3)),
        st.tuples(st.just("hide"), st.integers(0, len(MADE_UP) - 1)),
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(OPS)
def test_no_tip_repeats_before_every_other_has_been_shown(ops: list[tuple[str, int]]) -> None:
    order = fitting_tips(MADE_UP, HER, TODAY)
    state, today, picks = RotationState(), TODAY, []
    for op, n in ops:
        before = state
        if op == "restart":
            state = RotationState.from_json(json.dumps(state.to_json()))
            assert state == before
            continue
        if op == "hide":
            state = RotationState(state.seen, state.hidden | {MADE_UP[n].id}, state.day,
                                  state.day_tip)
            continue
        if op == "break":
            shown, state = advance(state, order)
        else:
            today += timedelta(days=n)
            shown, state = tip_of_the_day(state, order, today)
            if n == 0 and before.day == today and before.day_tip not in before.hidden:
                assert shown is not None and shown.id == before.day_tip
        assert shown is None or shown.id not in state.hidden
        if state.seen != before.seen and shown is not None:
            picks.append((shown.id, state.hidden))
    # between two showings of one tip, every tip not hidden by then has been shown
    for j, (tip_id, hidden) in enumerate(picks):
        earlier = [i for i in range(j) if picks[i][0] == tip_id]
        if earlier:
            between = {p for p, _ in picks[earlier[-1]:j]}
            assert between >= {t.id for t in order} - hidden
