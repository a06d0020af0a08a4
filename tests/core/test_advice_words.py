"""Every tip is in our own words: no run of eight words in a row is shared with a seed document.

The seeds live outside the repository (../shared/seeds), so a fresh CI checkout has no copy of
them. The check therefore runs against a fingerprint of the seeds, ``seed_word_runs.txt`` next
to this file: one short hash per eight-word run, which gives away no seed text. Where the seeds
are present, the runs are taken from them directly and the fingerprint must match them, so it
cannot go stale. To rebuild it after a seed changes:

    .venv/bin/python -m tests.core.test_advice_words
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pytest

from backcare.core.content import Tip, load_advice
from backcare.paths import resources_dir

RUN = 8
SHARED_SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
FINGERPRINT = Path(__file__).with_name("seed_word_runs.txt")
# Apostrophes join a word ("don't", "don’t" -> "dont") rather than split it, so a curly and a
# straight apostrophe read the same.
APOSTROPHES = "'\u2018\u2019\u02bc"


def words(text: str) -> list[str]:
    """The text as lower-case words, with case, punctuation and typographic quotes ignored."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(f"[{APOSTROPHES}]", "", text)
    return re.findall(r"[a-z0-9]+", text)


def runs(text: str, size: int = RUN) -> set[str]:
    """Every run of ``size`` words in a row, each joined by single spaces."""
    w = words(text)
    return {" ".join(w[i : i + size]) for i in range(len(w) - size + 1)}


def digest(run: str) -> str:
    """A short hash of one run: enough to tell runs apart, too little to read a seed from."""
    return hashlib.blake2b(run.encode("utf-8"), digest_size=6).hexdigest()


def seed_digests(seed_files: Iterable[Path]) -> set[str]:
    return {digest(r) for path in seed_files for r in runs(path.read_text(encoding="utf-8"))}


def shared_seed_files() -> list[Path]:
    return sorted(SHARED_SEEDS.glob("*.txt")) if SHARED_SEEDS.is_dir() else []


def known_seed_digests() -> set[str]:
    """From the seeds themselves when they are here, otherwise from the committed fingerprint."""
    files = shared_seed_files()
    if files:
        return seed_digests(files)
    return set(FINGERPRINT.read_text(encoding="utf-8").split())


def tip_texts(tip: Tip) -> list[tuple[str, str]]:
    """What a tip puts in front of her: its title, its text and its figures' captions."""
    parts = [("title", tip.title), ("text", tip.text)]
    parts += [(f"figure {f.pose} caption", f.caption) for f in tip.figures]
    return parts


def copied_runs(tips: Iterable[Tip], seeds: set[str]) -> list[str]:
    return [
        f"{tip.id} {field}: '{run}'"
        for tip in tips
        for field, text in tip_texts(tip)
        for run in sorted(runs(text))
        if digest(run) in seeds
    ]


# --- the helpers ---------------------------------------------------------------------------------


def test_words_ignore_case_punctuation_and_curly_apostrophes() -> None:
    assert words("Don’t  LIFT—anything, \u201cheavy\u201d!") == [
        "dont",
        "lift",
        "anything",
        "heavy",
    ]
    assert words("don't") == words("Don\u2019t") == ["dont"]


def test_a_copied_run_is_found_through_case_and_punctuation() -> None:
    seeds = {digest(r) for r in runs("You should stand up every two hours to stretch your waist.")}
    tip = Tip(
        id="t",
        title="T",
        text="So: STAND up, every two hours, and stretch your back.",
        topic="sitting",
        sources=(),
    )
    assert copied_runs([tip], seeds) == []
    copying = Tip(
        id="c",
        title="C",
        text="Please, stand up every two hours to stretch your waist!",
        topic="sitting",
        sources=(),
    )
    assert copied_runs([copying], seeds) == [
        "c text: 'stand up every two hours to stretch your'",
        "c text: 'up every two hours to stretch your waist'",
    ]


def test_a_run_of_seven_is_allowed() -> None:
    seeds = {digest(r) for r in runs("one two three four five six seven eight nine")}
    tip = Tip(
        id="t",
        title="T",
        text="Zero one two three four five six seven, ten.",
        topic="about",
        sources=(),
    )
    assert copied_runs([tip], seeds) == []


# --- the shipped tips ----------------------------------------------------------------------------


def test_the_fingerprint_covers_the_seeds() -> None:
    fingerprint = set(FINGERPRINT.read_text(encoding="utf-8").split())
    assert len(fingerprint) > 3000
    files = shared_seed_files()
    if not files:
        pytest.skip(f"seed documents not found at {SHARED_SEEDS}; the fingerprint stands in")
    assert fingerprint == seed_digests(files), (
        "seed_word_runs.txt is stale: run .venv/bin/python -m tests.core.test_advice_words"
    )


def test_the_fingerprint_alone_catches_a_copied_seed_sentence() -> None:
    # The check CI runs without the seeds: a run seed 004 holds, as a tip might copy it.
    fingerprint = set(FINGERPRINT.read_text(encoding="utf-8").split())
    sentence = "You should stand up every two hours to stretch your waist."
    copying = Tip(id="c", title="C", text=sentence, topic="sitting", sources=())
    copied = copied_runs([copying], fingerprint)
    assert len(copied) == 4
    assert copied == [f"c text: '{run}'" for run in sorted(runs(sentence))]


def test_no_tip_shares_an_eight_word_run_with_a_seed() -> None:
    tips, problems = load_advice(resources_dir() / "advice.toml")
    assert problems == ()
    assert len(tips) >= 20
    assert copied_runs(tips, known_seed_digests()) == []


if __name__ == "__main__":
    # Rebuild the fingerprint from the seeds (see the module docstring).
    found = shared_seed_files()
    if not found:
        raise SystemExit(f"no seed documents at {SHARED_SEEDS}")
    FINGERPRINT.write_text("\n".join(sorted(seed_digests(found))) + "\n", encoding="utf-8")
    print(f"wrote {FINGERPRINT} from {len(found)} seed files")
