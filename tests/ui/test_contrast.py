"""Every text the app paints is readable in a light and a dark desktop theme (WCAG AA, 4.5:1).

The method: each page is shown under the app palette, grabbed once as the window shows it, and
each visible text (a label, a button's or a check box's words, a list row's painted lines) is
cropped out of that picture. Its background is the colour most of the crop is painted in; its
text is the painted colour that stands out most from that background. Measuring the pixels,
not the stylesheet, catches what a stylesheet or palette change did not reach (Qt may ignore a
palette under a stylesheet). Antialiasing only ever pales a glyph, so a pass is earned; a label
of several colours (rich text) is measured by its strongest one. Disabled controls are left
out: WCAG exempts inactive components, and they are meant to look faded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QLabel,
    QListWidget,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from backcare.catalog import Catalog, load_catalog
from backcare.core.content import Tip, TipFigure
from backcare.core.ledger import load_ledger
from backcare.core.plan import default_plan
from backcare.core.progression import ExerciseStatus
from backcare.core.safety import load_safety, source_labels
from backcare.paths import resources_dir, seeds_dir
from backcare.ui.exercises_page import THUMB, ExercisesPage
from backcare.ui.main_window import MainWindow
from backcare.ui.safety_page import SafetyPage, SetbackNotice
from backcare.ui.settings_dialog import SettingsDialog
from backcare.ui.setup_wizard import SetupWizard
from backcare.ui.theme import DARK, LIGHT, Tone, contrast_ratio, theme_for
from backcare.ui.today_page import TodayPage
from backcare.ui.your_back_page import YourBackPage
from tests.ui.test_today_page import TITLES, lunchtime

AA = 4.5
TODAY = date(2026, 11, 23)


def dark_palette() -> QPalette:
    """A whole dark desktop palette, as a dark theme hands the app before windows are made."""
    palette = QPalette()
    for role, colour in (
        ("Window", "#2b2b2b"), ("WindowText", "#eeeeee"), ("Base", "#1e1e1e"),
        ("AlternateBase", "#2b2b2b"), ("Text", "#eeeeee"), ("Button", "#3a3a3a"),
        ("ButtonText", "#eeeeee"), ("Highlight", "#2a5f8a"), ("HighlightedText", "#ffffff"),
        ("Mid", "#555555"), ("Dark", "#1a1a1a"), ("Light", "#4a4a4a"), ("Midlight", "#404040"),
        ("Shadow", "#000000"), ("PlaceholderText", "#9a9a9a"), ("ToolTipBase", "#3a3a3a"),
        ("ToolTipText", "#eeeeee"), ("BrightText", "#ffffff"), ("Link", "#8cc4e6"),
    ):
        palette.setColor(QPalette.ColorRole[role], QColor(colour))
    return palette


@contextmanager
def app_palette(dark: bool) -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    try:
        if dark:
            app.setPalette(dark_palette())
        yield
    finally:
        app.setPalette(before)


def ratio_in(image: QImage, rect: QRect) -> float | None:
    """The contrast of the crop's most different colour against its commonest one; None when
    the crop holds one colour only (nothing painted there)."""
    rect = rect.intersected(image.rect())
    if rect.width() < 2 or rect.height() < 2:
        return None
    counts: Counter[int] = Counter()
    for y in range(rect.top(), rect.bottom() + 1):
        line = image.constScanLine(y)
        row = memoryview(line).cast("B")[rect.left() * 4:(rect.right() + 1) * 4]
        counts.update(row.cast("I"))
    if len(counts) < 2:
        return None
    background = QColor.fromRgb(counts.most_common(1)[0][0])
    return max(contrast_ratio(QColor.fromRgb(c), background) for c in counts)


def text_rect(widget: QWidget) -> QRect:
    """Where ``widget`` paints its words: a check box's or radio button's text without its
    indicator, a button's face inside its border, a label whole."""
    if isinstance(widget, (QCheckBox, QRadioButton)):
        option = QStyleOptionButton()
        option.initFrom(widget)
        element = (QStyle.SubElement.SE_CheckBoxContents if isinstance(widget, QCheckBox)
                   else QStyle.SubElement.SE_RadioButtonContents)
        return widget.style().subElementRect(element, option, widget)
    if isinstance(widget, QPushButton):
        return widget.rect().adjusted(4, 4, -4, -4)
    return widget.rect()


