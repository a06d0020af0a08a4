"""The "Your back" page's sections: which tip goes under which heading, and what each says of
where it comes from. Pure: no Qt here, so the grouping is tested without a window.

The page reads in the order a mother would want the story told: first why her back hurts, then
what to do about it in an ordinary day (how she stands, sits and lifts), then the two jobs that
load the back most (feeding and baby care), then rest and comfort, then exercise. The warning
signs come last, in a section of their own ("When to get help"): the page promises every tip
(issue 15), and a tip that says "see a physiotherapist if it does not ease" belongs beside the
advice it completes, but not mixed into it, where it would read as one more habit. The Safety
page keeps the full list of signs; the last section points there.

A tip's ``topic`` decides its group; a few tips are placed by id where their topic is too broad:
- ``exercise-helps`` and ``no-sit-ups`` are "about" tips, but they say what exercise does and
  which to leave out: "When exercise helps".
- ``baby-care-height`` is a posture tip about the changing table and the bath: "Feeding and
  baby care", beside the feeding posture.
- ``getting-out-of-bed`` is filed under "rest" (it happens at the bed), but it teaches a way to
  move, many times a day, like lifting: "Everyday posture and lifting".
Topics that need a decision, decided here once:
- ``footwear`` (heels tip her weight forwards) is about how she stands: everyday posture.
- ``diet`` (eating well, calcium) is about looking after herself while she recovers, like rest:
  "Rest and comfort", whose intro says so. It is not a way of feeding the baby.
A topic this module does not know (a new one in ``content.ADVICE_TOPICS``) falls into everyday
posture, so no tip is ever left off the page; a test keeps every known topic mapped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from backcare.core.content import Tip
from backcare.core.ledger import Ledger
from backcare.core.safety import sources_text


class TipGroup(Enum):
    """A section of the "Your back" page, in the order the page shows them."""

    WHY_IT_HURTS = "why-it-hurts"
    POSTURE_AND_LIFTING = "posture-and-lifting"
    FEEDING_AND_BABY_CARE = "feeding-and-baby-care"
    REST_AND_COMFORT = "rest-and-comfort"
    EXERCISE_HELPS = "exercise-helps"
    GET_HELP = "get-help"

    @property
    def title(self) -> str:
        """The section's heading on the page."""
        return TITLES[self]

    @property
    def intro(self) -> str:
        """One line under the heading: what the section is for."""
        return INTROS[self]


TITLES: Mapping[TipGroup, str] = {
    TipGroup.WHY_IT_HURTS: "Why it hurts",
    TipGroup.POSTURE_AND_LIFTING: "Everyday posture and lifting",
    TipGroup.FEEDING_AND_BABY_CARE: "Feeding and baby care",
    TipGroup.REST_AND_COMFORT: "Rest and comfort",
    TipGroup.EXERCISE_HELPS: "When exercise helps",
    TipGroup.GET_HELP: "When to get help",
}

INTROS: Mapping[TipGroup, str] = {
    TipGroup.WHY_IT_HURTS: "What pregnancy, birth and caring for a baby do to your back.",
    TipGroup.POSTURE_AND_LIFTING: "How you stand, sit and lift, many times a day.",
    TipGroup.FEEDING_AND_BABY_CARE: "The jobs that bend your back most, made easier on it.",
    TipGroup.REST_AND_COMFORT: "Rest, warmth and good food while your body recovers.",
    TipGroup.EXERCISE_HELPS: "What exercise does for your back, and what to leave for later.",
    TipGroup.GET_HELP: "Pain that needs a check. The Safety page lists every warning sign.",
}

TOPIC_GROUPS: Mapping[str, TipGroup] = {
    "about": TipGroup.WHY_IT_HURTS,
    "posture": TipGroup.POSTURE_AND_LIFTING,
    "lifting": TipGroup.POSTURE_AND_LIFTING,
    "sitting": TipGroup.POSTURE_AND_LIFTING,
    "footwear": TipGroup.POSTURE_AND_LIFTING,
    "feeding": TipGroup.FEEDING_AND_BABY_CARE,
    "rest": TipGroup.REST_AND_COMFORT,
    "warmth": TipGroup.REST_AND_COMFORT,
    "diet": TipGroup.REST_AND_COMFORT,
    "get-help": TipGroup.GET_HELP,
}

# Tips whose topic is too broad for them (see the module docstring), by id.
TIP_GROUPS: Mapping[str, TipGroup] = {
    "exercise-helps": TipGroup.EXERCISE_HELPS,
    "no-sit-ups": TipGroup.EXERCISE_HELPS,
    "baby-care-height": TipGroup.FEEDING_AND_BABY_CARE,
    "getting-out-of-bed": TipGroup.POSTURE_AND_LIFTING,
}

FALLBACK_GROUP = TipGroup.POSTURE_AND_LIFTING


def group_of(tip: Tip) -> TipGroup:
    """The one section ``tip`` is shown in."""
    return TIP_GROUPS.get(tip.id) or TOPIC_GROUPS.get(tip.topic, FALLBACK_GROUP)


def grouped(tips: Iterable[Tip]) -> tuple[tuple[TipGroup, tuple[Tip, ...]], ...]:
    """Every tip under its section, the sections in page order (empty ones left out), the tips
    in each in their file order: the file tells the story in the order it is best read."""
    by_group: dict[TipGroup, list[Tip]] = {group: [] for group in TipGroup}
    for tip in tips:
        by_group[group_of(tip)].append(tip)
    return tuple((group, tuple(found)) for group, found in by_group.items() if found)


@dataclass(frozen=True)
class TipSources:
    """Where a tip comes from, in plain words: ``text`` names the guidance ("NHS: Back pain in
    pregnancy; POGP: Fit and Safe"), and ``changed`` says the seed notes behind it were used
    with a change (the ledger's "changed" status), so a reader never takes our kinder or safer
    wording for the seed's own."""

    text: str
    changed: bool


CHANGED_NOTE = (
    "We changed some of what the seed notes say, to follow current guidance or to put it "
    "more kindly."
)


def tip_sources(tip: Tip, labels: Mapping[str, str], ledger: Ledger | None) -> TipSources:
    """``tip``'s sources as words (``labels`` from ``core.safety.source_labels``; an id with no
    label is shown as itself) and whether any seed fact it rests on was used with a change."""
    changed = ledger is not None and any(
        (fact := ledger.fact(source)) is not None and fact.status == "changed"
        for source in tip.sources
    )
    return TipSources(sources_text(tip.sources, labels), changed)
