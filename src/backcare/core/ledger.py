"""The facts ledger: every claim in the seed documents, in our words, with what became of it.

``seeds/facts.toml`` holds ``[[guidance]]`` entries (the clinical guidance we weigh the seeds
against), ``[[fact]]`` entries (one claim each from a seed file and section, with a status) and
``[[choice]]`` entries (what the app decided itself where neither gives an answer, with why).
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
# What an app choice may decide: how much (a dose) or how (a method no seed describes).
CHOICE_KINDS = ("dose", "method")
# The kind a dose's sources must have (guidance documents count for any kind).
DOSE_KIND = "dose"


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
class Choice:
    """Something the app decided itself because no seed and no guidance gives it, such as the
    number of heel slides: saying so openly keeps a made-up number from passing as a seed's.

    ``about`` is the one piece of content it is for (an exercise id), ``what`` the choice in
    words, ``why`` the reason (which must be conservative and name the guidance it leans on,
    listed in ``guidance``).
    """

    id: str
    about: str
    kind: str
    what: str
    why: str
    guidance: tuple[str, ...]


@dataclass(frozen=True)
class Ledger:
    """The facts ledger: every seed claim, every guidance document it cites, and every choice
    the app made on its own."""

    guidance: tuple[Guidance, ...]
    facts: tuple[Fact, ...]
    choices: tuple[Choice, ...] = ()

    def ids(self) -> set[str]:
        return (
            {g.id for g in self.guidance}
            | {x.id for x in self.facts}
            | {c.id for c in self.choices}
        )

    def fact(self, fact_id: str) -> Fact | None:
        return next((x for x in self.facts if x.id == fact_id), None)

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)

    def kind_of(self, entry_id: str) -> str | None:
        """The kind of a fact or choice; None for guidance (which may back any kind of
        content) and for ids the ledger lacks."""
        entry = self.fact(entry_id) or self.choice(entry_id)
        return entry.kind if entry is not None else None


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


def _parse_choice(data: Mapping[str, Any], prefix: str) -> Choice:
    return Choice(
        id=f.text(data, "id", prefix),
        about=f.slug(data, "about", prefix),
        kind=f.choice(data, "kind", CHOICE_KINDS, prefix),
        what=f.text(data, "what", prefix),
        why=f.text(data, "why", prefix),
        guidance=f.texts(data, "guidance", prefix, min_items=1),
    )


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
    choices: list[Choice] = []
    seen: set[str] = set()
    # Choices are optional: a ledger may hold none, but never no guidance or no facts.
    for key, parse, bucket, least in (
        ("guidance", lambda d, p: _parse_guidance(d, p), guidance, 1),
        ("fact", lambda d, p: _parse_fact(d, p, seeds), facts, 1),
        ("choice", _parse_choice, choices, 0),
    ):
        try:
            entries = f.tables(data, key, min_items=least)
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
    return Ledger(tuple(guidance), tuple(facts), tuple(choices)), tuple(problems)


@dataclass(frozen=True)
class Citing:
    """Any piece of content that cites ledger ids: an exercise, a tip or a food.

    ``kind``, when set, says what the sources must back: each must then be guidance or a fact
    or choice of that kind (an exercise's dose may cite only dose entries, so a method or a
    cause cannot pass for the origin of a number).
    """

    id: str
    file: Path
    field: str
    sources: tuple[str, ...]
    kind: str | None = None


def check_links(
    ledger: Ledger, ledger_file: Path, content: Iterable[Citing]
) -> list[ContentProblem]:
    """Both directions: content cites only existing ledger ids, and facts use only existing content.

    A fact that content cites must also name that content in ``uses``; otherwise the ledger would
    say a claim is unused while the app shows it. A choice belongs to the content it is
    ``about``: only that content may cite it, and it must. A citing with a ``kind`` (a dose)
    may cite only guidance and entries of that kind.
    """
    problems: list[ContentProblem] = []
    items = list(content)
    content_ids = {c.id for c in items}
    known = ledger.ids()
    guidance_ids = {g.id for g in ledger.guidance}
    cited: set[tuple[str, str]] = set()
    for c in items:
        for source in c.sources:
            if source not in known:
                problems.append(
                    ContentProblem(c.file, c.field, f"cites '{source}', which the ledger lacks.")
                )
                continue
            cited.add((c.id, source))
            kind = ledger.kind_of(source)
            if c.kind is not None and source not in guidance_ids and kind != c.kind:
                problems.append(
                    ContentProblem(
                        c.file,
                        c.field,
                        f"cites '{source}', a '{kind}' entry; it needs a '{c.kind}' entry "
                        "or guidance.",
                    )
                )
            choice = ledger.choice(source)
            if choice is not None and choice.about != c.id:
                problems.append(
                    ContentProblem(
                        c.file,
                        c.field,
                        f"cites '{source}', which is the app's choice for '{choice.about}'.",
                    )
                )
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
    problems += _check_choices(ledger, ledger_file, content_ids, cited, guidance_ids)
    return problems


def _check_choices(
    ledger: Ledger,
    ledger_file: Path,
    content_ids: set[str],
    cited: set[tuple[str, str]],
    guidance_ids: set[str],
) -> list[ContentProblem]:
    """Each choice is about existing content that cites it, and leans on known guidance: a
    choice nobody cites is a reason for a number the app no longer shows."""
    problems: list[ContentProblem] = []
    for choice in ledger.choices:
        field = f"choice {choice.id}"
        if choice.about not in content_ids:
            problems.append(
                ContentProblem(
                    ledger_file, f"{field}.about", f"names '{choice.about}', which does not exist."
                )
            )
        elif (choice.about, choice.id) not in cited:
            problems.append(
                ContentProblem(
                    ledger_file, f"{field}.about", f"'{choice.about}' does not cite this choice."
                )
            )
        for g in choice.guidance:
            if g not in guidance_ids:
                problems.append(
                    ContentProblem(
                        ledger_file, f"{field}.guidance", f"names unknown guidance '{g}'."
                    )
                )
    return problems
