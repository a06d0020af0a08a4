"""The settings window: everything in her plan, applied the moment it is valid.

Every edit turns the tabs back into the plan's plain data and asks ``plan_from_dict`` (the
same reader the settings file and the store use) whether it fits. A valid plan is emitted at
once as ``planChanged``, so the reminders follow without a Save button; an invalid one is not
emitted, and each sentence appears in red beside the field it names, so there is never a
half-applied plan and never a rule here that the core does not also enforce.

Each tab is its own widget (``ui/settings_*_tab.py``): plain data in, plain data out, and the
problems handed to it shown beside its fields. This window keeps the plan as a whole: it builds
it from the tabs, checks it, hands each ``FieldError`` to the tab that owns its field, applies
it, and holds Start at login; Reset, Export and Import, which replace the plan as a whole, are
its mixin ``PlanFileActions`` (``settings_plan_files.py``).

The baby's nap is not a setting (it is "Baby is napping" in the tray menu), so it is carried
over untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from string import Template
from typing import Any

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QColor, QHideEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backcare.core.plan import FieldError, Plan
from backcare.core.plan_codec import plan_from_dict, plan_to_dict
from backcare.ui.focus_ring import need_spin_ring
from backcare.ui.form_parts import MealRow, QuietRow, error_colour, make_error_label, show_error
from backcare.ui.screen_fit import fit_to_screen, scrolled
from backcare.ui.settings_about_tab import AboutTab
from backcare.ui.settings_calcium_tab import CalciumTab
from backcare.ui.settings_day_tab import DayTab
from backcare.ui.settings_plan_files import PlanFileActions
from backcare.ui.settings_posture_tab import PostureTab
from backcare.ui.settings_sessions_tab import SessionsTab
from backcare.ui.settings_tab import SettingsTab
from backcare.ui.theme import ThemeFollower, set_style_if_changed, theme_for

TAB_ABOUT, TAB_DAY, TAB_SESSIONS, TAB_POSTURE, TAB_CALCIUM = range(5)
TAB_TITLES = ("About you", "Your day", "Exercise sessions", "Posture breaks", "Calcium")
TYPING_PAUSE_MS = 700  # a name she types is applied once she stops for this long

_STYLE = Template("""
QDialog#settingsDialog QLabel, QDialog#settingsDialog QCheckBox,
QDialog#settingsDialog QRadioButton, QDialog#settingsDialog QPushButton,
QDialog#settingsDialog QLineEdit, QDialog#settingsDialog QComboBox,
QDialog#settingsDialog QSpinBox,
QDialog#settingsDialog QDateEdit, QDialog#settingsDialog QListWidget,
QDialog#settingsDialog QTabBar::tab { font-size: 11pt; }
QDialog#settingsDialog QTabBar::tab { padding: 6px 14px; }
QDialog#settingsDialog QPushButton { min-height: 28px; padding: 0 14px; }
QDialog#settingsDialog QLabel[role="note"] { color: $muted; font-size: 10pt; }
QDialog#settingsDialog QLabel#settingsMessage { color: $accent; }
""")  # in the theme's colours: see ``theme``


class SettingsDialog(ThemeFollower, PlanFileActions, QDialog):
    """``SettingsDialog(plan, today, exercises, foods)``: non-modal; show it with ``show()``.

    ``planChanged(Plan)`` is emitted for every edit that gives a valid plan (and after Reset or
    a good Import); the app saves and applies it. ``set_plan(plan)`` shows a plan changed
    elsewhere without emitting. ``exercises`` and ``foods`` are ``(id, title)`` pairs. The tabs
    are ``about``, ``day``, ``sessions_tab``, ``posture`` and ``calcium`` (in ``TAB_*`` order);
    their fields are also reachable here by their old names (``birth_date``, ``meal_rows``, …).

    Typing is not an edit per key: problems are shown as she types, but a name is applied once
    she pauses (``TYPING_PAUSE_MS``), presses Enter or leaves the field, and a typed number,
    time or date once she presses Enter or leaves it (arrows and the mouse wheel apply at
    once). Closing the window applies what is still pending.
    """

    planChanged = Signal(object)

    def __init__(
        self,
        plan: Plan,
        today: Callable[[], date],
        exercises: Sequence[tuple[str, str]],
        foods: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
        autostart_env: Mapping[str, str] | None = None,
        not_yet: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        need_spin_ring()  # its spin boxes and date fields get the focus ring too
        self._plan = plan
        self._today = today
        self._env = autostart_env
        self._loading = False
        self._errors: list[FieldError] = []
        self._pending: Plan | None = None  # checked and valid, not yet emitted (typing)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.apply_pending)
        self.reset_box: QMessageBox | None = None
        self.import_box: QMessageBox | None = None  # the question an import may ask first
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Back Care settings")
        self.setAccessibleName("Settings")
        self.setModal(False)
        self.follow_theme()
        # 780×640 where the screen has room; on a small or scaled one less, the tabs scrolling.
        fit_to_screen(self, (780, 640), (720, 560), place=False)

        self.about = AboutTab(today)
        self.day = DayTab()
        self.sessions_tab = SessionsTab(exercises, self.day.waking_hours, not_yet)
        self.posture = PostureTab()
        self.calcium = CalciumTab(foods)
        self._pages: tuple[SettingsTab, ...] = (
            self.about, self.day, self.sessions_tab, self.posture, self.calcium
        )  # in TAB_* order
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Settings sections")
        for page, title in zip(self._pages, TAB_TITLES, strict=True):
            page.edited.connect(self._edited)
            page.typed.connect(self._typed)
            page.typingDone.connect(self.apply_pending)
            self.tabs.addTab(scrolled(page, "settingsTabScroll"), title)
        self._name_the_fields()

        self.general_error = make_error_label("Problems with these settings")
        self.message = QLabel()
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Settings message")
        self.message.hide()

        self.autostart = QCheckBox("Start Back Care when I log in")
        self.autostart.setAccessibleName("Start at login")
        self.autostart_error = make_error_label("Problem with start at login")
        self._load_autostart()
        self.autostart.toggled.connect(self._on_autostart)

        self.reset_button = QPushButton("Reset to defaults…")
        self.export_button = QPushButton("Export…")
        self.export_button.setToolTip("Save your settings to a file (TOML)")
        self.import_button = QPushButton("Import…")
        self.import_button.setToolTip("Read settings from a file saved with Export")
        self.close_button = QPushButton("Close")
        for button in (self.reset_button, self.export_button, self.import_button):
            button.setAutoDefault(False)
        self.close_button.setDefault(True)
        self.reset_button.clicked.connect(self.ask_reset)
        self.export_button.clicked.connect(self._choose_export)
        self.import_button.clicked.connect(self._choose_import)
        self.close_button.clicked.connect(self.close)

        buttons = QHBoxLayout()
        for button in (self.reset_button, self.export_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(self.tabs, 1)
        for widget in (self.general_error, self.message, self.autostart, self.autostart_error):
            layout.addWidget(widget)
        layout.addLayout(buttons)

        self.set_plan(plan)

    def _apply_theme(self) -> None:
        set_style_if_changed(self, _STYLE.substitute(theme_for(self.palette()).slots()))

    def _name_the_fields(self) -> None:
        """The tabs' fields under the names they had when the window held them all."""
        self.birth_date = self.about.birth_date
        self.birth_date_unknown = self.about.birth_date_unknown
        self.birth_type = self.about.birth_type
        self.breastfeeding = self.about.breastfeeding
        self.diet_calcium = self.about.diet_calcium
        self.waking_start = self.day.waking_start
        self.waking_end = self.day.waking_end
        self.waking_error = self.day.waking_error
        self.weekday_boxes = self.day.weekday_boxes
        self.sessions = self.sessions_tab.sessions
        self.posture_interval = self.posture.posture_interval
        self.add_meal_button = self.calcium.add_meal_button
        self.calcium_target = self.calcium.calcium_target
        self.food_list = self.calcium.food_list

    @property
    def meal_rows(self) -> list[MealRow]:
        return self.calcium.meal_rows

    @property
    def quiet_rows(self) -> list[QuietRow]:
        return self.day.quiet_rows

    # -- the plan -----------------------------------------------------------------------------

    def plan(self) -> Plan:
        """The last valid plan (what the app has been given)."""
        return self._plan

    def set_plan(self, plan: Plan) -> None:
        """Show ``plan`` (changed elsewhere: setup, import, a reset); emits nothing.

        Anything typed but not yet applied is dropped with the fields it was typed in: the
        plan shown is the one that was just chosen.
        """
        self._typing.stop()
        self._pending = None
        self._plan = plan
        data = plan_to_dict(plan)
        self._loading = True
        try:
            for page in self._pages:
                page.set_data(data)
        finally:
            self._loading = False
        self._show_errors([])

    def set_not_yet(self, not_yet: Mapping[str, str]) -> None:
        """Her progression moved on: which exercises are not for her yet, and why (short)."""
        self.sessions_tab.set_not_yet(not_yet)

    # -- every edit ---------------------------------------------------------------------------

    def current_data(self) -> dict[str, Any]:
        """The tabs as the plan's plain data; the nap is carried over from the plan."""
        data = plan_to_dict(self._plan)
        for page in self._pages:
            data.update(page.data())
        return data

    @Slot()
    def _edited(self, *_args: object) -> None:
        """Rebuild the plan from the widgets: emit it if valid, else show why beside each field."""
        self._check()
        self.apply_pending()

    @Slot()
    def _typed(self, *_args: object) -> None:
        """A key in a text field: show problems now, apply once she pauses or moves on."""
        self._check()
        self._typing.start()

    def _check(self) -> None:
        if self._loading:
            return
        self.message.hide()
        plan, errors = plan_from_dict(self.current_data(), today=self._today())
        self._show_errors(errors)
        if plan is not None and plan != self._plan:
            self._plan = plan
            self._pending = plan

    @Slot()
    def apply_pending(self) -> None:
        """Emit the valid plan that typing left waiting, if any."""
        self._typing.stop()
        plan, self._pending = self._pending, None
        if plan is not None:
            self.planChanged.emit(plan)

    def hideEvent(self, event: QHideEvent) -> None:
        """Closing applies what she typed last, even if she never left the field."""
        focused = self.focusWidget()
        if isinstance(focused, QAbstractSpinBox):
            focused.interpretText()  # commits a typed time or number (emits if it changed)
        self.apply_pending()
        super().hideEvent(event)

    @property
    def errors(self) -> list[FieldError]:
        return list(self._errors)

    def _show_errors(self, errors: list[FieldError]) -> None:
        """Hand each problem to the tab that owns its field; what no tab can place beside a
        field, and which tabs need a look, is said below the tabs."""
        self._errors = errors
        left = [e for e in errors if not any(page.owns(e.field) for page in self._pages)]
        bad_tabs: set[int] = set()
        for tab, page in enumerate(self._pages):
            handed = [e for e in errors if page.owns(e.field)]
            unplaced = page.show_errors(handed)
            if len(unplaced) < len(handed):
                bad_tabs.add(tab)
            left += unplaced
        for tab in range(self.tabs.count()):
            colour = error_colour(self.palette()) if tab in bad_tabs else QColor()
            self.tabs.tabBar().setTabTextColor(tab, colour)
        left_ids = {id(e) for e in left}
        general = [e.message for e in errors if id(e) in left_ids]  # in the order found
        if bad_tabs:
            names = " and ".join(f"“{TAB_TITLES[t]}”" for t in sorted(bad_tabs))
            general.insert(0, f"Not applied yet: please look at the red notes on {names}. "
                              "Your other settings are kept as they were.")
        elif general:
            general.insert(0, "Not applied yet:")
        show_error(self.general_error, general)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- start at login -----------------------------------------------------------------------

    def _load_autostart(self) -> None:
        from backcare.desktop.desktop_entry import autostart_enabled

        self.autostart.blockSignals(True)
        self.autostart.setChecked(autostart_enabled(self._env))
        self.autostart.blockSignals(False)

    @Slot(bool)
    def _on_autostart(self, enabled: bool) -> None:
        from backcare.desktop.desktop_entry import set_autostart

        problem = set_autostart(enabled, self._env)
        show_error(self.autostart_error, [problem] if problem else [])
        if problem:
            self._load_autostart()

