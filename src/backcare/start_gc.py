"""The cyclic garbage collector while the desktop app starts: paused, then frozen.

Starting Back Care imports some 30,000 objects the collector tracks (modules, classes,
functions, Qt enums), nearly all of them alive until the app quits. While they are made, the
collector wakes every 700 new objects and walks the young ones: about 75 collections and 8 ms
of every start here (measured with ``gc.callbacks``), finding almost nothing.

So the GUI start:

1. ``pause``: no collections while the modules load;
2. ``imports_done``: ``gc.freeze()`` moves everything alive so far out of the collector's
   generations, and collecting resumes for what the app makes from then on;
3. ``settle``, once the window is up: one full collection frees the little cyclic garbage the
   imports left (about 650 objects, 130 KiB), and the survivors are frozen again, so the
   collections that run while the app waits in the tray all day do not walk them.

This is what the Python documentation suggests for a process that builds long-lived state up
front (``gc.freeze``). Only the desktop app does it; the command line leaves the collector as
Python sets it.
"""

from __future__ import annotations

import gc


def pause() -> None:
    gc.disable()


def imports_done() -> None:
    gc.freeze()
    gc.enable()


def settle() -> None:
    """Collect what start-up left behind, then keep the survivors out of later collections."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
