"""A time field takes the time as she types it: typed over 21:30, "20:23" and "2023" give
20:23 (the spin box gave 21:23), "8pm" gives 20:00, and what is not a time is refused with a
sentence while the time stays. No spin arrows: Up, Down, Page Up and Page Down step it."""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtCore import Qt, QTime
from pytestqt.qtbot import QtBot

from backcare.ui.form_parts import time_edit as form_time_edit
from backcare.ui.setup_parts import time_edit
from backcare.ui.time_field import TimeField


def a_field(qtbot: QtBot, value: time = time(21, 30)) -> TimeField:
    field = time_edit(value, "Before bed exercise time")
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    return field


def type_in(qtbot: QtBot, field: TimeField, typed: str) -> None:
    """Select what is there, type over it and press Enter, as she would."""
    field.line.setFocus()
    field.line.selectAll()
    qtbot.keyClicks(field.line, typed)
    qtbot.keyClick(field.line, Qt.Key.Key_Return)


@pytest.mark.parametrize(("typed", "meant"), [
    ("20:23", QTime(20, 23)), ("2023", QTime(20, 23)), ("8pm", QTime(20, 0)),
    ("7.05 am", QTime(7, 5)),
])
def test_what_she_types_is_what_she_gets(qtbot: QtBot, typed: str, meant: QTime) -> None:
    field = a_field(qtbot)
    with qtbot.waitSignal(field.timeChanged) as changed:
        type_in(qtbot, field, typed)
    assert changed.args == [meant]
    assert field.time() == meant
    assert field.line.text() == meant.toString("HH:mm")
    assert not field.refusal.isVisible()


def test_a_time_that_is_not_one_is_refused_with_a_sentence(qtbot: QtBot) -> None:
    field = a_field(qtbot)
    with qtbot.assertNotEmitted(field.timeChanged):
        type_in(qtbot, field, "25:00")
    assert field.time() == QTime(21, 30) and field.line.text() == "21:30"
    assert field.refusal.isVisible()
    assert "the hours of a day go from 0 to 23" in field.refusal.text()
    assert field.refusal.text().endswith("It stays at 21:30.")
    type_in(qtbot, field, "20:23")  # put right, the sentence goes
    assert not field.refusal.isVisible() and field.time() == QTime(20, 23)


def test_the_arrow_keys_step_it_without_spin_arrows(qtbot: QtBot) -> None:
    field = a_field(qtbot, time(8, 3))
    field.line.setFocus()
    qtbot.keyClick(field.line, Qt.Key.Key_Up)
    assert field.time() == QTime(8, 5)
    qtbot.keyClick(field.line, Qt.Key.Key_Down)
    qtbot.keyClick(field.line, Qt.Key.Key_Down)
    assert field.time() == QTime(7, 55)
    qtbot.keyClick(field.line, Qt.Key.Key_PageUp)
    assert field.time() == QTime(8, 0) and field.line.text() == "08:00"
    qtbot.keyClick(field.line, Qt.Key.Key_PageDown)
    assert field.time() == QTime(7, 0)


def test_set_time_shows_the_time_and_says_so(qtbot: QtBot) -> None:
    field = form_time_edit("Meal time")
    qtbot.addWidget(field)
    with qtbot.waitSignal(field.timeChanged):
        field.setTime(QTime(12, 30))
    assert field.line.text() == "12:30" and field.time() == QTime(12, 30)
    assert field.line.accessibleName() == "Meal time"
    with qtbot.assertNotEmitted(field.timeChanged):
        field.setTime(QTime(12, 30))  # no change, no signal


def test_a_pause_in_typing_takes_the_time_and_never_refuses(qtbot: QtBot) -> None:
    field = a_field(qtbot)
    field.line.setFocus()
    field.line.selectAll()
    with qtbot.waitSignal(field.timeChanged) as changed:
        qtbot.keyClicks(field.line, "2023")
    assert changed.args == [QTime(20, 23)]
    assert field.line.text() == "2023"  # her text stays while she is in the field
    field.line.selectAll()
    qtbot.keyClicks(field.line, "20:")  # half typed: no sentence, the time stays
    assert field.time() == QTime(20, 23)
    assert field._pause.isActive()
    with qtbot.assertNotEmitted(field.timeChanged):
        field._pause.timeout.emit()  # the pause is up, without waiting for it
    assert not field.refusal.isVisible() and field.line.text() == "20:"
