"""Telling her, once the window is up, what the store found when it opened her data.

A set-aside file or setting is news she can read at leisure: it stays in the status bar for a
minute (all of the sentences, not only the last). A store that cannot save (a full disk, a
lock, a read-only disk, a newer Back Care's file) is different: everything she does would be
lost without her knowing, so the sentence stays in the status bar for as long as that lasts,
and a box she has to close says it once. Both are also printed to stderr, for a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QMainWindow, QWidget

from backcare.core.store import Store

NEWS_MS = 60_000


def show_store_notices(window: QMainWindow, store: Store,
                       notices: Sequence[str] | None = None) -> QWidget | None:
    """Show ``notices`` (all of ``store.notices`` when None: at start; later only the new
    ones, such as a disk that filled up mid-session); returns the box shown when nothing can
    be saved, else None."""
    notices = store.notices if notices is None else notices
    for notice in notices:
        print(notice, file=sys.stderr)
    if not notices:
        return None
    text = " ".join(notices)
    window.statusBar().showMessage(text, 0 if store.fault is not None else NEWS_MS)
    window.statusBar().setToolTip(text)
    if store.fault is None:
        return None
    # Not at import: building these types' Python enums is a millisecond of every start.
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(window)
    box.setWindowTitle("Back Care cannot save just now")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # window-modal, not blocking: the reminders go on behind it
    return box
