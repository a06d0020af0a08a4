"""The safety content: what ships, how it is tied to the ledger, and how bad files are treated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcare.core.content import load_advice
from backcare.core.countries import country_for, load_countries
from backcare.core.ledger import SEED_FILES, check_links, load_ledger
from backcare.core.safety import (
    CRISIS_SIGNS,
    NUMBER_WORDS,
    URGENCIES,
    Safety,
    citations,
    for_country,
    load_safety,
    red_flag_lines,
    source_labels,
    sources_text,
    stop_sign_lines,
)
from backcare.paths import resources_dir, seeds_dir
from tests.core.test_content import _our_texts

SAFETY = resources_dir() / "safety.toml"
LEDGER = seeds_dir() / "facts.toml"
COUNTRIES = load_countries(resources_dir() / "countries.toml")[0]


@pytest.fixture(scope="module")
def safety() -> Safety:
    loaded, problems = load_safety(SAFETY)
    assert [p.sentence() for p in problems] == []
    assert loaded is not None
    return loaded


@pytest.fixture(scope="module")
def ledger():
    loaded, problems = load_ledger(LEDGER, SEED_FILES)
    assert problems == ()
    return loaded


def _words(group) -> str:
    return " ".join(sign.text for sign in group).lower()


# --- the shipped content -------------------------------------------------------------------------


def test_groups_come_in_order_of_urgency_and_each_has_signs(safety: Safety) -> None:
    assert [g.urgency for g in safety.groups] == list(URGENCIES)
    assert len(safety.emergency) >= 6 and len(safety.urgent) >= 6 and len(safety.stop_signs) >= 6
    assert all(sign.urgency == "emergency" for sign in safety.emergency)
    assert all(sign.urgency == "urgent" for sign in safety.urgent)
    assert all(sign.urgency == "stop" for sign in safety.stop_signs)
    assert "112" in safety.emergency.action and "911" in safety.emergency.action
    gb = for_country(safety, country_for("GB", COUNTRIES))
    assert gb.emergency.title == "Call 999 now"
    assert "999" in gb.emergency.action and "A&E" in gb.emergency.action
    assert "NHS 111" in gb.urgent.action and "midwife" in gb.urgent.action


# --- in her country's words ----------------------------------------------------------------------


def test_the_gb_rendering_gives_the_uk_numbers_and_every_sign(safety: Safety) -> None:
    gb = for_country(safety, country_for("GB", COUNTRIES))
    assert [s.id for s in gb.signs()] == [s.id for s in safety.signs()]
    assert gb.stop_signs == safety.stop_signs
    for old, new in zip(safety.signs(), gb.signs(), strict=True):
        local = old.text.replace(NUMBER_WORDS, "999")
        assert new.text.startswith(local) and new.sources == old.sources
        assert (new.text != local) == (old.id in CRISIS_SIGNS)
    assert all("Samaritans 116 123" in s.text for s in gb.signs() if s.id in CRISIS_SIGNS)
    one_leg = next(s for s in gb.signs() if s.id == "urgent-one-leg")
    assert one_leg.text.endswith("If you also feel breathless or have chest pain, call 999.")


def test_the_content_names_no_countrys_number_or_service(safety: Safety) -> None:
    """The words of one health service (NHS) are not the words of every country: the files
    say "the emergency number", "your doctor", "the emergency department", and her country's
    numbers and places are put in when it is shown."""
    tips, _ = load_advice(resources_dir() / "advice.toml")
    texts = [safety.disclaimer, *(g.title + " " + g.action for g in safety.groups),
             *(s.text for s in safety.signs()), safety.setback.text, *safety.setback.care,
             *(t.text for t in tips)]
    local = re.compile(r"\b(999|111|112|911|000|GP|A&E|NHS|health visitor)\b")
    assert [t for t in texts if local.search(t) and "112 in most of Europe" not in t] == []
    assert sum(NUMBER_WORDS in t for t in texts) >= 5


def test_another_country_names_its_numbers_and_no_uk_ones(safety: Safety) -> None:
    au = for_country(safety, country_for("AU", COUNTRIES))
    assert au.emergency.title == "Call 000 now"
    assert "000" in au.emergency.action and "the emergency department" in au.emergency.action
    assert "healthdirect 1800 022 222" in au.urgent.action and "call 000" in au.urgent.action
    words = " ".join([g.title + " " + g.action for g in au.groups] + [s.text for s in au.signs()])
    assert "999" not in words and "A&E" not in words and "NHS" not in words
    assert "call 000" in " ".join(s.text for s in au.urgent)  # "call 999" in a sign became 000
    assert all("Lifeline 13 11 14" in s.text for s in au.signs() if s.id in CRISIS_SIGNS)


def test_a_country_without_an_urgent_or_crisis_line_gets_neutral_words(safety: Safety) -> None:
    it = for_country(safety, country_for("IT", COUNTRIES))
    assert "your doctor or midwife" in it.urgent.action and "call 112" in it.urgent.action
    assert [s.text for s in it.signs() if s.id in CRISIS_SIGNS] == [
        s.text for s in safety.signs() if s.id in CRISIS_SIGNS
    ]
    ireland = for_country(safety, country_for("IE", COUNTRIES))
    assert "999 works too" in ireland.emergency.action and "A&E" in ireland.emergency.action


def test_an_unknown_country_gets_the_local_emergency_number(safety: Safety) -> None:
    neutral = for_country(safety, country_for(None, COUNTRIES))
    assert neutral.emergency.title == "Call your local emergency number now"
    for number in ("112", "911", "999", "000"):
        assert number in neutral.emergency.action
    assert "your doctor or midwife" in neutral.urgent.action
    signs = " ".join(s.text for s in neutral.signs())
    assert "999" not in signs and "call your local emergency number" in signs


def test_emergency_signs_cover_the_postnatal_and_back_pain_red_flags(safety: Safety) -> None:
    words = _words(safety.emergency)
    for sign in (
        "heavy bleeding",
        "faint",
        "chest pain",
        "breathless",
        "sepsis",
        "fit",
        "genitals or bottom",
        "bladder or bowels",
        "both legs",
        "harming yourself or your baby",
        "hearing things",
        "worst you have ever had",
    ):
        assert sign in words, sign
    # Small leaks are common after birth: the bladder sign must not frighten her about those.
    assert "small leaks" in words


def test_same_day_signs_cover_infection_wounds_clots_and_headaches(safety: Safety) -> None:
    words = _words(safety.urgent)
    for sign in (
        "38°c",
        "caesarean wound",
        "stitches",
        "one leg",
        "calf",
        "pre-eclampsia",
        "epidural",
        "worse when you sit or stand",
        "bright red",
        "smells",
        "two weeks",
        "kidney infection",
        "wind or poo",
        "breathless when you lie flat",
        "pubic bone",
        "can't put weight on one leg",
    ):
        assert sign in words, sign


def test_stop_signs_cover_what_the_guidance_names(safety: Safety) -> None:
    words = _words(safety.stop_signs)
    for sign in (
        "pain gets worse",
        "sharp",
        "leak",
        "heaviness",
        "dome",
        "dizzy",
        "caesarean",
        "weak or unsteady",
    ):
        assert sign in words, sign


# Signs that can be urgent: each has one answer, in the more urgent group, never "just rest".
URGENT_TOPICS = {
    "bleeding": ("bleeding",),
    "a calf": ("calf",),
    "a headache": ("headache",),
    "wind or poo": ("wind or poo",),
}


def test_each_sign_has_one_action_the_more_urgent_one(safety: Safety) -> None:
    stop, urgent = _words(safety.stop_signs), _words(safety.emergency) + _words(safety.urgent)
    for topic, words in URGENT_TOPICS.items():
        assert not any(w in stop for w in words), f"{topic} is a stop sign"
        assert any(w in urgent for w in words), f"{topic} has no warning sign"
    texts = [" ".join(sign.text.lower().split()) for sign in safety.signs()]
    assert len(texts) == len(set(texts))  # no sign in two groups
    assert "they are warning signs above" in safety.stop_signs.action  # the stop group says so


def test_every_cards_stop_line_for_an_urgent_sign_points_to_get_help_today(
    safety: Safety,
) -> None:
    from backcare.core.content import load_exercises

    exercises, problems = load_exercises(resources_dir() / "exercises")
    assert problems == ()
    lines = [(e.id, line) for e in exercises for line in e.stop_if]
    pointed = [(x, line) for x, line in lines
               if any(w in line.lower() for ws in URGENT_TOPICS.values() for w in ws)]
    assert len(pointed) >= 8  # the bleeding line of every card that has one
    for exercise_id, line in pointed:
        assert line.lower().endswith("get help today."), (exercise_id, line)
    assert safety.urgent.title == "Get help today"


def test_disclaimer_says_it_is_not_medical_advice(safety: Safety) -> None:
    text = safety.disclaimer.lower()
    assert "not medical advice" in text
    assert "doctor" in text and "midwife" in text


def test_sign_ids_are_unique_and_name_their_group(safety: Safety) -> None:
    ids = [sign.id for sign in safety.signs()]
    assert len(ids) == len(set(ids))
    for sign in safety.signs():
        assert sign.id.startswith(f"{sign.urgency}-"), sign.id


# --- tied to the ledger --------------------------------------------------------------------------


def test_every_source_is_in_the_ledger(safety: Safety, ledger) -> None:
    known = ledger.ids()
    for item in citations(safety):
        assert item.sources, item.id
        assert set(item.sources) <= known, item.id


def test_cited_facts_list_the_sign_in_their_uses(safety: Safety, ledger) -> None:
    for item in citations(safety):
        for source in item.sources:
            fact = ledger.fact(source)
            if fact is not None:
                assert item.id in fact.uses, (item.id, fact.id)


def test_a_missing_source_fails_the_link_check(tmp_path: Path, ledger) -> None:
    text = SAFETY.read_text(encoding="utf-8").replace(
        'sources = ["G-POGP-FIT-SAFE"]', 'sources = ["G-NOT-IN-LEDGER"]', 1
    )
    path = tmp_path / "safety.toml"
    path.write_text(text, encoding="utf-8")
    broken, problems = load_safety(path)
    assert problems == () and broken is not None
    found = [p for p in check_links(ledger, LEDGER, citations(broken)) if p.file == path]
    assert len(found) == 1
    assert "G-NOT-IN-LEDGER" in found[0].sentence()
    assert found[0].field == "sign stop-doming.sources"


def test_the_no_copy_check_reads_the_safety_texts(safety: Safety) -> None:
    texts = [text for path, text in _our_texts() if path.name == "safety.toml"]
    setback = (safety.setback.text, *safety.setback.care)
    for expected in (safety.disclaimer, *setback, *(s.text for s in safety.signs())):
        assert expected in texts


def test_source_labels_name_publisher_and_title(ledger) -> None:
    labels = source_labels(ledger)
    assert labels["G-NHS-BACK-PAIN"] == "NHS: Back pain"
    assert labels["G-NICE-NG194"] == "NICE: NG194 Postnatal care (2021)"
    assert labels["G-POGP-FIT-SAFE"].startswith("POGP: ")
    # A seed fact is shown through the guidance it was checked against.
    assert "NHS: Epidural" in labels["F003-epidural-complications"]
    assert set(labels) == ledger.ids()


def test_sources_text_removes_repeats_and_never_hides_an_unknown_id() -> None:
    labels = {"A": "NHS: Back pain", "F": "NHS: Back pain; NICE: NG194"}
    assert sources_text(("A", "F", "X-UNKNOWN"), labels) == (
        "NHS: Back pain; NICE: NG194; X-UNKNOWN"
    )


# --- plain lines for other screens ---------------------------------------------------------------


def test_red_flag_lines_put_emergency_first_and_leave_out_stop_signs(safety: Safety) -> None:
    lines = red_flag_lines(safety)
    assert lines[0] == safety.emergency.title
    assert lines[1] == safety.emergency.action
    gap = lines.index("")
    assert lines[gap + 1] == safety.urgent.title
    emergency_lines = lines[2:gap]
    urgent_lines = lines[gap + 3 :]
    assert emergency_lines == [f"•  {s.text}" for s in safety.emergency]
    assert urgent_lines == [f"•  {s.text}" for s in safety.urgent]
    assert not any(s.text in line for s in safety.stop_signs for line in lines)


def test_stop_sign_lines(safety: Safety) -> None:
    lines = stop_sign_lines(safety)
    assert lines[:2] == [safety.stop_signs.title, safety.stop_signs.action]
    assert len(lines) == 2 + len(safety.stop_signs)


# --- bad files -----------------------------------------------------------------------------------

FRAME = """
[disclaimer]
text = "Not medical advice."

