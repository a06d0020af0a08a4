"""The History page's sums over a year: ``day_records`` + ``week_records`` (+ ``streaks``).

    python benchmarks/history_bench.py [--repeat N] [--seed S]

A year of generated history (``core/history_sample.make_year``: about 15,000 events, ratings,
two paused weeks, two setbacks) is written once into a store in a temporary folder. Then, in
this process, alternating which goes first so the machine's noise falls on both:

* baseline: reading the year's events from the store (``Store.events``), the least any
  history view has to do;
* sums: ``day_records`` + ``week_records`` + ``streaks`` over the events already read;
* whole: ``read_history`` (events, settings, the diary's ratings and setbacks, and the sums),
  what the History page and the report call.

Medians of N runs (default 21), in ms, and each as a ratio of the baseline. The page's budget
is 200 ms to open with its charts drawn; the report's 1 s. Progress goes to stderr, the
markdown table to stdout.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from datetime import UTC, date, datetime, timedelta  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

from backcare.core.history import (  # noqa: E402
    day_records,
    read_history,
    streaks,
    week_records,
)
from backcare.core.history_sample import make_year  # noqa: E402
from backcare.core.pain_diary import PainDiary  # noqa: E402
from backcare.core.plan import default_plan  # noqa: E402
from backcare.core.store import Store  # noqa: E402

END = date(2026, 11, 30)
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TZ = ZoneInfo("Europe/London")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _ms(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    plan = default_plan()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp), clock=lambda: NOW)
        made = time.perf_counter()
        sample = make_year(store, plan, TZ, END, seed=args.seed)
        log(f"wrote {sample.events} events, {sample.ratings} ratings in "
            f"{time.perf_counter() - made:.1f} s")
        lo = datetime.combine(sample.start, datetime.min.time(), tzinfo=TZ) - timedelta(days=2)
        hi = datetime.combine(END, datetime.min.time(), tzinfo=TZ) + timedelta(days=3)
        events = store.events(lo, hi)
        ratings = PainDiary(store).ratings()

        def baseline() -> None:
            store.events(lo, hi)

        def sums() -> None:
            days = day_records(events, plan, TZ, sample.start, END, sample.pauses,
                               [s.date() for s in sample.setbacks])
            week_records(days, ratings, plan.profile, tz=TZ)
            streaks(days, NOW.date())

        def whole() -> None:
            read_history(store, plan, TZ, sample.start, END, NOW)

        timed: dict[str, list[float]] = {"baseline": [], "sums": [], "whole": []}
        for name, fn in (("baseline", baseline), ("sums", sums), ("whole", whole)):
            fn()  # warm-up, not counted
            del name
        order = [("baseline", baseline), ("sums", sums), ("whole", whole)]
        for run in range(args.repeat):
            for name, fn in order if run % 2 == 0 else reversed(order):
                timed[name].append(_ms(fn))
        store.close()
    base = statistics.median(timed["baseline"])
    print(f"| Measure ({sample.events} events, {len(events)} read, {args.repeat} runs) "
          "| Median ms | Ratio to baseline |")
    print("|---|---|---|")
    words = {"baseline": "Baseline: `Store.events` over the year",
             "sums": "`day_records` + `week_records` + `streaks` (events already read)",
             "whole": "`read_history` (events, diary, sums)"}
    for name, values in timed.items():
        median = statistics.median(values)
        print(f"| {words[name]} | {median:.1f} | {median / base:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
