"""The tray menu shows the next reminder and offers pause, resume, open and quit."""

from __future__ import annotations

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
