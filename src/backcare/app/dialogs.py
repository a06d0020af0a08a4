"""The shell's dialogs and lazily built pages: setup, settings, safety, and the setback notice.

A mixin of ``Shell`` (``app/shell.py``), kept apart so that each module stays readable: these
open windows and hand what she chose back to the shell (``set_plan``), and decide nothing.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from backcare.core.plan import Plan
from backcare.settings import SETUP_KEY

if TYPE_CHECKING:
    from collections.abc import Mapping

    from backcare.catalog import Catalog
    from backcare.core.countries import Country
    from backcare.core.pain_diary import PainDiary
    from backcare.core.safety import Safety
    from backcare.core.store import Store
    from backcare.scheduling.service import ReminderService
    from backcare.ui.history_page import HistoryData
    from backcare.ui.main_window import MainWindow
    from backcare.ui.settings_dialog import SettingsDialog
    from backcare.ui.setup_wizard import SetupWizard

SETBACK_WIDTH = 560


class ShellDialogs:
    """What ``Shell`` provides to these methods is declared here."""

    catalog: Catalog
    store: Store
    window: MainWindow
    base_plan: Plan
    settings_dialog: SettingsDialog | None
    wizard: SetupWizard | None
    setback_dialog: QDialog | None
    _safety: Safety | None
    _safety_loaded: bool
    _countries: Mapping[str, Country]
    service: ReminderService
    _diary: PainDiary | None = None

    def today(self) -> date:
        raise NotImplementedError

    def set_plan(self, plan: Plan) -> None:
        raise NotImplementedError

    def not_yet(self) -> dict[str, str]:
        raise NotImplementedError

    def undo_setback(self) -> None:
        raise NotImplementedError

    def show_setback(self, title: str, until: date) -> QDialog:
        from PySide6.QtCore import Qt  # not at import: see app/startup.py

        from backcare.ui.safety_page import SetbackNotice

        if self.setback_dialog is not None:
            self.setback_dialog.close()
        dialog = QDialog(self.window)
        dialog.setWindowTitle("Exercise paused")
        dialog.setAccessibleName("Exercise paused")
        notice = SetbackNotice(title, until, self.safety())
        layout = QVBoxLayout(dialog)
        layout.addWidget(notice)
        # Wrapped text has no natural height: size the dialog for its width, or it is clipped.
        dialog.resize(SETBACK_WIDTH, layout.totalHeightForWidth(SETBACK_WIDTH))
        notice.dismissed.connect(dialog.accept)
        notice.undoRequested.connect(self.undo_setback)
        notice.undoRequested.connect(dialog.accept)
        notice.safetyRequested.connect(dialog.accept)
        notice.safetyRequested.connect(lambda: self.window.show_page("Safety"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.setback_dialog = dialog
        dialog.destroyed.connect(lambda: setattr(self, "setback_dialog", None))
        return dialog

    # -- safety, setup and settings ----------------------------------------------------------

    def safety(self) -> Safety | None:
        """The safety content in the words and numbers of her country (the one in her plan;
        neutral words where it is not known), read when first needed; None (with a sentence)
        if unreadable."""
        from backcare.core.countries import country_for, load_countries
        from backcare.core.safety import for_country, load_safety
        from backcare.paths import resources_dir

        if not self._safety_loaded:
            self._safety, problems = load_safety(resources_dir() / "safety.toml")
            self._countries, more = load_countries(resources_dir() / "countries.toml")
            self._safety_loaded = True
            for problem in (*problems, *more):
                print(problem.sentence(), file=sys.stderr)
        if self._safety is None:
            return None
        return for_country(self._safety, country_for(self.base_plan.profile.country,
                                                     self._countries))

    def red_flags_for(self, code: str | None) -> list[str]:
        """The warning-sign lines with the numbers of country ``code`` (the setup shows them
        for the country she has just chosen, before it is saved)."""
        from backcare.core.countries import country_for
        from backcare.core.safety import for_country, red_flag_lines

        if self.safety() is None or self._safety is None:
            return []
        return red_flag_lines(for_country(self._safety, country_for(code, self._countries)))

    def _build_your_back_page(self) -> QWidget:
        from backcare.ui.your_back_page import your_back_page  # when she first opens it

        return your_back_page(self.catalog, lambda: self.window.show_page("Safety"))

    # -- her history and pain diary ------------------------------------------------------------

    def pain_diary(self) -> PainDiary:
        from backcare.core.pain_diary import PainDiary

        if self._diary is None:
            self._diary = PainDiary(self.store)
        return self._diary

    def save_rating(self, key: str | None) -> None:
        """What she tapped on the session's summary, if anything, into her diary (a session
        she opened from the list has no reminder key: its entry names no session)."""
        page = self.window.built_exercises_page
        view = page.view if page is not None else None
        choice = view.rating_choice() if view is not None else None
        if choice is not None and (key is None or not self.pain_diary().rated(key)):
            self.pain_diary().add(key, choice.pain, choice.feel, self.service.now())

    def history_data(self) -> HistoryData:
        """Her history from her first start (a year at most) to today, read from the store."""
        from backcare.ui.history_page import read_history_data

        return read_history_data(self.store, self.base_plan, self.service.tz,
                                 self.service.now(), self.catalog.food_mg,
                                 self.catalog.portion_mg)

    def _build_history_page(self) -> QWidget:
        from backcare.ui.history_page import HistoryPage  # when she first opens it

        diary = self.pain_diary()
        return HistoryPage(self.history_data, diary.edit, diary.delete)

    def _build_safety_page(self) -> QWidget:
        from PySide6.QtWidgets import QLabel

        from backcare.core.ledger import load_ledger
        from backcare.core.safety import source_labels
        from backcare.paths import seeds_dir
        from backcare.ui.safety_page import SafetyPage

        safety = self.safety()
        if safety is None:
            return QLabel(
                "The safety information could not be read. If you feel unwell, call your doctor "
                "or midwife. In an emergency call your local emergency number: 112 across the EU "
                "and on most mobile phones, 911 in North America, 999 in the UK, 000 in Australia."
            )
        ledger, _ = load_ledger(seeds_dir() / "facts.toml")
        return SafetyPage(safety, source_labels(ledger))

    def needs_setup(self) -> bool:
        return self.store.get_setting(SETUP_KEY) is None

    def open_setup(self) -> SetupWizard:
        """The first-run questions (also from the Today page's offer); window-modal."""
        from backcare.core.safety import red_flag_lines
        from backcare.ui.setup_wizard import SetupWizard

        if self.wizard is not None:
            self.wizard.raise_()
            return self.wizard
        safety = self.safety()
        disclaimer = safety.disclaimer if safety is not None else ""
        flags = red_flag_lines(safety) if safety is not None else []
        wizard = SetupWizard(self.base_plan, self.today(), disclaimer, flags, self.window,
                             foods=[(f.id, f.name) for f in self.catalog.foods],
                             red_flags_for=self.red_flags_for)
        wizard.planChosen.connect(self._on_setup_done)
        wizard.rejected.connect(self._on_setup_skipped)
        wizard.finished.connect(lambda _code: setattr(self, "wizard", None))
        self.wizard = wizard
        self.window.bring_to_front()
        wizard.open()
        return wizard

    def _on_setup_done(self, plan: Plan) -> None:
        self.store.set_setting(SETUP_KEY, "done")
        self.set_plan(plan)

    def _on_setup_skipped(self) -> None:
        """Skipped at first start: the disclaimer and warning signs are still shown, once."""
        if self.store.get_setting(SETUP_KEY) is None:
            self.store.set_setting(SETUP_KEY, "skipped")
            self.window.show_page("Safety")
            self.window.statusBar().showMessage(
                "Please read these warning signs once. You can set up Back Care any time from "
                "the Today page.", 60_000)

    def ask_delete_data(self) -> QDialog:
        """Settings ▸ About you ▸ "Delete all my data…" (app/delete_data.py)."""
        from backcare.app.delete_data import ask_delete_data

        return ask_delete_data(self)  # type: ignore[arg-type]  # self is the Shell

    def open_settings(self) -> SettingsDialog:
        from PySide6.QtCore import Qt  # not at import: see app/startup.py

        from backcare.ui.settings_dialog import SettingsDialog

        if self.settings_dialog is None:
            dialog = SettingsDialog(
                self.base_plan,
                self.today,
                [(e.id, e.title) for e in self.catalog.exercises],
                [(f.id, f.name) for f in self.catalog.foods],
                self.window,
                not_yet=self.not_yet(),
            )
            dialog.planChanged.connect(self.set_plan)
            dialog.about.deleteDataRequested.connect(self.ask_delete_data)  # type: ignore[attr-defined]
            dialog.finished.connect(lambda _code: setattr(self, "settings_dialog", None))
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.settings_dialog = dialog
        self.window.bring_to_front()
        self.settings_dialog.show()
        self.settings_dialog.raise_()
        self.settings_dialog.activateWindow()
        return self.settings_dialog

