"""Every start-up measure of the desktop app, each with its measured gain, in one place.

Back Care starts at login and waits in the tray all day, so its start and resident memory are
measured against a bare PySide6 window (``benchmarks/run.py``). Only measures that still save
5 ms or more are kept; each is listed here, and the rest of the code is plain, idiomatic Qt.

1. **PySide6's per-import source scan, replaced** (this module; measured in 32 paired runs: about
   11 % of resident memory, 79.0 → 71.2 MiB, and about 5 % of start). PySide6 replaces
   ``__import__`` so that ``from __feature__ import snake_case`` can switch a module's Qt names.
   To know which modules might ask for that, its hook
   (``shibokensupport.feature._mod_uses_pyside``) calls ``inspect.getsource`` on every module
   named by an import statement run after PySide6 is loaded: each file is read, split into
   lines and kept in ``linecache`` for the life of the process (about 45 files, 2 MiB). Back
   Care never uses ``__feature__``, so nothing depends on the answer beyond "this module
   mentions PySide6":

   * modules imported before PySide6 (``load_qt_free_modules_first``) are marked "ignore"
     (-1), which is what PySide6 itself would decide for any module whose source does not
     mention PySide6, and which for a program that never selects a feature behaves the same as
     "no feature" (0);
   * modules imported later are checked by reading the file's bytes once, without keeping
     them, and only fall back to PySide6's own check where there is no ``.py`` file.

   This touches a private PySide6 module, so every step is guarded: if a future version
   renames it, nothing is patched and Qt works exactly as it ships (just slower to start).

2. **The ``Qt`` namespace left unbuilt until after start** (measured again for issue 9 with
   PySide6 6.11: the first ``from PySide6.QtCore import Qt`` in a running QApplication costs
   about 15 ms, so the rule stays). Its first use builds all of the namespace's Python enums at
   once. The modules an everyday start loads (``app/``, ``ui/main_window``, ``ui/today_page``,
   ``ui/tray``, ``desktop/``, ``scheduling/``) therefore import ``Qt`` inside the functions
   that run after start, pass item-data roles as the plain numbers in ``ui/roles.py``, use
   ``setShortcuts`` (plural: ``setShortcut`` also weighs a ``Qt.Key`` overload), and set no
   timer type. Every other module (the Exercises page, the card, dialogs) uses ``Qt`` freely.
   ``tests/test_start_path.py`` checks that an everyday start still leaves it unbuilt.

Measures that live with the code they shape, for the same reason, are the Exercises page built
when first opened (``ui/main_window``), the icon drawn from PNGs rather than QtSvg
(``ui/app_icon``), both buses over jeepney rather than QtDBus (``desktop/bus_link``), the
parsed-content cache (``core/parse_cache``; measured for issue 12: 9 to 10 ms of start), and
her database's whole-file check run after start on a thread of its own instead of at every
open (``core/store_check``; it cost 8 ms at 10,000 events, 65 ms at 100,000 and 0.6 to 1 s at a
million, so a start grew with her history; ``benchmarks/store_bench.py``).
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from types import ModuleType

IGNORE_MODULE = -1  # PySide6's value for "this module takes no part in feature switching"


def load_qt_free_modules_first() -> None:
    """Import the parts of the app that need no Qt before PySide6 is loaded.

    Modules already imported when PySide6 arrives are marked once by
    :func:`skip_pyside_source_scan` instead of being read.
    """
    import apscheduler.executors.debug
    import apscheduler.schedulers.base
    import apscheduler.triggers.cron
    import apscheduler.triggers.date  # noqa: F401
    import jeepney.bus_messages
    import jeepney.io.blocking  # noqa: F401

    import backcare.catalog
    import backcare.core.today
    import backcare.messages
    import backcare.settings  # noqa: F401


def skip_pyside_source_scan() -> bool:
    """Load PySide6 and replace its per-import source scan with a cheap equivalent.

    Returns True when the scan was replaced, False when this PySide6 has no such hook (then
    nothing is changed).
    """
    import PySide6  # noqa: F401  (installs the import hook and shibokensupport.feature)

    feature = sys.modules.get("shibokensupport.feature")
    marks = getattr(feature, "pyside_feature_dict", None)
    original = getattr(feature, "_mod_uses_pyside", None)
    if not isinstance(marks, dict) or not callable(original):
        return False
    for name in list(sys.modules):
        marks.setdefault(name, IGNORE_MODULE)
    feature._mod_uses_pyside = _file_mentions_pyside(original)  # type: ignore[union-attr]
    linecache.clearcache()  # the few files PySide6 read while loading itself
    return True


def _file_mentions_pyside(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """PySide6's own test ("does the source say PySide6?") without linecache or tokenizing."""

    def mentions_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    return mentions_pyside