def measured(window: QWidget) -> dict[str, float]:
    """Each visible text in ``window`` with its measured contrast (see the module's words)."""
    QApplication.processEvents()
    image = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    scale = image.width() / max(1, window.width())
    found: dict[str, float] = {}

    def measure(name: str, widget: QWidget, rect: QRect) -> None:
        shown = widget.visibleRegion().boundingRect().intersected(rect)
        if shown.isEmpty():
            return
        top_left = widget.mapTo(window, shown.topLeft())
        where = QRect(QPoint(round(top_left.x() * scale), round(top_left.y() * scale)),
                      shown.size() * scale)
        ratio = ratio_in(image, where)
        if ratio is not None:
            found[f"{name} #{len(found)}"] = ratio

    for label in window.findChildren(QLabel):
        if label.isVisibleTo(window) and label.text().strip():
            measure(f"label {label.objectName() or label.text()[:30]!r}", label, label.rect())
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and button.isEnabled() and button.text().strip():
            measure(f"button {button.text()[:30]!r}", button, text_rect(button))
    for view in window.findChildren(QListWidget):
        if not view.isVisibleTo(window):
            continue
        for row in range(view.count()):
            item = view.item(row)
            rect = view.visualItemRect(item)
            if view.objectName() == "exerciseList":  # the words beside the thumbnail only
                rect = rect.adjusted(THUMB.width() + 30, 8, -8, -8)
                line = view.fontMetrics().height() + 6
                bottom = QRect(rect.left(), rect.bottom() - line, rect.width(), line)
                measure(f"row {item.text()!r} dose", view.viewport(), bottom)
            measure(f"row {item.text()!r}", view.viewport(), rect)
    return found


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def today(qtbot: QtBot, catalog: Catalog) -> QWidget:
    day, now = lunchtime()
    page = TodayPage(clock=lambda: now)
    page.set_day(day, now, TITLES)
    page.set_recovery("Week 8 after a caesarean: gentle core work is fine.", offer_setup=False)
    page.set_tip(catalog.tips[0])  # the tip of the day's box
    window = MainWindow(catalog, home=("Today", page))  # the sidebar comes with it
    return window


def exercises(qtbot: QtBot, catalog: Catalog) -> QWidget:
    page = ExercisesPage(catalog)
    first, second = (e.id for e in catalog.exercises[:2])
    page.set_statuses({
        first: ExerciseStatus(first, True, 0, 3, True, 1, "A lighter first week.", None),
        second: ExerciseStatus(second, False, 6, 3, False, 1, "Opens in week 6.", None),
    })
    page.list_widget.setCurrentRow(0)
    return page


def card(qtbot: QtBot, catalog: Catalog) -> QWidget:
    page = ExercisesPage(catalog)
    page.open_exercise(catalog.exercises[0].id)
    return page


def safety(qtbot: QtBot, catalog: Catalog) -> QWidget:
    found, _ = load_safety(resources_dir() / "safety.toml")
    assert found is not None
    return SafetyPage(found)


def your_back(qtbot: QtBot, catalog: Catalog) -> QWidget:
    """Each kind of text the page has, all in view: a tip with pictures and their captions
    ("Not like this" in its colour), one with the "used with a change" note, a warning-sign
    card (a caution box), the section headings and the button to the Safety page."""
    ledger, _ = load_ledger(seeds_dir() / "facts.toml")
    changed = next(f.id for f in ledger.facts if f.status == "changed")
    tip = Tip("lift-test", "Bend your knees to lift", "Squat down.", "about", (changed,),
              figures=(TipFigure("stand-side", "Like this"),
                       TipFigure("stand-walk", "Not like this", avoid=True)))
    get_help = Tip("see-someone", "Ask for help", "See your doctor.", "get-help", ("F001-rest",))
    return YourBackPage([tip, get_help], catalog.poses, source_labels(ledger), ledger)


