"""The collector is paused for start-up, resumes, and frees what start-up left in cycles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

PROBE = """
import gc, weakref
from backcare import start_gc

class Node:
    pass

freed = []
start_gc.pause()
assert not gc.isenabled()
for _ in range(2000):  # enough new objects that a running collector would have woken
    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle, garbage as soon as the loop moves on
weakref.finalize(a, freed.append, "cycle")
del a, b
assert freed == []  # paused: nothing collected yet
start_gc.imports_done()
assert gc.isenabled() and gc.get_freeze_count() > 0
start_gc.settle()
assert freed == ["cycle"], freed  # the start-up garbage was freed, not frozen for good
assert gc.isenabled() and gc.get_freeze_count() > 0
print("ok")
"""


def test_start_up_garbage_is_freed_once_the_window_is_up() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env={"PYTHONPATH": str(SRC)},
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
