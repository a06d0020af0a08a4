"""The facts ledger: every claim in the seed documents, in our words, with what became of it.

``seeds/facts.toml`` holds ``[[guidance]]`` entries (the clinical guidance we weigh the seeds
against) and ``[[fact]]`` entries (one claim each from a seed file and section, with a status).
``check_links`` ties the ledger to the content in both directions, so no exercise can cite a
fact that is not there and no fact can claim a use that does not exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backcare.core import fields as f
from backcare.core.problems import ContentProblem, Invalid

STATUSES = ("used", "changed", "not-used")
# The seed documents (../shared/seeds) a fact may cite; pass to ``load_ledger(seed_names=...)``.
SEED_FILES = (
    "000_fd259aef8f23d6d0.txt",
    "001_f02f724ec89d0734.txt",
    "002_d9051428c0346951.txt",
    "003_6ddee160725105cf.txt",
    "004_d1efa49a5481f668.txt",
)
KINDS = ("recommendation", "cause", "food", "timing", "dose", "caution", "context")


@dataclass(frozen=True)
class Guidance:
    """A clinical guidance document (NHS, NICE, ACOG, POGP) the content is checked against."""

    id: str
    publisher: str
    title: str
    summary: str


@dataclass(frozen=True)
class Fact:
    """One claim a seed makes, where it is, and what became of it (used, changed or not used)."""

    id: str
    seed: str
    section: str
    kind: str
    claim: str
    status: str
    uses: tuple[str, ...]
    why: str
    guidance: tuple[str, ...]


@dataclass(frozen=True)
class Ledger:
    """The facts ledger: every seed claim and every guidance document it cites."""

    guidance: tuple[Guidance, ...]
    facts: tuple[Fact, ...]

    def ids(self) -> set[str]:
        return {g.id for g in self.guidance} | {x.id for x in self.facts}

    def fact(self, fact_id: str) -> Fact | None:
        return next((x for x in self.facts if x.id == fact_id), None)


def _parse_guidance(data: Mapping[str, Any], prefix: str) -> Guidance:
    return Guidance(
        id=f.text(data, "id", prefix),
        publisher=f.text(data, "publisher", prefix),
        title=f.text(data, "title", prefix),
        summary=f.text(data, "summary", prefix),
    )


def _parse_fact(data: Mapping[str, Any], prefix: str, seeds: set[str] | None) -> Fact:
    fact = Fact(
        id=f.text(data, "id", prefix),
        seed=f.text(data, "seed", prefix),
        section=f.text(data, "section", prefix),
        kind=f.choice(data, "kind", KINDS, prefix),
        claim=f.text(data, "claim", prefix),
        status=f.choice(data, "status", STATUSES, prefix),
        uses=f.texts(data, "uses", prefix),
        why=f.text(data, "why", prefix, optional=True),
        guidance=f.texts(data, "guidance", prefix),
    )
    if seeds is not None and fact.seed not in seeds:
        raise Invalid(f"{prefix}.seed", f"'{fact.seed}' is not one of the seed files.")
    if fact.status in ("used", "changed") and not fact.uses:
        raise Invalid(f"{prefix}.uses", f"a '{fact.status}' fact must name the content using it.")
    if fact.status == "not-used" and fact.uses:
        raise Invalid(f"{prefix}.uses", "a 'not-used' fact cannot name content that uses it.")
    if fact.status in ("changed", "not-used") and not fact.why:
        raise Invalid(f"{prefix}.why", f"a '{fact.status}' fact must say why.")
    return fact


def load_ledger(
    path: Path, seed_names: Iterable[str] | None = None
) -> tuple[Ledger, tuple[ContentProblem, ...]]:
    """Load the ledger; ``seed_names`` (when given) are the seed files a fact may cite."""
    seeds = set(seed_names) if seed_names is not None else None
    data, problem = f.read_toml(path)
    if problem is not None:
        return Ledger((), ()), (problem,)
    assert data is not None
    problems: list[ContentProblem] = []
    guidance: list[Guidance] = []
    facts: list[Fact] = []
    seen: set[str] = set()
    for key, parse, bucket in (
        ("guidance", lambda d, p: _parse_guidance(d, p), guidance),
        ("fact", lambda d, p: _parse_fact(d, p, seeds), facts),
    ):
        try:
            entries = f.tables(data, key, min_items=1)
        except Invalid as exc:
            problems.append(ContentProblem(path, exc.field, exc.message))
            continue
        for i, entry in enumerate(entries):
            prefix = f"{key}[{i}]"
            try:
                item = parse(entry, prefix)
                if item.id in seen:
                    raise Invalid(f"{prefix}.id", f"'{item.id}' is used twice.")
            except Invalid as exc:
                problems.append(ContentProblem(path, exc.field, exc.message))
                continue
            seen.add(item.id)
            bucket.append(item)
    return Ledger(tuple(guidance), tuple(facts)), tuple(problems)


@dataclass(frozen=True)
class Citing:
    """Any piece of content that cites ledger ids: an exercise, a tip or a food."""

    id: str
    file: Path
    field: str
    sources: tuple[str, ...]


def check_links(
    ledger: Ledger, ledger_file: Path, content: Iterable[Citing]
) -> list[ContentProblem]:
    """Both directions: content cites only existing ledger ids, and facts use only existing content.

    A fact that content cites must also name that content in ``uses``; otherwise the ledger would
    say a claim is unused while the app shows it.
    """
    problems: list[ContentProblem] = []
    items = list(content)
    content_ids = {c.id for c in items}
    known = ledger.ids()
    guidance_ids = {g.id for g in ledger.guidance}
    for c in items:
        for source in c.sources:
            if source not in known:
                problems.append(
                    ContentProblem(c.file, c.field, f"cites '{source}', which the ledger lacks.")
                )
                continue
            fact = ledger.fact(source)
            if fact is not None and c.id not in fact.uses:
                problems.append(
                    ContentProblem(
                        ledger_file,
                        f"fact {fact.id}.uses",
                        f"'{c.id}' cites this fact but is not listed in its uses.",
                    )
                )
    for fact in ledger.facts:
        for used in fact.uses:
            if used not in content_ids:
                problems.append(
                    ContentProblem(
                        ledger_file,
                        f"fact {fact.id}.uses",
                        f"names '{used}', which does not exist.",
                    )
                )
        for g in fact.guidance:
            if g not in guidance_ids:
                problems.append(
                    ContentProblem(
                        ledger_file, f"fact {fact.id}.guidance", f"names unknown guidance '{g}'."
                    )
                )
    return problems
