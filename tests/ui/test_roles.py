"""The plain-number roles used at start-up mean what Qt's enum members mean."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidgetItem

from backcare.ui.roles import ACCESSIBLE_TEXT_ROLE, FOREGROUND_ROLE, USER_ROLE


def test_roles_equal_qts_own_values() -> None:
    assert Qt.ItemDataRole.AccessibleTextRole.value == ACCESSIBLE_TEXT_ROLE
    assert Qt.ItemDataRole.UserRole.value == USER_ROLE
    assert Qt.ItemDataRole.ForegroundRole.value == FOREGROUND_ROLE


def test_a_role_set_by_number_is_read_back_by_its_enum_name() -> None:
    item = QListWidgetItem("09:00   Posture break")
    item.setData(ACCESSIBLE_TEXT_ROLE, "9 o'clock, posture break")
    item.setData(USER_ROLE, "due")
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == "9 o'clock, posture break"
    assert item.data(Qt.ItemDataRole.UserRole) == "due"


def test_a_colour_set_by_role_is_the_items_text_colour() -> None:
    item = QListWidgetItem("07:30   Calcium with breakfast")
    item.setData(FOREGROUND_ROLE, QColor("#a33b3b"))
    assert item.foreground().color().name() == "#a33b3b"
