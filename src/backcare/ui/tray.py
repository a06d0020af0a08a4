"""The system-tray icon and its menu. It only shows state and forwards choices.

What "pause until tomorrow" means, what comes next and when, are decided in the core; the tray
shows the sentences it is given and emits a signal for each choice.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from backcare.core.quiet import Quiet, quiet_of
from backcare.ui.app_icon import app_icon
from backcare.ui.tray_icon import tray_icon

PAUSE_CHOICES: tuple[tuple[str, int], ...] = (
    ("Pause for 30 minutes", 30),
    ("Pause for 1 hour", 60),
    ("Pause for 2 hours", 120),
    ("Pause until tomorrow", -1),  # -1: until the start of tomorrow's waking hours
)
# "Baby is napping": a quiet stretch in her plan (at most 6 hours, see core.plan.MAX_NAP).
NAP_CHOICES: tuple[tuple[str, int], ...] = (
    ("for 30 minutes", 30),
    ("for 1 hour", 60),
    ("for 1½ hours", 90),
    ("for 2 hours", 120),
)


class Tray(QObject):
    """Wraps QSystemTrayIcon so the menu is built once and tested without a tray host."""

    pauseRequested = Signal(int)  # minutes, or -1 for "until tomorrow"
    resumeRequested = Signal()
    napRequested = Signal(int)  # minutes of quiet while the baby sleeps
    awakeRequested = Signal()  # the baby woke early: end the nap
    openRequested = Signal()
    startRequested = Signal()  # "Start exercises now": the due or next session, guided
    settingsRequested = Signal()
    quitRequested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.icon = QSystemTrayIcon(tray_icon(Quiet.NO), self)
        self.quiet = Quiet.NO
        self._next_text, self._paused_text, self._nap_text = "", None, None
        self.menu = QMenu()
        self.menu.setAccessibleName("Back Care menu")
        self.next_action = QAction("Nothing planned", self.menu)
        self.next_action.setEnabled(False)
        self.menu.addAction(self.next_action)
        self.start_action = self.menu.addAction("Start exercises now")
        self.start_action.triggered.connect(self.startRequested)
        self.menu.addSeparator()
        self.pause_actions: list[QAction] = []
        for label, minutes in PAUSE_CHOICES:
            action = self.menu.addAction(label)
            action.triggered.connect(lambda _=False, m=minutes: self.pauseRequested.emit(m))
            self.pause_actions.append(action)
        self.resume_action = self.menu.addAction("Resume reminders")
        self.resume_action.triggered.connect(self.resumeRequested)
        self.resume_action.setVisible(False)
        self.nap_menu = QMenu("Baby is napping", self.menu)
        self.nap_menu.setAccessibleName("Baby is napping")
        self.nap_actions: list[QAction] = []
        for label, minutes in NAP_CHOICES:
            action = self.nap_menu.addAction(label)
            action.triggered.connect(lambda _=False, m=minutes: self.napRequested.emit(m))
            self.nap_actions.append(action)
        self.nap_action = self.menu.addMenu(self.nap_menu)
        self.awake_action = self.menu.addAction("Baby is awake")
        self.awake_action.triggered.connect(self.awakeRequested)
        self.awake_action.setVisible(False)
        self.menu.addSeparator()
        self.open_action = self.menu.addAction("Open Back Care")
        self.open_action.triggered.connect(self.openRequested)
        self.settings_action = self.menu.addAction("Settings…")
        self.settings_action.triggered.connect(self.settingsRequested)
        self.quit_action = self.menu.addAction("Quit")
        self.quit_action.triggered.connect(self.quitRequested)
        self.icon.setContextMenu(self.menu)
        self.icon.setToolTip("Back Care")
        self.icon.activated.connect(self._on_activated)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.openRequested.emit()

    def show(self) -> None:
        self.icon.show()

    def set_status(self, next_text: str, paused_text: str | None) -> None:
        """``next_text``: e.g. "Next: posture break at 11:00"; ``paused_text`` when paused."""
        self.next_action.setText(paused_text or next_text)
        self._next_text, self._paused_text = next_text, paused_text
        self._show_quiet()
        self.resume_action.setVisible(paused_text is not None)
        for action in self.pause_actions:
            action.setVisible(paused_text is None)

    def set_nap(self, until_text: str | None) -> None:
        """``until_text``: e.g. "Quiet while the baby naps, until 14:30"; None when no nap."""
        self.awake_action.setVisible(until_text is not None)
        self.nap_action.setVisible(until_text is None)
        self._nap_text = until_text
        self._show_quiet()
        if until_text is not None:
            self.awake_action.setText(f"Baby is awake (now: {until_text[0].lower()}"
                                      f"{until_text[1:]})")
        else:
            self.awake_action.setText("Baby is awake")

    def _show_quiet(self) -> None:
        """The icon's badge (``tray_icon``) and the tool tip: why nothing is coming, first."""
        self.quiet = quiet_of(self._paused_text is not None, self._nap_text is not None)
        self.icon.setIcon(tray_icon(self.quiet))
        said = {Quiet.PAUSED: self._paused_text, Quiet.NAPPING: self._nap_text}
        self.icon.setToolTip(f"Back Care — {said.get(self.quiet) or self._next_text}")

    def show_message(self, title: str, body: str) -> None:
        """Qt's own balloon: only for desktops without a notification server."""
        self.icon.showMessage(title, body, app_icon(), 15_000)