def history(qtbot: QtBot, catalog: Catalog) -> QWidget:
    """Streaks, both charts and their keys, a diary entry with its buttons, the day list."""
    from tests.ui.test_history_page import history_sample_page

    return history_sample_page()


def setback(qtbot: QtBot, catalog: Catalog) -> QWidget:
    return SetbackNotice("Bridge", TODAY, None)


def settings(qtbot: QtBot, catalog: Catalog) -> QWidget:
    titles = [(e.id, e.title) for e in catalog.exercises]
    return SettingsDialog(default_plan(), lambda: TODAY, titles, [("milk", "Milk")],
                          autostart_env={"HOME": "/nonexistent", "PATH": ""})


def wizard(qtbot: QtBot, catalog: Catalog) -> QWidget:
    return SetupWizard(default_plan(), TODAY, "Not medical advice.",
                       ("Heavy bleeding", "• A painful, swollen calf"), locale_name="C")


PAGES: dict[str, Callable[[QtBot, Catalog], QWidget]] = {
    "today": today, "exercises": exercises, "card": card, "your-back": your_back,
    "history": history, "safety": safety,
    "setback": setback, "settings": settings, "wizard": wizard,
}


def every_view(window: QWidget) -> Iterator[None]:
    """Each tab of the settings and each step of the wizard in turn; once for the rest."""
    stack = getattr(window, "tabs", None) or getattr(window, "pages", None)
    if isinstance(window, (SettingsDialog, SetupWizard)) and stack is not None:
        for index in range(stack.count()):
            stack.setCurrentIndex(index)
            yield
    else:
        yield


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_every_text_reaches_aa_contrast(
    qtbot: QtBot, catalog: Catalog, name: str, dark: bool
) -> None:
    with app_palette(dark):
        window = PAGES[name](qtbot, catalog)
        qtbot.addWidget(window)
        window.resize(1100, 760)
        window.show()
        qtbot.waitExposed(window)
        assert theme_for(window.palette()).dark is dark  # the theme followed the app palette
        ratios: dict[str, float] = {}
        for _ in every_view(window):
            ratios.update({f"{key} (view {len(ratios)})": r
                           for key, r in measured(window).items()})
    assert len(ratios) >= 3, ratios  # the probe really found the page's texts
    low = {key: round(r, 2) for key, r in ratios.items() if r < AA}
    print(f"{name} {'dark' if dark else 'light'}: lowest {min(ratios.values()):.2f}")
    assert low == {}


def test_the_contrast_measure_is_wcags() -> None:
    """Black on white is 21:1, a colour on itself 1:1, and #767676 on white just passes AA."""
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21)
    assert contrast_ratio(QColor("#2f5d7a"), QColor("#2f5d7a")) == pytest.approx(1)
    assert contrast_ratio(QColor("#767676"), QColor("#ffffff")) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_each_chip_and_box_of_the_themes_reaches_aa(theme: object) -> None:
    """The pairs a page may not show in a test (a chip for every state, every tinted box)."""
    assert theme in (LIGHT, DARK)
    chosen = LIGHT if theme is LIGHT else DARK
    pairs = {f"chip {tone.value}": chosen.chips[tone] for tone in Tone}
    slots = chosen.slots()
    for box in ("info", "caution", "problem"):
        pairs[f"{box} text"] = (slots[f"{box}_text"], slots[f"{box}_bg"])
        pairs[f"{box} heading"] = (slots[f"{box}_heading"], slots[f"{box}_bg"])
    pairs["sidebar"] = (chosen.nav_text, chosen.nav_bg)
    pairs["strong button"] = (chosen.on_strong, chosen.strong)
    pairs["selected row"] = (chosen.highlighted_text, chosen.highlight)
    low = {name: round(contrast_ratio(QColor(fg), QColor(bg)), 2)
           for name, (fg, bg) in pairs.items()
           if contrast_ratio(QColor(fg), QColor(bg)) < AA}
    assert low == {}


