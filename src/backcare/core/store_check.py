"""The whole-file check, run in the background after start instead of at every open.

``PRAGMA quick_check`` reads every page: 8 ms at 10,000 events, 0.6 s at a million. Run at
each open it made every start slower as her history grew; here it runs once per start on a
thread of its own, with its own read-only connection (SQLite lets go of the GIL while it
reads), and ``stop`` interrupts it when the app quits. Damage found is not acted on while
she uses the app: a marker is left, and the next start checks the file fully and sets it
aside only if that check agrees.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import suppress
from pathlib import Path

from backcare.core import store_file
from backcare.core.private_files import write_private
from backcare.core.store_faults import DamageFound


def mark_damaged(path: Path) -> None:
    """Leave word for the next start to check the whole file (best effort)."""
    with suppress(OSError):
        write_private(store_file.side(path, store_file.CHECK_FAILED), "damage found\n",
                      own_folder=False)


class BackgroundCheck:
    """The background whole-file check: its own read-only connection, stopped by ``stop``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._stopped = False
        self.damaged: bool | None = None  # None: not finished (or could not run)
        self.thread = threading.Thread(target=self._run, name="backcare-store-check",
                                       daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            with self._lock:
                if self._stopped:
                    return
                self._db = sqlite3.connect(f"{self.path.absolute().as_uri()}?mode=ro", uri=True)
            store_file.whole_file_check(self._db, "quick_check")
            self.damaged = False
        except DamageFound:
            self.damaged = True
            mark_damaged(self.path)
        except sqlite3.Error:
            pass  # interrupted, or it could not read just now: no evidence either way
        finally:
            with self._lock:
                if self._db is not None:
                    self._db.close()
                    self._db = None

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            if self._db is not None:
                self._db.interrupt()
        self.thread.join()
