"""Opening her store with a long history, and what the parsed-content cache saves at start.

    python benchmarks/store_bench.py [--events N] [--repeat N]

Also rows 5 and 6 of ``run.py``. Each figure is set beside a baseline measured in the same run,
alternating the two so that the machine's noise falls on both:

5. ``Store(folder)`` then ``close()`` on a database holding N events (default 1,000,000), against
   the same on an empty one (only the first-run setup answered). Both files are made first and
   read once, so both are in the page cache and only the store's own work is timed. Target:
   within 20 % (ratio <= 1.2), so a start does not grow with her history. For comparison the
   table also gives what the open cost when it ran ``PRAGMA quick_check`` every time (before
   issue 12): the same open plus that check.
6. Loading the catalog as the app's start does (``load_catalog(lazy_poses=True)``), in a fresh
   process each time, with a warm parse cache against none. The project keeps a start-up
   measure only while it saves 5 ms or more.

Progress goes to stderr, the markdown table to stdout.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
OPEN_TARGET = 1.2
CACHE_GAIN_MS = 5.0
CHECK_RUNS = 3  # the old open with its whole-file check: slow, and only for comparison
DAY_EVENTS = 12  # about what a day of reminders writes

Row = tuple[str, str, str, str, str, str]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _store_module():  # type: ignore[no-untyped-def]
    if str(SRC) not in sys.path:
        sys.path.insert(0, str(SRC))
    from backcare.core import store

    return store


def fill(folder: Path, events: int) -> None:
    """A store with ``events`` events, spread over the days before 2026-11-23 like hers."""
    from datetime import UTC, datetime, timedelta

    store = _store_module()
    now = datetime(2026, 11, 23, 9, tzinfo=UTC)
    s = store.Store(folder, clock=lambda: now)
    s.set_setting("setup", "done")
    s.close()
    if not events:
        return
    import sqlite3

    db = sqlite3.connect(folder / store.DB_NAME, isolation_level=None)
    kinds = ("exercise", "posture", "calcium")
    words = ("fired", "done", "snoozed", "skipped")
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO events (at, kind, reminder_key, event, detail) VALUES (?,?,?,?,?)",
        (
            ((now - timedelta(minutes=(events - i) * 1440 // DAY_EVENTS)).isoformat(),
             kinds[i % 3], f"{kinds[i % 3]}:{i // DAY_EVENTS}:{i % DAY_EVENTS}",
             words[i % 4], "")
            for i in range(events)
        ),
    )
    db.execute("COMMIT")
    db.close()  # the last connection: the log is written back, as after a normal quit


def _open_once(folder: Path, quick_check: bool) -> float:
    from datetime import UTC, datetime

    store = _store_module()
    began = time.perf_counter()
    s = store.Store(folder, clock=lambda: datetime.now(UTC))
    if quick_check:
        s._db.execute("PRAGMA quick_check").fetchall()
    s.close()
    return time.perf_counter() - began


def bench_open(events: int, repeat: int) -> list[Row]:
    root = Path(tempfile.mkdtemp(prefix="backcare-store-bench-"))
    try:
        empty, full = root / "empty", root / "full"
        log(f"Store open: filling a store with {events:,} events ...")
        fill(empty, 0)
        fill(full, events)
        size = (full / _store_module().DB_NAME).stat().st_size
        for folder in (empty, full):  # warm: both files in the page cache
            _open_once(folder, quick_check=True)
        times: dict[tuple[str, bool], list[float]] = {}
        # The opens as they are now first, then the old ones (a second each at a million
        # events, which would leave the caches cold for whichever open came next).
        for check, runs in ((False, repeat), (True, CHECK_RUNS)):
            for i in range(runs):
                for folder in ((empty, full) if i % 2 == 0 else (full, empty)):
                    times.setdefault((folder.name, check), []).append(_open_once(folder, check))
        med = {k: statistics.median(v) * 1000 for k, v in times.items()}
        log(f"  {size / 2**20:.0f} MiB; medians (ms): " +
            ", ".join(f"{k[0]}{' +check' if k[1] else ''} {v:.2f}" for k, v in med.items()))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    now, before = (med["full", False], med["empty", False]), (med["full", True], med["empty", True])
    return [
        (f"Store open + close with {events:,} events vs empty, ms (median of {repeat})",
         f"{now[0]:.2f}", f"{now[1]:.2f}", f"{now[0] / now[1]:.2f}", f"ratio ≤ {OPEN_TARGET}",
         "yes" if now[0] / now[1] <= OPEN_TARGET else "**no**"),
        (f"… with PRAGMA quick_check at every open, as before issue 12, ms (median of "
         f"{CHECK_RUNS})",
         f"{before[0]:.2f}", f"{before[1]:.2f}", f"{before[0] / before[1]:.2f}",
         "for comparison", "—"),
    ]


_CATALOG = """
import sys, time
began = time.perf_counter()
from pathlib import Path
from backcare.core import fields
from backcare.core.parse_cache import ParseCache
if sys.argv[1] == "cache":
    cache = ParseCache.open(Path(sys.argv[2]))
    fields.use_parse_cache(cache)
from backcare.catalog import load_catalog
load_catalog(lazy_poses=True)
print(f"{(time.perf_counter() - began) * 1000:.3f}")
if sys.argv[1] == "cache":
    cache.save()
"""


def bench_parse_cache(repeat: int) -> list[Row]:
    log(f"Parse cache: {repeat} paired fresh processes loading the catalog")
    root = Path(tempfile.mkdtemp(prefix="backcare-cache-bench-"))
    env = dict(os.environ, PYTHONPATH=str(SRC))
    cache = str(root / "parsed-content.json")

    def run(mode: str) -> float:
        done = subprocess.run([sys.executable, "-c", _CATALOG, mode, cache], env=env,
                              capture_output=True, text=True, check=True)
        return float(done.stdout.split()[0])

    try:
        run("cache")  # fills the cache, as the first start does
        warm: list[float] = []
        cold: list[float] = []
        for i in range(repeat):
            for mode in (("cache", "none") if i % 2 == 0 else ("none", "cache")):
                (warm if mode == "cache" else cold).append(run(mode))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    w, c = statistics.median(warm), statistics.median(cold)
    gain = statistics.median(b - a for a, b in zip(warm, cold, strict=True))
    return [(f"Catalog at start, warm parse cache vs none, ms (median of {repeat}; "
             f"paired gain {gain:.1f} ms)", f"{w:.2f}", f"{c:.2f}", f"{w / c:.2f}",
             f"gain ≥ {CACHE_GAIN_MS:g} ms", "yes" if gain >= CACHE_GAIN_MS else "**no**")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, metavar="N")
    parser.add_argument("--repeat", type=int, default=31, metavar="N")
    args = parser.parse_args(argv)
    rows = bench_open(args.events, args.repeat) + bench_parse_cache(args.repeat * 2)
    print("| Measure | Back Care | Baseline | Ratio | Target | Met |")
    print("|---|---:|---:|---:|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
