""""Delete all my data" in the running app: the question, then the deleting, then goodbye.

What is deleted is decided in ``core/erase.py``; this module asks and carries it out in the
one order that is safe while Back Care runs:

1. her answer: a window listing every file, "Also remove…" boxes for the autostart entry and
   the launcher (shown only when they exist, ticked, since "nothing behind" is what she asked
   for, and a Back Care left to start at login would make a fresh database at the next login),
   Cancel the default button so that Enter or Escape deletes nothing;
2. stop everything that writes: the settings window is closed (what it still had pending is
   saved, to be deleted with the rest), the reminder timer stopped, notifications and the tray
   taken away, the window hidden, so no click can reach a closed store;
3. close the store: SQLite lets go of the file (and folds its -wal back in), and the parse
   cache is told not to write itself again when the app ends (``Shell.erased``);
4. find again what exists, now that nothing is open, and delete it (``carry_out``);
5. one sentence saying what was deleted (and what could not be, and why), then Back Care
   quits. It does not start afresh: a fresh start would at once write a new database and
   cache, and leave behind the very things she asked to delete. Opening it again later is
   a new first start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backcare.core.erase import Ask, ErasePlan, EraseResult, carry_out, plan_erase
from backcare.messages import Channel
from backcare.settings import content_cache_path, data_dir

if TYPE_CHECKING:
    from backcare.app.shell import Shell
    from backcare.core.store import Store

TITLE = "Delete all my data"
AUTOSTART_WORDS = "Also remove Back Care from starting at login"
LAUNCHER_WORDS = "Also remove the Back Care launcher"
CLOSING = "Back Care closes now; opening it again starts afresh."
IN_USE = ("Nothing was deleted, because another program has your Back Care data open (a "
          "backcare command, or a second Back Care with the same folder); close it and try "
          "again.")


def plan_for(store: Store) -> ErasePlan:
    """What exists of hers for the store the app has open; the default data folder is Back
    Care's own and goes once empty, a folder given with ``--data-dir`` is left."""
    return plan_erase(store.folder, content_cache_path().parent,
                      own_data_folder=store.folder == data_dir())


class DeleteDataDialog(QDialog):
    """The question: what will be deleted, two "Also remove…" boxes, Delete or Cancel."""

    def __init__(self, plan: ErasePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.setObjectName("deleteDataDialog")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "This deletes your Back Care history, your settings and everything else Back Care "
            "keeps on this computer, for good. It cannot be undone; export your settings first "
            "(Settings \u25b8 Export\u2026) if you may want them again. These files are deleted:"
            if not plan.empty else "Back Care keeps no data on this computer just now.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.files = QListWidget()
        self.files.setAccessibleName("Files that will be deleted")
        for entry in plan.files():
            self.files.addItem(f"{entry.path}  ({entry.what.value})")
        self.files.setVisible(not plan.empty)
        layout.addWidget(self.files, 1)
        self.autostart = self._box(AUTOSTART_WORDS, Ask.AUTOSTART, layout)
        self.launcher = self._box(LAUNCHER_WORDS, Ask.LAUNCHER, layout)
        buttons = QDialogButtonBox()
        self.delete_button = QPushButton("Delete everything")
        self.delete_button.setObjectName("deleteEverything")
        self.delete_button.setAccessibleDescription("Deletes the files listed; cannot be undone")
        self.delete_button.setAutoDefault(False)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setDefault(True)
        self.delete_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(620, 420)

    def _box(self, words: str, ask: Ask, layout: QVBoxLayout) -> QCheckBox:
        box = QCheckBox(words)
        box.setChecked(True)
        box.setVisible(self.plan.has(ask))
        for entry in self.plan.entries:
            if entry.ask is ask:
                box.setToolTip(str(entry.path))
                break
        layout.addWidget(box)
        return box

    def remove(self) -> frozenset[Ask]:
        """The boxes she left ticked (a box not shown has nothing behind it)."""
        chosen = set()
        if self.plan.has(Ask.AUTOSTART) and self.autostart.isChecked():
            chosen.add(Ask.AUTOSTART)
        if self.plan.has(Ask.LAUNCHER) and self.launcher.isChecked():
            chosen.add(Ask.LAUNCHER)
        return frozenset(chosen)


def ask_delete_data(shell: Shell) -> DeleteDataDialog:
    """Settings ▸ About you ▸ "Delete all my data…": the question, window-modal, non-blocking."""
    parent = shell.settings_dialog if shell.settings_dialog is not None else shell.window
    dialog = DeleteDataDialog(plan_for(shell.store), parent)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.accepted.connect(lambda: delete_data(shell, dialog.remove()))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    shell.delete_dialog = dialog
    return dialog


def delete_data(shell: Shell, remove: frozenset[Ask]) -> tuple[EraseResult, QMessageBox]:
    """Stop, close, delete, tell, quit (the order is the module docstring's)."""
    shell.erased = True
    if shell.settings_dialog is not None:
        shell.settings_dialog.close()  # applies what was pending: saved, then deleted too
    shell.service.stop()
    for channel in Channel:
        shell.notifier.close(channel)
    shell.notifier.shutdown()
    shell.tray.icon.hide()
    shell.window.hide()
    shell.store.close()
    result = carry_out(plan_for(shell.store), remove)
    icon = QMessageBox.Icon.Warning if result.failed or result.in_use else \
        QMessageBox.Icon.Information
    said = IN_USE if result.in_use else result.sentence  # its own file is closed: another's
    after = "Back Care closes now." if result.in_use else CLOSING
    box = QMessageBox(icon, TITLE, f"{said} {after}", QMessageBox.StandardButton.Ok)
    box.setObjectName("dataDeleted")
    box.setWindowModality(Qt.WindowModality.ApplicationModal)
    box.finished.connect(lambda _code: shell.window.quit_app())
    box.open()
    shell.delete_box = box
    return result, box
