"""The settings window: everything in her plan, applied the moment it is valid.

Every edit turns the tabs back into the plan's plain data and asks ``plan_from_dict`` (the
same reader the settings file and the store use) whether it fits. A valid plan is emitted at
once as ``planChanged``, so the reminders follow without a Save button; an invalid one is not
emitted, and each sentence appears in red beside the field it names, so there is never a
half-applied plan and never a rule here that the core does not also enforce.

Each tab is its own widget (``ui/settings_*_tab.py``): plain data in, plain data out, and the
problems handed to it shown beside its fields. This window keeps the plan as a whole: it builds
it from the tabs, checks it, hands each ``FieldError`` to the tab that owns its field, applies
it, and holds Reset, Export, Import and Start at login.

The baby's nap is not a setting (it is "Baby is napping" in the tray menu), so it is carried
over untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from string import Template
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QHideEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backcare.core.plan import FieldError, Plan, default_plan
from backcare.core.plan_codec import plan_from_dict, plan_to_dict
from backcare.ui.form_parts import MealRow, QuietRow, error_colour, make_error_label, show_error
from backcare.ui.screen_fit import fit_to_screen, scrolled
from backcare.ui.settings_about_tab import AboutTab
from backcare.ui.settings_calcium_tab import CalciumTab
from backcare.ui.settings_day_tab import DayTab
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


class SettingsDialog(ThemeFollower, QDialog):
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

    # -- reset, export, import ----------------------------------------------------------------

    @Slot()
    def ask_reset(self) -> QMessageBox:
        """Ask first (non-blocking): reset keeping what she told about herself, or everything."""
        box = QMessageBox(self)
        box.setWindowTitle("Reset to defaults")
        box.setIcon(QMessageBox.Icon.Question)
        box.setText("Put every setting back to how Back Care started?")
        box.setInformativeText("Your baby's birth date, the type of birth, feeding, your age "
                               "and calcium from food are kept unless you choose “Reset "
                               "everything”.")
        keep = box.addButton("Reset, keep my details", QMessageBox.ButtonRole.AcceptRole)
        everything = box.addButton("Reset everything", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(button: QAbstractButton) -> None:
            if button is keep:
                self.reset_to_defaults(keep_profile=True)
            elif button is everything:
                self.reset_to_defaults(keep_profile=False)

        box.buttonClicked.connect(chosen)
        box.destroyed.connect(lambda: setattr(self, "reset_box", None))
        self.reset_box = box
        box.open()
        return box

    def reset_to_defaults(self, keep_profile: bool = True) -> Plan:
        plan = default_plan()
        if keep_profile:  # what she told about herself: the profile, and her age band
            calcium = replace(plan.calcium, age_band=self._plan.calcium.age_band)
            plan = replace(plan, profile=self._plan.profile, calcium=calcium)
        changed = plan != self._plan
        self.set_plan(plan)
        if changed:
            self.planChanged.emit(plan)
        self._say("Settings are back to the defaults" +
                  (", with what you told about yourself kept." if keep_profile else "."))
        return plan

    @Slot()
    def _choose_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export settings", str(Path.home() / "backcare-settings.toml"),
            "Settings files (*.toml)"
        )
        if name:
            self.export_to(Path(name))

    @Slot()
    def _choose_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Import settings", str(Path.home()), "Settings files (*.toml);;All files (*)"
        )
        if name:
            self.import_from(Path(name))

    def export_to(self, path: Path) -> bool:
        """Write the current (last valid) plan to ``path``; says what happened, never raises."""
        from backcare.settings_file import export_settings

        try:
            export_settings(self._plan, path)
        except OSError as exc:
            self._say("")
            show_error(self.general_error, [
                f"Back Care could not save {path}: {exc.strerror or exc}. Try another folder."
            ])
            return False
        note = (" The changes marked in red are not in it until they are fixed."
                if self._errors else "")
        self._say(f"Your settings are saved in {path}.{note}")
        return True

    def import_from(self, path: Path, replace_details: bool | None = None) -> bool:
        """Read settings from ``path``: applied if valid, otherwise nothing changes and the
        sentences say why. A file that leaves out her details (the birth date...) is applied
        only once she has chosen (``import_box``): keep them (False) or reset them (True)."""
        from backcare.core.plan_reset import details_lost, keep_details
        from backcare.settings_file import import_settings
        from backcare.ui.import_choice import ask_about_lost_details

        plan, problems = import_settings(path, self._today())
        if plan is None:
            self._say("")
            show_error(self.general_error, [
                f"These settings were not imported from {path.name}:", *problems
            ])
            return False
        lost = details_lost(self._plan, plan)
        if lost and replace_details is None:
            box = ask_about_lost_details(
                self, path.name, lost, lambda reset: self.import_from(path, reset))
            box.destroyed.connect(lambda: setattr(self, "import_box", None))
            self.import_box = box
            return False
        if lost and not replace_details:
            plan = keep_details(self._plan, plan)
        changed = plan != self._plan
        self.set_plan(plan)
        if changed:
            self.planChanged.emit(plan)
        self._say(f"Settings imported from {path.name}.")
        return True

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

