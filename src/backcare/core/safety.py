"""The safety content: warning signs, signs to stop exercising, the disclaimer and setback care.

It lives in ``resources/safety.toml`` (data, not code) so a midwife or physiotherapist can read
and correct every sentence, and so the same words reach the Safety page, the first-run wizard
and the "This made my back worse" notice. Every sign cites the facts ledger like any other
content; ``citations`` hands those to ``ledger.check_links``.

Loading never raises. A bad sign is left out and reported; the rest still loads, because a
page that shows seven of eight emergency signs is far safer than one that shows none. Only a
file that cannot be read at all, or lacks the disclaimer or a group's heading, gives ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from backcare.core import fields as f
from backcare.core.countries import Country
from backcare.core.ledger import Citing, Ledger
from backcare.core.problems import ContentProblem, Invalid

# In the order the page shows them: what cannot wait comes first.
URGENCIES = ("emergency", "urgent", "stop")


@dataclass(frozen=True)
class Sign:
    """One warning sign, in our words, with how urgent it is and the ledger ids it rests on."""

    id: str
    text: str
    urgency: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class SignGroup:
    """A heading ("Call 999 now"), what to do (``action``) and the signs it covers, in file
    order. Iterating a group gives its signs, so ``for sign in safety.emergency`` reads well."""

    urgency: str
    title: str
    action: str
    signs: tuple[Sign, ...]

    def __iter__(self) -> Iterator[Sign]:
        return iter(self.signs)

    def __len__(self) -> int:
        return len(self.signs)


@dataclass(frozen=True)
class SetbackCare:
    """The rest-and-care advice shown after "This made my back worse": a kind opening line,
    short points of care (each one thing to do), and the ledger ids they rest on."""

    text: str
    care: tuple[str, ...]
    sources: tuple[str, ...]

    def lines(self) -> list[str]:
        return [self.text, *(f"•  {point}" for point in self.care)]


@dataclass(frozen=True)
class Safety:
    """The Safety page's content: disclaimer, warning signs in three groups, setback care."""

    disclaimer: str
    emergency: SignGroup
    urgent: SignGroup
    stop_signs: SignGroup
    setback: SetbackCare
    file: Path

    @property
    def groups(self) -> tuple[SignGroup, SignGroup, SignGroup]:
        """Emergency, then urgent, then stop signs: the order every screen uses."""
        return (self.emergency, self.urgent, self.stop_signs)

    def signs(self) -> tuple[Sign, ...]:
        return tuple(sign for group in self.groups for sign in group)


def _parse_sign(data: Mapping[str, Any], prefix: str) -> Sign:
    return Sign(
        id=f.slug(data, "id", prefix),
        text=f.text(data, "text", prefix),
        urgency=f.choice(data, "urgency", URGENCIES, prefix),
        sources=f.texts(data, "sources", prefix, min_items=1),
    )


def _parse_head(data: Mapping[str, Any], urgency: str) -> tuple[str, str]:
    groups = f.table(data, "groups")
    head = f.table(groups, urgency, "groups")
    prefix = f"groups.{urgency}"
    return f.text(head, "title", prefix), f.text(head, "action", prefix)


def _parse_frame(data: Mapping[str, Any]) -> tuple[str, dict[str, tuple[str, str]], SetbackCare]:
    """Everything but the signs; raises Invalid for the first missing or bad part."""
    disclaimer = f.text(f.table(data, "disclaimer"), "text", "disclaimer")
    heads = {urgency: _parse_head(data, urgency) for urgency in URGENCIES}
    setback = f.table(data, "setback")
    care = SetbackCare(
        text=f.text(setback, "text", "setback"),
        care=f.texts(setback, "care", "setback", min_items=1),
        sources=f.texts(setback, "sources", "setback", min_items=1),
    )
    return disclaimer, heads, care