@pytest.mark.parametrize("name", list(PAGES))
def test_a_dark_theme_switched_on_at_run_time_is_followed(
    qtbot: QtBot, catalog: Catalog, name: str
) -> None:
    """A window made in a light theme takes the dark one when the desktop switches, without a
    restart: the sidebar, the list's selection and every text stay readable."""
    window = PAGES[name](qtbot, catalog)
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.show()
    qtbot.waitExposed(window)
    with app_palette(dark=True):
        QApplication.processEvents()
        ratios = measured(window)
        if isinstance(window, MainWindow):
            assert DARK.nav_bg in window.navigation.styleSheet()
        if isinstance(window, ExercisesPage):
            highlight = window.list_widget.palette().color(QPalette.ColorRole.Highlight)
            assert highlight.name() == DARK.highlight
        assert len(ratios) >= 3
        assert {key: round(r, 2) for key, r in ratios.items() if r < AA} == {}
    QApplication.processEvents()
    if isinstance(window, MainWindow):  # and back to light when the desktop turns light again
        assert LIGHT.nav_bg in window.navigation.styleSheet()


#: The page behind the Safety groups and Today's boxes: the window colour of the light test
#: palette (Qt's own) and of ``dark_palette``.
def _page_backgrounds() -> dict[str, str]:
    return {"light": QPalette().color(QPalette.ColorRole.Window).name(),
            "dark": dark_palette().color(QPalette.ColorRole.Window).name()}


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_the_strips_and_the_start_button_take_their_colours_from_the_theme(
    qapp: QApplication, theme: object,
) -> None:
    """The Safety groups' left strips, the recovery box's strip and the Start button were
    hard-coded light colours. Each set has its own now: a strip stands 3:1 against the page and
    against its own box (a graphic that carries meaning, WCAG 1.4.11), and the Start button's
    words reach 4.5:1 on it at rest, hovered and pressed."""
    chosen = LIGHT if theme is LIGHT else DARK
    page = _page_backgrounds()["dark" if chosen.dark else "light"]
    strips = {"emergency": (chosen.emergency_strip, chosen.problem_bg),
              "urgent": (chosen.urgent_strip, chosen.caution_bg),
              "stop": (chosen.stop_strip, chosen.info_bg),
              "recovery": (chosen.recovery_strip, page)}
    low = {f"{name} on {where}": round(contrast_ratio(QColor(strip), QColor(bg)), 2)
           for name, (strip, box) in strips.items()
           for where, bg in (("page", page), ("box", box))
           if contrast_ratio(QColor(strip), QColor(bg)) < 3.0}
    assert low == {}
    for face in (chosen.strong, chosen.strong_hover, chosen.strong_pressed):
        assert contrast_ratio(QColor(chosen.on_strong), QColor(face)) >= AA, face
    assert QColor(chosen.veil).alpha() < 255  # the locked thumbnail shows through its veil


def test_no_colour_is_written_into_the_safety_and_start_styles() -> None:
    """The stylesheets name theme slots only, so the dark set's colours reach them."""
    import re

    from backcare.ui import safety_page, today_page

    for name, style in (("safety", safety_page._STYLE.template),
                        ("start", today_page._START_STYLE.template),
                        ("recovery", today_page._RECOVERY_STYLE.template)):
        assert re.findall(r"#[0-9a-fA-F]{3,8}\b", style) == [], name


def test_the_safety_strips_are_painted_in_the_dark_sets_colours(qtbot: QtBot) -> None:
    """Under a dark palette the page's strips are the dark set's, in what is painted."""
    with app_palette(dark=True):
        found, _ = load_safety(resources_dir() / "safety.toml")
        assert found is not None
        page = SafetyPage(found)
        qtbot.addWidget(page)
        page.resize(900, 700)
        page.show()
        qtbot.waitExposed(page)
        QApplication.processEvents()
        seen = set()
        for group in page.findChildren(QWidget):
            kind = group.property("group")
            if not kind or not group.isVisibleTo(page):
                continue
            image = group.grab().toImage()  # the group alone: some lie below the fold
            scale = image.width() / group.width()
            seen.add((kind, image.pixelColor(round(3 * scale),
                                             round(group.height() // 2 * scale)).name()))
    assert seen == {("emergency", DARK.emergency_strip), ("urgent", DARK.urgent_strip),
                    ("stop", DARK.stop_strip)}
