"""The settings window's Reset, Export and Import: the whole plan at once, to or from outside.

Kept apart from the window (``settings_dialog``), which turns every edit in the tabs into a
checked plan: these actions never read the tabs. Each takes a whole plan from elsewhere (the
defaults or a settings file), asks her first where something of hers could be lost (Reset, and
an Import that leaves out her details), shows it with ``set_plan`` and emits it; Export writes
the last valid plan. They are a mixin so the window keeps its methods and its names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import cast

from PySide6.QtCore import Qt, SignalInstance, Slot
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QMessageBox, QWidget

from backcare.core.plan import FieldError, Plan, default_plan
from backcare.ui.form_parts import show_error


class PlanFileActions:
    """Mixin for ``SettingsDialog``: Reset (``ask_reset``, ``reset_to_defaults``), Export
    (``export_to``) and Import (``import_from``), and the buttons' file choosers. The window
    gives the plan, its errors, ``general_error``, ``set_plan``, ``_say`` and ``planChanged``."""

    _plan: Plan
    _errors: list[FieldError]
    _today: Callable[[], date]
    general_error: QLabel
    reset_box: QMessageBox | None
    import_box: QMessageBox | None
    planChanged: SignalInstance
    set_plan: Callable[[Plan], None]
    _say: Callable[[str], None]

    @Slot()
    def ask_reset(self) -> QMessageBox:
        """Ask first (non-blocking): reset keeping what she told about herself, or everything."""
        box = QMessageBox(cast(QWidget, self))
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
            cast(QWidget, self), "Export settings", str(Path.home() / "backcare-settings.toml"),
            "Settings files (*.toml)",
        )
        if name:
            self.export_to(Path(name))

    @Slot()
    def _choose_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            cast(QWidget, self), "Import settings", str(Path.home()),
            "Settings files (*.toml);;All files (*)",
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
                cast(QWidget, self), path.name, lost, lambda reset: self.import_from(path, reset))
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
