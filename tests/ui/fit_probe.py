"""Run in a process of its own (``python -m tests.ui.fit_probe``) on a screen set up by the
caller: an offscreen screen of a given size, perhaps scaled with ``QT_SCALE_FACTOR``, neither
of which can change once a QApplication exists. It opens the main window on a busy Today page
(recovery line, setup offer, pause banner, all the day's rows), then the "Your back" page, then
a guided session, then the settings dialog, and prints one JSON object: the free area, each
window's frame, and for each key control whether she can reach it there (see ``reachable``).
"""

from __future__ import annotations

import json
import sys
from datetime import date

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QWidget


def reachable(widget: QWidget, area: QRect) -> dict[str, object]:
    """Scroll every scroll area around ``widget`` to it, as she would, then say whether all of
    it is shown (nothing clips or covers it, it is not squeezed below its least height) and
    lies inside the screen's free area."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget, 0, 0)
        parent = parent.parentWidget()
    QApplication.processEvents()
    shown = widget.visibleRegion().boundingRect()
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    bottom_right = widget.mapToGlobal(widget.rect().bottomRight())
    return {
        "visible": widget.isVisible(),
        "whole": shown.size() == widget.size(),
        "tall_enough": widget.height() >= min(widget.minimumSizeHint().height(),
                                              widget.maximumHeight()),
        "inside": area.contains(top_left) and area.contains(bottom_right),
        "where": [top_left.x(), top_left.y(), bottom_right.x(), bottom_right.y()],
    }


def cut_texts(root: QWidget) -> list[str]:
    """Each shown text under ``root`` that is not shown whole: a wrapping label lower than the
    height its words need at its width, a one-line label or a button narrower than its text."""
    cut: list[str] = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        if label.wordWrap():
            if label.height() < label.heightForWidth(label.width()):
                cut.append(f"{label.objectName()}: {label.text()[:40]}")
        elif label.width() < label.minimumSizeHint().width():
            cut.append(f"{label.objectName()}: {label.text()[:40]}")
    cut += [f"{b.objectName()}: {b.text()}" for b in root.findChildren(QAbstractButton)
            if b.isVisible() and b.width() < b.minimumSizeHint().width()]
    return cut


def figure_heights(window: QWidget) -> dict[str, list[int]]:
    """Each exercise's card opened in turn, stepped through from its first step to its last:
    the figure's height on each step (a long instruction and a short one alike)."""
    heights: dict[str, list[int]] = {}
    page = window.exercises_page  # type: ignore[attr-defined]
    for exercise in window.catalog.exercises:  # type: ignore[attr-defined]
        card = page.open_exercise(exercise.id)
        seen: list[int] = []
        for step in range(len(exercise.steps)):
            if step:
                card.step_next()
            QApplication.processEvents()
            assert card.session.step_index == step, (exercise.id, step)
            seen.append(card.figure.height())
        heights[exercise.id] = seen
    return heights


def frame(window: QWidget) -> dict[str, list[int]]:
    """Where the frame lies, and the window's own size: a window manager's title bar is not
    drawn offscreen, so the caller checks the size leaves room for one."""
    return {"frame": list(window.frameGeometry().getCoords()), "size": [window.width(),
                                                                          window.height()]}


def main() -> None:
    from backcare.catalog import load_catalog
    from backcare.core.plan import default_plan
    from backcare.ui.base_font import raise_small_base_font
    from backcare.ui.main_window import MainWindow
    from backcare.ui.settings_dialog import TAB_ABOUT, SettingsDialog
    from backcare.ui.today_page import TodayPage
    from backcare.ui.your_back_page import your_back_page
    from tests.ui.test_today_page import TITLES, lunchtime

    app = QApplication(sys.argv[:1])
    raise_small_base_font(app)  # the base font the app starts with
    screen = app.primaryScreen()
    area = screen.availableGeometry()
    day, now = lunchtime()
    today = TodayPage(clock=lambda: now)
    today.set_day(day, now, TITLES)
    today.set_recovery("Week 5 after the birth. Opened this week: bridges and cat backs, "
                       "gently, a few at a time.", offer_setup=True)
    today.pause_banner.say("Reminders paused until 14:00")
    window = MainWindow(load_catalog(), home=("Today", today))
    window.show()
    app.processEvents()
    found: dict[str, object] = {"area": list(area.getCoords()), "window": frame(window)}
    controls = {"today calcium tally": today.calcium_label,
                "today calcium bar": today.calcium_bar,
                "today start button": today.start_button}
    found.update({name: reachable(w, area) for name, w in controls.items()})

    # The "Your back" page: scrolled to its foot, its last button; no text cut, no card
    # wider than the page; and each picture reached (the first of each tip that has them).
    back = your_back_page(window.catalog)
    window.add_page("Your back", back)
    window.show_page("Your back")
    app.processEvents()
    found["your back see safety"] = reachable(back.safety_button, area)
    found["your back width"] = {"width": back.scroll.viewport().width(),
                                "least": back.scroll.widget().minimumSizeHint().width()}
    found["your back cut texts"] = cut_texts(back)
    found["your back figures"] = {card.tip.id: reachable(card.figures[0], area)
                                  for card in back.cards.values() if card.figures}

    view = window.open_session(["bridge", "cat-back"], "Morning exercises")
    assert view is not None
    app.processEvents()
    card = {"card back": view.back_button, "card start": view.start_button,
            "card next": view.next_button, "card stop": view.stop_button,
            "card made worse": view.made_worse_button, "card figure": view.parts.figure}
    found.update({name: reachable(w, area) for name, w in card.items()})
    # The card as a whole: no narrower than it can be laid out (else its right edge, the
    # safety column, is cut off), and every text on it shown whole.
    found["card width"] = {"width": view.width(), "least": view.minimumSizeHint().width()}
    found["card cut texts"] = cut_texts(view)
    found["figure heights"] = figure_heights(window)

    env = {"HOME": "/nonexistent", "XDG_CONFIG_HOME": "/nonexistent/.config"}
    dialog = SettingsDialog(default_plan(), lambda: date(2026, 11, 23), [], (),
                            autostart_env=env, parent=window)
    dialog.show()
    app.processEvents()
    found["dialog"] = frame(dialog)
    buttons = {"settings close": dialog.close_button, "settings reset": dialog.reset_button,
               "settings import": dialog.import_button}
    found.update({name: reachable(w, area) for name, w in buttons.items()})
    dialog.tabs.setCurrentIndex(TAB_ABOUT)
    app.processEvents()
    found["settings about cut texts"] = cut_texts(dialog.about)
    # A field low on a tab's page, under the meals: the tabs scroll where the dialog is small.
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
    found["settings calcium target"] = reachable(dialog.calcium.calcium_target, area)
    print(json.dumps(found))


if __name__ == "__main__":
    main()
