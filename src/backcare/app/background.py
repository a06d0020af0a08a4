"""Closing the window is not quitting: Back Care keeps reminding her in the background.

Most people close a window when they are done looking at it, not to stop their reminders, and
on a desktop without a tray (stock GNOME, most Wayland sessions) there is no icon to show that
it is still there. So closing always hides the window, with or without a tray; the first time,
one notice says that the reminders go on and how to stop them; opening Back Care again brings
the window back (``desktop/single_instance``). Quitting (the File menu, Ctrl+Q, the tray's
Quit) is the only way to stop them, and it asks first, once each time, unless she said not to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QCheckBox, QMessageBox

from backcare.messages import (
    QUIT_TITLE,
    RUNNING_ACTIONS,
    RUNNING_SUMMARY,
    Channel,
    quit_question,
    running_body,
)

if TYPE_CHECKING:
    from backcare.app.shell import Shell

TOLD_KEY = "told_still_running"  # true once she has been told, after her first close
ASK_KEY = "ask_before_quit"  # false once she ticked "Do not ask again"


class Background(QObject):
    """The window's close and quit, for the shell: a notice the first time, a question on quit."""

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.shell = shell
        self.quit_box: QMessageBox | None = None
        self.running_box: QMessageBox | None = None  # the notice, when nothing else can show it
        shell.window.closedToBackground.connect(self.on_closed)
        # Back on screen, however she got there: "still running" has done its work.
        shell.window.broughtBack.connect(lambda: shell.notifier.close(Channel.RUNNING))
        shell.window.quitRequested.connect(self.ask_to_quit)
        shell.tray.quitRequested.connect(self.ask_to_quit)

    @Slot()
    def on_closed(self) -> None:
        """Her first close: say, once, that the reminders continue and how to stop them."""
        store = self.shell.store
        if store.get_setting(TOLD_KEY) is True:
            return
        store.set_setting(TOLD_KEY, True)
        body = running_body(self.shell.has_tray)
        if self.shell.notifier.show(Channel.RUNNING, RUNNING_SUMMARY, body, RUNNING_ACTIONS):
            return
        if self.shell.has_tray:
            self.shell.tray.show_message(RUNNING_SUMMARY, body)
            return
        # No notification server and no tray: a small window of its own is the only way left.
        box = QMessageBox(QMessageBox.Icon.Information, RUNNING_SUMMARY, body,
                          QMessageBox.StandardButton.Ok)
        box.setObjectName("stillRunning")
        box.open()
        self.running_box = box

    @Slot()
    def ask_to_quit(self) -> QMessageBox | None:
        """Quit, after one question: quitting silences every reminder until she opens it again.

        Non-blocking (``open``): reminders keep being handled while the question waits. Asked
        from the tray with the window hidden, the box stands on its own rather than on it.
        """
        if self.shell.store.get_setting(ASK_KEY) is False:
            self.shell.window.quit_app()
            return None
        if self.quit_box is not None:
            self.quit_box.raise_()
            self.quit_box.activateWindow()
            return self.quit_box
        window = self.shell.window
        box = QMessageBox(window if window.isVisible() else None)
        box.setObjectName("quitQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(QUIT_TITLE)
        box.setText(QUIT_TITLE)
        box.setInformativeText(quit_question(self.shell.service.next_due()))
        quit_button = box.addButton("Quit", QMessageBox.ButtonRole.AcceptRole)
        keep_button = box.addButton("Keep reminders", QMessageBox.ButtonRole.RejectRole)
        quit_button.setObjectName("quitButton")
        keep_button.setObjectName("keepButton")
        box.setDefaultButton(quit_button)  # she asked to quit: Enter agrees, Escape keeps
        box.setEscapeButton(keep_button)
        # Parented first: setCheckBox alone leaves the box's C++ side a checkbox that Python
        # deletes once this call returns.
        box.setCheckBox(QCheckBox("Do not ask again", box))
        box.finished.connect(lambda _code: self._answered(box, box.clickedButton() is quit_button))
        box.open()
        self.quit_box = box
        return box

    def _answered(self, box: QMessageBox, quit_now: bool) -> None:
        self.quit_box = None
        box.deleteLater()
        if not quit_now:
            return
        check = box.checkBox()
        if check is not None and check.isChecked():
            self.shell.store.set_setting(ASK_KEY, False)
        self.shell.window.quit_app()
