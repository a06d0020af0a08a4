"""The question before an import that would reset her details: replace them, keep them, or
cancel. Non-blocking (``open``), so the window keeps drawing and a test can answer it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from backcare.core.plan_reset import lost_sentence


def ask_about_lost_details(
    parent: QWidget, file_name: str, lost: list[str], answer: Callable[[bool], object]
) -> QMessageBox:
    """Ask whether importing ``file_name`` may reset ``lost``; ``answer(True)`` replaces them,
    ``answer(False)`` imports the rest and keeps them; Cancel imports nothing."""
    box = QMessageBox(parent)
    box.setWindowTitle("Import settings")
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(f"{file_name} leaves out {lost_sentence(lost)}.")
    box.setInformativeText("Keep what you told Back Care and import the rest, or let the file "
                           "reset them?")
    keep = box.addButton("Keep my details", QMessageBox.ButtonRole.AcceptRole)
    reset = box.addButton("Reset them", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.setEscapeButton(cancel)

    def chosen(button: QAbstractButton) -> None:
        if button is keep:
            answer(False)
        elif button is reset:
            answer(True)
        box.deleteLater()  # after the click has been handled, not during it

    box.buttonClicked.connect(chosen)
    box.open()
    return box