def load_safety(path: Path) -> tuple[Safety | None, tuple[ContentProblem, ...]]:
    """The safety content and one problem per bad part; never raises.

    Bad signs are dropped and reported, the others kept. ``None`` only when the file cannot
    be read or its disclaimer, group headings or setback care are missing: without those
    the page could not say what to do.
    """
    data, problem = f.read_toml(path)
    if problem is not None:
        return None, (problem,)
    assert data is not None
    try:
        disclaimer, heads, care = _parse_frame(data)
    except Invalid as exc:
        return None, (ContentProblem(path, exc.field, exc.message),)
    problems: list[ContentProblem] = []
    try:
        entries = f.tables(data, "sign", min_items=1)
    except Invalid as exc:
        problems.append(ContentProblem(path, exc.field, exc.message))
        entries = []
    by_urgency: dict[str, list[Sign]] = {urgency: [] for urgency in URGENCIES}
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        prefix = f"sign[{i}]"
        try:
            sign = _parse_sign(entry, prefix)
            if sign.id in seen:
                raise Invalid(f"{prefix}.id", f"'{sign.id}' is used twice.")
        except Invalid as exc:
            problems.append(ContentProblem(path, exc.field, exc.message))
            continue
        seen.add(sign.id)
        by_urgency[sign.urgency].append(sign)
    if entries:
        for urgency, signs in by_urgency.items():
            if not signs:
                problems.append(
                    ContentProblem(path, "sign", f"there is no usable '{urgency}' sign.")
                )
    groups = {
        urgency: SignGroup(urgency, *heads[urgency], tuple(by_urgency[urgency]))
        for urgency in URGENCIES
    }
    safety = Safety(
        disclaimer=disclaimer,
        emergency=groups["emergency"],
        urgent=groups["urgent"],
        stop_signs=groups["stop"],
        setback=care,
        file=path,
    )
    return safety, tuple(problems)


# ----- in her country's words -------------------------------------------------------------------

# The group headings and actions are built here, not read from safety.toml: each sentence is
# mostly numbers and places from countries.toml, and building them in one function keeps the
# wording the same for every country. The stop group names no number and stays as written.
# The content says "the emergency number" wherever a sign or tip needs one, so no country's
# number is written into it; ``local_words`` puts hers in. The two mood signs gain her crisis
# line.
NUMBER_WORDS = "the emergency number"
_NUMBER_WORDS = re.compile(rf"\b{NUMBER_WORDS}\b")
CRISIS_SIGNS = ("emergency-self-harm", "urgent-low-mood")


def _emergency_words(country: Country) -> tuple[str, str, str]:
    """The number as a sentence names it, the heading, and the action for the emergency group."""
    if country.emergency is None:
        number = "your local emergency number"
        aside = "; ".join(country.hints)
    else:
        number = country.emergency
        aside = country.also or ""
    called = f"{number} ({aside})" if aside else number
    action = (
        f"If you have any of these, call {called} straight away, or go to "
        f"{country.care_place}. Don't wait to see if it passes, and don't drive yourself."
    )
    return number, f"Call {number} now", action


def _urgent_action(country: Country, number: str) -> str:
    who = "your doctor or midwife"
    if country.urgent:
        who = f"your midwife, doctor or {country.urgent}"
    return (
        f"If you have any of these, call {who} the same day. Don't wait for your next check-up. "
        f"If things get worse quickly, call {number}."
    )


def local_words(text: str, country: Country) -> str:
    """``text`` with "the emergency number" as her country calls it ("call 120"), or "your
    local emergency number" where her country is not known. For signs and advice alike."""
    return _NUMBER_WORDS.sub(country.emergency or "your local emergency number", text)


def _sign_for(sign: Sign, country: Country) -> Sign:
    text = local_words(sign.text, country)
    if country.crisis and sign.id in CRISIS_SIGNS:
        text = f"{text} You can also talk to someone now: {country.crisis}."
    return sign if text == sign.text else replace(sign, text=text)


