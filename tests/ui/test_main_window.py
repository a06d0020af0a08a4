"""The main window: title, navigation, menus, and a session brought to the front."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from backcare.catalog import Catalog, load_catalog
from backcare.ui import main_window as main_window_module
from backcare.ui.main_window import MainWindow


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def window(qtbot: QtBot, catalog: Catalog) -> MainWindow:
    win = MainWindow(catalog)
    qtbot.addWidget(win)
    return win


def test_title_navigation_and_exercises_page(window: MainWindow, catalog: Catalog) -> None:
    assert window.windowTitle() == "Back Care"
    assert [window.navigation.item(i).text() for i in range(window.navigation.count())] == [
        "Exercises"
    ]
    assert window.pages.currentWidget() is window.exercises_page
    assert window.exercises_page.list_widget.count() == len(catalog.exercises)


def test_adding_a_page_is_one_call(qtbot: QtBot, window: MainWindow) -> None:
    index = window.add_page("Today", QLabel("Today's plan"))
    assert index == 1
    assert window.navigation.count() == 2
    window.show_page("Today")
    assert window.pages.currentIndex() == 1
    qtbot.keyClick(window.navigation, Qt.Key.Key_Up)
    assert window.pages.currentWidget() is window.exercises_page
    with pytest.raises(KeyError):
        window.show_page("Nowhere")


def test_the_home_page_comes_first_and_exercises_are_built_when_opened(
    qtbot: QtBot, catalog: Catalog
) -> None:
    home = QLabel("Today's plan")
    win = MainWindow(catalog, home=("Today", home))
    qtbot.addWidget(win)
    built: list[object] = []
    win.exercisesPageBuilt.connect(built.append)
    assert [win.navigation.item(i).text() for i in range(win.navigation.count())] == [
        "Today", "Exercises"
    ]
    assert win.pages.currentWidget() is home
    assert win._exercises_page is None and built == []
    win.show_page("Exercises")
    assert built == [win.exercises_page]
    assert win.pages.currentWidget() is win.exercises_page
    assert win.exercises_page.list_widget.count() == len(catalog.exercises)
    assert win.pages.widget(1) is win.exercises_page and win.pages.count() == 2
    win.show_page("Today")
    win.show_page("Exercises")
    assert len(built) == 1


def test_menus_have_quit_with_ctrl_q_and_about(window: MainWindow) -> None:
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Help"]
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert window.about_action.text() == "&About Back Care"
    assert window.settings_action.shortcut() == QKeySequence("Ctrl+,")


def record_exits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Replace QCoreApplication in the module so quitting is recorded, not performed."""
    quits: list[int] = []

    class FakeApp:
        @staticmethod
        def exit(code: int) -> None:
            quits.append(code)

    monkeypatch.setattr(main_window_module, "QCoreApplication", FakeApp)
    return quits


def test_quit_in_the_menu_asks_the_shell_and_quit_app_quits(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    quits = record_exits(monkeypatch)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.quitRequested, timeout=1000):
        window.quit_action.trigger()
    assert quits == []  # the question is the shell's (app/background)
    window.quit_app()
    assert not window.isVisible()
    assert quits == [0]


def test_closing_hides_the_window_and_ctrl_w_closes_it(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    quits = record_exits(monkeypatch)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.closedToBackground, timeout=1000):
        assert window.close() is False  # refused: Back Care lives on in the background
    assert not window.isVisible()
    assert quits == []
    window.bring_to_front()
    assert window.isVisible()
    assert window.close_action.shortcut() == QKeySequence("Ctrl+W")
    with qtbot.waitSignal(window.closedToBackground, timeout=1000):
        window.close_action.trigger()
    assert not window.isVisible()
    assert quits == []


def test_the_end_of_her_desktop_session_lets_the_window_close(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.let_close()
    assert window.close() is True


def test_about_box_opens_without_blocking(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    box = window.show_about()
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible, timeout=2000)
    assert "Back Care" in box.text()
    assert "does not replace" in box.text()
    box.close()


def test_a_finished_session_is_passed_on_with_a_kind_status(
    qtbot: QtBot, window: MainWindow, catalog: Catalog
) -> None:
    exercise = catalog.exercises[0]
    view = window.exercises_page.open_exercise(exercise.id)
    assert view is not None
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # stop at once: nothing done
    with qtbot.waitSignal(window.sessionFinished, timeout=1000) as done:
        qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    assert done.args[0].started is False
    assert window.statusBar().currentMessage() == (
        "Nothing was saved: come back to it when you are ready."
    )


def test_opening_a_session_shows_it_whatever_page_was_showing(
    qtbot: QtBot, catalog: Catalog
) -> None:
    window = MainWindow(catalog, home=("Today", QWidget()))
    qtbot.addWidget(window)
    window.show()
    assert window.navigation.currentItem().text() == "Today"
    view = window.open_session(["bridge", "cat-back"], "Morning exercises")
    assert view is not None
    assert window.windowTitle() == "Morning exercises — Back Care"
    assert window.pages.currentWidget() is window.exercises_page
    assert window.exercises_page.view is view
    assert window.navigation.currentItem().text() == "Exercises"
    assert [r.exercise_id for r in view.session.outcome.results] == ["bridge", "cat-back"]
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    assert window.windowTitle() == "Back Care"


def test_the_window_fits_a_small_laptop_screen() -> None:
    from backcare.ui.main_window import initial_size

    assert initial_size((1920, 1050)) == (1100, 760)
    assert initial_size((1366, 736)) == (1100, 692)  # 768 less a 32 px panel, less the frame
    assert initial_size((853, 533)) == (837, 489)  # 1280×800 at 150 %: the pages scroll