[groups.emergency]
title = "Call 999 now"
action = "Call."
[groups.urgent]
title = "Get help today"
action = "Call today."
[groups.stop]
title = "Stop exercising if"
action = "Stop."

[setback]
text = "Rest gently."
care = ["Walk a little.", "Keep warm."]
sources = ["G-NHS-BACK-PAIN"]
"""


def _sign(sign_id: str, urgency: str, sources: str = '["G-NHS-BACK-PAIN"]') -> str:
    return (
        f'\n[[sign]]\nid = "{sign_id}"\nurgency = "{urgency}"\ntext = "Some sign."\n'
        f"sources = {sources}\n"
    )


ALL_THREE = "".join(_sign(f"{u}-a", u) for u in ("emergency", "urgent", "stop"))


def _load(tmp_path: Path, text: str):
    path = tmp_path / "safety.toml"
    path.write_text(text, encoding="utf-8")
    return load_safety(path)


def test_a_small_good_file_loads(tmp_path: Path) -> None:
    safety, problems = _load(tmp_path, FRAME + ALL_THREE)
    assert problems == ()
    assert safety is not None
    assert [s.id for s in safety.signs()] == ["emergency-a", "urgent-a", "stop-a"]
    assert safety.setback.sources == ("G-NHS-BACK-PAIN",)
    assert safety.setback.care == ("Walk a little.", "Keep warm.")
    assert safety.setback.lines() == ["Rest gently.", "•  Walk a little.", "•  Keep warm."]


def test_a_bad_sign_is_dropped_and_reported_and_the_rest_kept(tmp_path: Path) -> None:
    text = (
        FRAME
        + ALL_THREE
        + _sign("emergency-b", "whenever")
        + _sign("urgent-b", "urgent", sources="[]")
        + _sign("emergency-a", "emergency")
    )
    safety, problems = _load(tmp_path, text)
    assert safety is not None
    assert [s.id for s in safety.signs()] == ["emergency-a", "urgent-a", "stop-a"]
    assert [p.field for p in problems] == ["sign[3].urgency", "sign[4].sources", "sign[5].id"]
    assert all("safety.toml" in p.sentence() for p in problems)
    assert "used twice" in problems[2].sentence()


def test_a_group_left_without_signs_is_reported(tmp_path: Path) -> None:
    text = FRAME + _sign("emergency-a", "emergency") + _sign("stop-a", "stop")
    safety, problems = _load(tmp_path, text)
    assert safety is not None and len(safety.urgent) == 0
    assert [p.sentence() for p in problems] == [
        "safety.toml, field 'sign': there is no usable 'urgent' sign."
    ]


@pytest.mark.parametrize(
    ("cut", "field"),
    [
        ('[disclaimer]\ntext = "Not medical advice."\n', "disclaimer"),
        ('[groups.urgent]\ntitle = "Get help today"\naction = "Call today."\n', "groups.urgent"),
        ('title = "Stop exercising if"\n', "groups.stop.title"),
        ('sources = ["G-NHS-BACK-PAIN"]\n', "setback.sources"),
        ('care = ["Walk a little.", "Keep warm."]\n', "setback.care"),
    ],
)
def test_a_missing_frame_part_gives_none_and_one_sentence(
    tmp_path: Path, cut: str, field: str
) -> None:
    assert cut in FRAME
    safety, problems = _load(tmp_path, FRAME.replace(cut, "", 1) + ALL_THREE)
    assert safety is None
    assert [p.field for p in problems] == [field]
    assert f"'{field}'" in problems[0].sentence()


def test_no_signs_at_all_is_reported(tmp_path: Path) -> None:
    safety, problems = _load(tmp_path, FRAME)
    assert safety is not None and safety.signs() == ()
    assert [p.field for p in problems] == ["sign"]


def test_broken_toml_and_a_missing_file_give_sentences(tmp_path: Path) -> None:
    safety, problems = _load(tmp_path, 'disclaimer = "oops\n')
    assert safety is None and "TOML" in problems[0].sentence()
    safety, problems = load_safety(tmp_path / "nowhere.toml")
    assert safety is None and "cannot be read" in problems[0].sentence()


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300) | st.sampled_from([FRAME, FRAME + ALL_THREE]).map(lambda s: s[:-9]))
def test_any_file_gives_a_result_or_sentences_never_an_exception(
    tmp_path: Path, text: str
) -> None:
    safety, problems = _load(tmp_path, text)
    assert safety is not None or problems
    assert all(p.sentence() for p in problems)


def test_an_ache_between_the_shoulders_alone_is_not_sent_to_a_doctor() -> None:
    """Issue 10: common after feeding; only chest pain, breathlessness or pain under the right
    ribs make pain there a reason for help (999 for the first two)."""
    from backcare.core.content import load_advice

    tips, _ = load_advice(resources_dir() / "advice.toml")
    tip = next(t for t in tips if t.id == "pain-not-from-back")
    assert "between your shoulders on its own is common" in tip.text
    assert "chest pain or breathlessness, call the emergency number" in tip.text
    assert "below your ribs on the right" in tip.text
    assert "pain high up between your shoulders, see your doctor" not in tip.text