def for_country(safety: Safety, country: Country) -> Safety:
    """The safety content with the headings, actions and numbers of her country.

    Pure: the same signs in the same order, only the words that name a number or a place
    change. The neutral fallback (no known number) says "your local emergency number" and
    lists the common numbers, so no one is told a number that does not work where she is.
    """
    number, title, action = _emergency_words(country)

    def group(old: SignGroup, title: str, action: str) -> SignGroup:
        signs = tuple(_sign_for(sign, country) for sign in old)
        return replace(old, title=title, action=action, signs=signs)

    return replace(
        safety,
        emergency=group(safety.emergency, title, action),
        urgent=group(safety.urgent, safety.urgent.title, _urgent_action(country, number)),
        stop_signs=group(safety.stop_signs, safety.stop_signs.title, safety.stop_signs.action),
    )


# ----- for other screens and for the ledger -------------------------------------------------------


def _group_lines(group: SignGroup) -> list[str]:
    return [group.title, group.action, *(f"•  {sign.text}" for sign in group)]


def red_flag_lines(safety: Safety) -> list[str]:
    """Plain-text lines for the warning signs (emergency first, then same-day), e.g. for the
    first-run wizard: per group its title, what to do, then one "•  " line per sign, with an
    empty line between the two groups."""
    return [*_group_lines(safety.emergency), "", *_group_lines(safety.urgent)]


def stop_sign_lines(safety: Safety) -> list[str]:
    """Plain-text lines for the signs to stop exercising, in the same shape."""
    return _group_lines(safety.stop_signs)


SETBACK_CITING_ID = "setback-care"


def citations(safety: Safety) -> list[Citing]:
    """Everything in the safety file that cites the ledger, for ``ledger.check_links``."""
    items = [
        Citing(sign.id, safety.file, f"sign {sign.id}.sources", sign.sources)
        for sign in safety.signs()
    ]
    items.append(
        Citing(SETBACK_CITING_ID, safety.file, "setback.sources", safety.setback.sources)
    )
    return items


SHORT_TITLE = 45


def _short_publisher(publisher: str) -> str:
    """"National Institute ... (NICE)" -> "NICE"; "NHS (nhs.uk)" -> "NHS"."""
    abbreviation = re.search(r"\(([A-Z]{2,})\)", publisher)
    if abbreviation:
        return abbreviation.group(1)
    return publisher.split(" (")[0].strip()


def _short_title(title: str) -> str:
    """A long title up to its first ": " or " / ": "Committee Opinion No. 804: Physical…" ->
    "Committee Opinion No. 804". Enough to find it; the ledger keeps the full title."""
    if len(title) <= SHORT_TITLE:
        return title
    head = re.split(r": | / ", title, maxsplit=1)[0].strip()
    return head if len(head) >= 10 else title


def source_labels(ledger: Ledger) -> dict[str, str]:
    """A short label for every ledger id, for showing where a sign comes from.

    Guidance becomes "NHS: Back pain". A seed fact is shown through the guidance it was
    checked against (the seed notes themselves are not something she can look up), or as
    "Back Care seed notes" when it names none. An app choice says it is Back Care's own, so a
    number the app chose never passes for the guidance its reason leans on.
    """
    labels = {
        g.id: f"{_short_publisher(g.publisher)}: {_short_title(g.title)}"
        for g in ledger.guidance
    }
    for fact in ledger.facts:
        checked = [labels[g] for g in fact.guidance if g in labels]
        labels[fact.id] = "; ".join(checked) if checked else "Back Care seed notes"
    for choice in ledger.choices:
        leans = "; ".join(labels[g] for g in choice.guidance if g in labels)
        own = "Back Care's own choice"
        labels[choice.id] = f"{own} ({leans})" if leans else own
    return labels


def sources_text(sources: tuple[str, ...], labels: Mapping[str, str]) -> str:
    """"NHS: Back pain; NICE: NG194 Postnatal care (2021)" with repeats removed; an id with no
    label is shown as itself, so a missing label can never hide a source."""
    parts: list[str] = []
    for source in sources:
        for part in labels.get(source, source).split("; "):
            if part not in parts:
                parts.append(part)
    return "; ".join(parts)
