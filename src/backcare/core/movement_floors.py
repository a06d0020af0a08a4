"""The floors for risky movements: the earliest week after birth each may be offered.

Kept apart from the exercise library (``content``) because these are rules in code that police
the data, not data: the birth types, the vocabulary of movements an exercise file may name, and
the week before which a file naming a risky one (sit-ups, lifting both legs while lying on the
back, planks, hard tummy work) is refused on load. A reviewer of the safety rules reads this
file alone; ``content`` re-exports its names for the code that imports them from there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from backcare.core.problems import Invalid

if TYPE_CHECKING:
    from backcare.core.content import EarliestWeek

# The types of birth an exercise's earliest week is given for, least to most careful. An
# assisted birth (forceps or vacuum) is a vaginal birth that often leaves stitches, bruising and
# a more stretched pelvic floor, so its week lies between the other two (checked on load).
BIRTH_TYPES = ("vaginal", "assisted", "caesarean")
CAREFUL_BIRTH_TYPE = "caesarean"

# What an exercise asks of the body, so safety rules can be written once per movement instead of
# once per exercise. Every exercise file lists its movements from this vocabulary.
MOVEMENTS: dict[str, str] = {
    "breathing": "deep, slow breathing",
    "pelvic-floor-squeeze": "squeezing and lifting the pelvic floor",
    "standing": "standing still",
    "walking": "walking or stepping",
    "self-massage": "rubbing or pressing your own back",
    "lying-on-back": "lying on your back",
    "lying-face-down": "lying on your front",
    "all-fours": "kneeling on hands and knees",
    "sitting-on-ball": "sitting on an exercise ball",
    "hip-lift": "lifting your hips off the floor",
    "single-leg-lift": "lifting one leg against gravity",
    "double-leg-lift": "lifting both legs while lying on your back",
    "sit-up": "sitting up or curling up from lying (sit-ups, crunches)",
    "plank": "holding your body straight, supported on hands or forearms",
    "loaded-abdominal": "hard work for the tummy muscles",
}


@dataclass(frozen=True)
class MovementFloor:
    """The earliest week after birth, by birth type, at which a risky movement may be offered.

    Floors live in code, not in the data they police: a mistyped week in an exercise file is
    refused on load, so no edit to ``resources/`` can offer sit-ups or double leg lifts early.
    """

    movement: str
    vaginal: int
    assisted: int
    caesarean: int
    why: str
    sources: tuple[str, ...]

    def for_birth(self, birth_type: str | None) -> int:
        return week_for(birth_type, self.vaginal, self.assisted, self.caesarean)


# POGP "Fit and Safe" (G-POGP-FIT-SAFE): avoid sit-ups and crunches early on, and no hard tummy
# work before about 12 weeks, later after a caesarean (G-NHS-CAESAREAN: about six weeks to
# recover, often longer). Seed 004 agrees that sit-ups are not advised after birth
# (F004-no-sit-ups, F004-sit-ups-pressure). We read "later" as four weeks later.
_HARD_TUMMY_WHY = (
    "POGP guidance is to leave hard tummy work until about 12 weeks after birth, and longer "
    "after a caesarean, while the tummy muscles and pelvic floor recover."
)
MOVEMENT_FLOORS: dict[str, MovementFloor] = {
    floor.movement: floor
    for floor in (
        MovementFloor(
            "sit-up",
            12,
            12,
            16,
            "Sit-ups and crunches push up the pressure inside the tummy and press down on the "
            "pelvic floor; POGP guidance and seed 004 both advise against them early on.",
            ("G-POGP-FIT-SAFE", "F004-no-sit-ups", "F004-sit-ups-pressure", "G-NHS-CAESAREAN"),
        ),
        MovementFloor(
            "double-leg-lift",
            12,
            12,
            16,
            "Lifting both legs while lying on your back loads the tummy and pelvic floor as "
            "hard as a sit-up. " + _HARD_TUMMY_WHY,
            ("G-POGP-FIT-SAFE", "G-NHS-CAESAREAN"),
        ),
        MovementFloor("plank", 12, 12, 16, _HARD_TUMMY_WHY, ("G-POGP-FIT-SAFE", "G-NHS-CAESAREAN")),
        MovementFloor(
            "loaded-abdominal", 12, 12, 16, _HARD_TUMMY_WHY, ("G-POGP-FIT-SAFE", "G-NHS-CAESAREAN")
        ),
    )
}


def week_for(birth_type: str | None, vaginal: int, assisted: int, caesarean: int) -> int:
    """The week for ``birth_type``; anything unknown (or None) gets the most careful week."""
    if birth_type == "vaginal":
        return vaginal
    if birth_type == "assisted":
        return assisted
    return caesarean


def check_floors(week: EarliestWeek, movements: tuple[str, ...]) -> None:
    """Refuse a file that would offer a risky movement before its floor, naming both weeks."""
    for movement in movements:
        floor = MOVEMENT_FLOORS.get(movement)
        if floor is None:
            continue
        for birth_type in BIRTH_TYPES:
            have, need = week.for_birth(birth_type), floor.for_birth(birth_type)
            if have < need:
                raise Invalid(
                    f"earliest_week.{birth_type}",
                    f"is week {have}, but this exercise involves {MOVEMENTS[movement]} "
                    f"('{movement}'), which must wait until at least week {need} after "
                    f"a{'n' if birth_type[0] in 'aeiou' else ''} {birth_type} birth.",
                )
