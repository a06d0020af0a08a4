"""Loading PySide6 without paying for its source scan: the order of imports at start-up.

PySide6 replaces ``__import__`` so that ``from __feature__ import snake_case`` can switch a
module's Qt names. To know which modules might ask for that, its hook
(``shibokensupport.feature._mod_uses_pyside``) calls ``inspect.getsource`` on every module
named by an import statement run after PySide6 is loaded, including standard-library modules
imported long before: each file is read, split into lines and kept in ``linecache`` for the
life of the process. For Back Care that is about 45 files (typing.py alone is 3,500 lines):
about 2 MiB that stays resident and several milliseconds of every start.

Back Care never uses ``__feature__``, so nothing depends on the answer beyond "this module
mentions PySide6". Two things keep the answer and drop the cost:

* modules imported before PySide6 are marked "ignore" (-1), which is what PySide6 itself
  would decide for any module whose source does not mention PySide6, and which for a
  program that never selects a feature behaves the same as "no feature" (0);
* modules imported later are checked by reading the file's bytes once, without keeping
  them, and only fall back to PySide6's own check where there is no ``.py`` file.

This touches a private PySide6 module, so every step is guarded: if a future version
renames it, nothing is patched and Qt works exactly as it ships (just slower to start).
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
