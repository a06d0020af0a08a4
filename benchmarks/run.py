"""Back Care's benchmarks, each figure next to a baseline measured in the same run.

    python benchmarks/run.py [--repeat N] [--idle-seconds S] [--display]

The machine this runs on is shared and noisy, so absolute numbers mean little: every figure is
reported as a ratio to ``baseline_app.py`` (a bare PySide6 window + QtScheduler + tray icon)
measured in the same run, with the two programs alternated or run side by side so that noise
falls on both. See README.md in this folder for what each row measures and why.

Progress goes to stderr; the results table (markdown) goes to stdout.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import store_bench  # noqa: E402  (beside this file, not a package)

REPO = HERE.parent
SRC = REPO / "src"
BASELINE = HERE / "baseline_app.py"
PYTHON = sys.executable

START_TIMEOUT_S = 60.0
STEADY_STABLE_S = 1.0  # VmRSS unchanged this long = steady
STEADY_MAX_S = 15.0
POLL_S = 0.05
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

START_TARGET = 1.25
RSS_TARGET = 1.15
REMINDERS_TARGET_MS = 50.0
DASH = "—"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Environments: a private HOME for the whole run, a fresh runtime/temp folder for every process


class Sandbox:
    """Temp folders so that a real running Back Care (its single-instance socket, its data)
    can neither interfere with nor be touched by the benchmark."""

    def __init__(self, display: bool) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="backcare-bench-"))
        self.home = self.root / "home"
        self.home.mkdir()
        self.display = display
        self._count = 0

    def env(self) -> tuple[dict[str, str], Path]:
        """A fresh environment and a fresh, empty data folder for one process."""
        self._count += 1
        run = self.root / f"run{self._count:03d}"
        runtime, tmp, data = run / "runtime", run / "tmp", run / "data"
        for folder in (runtime, tmp):
            folder.mkdir(parents=True)
        runtime.chmod(0o700)
        env = dict(os.environ)
        env.update(
            HOME=str(self.home),
            XDG_CONFIG_HOME=str(self.home / ".config"),
            XDG_DATA_HOME=str(self.home / ".local" / "share"),
            XDG_STATE_HOME=str(self.home / ".local" / "state"),
            XDG_CACHE_HOME=str(self.home / ".cache"),
            XDG_RUNTIME_DIR=str(runtime),
            TMPDIR=str(tmp),
            PYTHONPATH=os.pathsep.join(
                p for p in (str(SRC), os.environ.get("PYTHONPATH", "")) if p
            ),
        )
        if self.display:
            env.pop("QT_QPA_PLATFORM", None)
        else:
            env["QT_QPA_PLATFORM"] = "offscreen"
        return env, data

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


@dataclass(frozen=True)
class Program:
    name: str
    argv: Callable[[Path], list[str]]  # data folder -> command line (without the flag)
    prepare: Callable[[Path], None] | None = None  # fills the data folder before a start


def _set_up_already(data: Path) -> None:
    """A data folder as she has it every day after the first: the first-run setup answered.

    Without this every measured start would be a first start, with the setup dialog open,
    which she sees once; the everyday start (at login) is the one worth measuring.
    """
    if str(SRC) not in sys.path:
        sys.path.insert(0, str(SRC))
    from datetime import UTC, datetime

    from backcare.core.store import Store
    from backcare.settings import SETUP_KEY

    store = Store(data, clock=lambda: datetime.now(UTC))
    store.set_setting(SETUP_KEY, "done")
    store.close()


APP = Program("Back Care", lambda data: [PYTHON, "-m", "backcare", "--data-dir", str(data)],
              _set_up_already)
BASE = Program("baseline", lambda data: [PYTHON, str(BASELINE)])
# Back Care's window at its default size (ui/main_window.py). An empty QMainWindow is shown at
# 200x100, whose pixels take 0.08 MiB; at 1100x760 they take 3.2 MiB in any app.
APP_WINDOW_SIZE = "1100x760"


def baseline(*, with_text: bool, sized: bool) -> Program:
    """The baseline as chosen on the command line (the default: neither).

    ``with_text``: its window shows words (a menu bar, a heading, a short list), so Qt's font
    database is paid by both sides. ``sized``: its window has Back Care's default size.
    """
    flags = [*(["--with-text"] if with_text else []),
             *(["--size", APP_WINDOW_SIZE] if sized else [])]
    name = " ".join(["baseline", *(["with text"] if with_text else []),
                     *([f"at {APP_WINDOW_SIZE}"] if sized else [])])
    return Program(name, lambda data: [PYTHON, str(BASELINE), *flags])


class BenchError(RuntimeError):
    pass


# ---------------------------------------------------------------------------------------------
# 1. Start to ready


@dataclass(frozen=True)
class StartTime:
    ready: float  # from launch to the "ready" line: window shown, scheduler armed, tray up
    ended: float  # from launch to the process's exit, tearing down included


def time_start(program: Program, sandbox: Sandbox) -> StartTime:
    """Launch with ``--quit-when-ready`` and time the "ready" line it prints, then its end.

    The line is the measure: what the issue calls ready is the moment the window is up, not
    the moment the interpreter has finished tearing everything down again afterwards.
    """
    env, data = sandbox.env()
    if program.prepare is not None:
        program.prepare(data)
    argv = [*program.argv(data), "--quit-when-ready"]
    began = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=env, cwd=sandbox.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )
    ready = None
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "ready":
            ready = time.perf_counter() - began
            break
    try:
        _, err = proc.communicate(timeout=START_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    ended = time.perf_counter() - began
    if proc.returncode != 0 or ready is None:
        raise BenchError(
            f"{program.name} --quit-when-ready exited {proc.returncode}"
            f"{'' if ready is not None else ' without saying ready'}:\n{err.strip()}"
        )
    return StartTime(ready, ended)


def bench_start(sandbox: Sandbox, repeat: int) -> tuple[list[StartTime], list[StartTime]]:
    log("Start to ready: one warm-up run each (not counted), then alternating runs")
    time_start(APP, sandbox)
    time_start(BASE, sandbox)
    app_times: list[StartTime] = []
    base_times: list[StartTime] = []
    for i in range(repeat):
        order = (APP, BASE) if i % 2 == 0 else (BASE, APP)
        for program in order:
            elapsed = time_start(program, sandbox)
            (app_times if program is APP else base_times).append(elapsed)
        log(f"  run {i + 1}/{repeat}: app {app_times[-1].ready:.3f} s, "
            f"baseline {base_times[-1].ready:.3f} s")
    return app_times, base_times


# ---------------------------------------------------------------------------------------------
# 2 and 3. Steady RSS and CPU while idle (both programs run side by side)


def _status_kib(pid: int, field: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def _cpu_ticks(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    # After "pid (comm)": fields[0] is state (field 3), so utime (14) and stime (15) are 11, 12.
    return int(fields[11]) + int(fields[12])


class Running:
    def __init__(self, program: Program, sandbox: Sandbox) -> None:
        env, data = sandbox.env()
        if program.prepare is not None:
            program.prepare(data)
        self.program = program
        self.proc = subprocess.Popen(
            program.argv(data),
            env=env,
            cwd=sandbox.root,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.last_rss: int | None = None
        self.stable_since = time.monotonic()
        self.started = self.stable_since
        self.steady = False

    def check_alive(self) -> None:
        if self.proc.poll() is not None:
            err = self.proc.stderr.read().strip() if self.proc.stderr else ""
            raise BenchError(f"{self.program.name} exited {self.proc.returncode} early:\n{err}")

    def poll_steady(self, now: float) -> None:
        """One poll of VmRSS; steady once unchanged for STEADY_STABLE_S (or STEADY_MAX_S)."""
        if self.steady:
            return
        self.check_alive()
        rss = _status_kib(self.proc.pid, "VmRSS")
        if rss != self.last_rss:
            self.last_rss, self.stable_since = rss, now
        elif rss is not None and now - self.stable_since >= STEADY_STABLE_S:
            self.steady = True
        if now - self.started >= STEADY_MAX_S:
            log(f"  note: {self.program.name} RSS still moving after {STEADY_MAX_S:.0f} s")
            self.steady = True

    def rss_kib(self) -> int:
        self.check_alive()
        rss = _status_kib(self.proc.pid, "VmRSS")
        if rss is None:
            raise BenchError(f"{self.program.name}: no VmRSS")
        return rss

    def ticks(self) -> int:
        self.check_alive()
        return _cpu_ticks(self.proc.pid)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc.stderr:
            self.proc.stderr.close()


def steady_pair(sandbox: Sandbox) -> tuple[Running, Running]:
    """Start both programs side by side and wait until the RSS of each has settled."""
    pair = (Running(APP, sandbox), Running(BASE, sandbox))
    try:
        while not all(r.steady for r in pair):
            time.sleep(POLL_S)
            now = time.monotonic()
            for running in pair:
                running.poll_steady(now)
    except BaseException:
        for running in pair:
            running.stop()
        raise
    return pair


def bench_steady(
    sandbox: Sandbox, repeat: int, idle_seconds: float
) -> tuple[list[int], list[int], int, int]:
    log(
        f"Steady RSS: {repeat} side-by-side runs; CPU while idle over {idle_seconds:g} s "
        "on the last one"
    )
    app_rss: list[int] = []
    base_rss: list[int] = []
    app_ticks = base_ticks = -1
    for i in range(repeat):
        app, base = steady_pair(sandbox)
        try:
            app_rss.append(app.rss_kib())
            base_rss.append(base.rss_kib())
            log(
                f"  run {i + 1}/{repeat}: app {app_rss[-1] / 1024:.1f} MiB, "
                f"baseline {base_rss[-1] / 1024:.1f} MiB"
            )
            if i == repeat - 1:
                before = app.ticks(), base.ticks()
                log(f"  idling {idle_seconds:g} s ...")
                time.sleep(idle_seconds)
                after = app.ticks(), base.ticks()
                app_ticks, base_ticks = after[0] - before[0], after[1] - before[1]
                log(f"  idle ticks: app {app_ticks}, baseline {base_ticks}")
        finally:
            app.stop()
            base.stop()
    return app_rss, base_rss, app_ticks, base_ticks


# ---------------------------------------------------------------------------------------------
# 4. reminders() over a year


def bench_reminders(tries: int = 5) -> tuple[float, int]:
    log(f"reminders() over 365 days: best of {tries}")
    sys.path.insert(0, str(SRC))
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from backcare.core.plan import default_plan
    from backcare.core.reminders import reminders

    tz = ZoneInfo("Europe/London")
    start = datetime(2026, 1, 1, 0, 0, tzinfo=tz)
    end = start + timedelta(days=365)
    plan = default_plan()
    best = float("inf")
    count = 0
    for _ in range(tries):
        began = time.perf_counter()
        due = reminders(plan, start, end, tz)
        best = min(best, time.perf_counter() - began)
        count = len(due)
    return best * 1000, count


# ---------------------------------------------------------------------------------------------
# Report


def _ratio(app: float, base: float) -> str:
    return f"{app / base:.2f}" if base > 0 else DASH


def _verdict(ok: bool) -> str:
    return "yes" if ok else "**no**"


def _versions() -> list[str]:
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        pyside = f"PySide6 {PySide6.__version__} (Qt {qVersion()})"
    except ImportError:
        pyside = "PySide6 not importable"
    try:
        from importlib.metadata import version

        aps = f"APScheduler {version('APScheduler')}"
    except Exception:
        aps = "APScheduler ?"
    model = ""
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    cpus = len(os.sched_getaffinity(0))
    return [
        f"Python {platform.python_version()} ({platform.python_implementation()}), {pyside}, {aps}",
        f"Machine: nproc {cpus}, {platform.machine()}{', ' + model if model else ''}, "
        f"Linux {platform.release()}",
    ]


def report(
    args: argparse.Namespace,
    start: tuple[list[StartTime], list[StartTime]],
    steady: tuple[list[int], list[int], int, int],
    rem: tuple[float, int],
    extra: list[store_bench.Row] | None = None,
) -> None:
    app_t, base_t = (statistics.median(t.ready for t in x) for x in start)
    app_end, base_end = (statistics.median(t.ended for t in x) for x in start)
    app_r, base_r = (statistics.median(x) / 1024 for x in steady[:2])
    app_k, base_k = steady[2], steady[3]
    rem_ms, rem_count = rem
    n = args.repeat
    rows = [
        (
            f"Start to ready, s (median of {n})",
            f"{app_t:.3f}",
            f"{base_t:.3f}",
            _ratio(app_t, base_t),
            f"ratio ≤ {START_TARGET}",
            _verdict(app_t / base_t <= START_TARGET),
        ),
        (
            f"Steady RSS, MiB (median of {n})",
            f"{app_r:.1f}",
            f"{base_r:.1f}",
            _ratio(app_r, base_r),
            f"ratio ≤ {RSS_TARGET}",
            _verdict(app_r / base_r <= RSS_TARGET),
        ),
        (
            f"CPU while idle, ticks in {args.idle_seconds:g} s (1 tick = {1000 // CLOCK_TICKS} ms)",
            str(app_k),
            str(base_k),
            _ratio(app_k, base_k),
            "0 ticks",
            _verdict(app_k == 0),
        ),
        (
            f"reminders() over 365 days, ms (best of 5; {rem_count} reminders)",
            f"{rem_ms:.1f}",
            DASH,
            DASH,
            f"< {REMINDERS_TARGET_MS:g} ms",
            _verdict(rem_ms < REMINDERS_TARGET_MS),
        ),
    ]
    rows.extend(extra or [])  # 5 and 6: store_bench.py, each against its own baseline
    header = ("Measure", "Back Care", "Baseline", "Ratio", "Target", "Met")
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(["---", "---:", "---:", "---:", "---", "---"]) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    platform_name = (
        "real DISPLAY " + os.environ.get("DISPLAY", "?")
        if args.display
        else "QT_QPA_PLATFORM=offscreen"
    )
    print(
        f"Run: {platform_name}; {BASE.name}; start-to-ready samples app "
        f"{', '.join(f'{t.ready:.3f}' for t in start[0])} s, baseline "
        f"{', '.join(f'{t.ready:.3f}' for t in start[1])} s"
    )
    print(
        f"Launch to process exit (ready, then quitting and tearing down), median: app "
        f"{app_end:.3f} s, baseline {base_end:.3f} s, ratio {_ratio(app_end, base_end)}"
    )
    for line in _versions():
        print(line)


def compile_bytecode() -> None:
    """Write the .pyc files of both programs first, as ``pip install`` does for a real install.

    Python only reuses bytecode it could write; where PYTHONDONTWRITEBYTECODE is set (as on
    some CI machines) every start would otherwise compile Back Care's modules from source
    again, some 30 ms the person never pays, while the baseline's libraries come compiled.
    """
    import compileall

    for folder in (SRC, HERE):
        compileall.compile_dir(str(folder), quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat",
        type=int,
        default=5,
        metavar="N",
        help="runs per start/RSS measure, median reported (default 5)",
    )
    parser.add_argument(
        "--idle-seconds",
        type=float,
        default=60.0,
        metavar="S",
        help="how long to watch CPU use once both are steady (default 60)",
    )
    parser.add_argument(
        "--events",
        type=int,
        default=1_000_000,
        metavar="N",
        help="events in the long history whose store open is timed (default 1,000,000)",
    )
    parser.add_argument(
        "--display",
        action="store_true",
        help="use the real DISPLAY instead of QT_QPA_PLATFORM=offscreen",
    )
    parser.add_argument(
        "--text-baseline",
        action="store_true",
        help="compare with a bare window that shows some text (menu, heading, list) instead",
    )
    parser.add_argument(
        "--sized-baseline",
        action="store_true",
        help=f"give the baseline's window Back Care's default size ({APP_WINDOW_SIZE})",
    )
    args = parser.parse_args(argv)
    global BASE
    BASE = baseline(with_text=args.text_baseline, sized=args.sized_baseline)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.idle_seconds <= 0:
        parser.error("--idle-seconds must be positive")
    if args.display and not os.environ.get("DISPLAY"):
        parser.error("--display needs DISPLAY to be set")

    compile_bytecode()
    sandbox = Sandbox(display=args.display)
    try:
        start = bench_start(sandbox, args.repeat)
        steady = bench_steady(sandbox, args.repeat, args.idle_seconds)
        rem = bench_reminders()
        extra = store_bench.bench_open(args.events, max(31, args.repeat))
        extra += store_bench.bench_parse_cache(max(10, 2 * args.repeat))
    except (BenchError, subprocess.TimeoutExpired) as exc:
        log(f"Benchmark failed: {exc}")
        return 1
    finally:
        sandbox.cleanup()
    report(args, start, steady, rem, extra)
    return 0


if __name__ == "__main__":
    sys.exit(main())
