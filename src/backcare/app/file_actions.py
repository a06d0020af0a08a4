"""The File menu's actions on the shell: print and export the week, export the calendar and
the report.

A mixin of ``Shell`` (``app/shell.py``), kept apart so that the shell stays readable. Each
method only hands over to ``app/sheet_actions``, imported when first asked for, so a start at
login never pays for QtPrintSupport or the PDF painter.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog


class ShellFileActions:
    """File ▸ Print…, Export PDF…, Export calendar… and Export report…, for ``Shell``."""

    def choose_calendar_file(self) -> None:
        """File ▸ Export calendar…: ask where, then ``export_calendar``."""
        from backcare.app.sheet_actions import choose_calendar_file

        choose_calendar_file(self)  # type: ignore[arg-type]  # self is the Shell

    def export_calendar(self, path: Path) -> bool:
        """Her saved plan, from today, as a calendar file at ``path``."""
        from backcare.app.sheet_actions import export_calendar

        return export_calendar(self, path)  # type: ignore[arg-type]

    def print_sheet(self) -> QDialog | None:
        """File ▸ Print…: this week's sheet in Qt's print preview."""
        from backcare.app.sheet_actions import open_print_preview

        return open_print_preview(self)  # type: ignore[arg-type]

    def export_sheet(self, path: Path | None = None) -> bool:
        """File ▸ Export PDF…: this week's sheet as a PDF at ``path`` (asked when None)."""
        from backcare.app.sheet_actions import export_sheet

        return export_sheet(self, path)  # type: ignore[arg-type]

    def export_report(self, path: Path | None = None) -> bool:
        """File ▸ Export report…: her progress report as a PDF at ``path`` (asked when None)."""
        from backcare.app.sheet_actions import export_report

        return export_report(self, path)  # type: ignore[arg-type]
