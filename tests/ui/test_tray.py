"""The tray menu shows the next reminder and offers pause, resume, open and quit."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from backcare.core.quiet import Quiet, quiet_of
from backcare.ui.tray import Tray


def test_menu_choices_emit_their_signals(qtbot) -> None:  # type: ignore[no-untyped-def]
    tray = Tray()
    texts = [a.text() for a in tray.menu.actions() if a.text()]
    assert texts[:1] == ["Nothing planned"]
    assert "Pause for 30 minutes" in texts and "Pause until tomorrow" in texts
    with qtbot.waitSignal(tray.pauseRequested) as pause:
        tray.pause_actions[1].trigger()
    assert pause.args == [60]
    with qtbot.waitSignal(tray.pauseRequested) as pause:
        tray.pause_actions[3].trigger()
    assert pause.args == [-1]
    with qtbot.waitSignal(tray.openRequested):
        tray.open_action.trigger()
    with qtbot.waitSignal(tray.settingsRequested):
        tray.settings_action.trigger()
    assert texts[-3:] == ["Open Back Care", "Settings…", "Quit"]
    with qtbot.waitSignal(tray.quitRequested):
        tray.quit_action.trigger()


def test_status_switches_between_pause_and_resume(qtbot) -> None:  # type: ignore[no-untyped-def]
    tray = Tray()
    tray.set_status("Next: posture break at 11:00", None)
    assert tray.next_action.text() == "Next: posture break at 11:00"
    assert not tray.resume_action.isVisible()
    assert all(a.isVisible() for a in tray.pause_actions)
    tray.set_status("Next: posture break at 11:00", "Paused until 14:30")
    assert tray.next_action.text() == "Paused until 14:30"
    assert tray.resume_action.isVisible()
    assert not any(a.isVisible() for a in tray.pause_actions)
    with qtbot.waitSignal(tray.resumeRequested):
        tray.resume_action.trigger()


def test_baby_is_napping_and_awake(qtbot) -> None:  # type: ignore[no-untyped-def]
    tray = Tray()
    assert [a.text() for a in tray.nap_actions][:2] == ["for 30 minutes", "for 1 hour"]
    with qtbot.waitSignal(tray.napRequested) as nap:
        tray.nap_actions[1].trigger()
    assert nap.args == [60]
    assert not tray.awake_action.isVisible()
    tray.set_nap("Quiet while the baby naps, until 14:30")
    assert tray.awake_action.isVisible() and not tray.nap_action.isVisible()
    assert tray.awake_action.text() == (
        "Baby is awake (now: quiet while the baby naps, until 14:30)")
    with qtbot.waitSignal(tray.awakeRequested):
        tray.awake_action.trigger()
    tray.set_nap(None)
    assert not tray.awake_action.isVisible() and tray.nap_action.isVisible()


def _picture(tray: Tray) -> QImage:
    return tray.icon.icon().pixmap(QSize(32, 32)).toImage()


def test_the_icon_and_tip_show_a_pause_or_a_nap(qtbot) -> None:  # type: ignore[no-untyped-def]
    tray = Tray()
    tray.set_status("Next: posture break at 11:00", None)
    normal = _picture(tray)
    assert tray.quiet is Quiet.NO
    assert tray.icon.toolTip() == "Back Care — Next: posture break at 11:00"
    tray.set_nap("Quiet while the baby naps, until 14:30")
    napping = _picture(tray)
    assert not napping.isNull() and not normal.isNull()
    assert tray.quiet is Quiet.NAPPING and napping != normal
    assert tray.icon.toolTip() == "Back Care — Quiet while the baby naps, until 14:30"
    tray.set_status("Next: posture break at 11:00", "Paused until 16:00")
    paused = _picture(tray)
    assert tray.quiet is Quiet.PAUSED and paused not in (normal, napping)
    assert tray.icon.toolTip() == "Back Care — Paused until 16:00"
    tray.set_status("Next: posture break at 11:00", None)
    tray.set_nap(None)
    assert tray.quiet is Quiet.NO and _picture(tray) == normal


def test_a_pause_shows_over_a_nap() -> None:
    assert quiet_of(paused=True, napping=True) is Quiet.PAUSED
    assert quiet_of(paused=False, napping=True) is Quiet.NAPPING
    assert quiet_of(paused=False, napping=False) is Quiet.NO
