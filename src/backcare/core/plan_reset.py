"""What importing a settings file would reset: her details that the file leaves out.

An empty or half-written settings file is valid (every key has a default), so importing it
would quietly put her baby's birth date, the type of birth or her quiet times back to "not
said". ``details_lost`` names what would go, so the caller asks before replacing them: an
explicit choice, not a surprise. Pure: two plans in, a list of plain names out.
"""

from __future__ import annotations

from dataclasses import replace

from backcare.core.plan import Plan, Profile, default_plan

# Her own details, each with the words that name it in a sentence ("your baby's birth date").
_PROFILE_DETAILS: tuple[tuple[str, str], ...] = (
    ("birth_date", "your baby's birth date"),
    ("birth_type", "the type of birth"),
    ("breastfeeding", "whether you are breastfeeding"),
    ("postnatal_check", "whether you have had your postnatal check"),
    ("complicated_birth", "the answer about a deep tear or a complicated birth"),
    ("country", "your country"),
    ("diet_calcium_mg", "your calcium from food"),
)


def details_lost(current: Plan, imported: Plan) -> list[str]:
    """The names of her details that ``current`` holds and ``imported`` puts back to their
    default, in a fixed order; empty when the import keeps or changes them all."""
    blank = Profile()
    lost = [
        words for key, words in _PROFILE_DETAILS
        if getattr(current.profile, key) != getattr(blank, key)
        and getattr(imported.profile, key) == getattr(blank, key)
    ]
    if current.quiet != default_plan().quiet and imported.quiet == default_plan().quiet:
        lost.append("your quiet times")
    return lost


def lost_sentence(lost: list[str]) -> str:
    """"your baby's birth date, the type of birth and your quiet times"."""
    return lost[0] if len(lost) == 1 else ", ".join(lost[:-1]) + " and " + lost[-1]


def keep_details(current: Plan, imported: Plan) -> Plan:
    """``imported`` with the details it would reset (``details_lost``) taken from ``current``:
    the rest of the file is used, her own details stay."""
    blank = Profile()
    kept = {
        key: getattr(current.profile, key) for key, _ in _PROFILE_DETAILS
        if getattr(imported.profile, key) == getattr(blank, key)
    }
    profile = replace(imported.profile, **kept)
    quiet = current.quiet if imported.quiet == default_plan().quiet else imported.quiet
    return replace(imported, profile=profile, quiet=quiet)
