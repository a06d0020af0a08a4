"""No text below about 10 pt (issue 13, part 6): hints, the calcium line and the status bar were
about 9 pt, too small to read at a glance while holding a baby.

Every visible widget that shows words, on every page of the main window (Today, Exercises,
Your back, Safety), on the exercise card and the guided session, in every tab of the settings
and every step of the setup, is asked for the font it really draws with, after its stylesheet
has been applied (Qt's stylesheet style sets a ``font-size`` into the widget's font when it polishes
it). A size in pixels is turned into points at the widget's logical DPI, as the screen shows
it. The app font is the one the start gives it (``base_font``: the desktop's, at least 10 pt;
the test machine's is "Sans Serif 9", as on a desktop with no theme). The floor is 9.5 pt:
"about 10", with room for a size given in pixels that rounds a little under (13 px at 96 DPI
is 9.75 pt), and well above the 9 pt the issue found.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from backcare.catalog import Catalog, load_catalog
from backcare.core.safety import load_safety
from backcare.paths import resources_dir
from backcare.ui.base_font import LEAST_PT as BASE_PT
from backcare.ui.base_font import floored, raise_small_base_font
from backcare.ui.main_window import MainWindow
from backcare.ui.safety_page import SafetyPage
from backcare.ui.theme import theme_for
from tests.ui.test_contrast import every_view, history, settings, today, wizard, your_back

LEAST_PT = 9.5


def points(font: QFont, widget: QWidget) -> float:
    """The font's size in points as ``widget`` draws it: a pixel size at its logical DPI."""
    if font.pointSizeF() > 0:
        return font.pointSizeF()
    return font.pixelSize() * 72.0 / widget.logicalDpiY()


def shows_words(widget: QWidget) -> bool:
    """Whether ``widget`` draws words of its own (not only holds widgets that do)."""
    if isinstance(widget, QLabel):
        return bool(widget.text().strip())
    if isinstance(widget, QAbstractButton):
        return bool(widget.text().strip())
    if isinstance(widget, QGroupBox):
        return bool(widget.title().strip())
    if isinstance(widget, QProgressBar):
        return widget.isTextVisible() and bool(widget.text().strip())
    return isinstance(widget, (QLineEdit, QComboBox, QAbstractSpinBox, QTabBar, QTextEdit,
                               QAbstractItemView))


def small_texts(window: QWidget) -> dict[str, float]:
    """Each visible text-bearing widget in ``window`` whose font is under ``LEAST_PT``."""
    QApplication.processEvents()
    found: dict[str, float] = {}
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisibleTo(window) and widget is not window:
            continue
        if not shows_words(widget):
            continue
        size = points(widget.font(), widget)
        if size < LEAST_PT:
            words = getattr(widget, "text", lambda: "")
            text = words() if callable(words) else ""
            found[f"{type(widget).__name__} {widget.objectName()!r} {str(text)[:40]!r}"] = (
                round(size, 2))
    return found


def counted(window: QWidget) -> int:
    """How many text-bearing widgets are shown: proof the walk saw the page's words."""
    return sum(1 for w in window.findChildren(QWidget)
               if w.isVisibleTo(window) and shows_words(w))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(autouse=True)
def started_font(qapp: QApplication) -> Iterator[None]:
    """The app font as ``run_app`` leaves it, for this module's tests only."""
    before = QFont(qapp.font())
    raise_small_base_font(qapp)
    yield
    qapp.setFont(before)


def test_a_small_desktop_font_is_raised_to_ten_points_and_a_large_one_kept() -> None:
    nine, twelve, pixels = QFont("Sans Serif", 9), QFont("Sans Serif", 12), QFont()
    pixels.setPixelSize(12)  # 9 pt at 96 DPI
    raised = floored(nine, 96.0)
    assert raised is not None and raised.pointSizeF() == BASE_PT
    assert raised.family() == nine.family()  # her desktop's face, only larger
    assert floored(twelve, 96.0) is None
    by_pixels = floored(pixels, 96.0)
    assert by_pixels is not None and by_pixels.pointSizeF() == BASE_PT
    assert QGuiApplication.font().pointSizeF() >= BASE_PT  # what the fixture's start did


def main_window_views(qtbot: QtBot, catalog: Catalog) -> Iterator[tuple[str, QWidget]]:
    """The main window on each of its pages (Today, Exercises, Your back, History, Safety),
    then on an exercise's card and on a guided session."""
    window = today(qtbot, catalog)
    assert isinstance(window, MainWindow)
    found, _ = load_safety(resources_dir() / "safety.toml")
    assert found is not None
    window.add_page("Your back", your_back(qtbot, catalog))  # pictures and captions too
    window.add_page("History", history(qtbot, catalog))
    window.add_page("Safety", SafetyPage(found))
    qtbot.addWidget(window)
    window.resize(1366, 736)
    window.show()
    qtbot.waitExposed(window)
    for row in range(window.navigation.count()):
        window.navigation.setCurrentRow(row)
        yield window.navigation.item(row).text(), window
    window.show_page("Exercises")
    window.exercises_page.open_exercise(catalog.exercises[0].id)
    yield "card", window
    assert window.open_session([e.id for e in catalog.exercises[:2]], "Morning") is not None
    yield "session", window


def test_no_text_on_the_main_window_pages_or_the_card_is_under_ten_points(
    qtbot: QtBot, catalog: Catalog
) -> None:
    small: dict[str, float] = {}
    seen: list[str] = []
    for name, window in main_window_views(qtbot, catalog):
        assert not theme_for(window.palette()).dark  # the light theme
        assert counted(window) >= 3, name
        small.update({f"{name}: {key}": pt for key, pt in small_texts(window).items()})
        seen.append(name)
    assert seen == ["Today", "Exercises", "Your back", "History", "Safety", "card", "session"]
    assert small == {}


@pytest.mark.parametrize("name", ["settings", "wizard"])
def test_no_text_in_the_settings_or_the_setup_is_under_ten_points(
    qtbot: QtBot, catalog: Catalog, name: str
) -> None:
    window = {"settings": settings, "wizard": wizard}[name](qtbot, catalog)
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    qtbot.waitExposed(window)
    small: dict[str, float] = {}
    views = 0
    for _ in every_view(window):
        views += 1
        assert counted(window) >= 3
        small.update({f"view {views}: {key}": pt for key, pt in small_texts(window).items()})
    assert views >= 4  # every tab, every step
    assert small == {}


def test_the_walk_catches_a_small_stylesheet_font(qtbot: QtBot) -> None:
    """The check itself: a label styled at 11 px (8.25 pt at 96 DPI) is named, one at 10 pt
    is not, and a box of widgets with no words of its own is not counted."""
    box = QWidget()
    qtbot.addWidget(box)
    tiny, fine = QLabel("tiny", box), QLabel("fine", box)
    tiny.setObjectName("tiny")
    tiny.setStyleSheet("font-size: 11px;")
    fine.setStyleSheet("font-size: 10pt;")
    box.show()
    qtbot.waitExposed(box)
    small = small_texts(box)
    assert list(small) == ["QLabel 'tiny' 'tiny'"]
    assert small["QLabel 'tiny' 'tiny'"] == pytest.approx(11 * 72 / tiny.logicalDpiY(), abs=0.01)
