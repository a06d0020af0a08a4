"""The main window: a quiet navigation list on the left and one page at a time on the right.

Pages arrive feature by feature (Today, Safety…), so adding one is a single call,
``add_page(title, widget)``, or ``add_lazy_page(title, factory)`` for a page that is built the
first time she opens it. The Exercises page is lazy: it paints a thumbnail of every exercise and
pulls in the figure painter, which a reminder app starting at login should not pay for before
its window is up (benchmarks/ measures it). The window itself holds no rules; it passes the
Exercises page's signals on, so ``app.py`` wires the history store to the window and never needs
to know which page a signal came from. Closing only hides it (``closeEvent``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from string import Template
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from backcare import __version__
from backcare.catalog import Catalog
from backcare.messages import session_words
from backcare.ui.roles import ACCESSIBLE_TEXT_ROLE
from backcare.ui.screen_fit import fit_to_screen, fitted_size
from backcare.ui.theme import ThemeFollower, set_style_if_changed, theme_for

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from backcare.core.guided import SessionOutcome
    from backcare.ui.exercises_page import ExercisesPage
    from backcare.ui.session_view import SessionView

ABOUT_TEXT = (
    "<h3>Back Care {version}</h3>"
    "<p>Gentle reminders and illustrated exercises for back pain in the first year after "
    "giving birth.</p>"
    "<p>This app does not replace your midwife, doctor, nurse or physiotherapist. "
    "If an exercise hurts, stop, and ask them.</p>"
)

# The sidebar in the theme's colours (see ``theme``): a light strip on a light desktop, a
# dark one on a dark desktop, where a light strip would glare and its text would fade. Its edge
# is its own colour at rest and the focus ring's when Tab is on it (``focus_ring``).
_NAV_STYLE = Template("""
QListWidget#navigation { background: $nav_bg; color: $nav_text; font-size: 12pt;
    border: 2px solid $nav_bg; border-radius: 6px; padding: 10px 0px 0px 0px; }
QListWidget#navigation:focus { border-color: $focus; }
QListWidget#navigation::item { color: $nav_text; padding: 10px 16px; border-radius: 6px;
    margin: 2px 8px; }
QListWidget#navigation::item:selected { background: $strong; color: $on_strong; }
""")


WANTED_SIZE = (1100, 760)
MINIMUM_SIZE = (880, 620)  # where the screen has room: see screen_fit.fitted_minimum


def initial_size(available: tuple[int, int]) -> tuple[int, int]:
    """1100×760, or less where the screen's free area (panels taken off) is smaller: on a
    1366×768 laptop, or 1280×800 at 150 % (853×533), the window then fits, frame and all,
    instead of running off the bottom; the pages scroll what no longer fits."""
    return fitted_size(WANTED_SIZE, available)


class _Placeholder(QWidget):
    """Stands in the page stack for a lazy page until she first opens it."""

    def __init__(self, factory: Callable[[], QWidget]) -> None:
        super().__init__()
        self.factory = factory


class MainWindow(ThemeFollower, QMainWindow):
    """``MainWindow(catalog, home=None)``: the app's one window. ``home`` (title, page), when
    given, is the first section and the one shown at start; the Exercises page follows.
    ``sessionFinished(outcome)`` (a ``SessionOutcome``), ``madeWorse(exercise_id)`` and
    ``postnatalCheckSaid()`` are the Exercises page's signals, passed on;
    ``exercisesPageBuilt(page)`` tells the shell when that page exists."""

    sessionFinished = Signal(object)  # SessionOutcome
    madeWorse = Signal(str)
    postnatalCheckSaid = Signal()
    exercisesPageBuilt = Signal(object)
    settingsRequested = Signal()
    calendarExportRequested = Signal()  # File ▸ Export calendar…: the shell asks where
    printRequested = Signal()  # File ▸ Print…: the week's sheet in Qt's print preview
    exportPdfRequested = Signal()  # File ▸ Export PDF…: the week's sheet as a file
    exportReportRequested = Signal()  # File ▸ Export report…: her progress report as a PDF
    quitRequested = Signal()  # File ▸ Quit, Ctrl+Q: the shell asks first (app/background)
    closedToBackground = Signal()  # the window was closed, and so only hidden
    broughtBack = Signal()  # shown again in front (tray, notification, a second start)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None,
                 home: tuple[str, QWidget] | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.setWindowTitle("Back Care")
        self.setAccessibleName("Back Care")
        fit_to_screen(self, WANTED_SIZE, MINIMUM_SIZE)
        self._about_box: QMessageBox | None = None

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Sections")
        self.navigation.setFixedWidth(170)
        self.follow_theme()
        self.pages = QStackedWidget()
        self.pages.setAccessibleName("Page")
        self.navigation.currentRowChanged.connect(self._on_row_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self._exercises_page: ExercisesPage | None = None
        self._factories: dict[str, Callable[[], QWidget]] = {}  # lazy pages, by title
        self._shown_once = False
        if home is not None:
            self.add_page(*home)
        self._exercises_index = self.add_lazy_page("Exercises", self._build_exercises_page)
        self.navigation.setCurrentRow(0)

        self._quitting = False
        self._build_menus()
        self.statusBar().setAccessibleName("Status")

    def showEvent(self, event: QShowEvent) -> None:
        """Start with the keyboard in the page, so arrows and Enter work at once; and fitted to
        the free area of the screen it opens on (panels may have settled since it was built)."""
        if not self._shown_once:
            fit_to_screen(self, WANTED_SIZE, MINIMUM_SIZE)
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self._focus_page()

    def _focus_page(self) -> None:
        if self._exercises_page is not None and self.pages.currentWidget() is self._exercises_page:
            from PySide6.QtCore import Qt  # not at import: see app/startup.py

            self._exercises_page.list_widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_page(self, title: str, page: QWidget) -> int:
        """Add a section to the navigation and the page stack; returns its index."""
        item = QListWidgetItem(title)
        item.setData(ACCESSIBLE_TEXT_ROLE, title)
        self.navigation.addItem(item)
        page.setAccessibleName(page.accessibleName() or title)
        return self.pages.addWidget(page)

    def add_lazy_page(self, title: str, factory: Callable[[], QWidget]) -> int:
        """Add a section whose page ``factory()`` builds the first time it is opened."""
        placeholder = _Placeholder(factory)
        placeholder.setAccessibleName(title)
        self._factories[title] = factory
        return self.add_page(title, placeholder)

    def rebuild_page(self, title: str) -> None:
        """Build a lazy page afresh (what it shows changed, e.g. her country's numbers): now if
        it is on screen, else the next time she opens it."""
        index = next(row for row in range(self.navigation.count())
                     if self.navigation.item(row).text() == title)
        old = self.pages.widget(index)
        if isinstance(old, _Placeholder):
            return
        placeholder = _Placeholder(self._factories[title])
        placeholder.setAccessibleName(title)
        showing = self.pages.currentIndex() == index
        self.pages.insertWidget(index, placeholder)
        self.pages.removeWidget(old)
        old.deleteLater()
        if showing:
            self.pages.setCurrentIndex(index)
            self.page(index)

    def page(self, index: int) -> QWidget:
        """The page at ``index``, built now if it was lazy."""
        widget = self.pages.widget(index)
        if not isinstance(widget, _Placeholder):
            return widget
        built = widget.factory()
        built.setAccessibleName(built.accessibleName() or widget.accessibleName())
        current = self.pages.currentIndex()
        self.pages.insertWidget(index, built)
        self.pages.removeWidget(widget)
        widget.deleteLater()
        if current == index:
            self.pages.setCurrentIndex(index)
        return built

    def _apply_theme(self) -> None:
        """The sidebar in the colours of her palette, again whenever it changes."""
        style = _NAV_STYLE.substitute(theme_for(self.palette()).slots())
        set_style_if_changed(self.navigation, style)

    @Slot(int)
    def _on_row_changed(self, row: int) -> None:
        if row < 0:
            return
        self.page(row)
        self.pages.setCurrentIndex(row)
        if self._shown_once:
            self._focus_page()

    @property
    def built_exercises_page(self) -> ExercisesPage | None:
        """The Exercises page if she has opened it already (never builds it)."""
        return self._exercises_page

    @property
    def exercises_page(self) -> ExercisesPage:
        """The Exercises page, built on first use (a reminder's Start now opens a card)."""
        page = self.page(self._exercises_index)
        assert self._exercises_page is page
        return self._exercises_page

    def _build_exercises_page(self) -> QWidget:
        from backcare.ui.exercises_page import ExercisesPage

        page = ExercisesPage(self.catalog)
        page.finished.connect(self.sessionFinished)
        page.finished.connect(self._on_session_finished)
        page.madeWorse.connect(self.madeWorse)
        page.postnatalCheckSaid.connect(self.postnatalCheckSaid)
        page.stack.currentChanged.connect(self._on_exercises_stack)
        self._exercises_page = page
        self.exercisesPageBuilt.emit(page)
        return page

    def open_session(self, exercise_ids: Sequence[str], title: str = "") -> SessionView | None:
        """Bring the window to the front on a guided session, whatever page was showing
        (None, and the window on the Exercises list, when none of the ids is known). While it
        is open the window's title names it ("Morning exercises — Back Care"), as the task
        bar and a screen reader's window list then say where she is."""
        page = self.exercises_page
        view = page.open_session(exercise_ids)
        self.show_page("Exercises")
        if view is not None:
            self.setWindowTitle(f"{title} — Back Care" if title else "Exercises — Back Care")
        self.bring_to_front()
        if view is not None:
            view.focus_first()
        return view

    @Slot(int)
    def _on_exercises_stack(self, _index: int) -> None:
        """The session view left the screen (Done, or back to the list): the plain title."""
        page = self._exercises_page
        if page is not None and page.stack.currentWidget() is page.list_page:
            self.setWindowTitle("Back Care")

    def show_page(self, title: str) -> None:
        """Switch to the section called ``title`` (e.g. when a reminder opens the app)."""
        for row in range(self.navigation.count()):
            if self.navigation.item(row).text() == title:
                self.navigation.setCurrentRow(row)
                return
        raise KeyError(title)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.settings_action = QAction("&Settings…", self)
        # setShortcuts (plural): setShortcut also accepts a Qt.Key, and checking for that
        # builds the whole Qt namespace (see app/startup.py).
        self.settings_action.setShortcuts([QKeySequence("Ctrl+,")])
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.settingsRequested)
        file_menu.addAction(self.settings_action)
        self.export_calendar_action = QAction("Export &calendar…", self)
        self.export_calendar_action.triggered.connect(self.calendarExportRequested)
        file_menu.addAction(self.export_calendar_action)
        self.print_action = QAction("&Print…", self)
        self.print_action.setShortcuts([QKeySequence("Ctrl+P")])
        self.print_action.triggered.connect(self.printRequested)
        file_menu.addAction(self.print_action)
        self.export_pdf_action = QAction("Export P&DF…", self)
        self.export_pdf_action.triggered.connect(self.exportPdfRequested)
        file_menu.addAction(self.export_pdf_action)
        self.export_report_action = QAction("Export &report…", self)
        self.export_report_action.triggered.connect(self.exportReportRequested)
        file_menu.addAction(self.export_report_action)
        file_menu.addSeparator()
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcuts([QKeySequence("Ctrl+Q")])
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.quitRequested)
        self.close_action = QAction("&Close window", self)
        self.close_action.setShortcuts([QKeySequence("Ctrl+W")])
        self.close_action.triggered.connect(self.close)
        file_menu.addAction(self.close_action)
        file_menu.addAction(self.quit_action)

        help_menu = self.menuBar().addMenu("&Help")
        self.about_action = QAction("&About Back Care", self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing (Alt+F4, Ctrl+W, the title bar's ×) only hides the window: her reminders
        keep coming, with a tray or without one (see ``app/background``). Quit, or the end of
        her desktop session (``let_close``), closes it for real."""
        if not self._quitting:
            event.ignore()
            self.hide()
            self.closedToBackground.emit()
            return
        super().closeEvent(event)

    def let_close(self) -> None:
        """The desktop session is ending: a refused close would hold up her logout."""
        self._quitting = True

    def bring_to_front(self) -> None:
        from PySide6.QtCore import Qt  # not at import: see app/startup.py

        self.show()
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.raise_()
        self.activateWindow()
        self.broughtBack.emit()

    @Slot()
    def quit_app(self) -> None:
        """Quit means quit, even once closing the window only hides it in the tray.

        ``exit`` rather than ``quit``: since Qt 6, ``quit`` first asks every window to close and
        gives up if one refuses, which a close-to-tray window does.
        """
        self._quitting = True
        self.close()
        QCoreApplication.exit(0)

    @Slot()
    def show_about(self) -> QMessageBox:
        """A window-modal, non-blocking About box (``open``, not ``exec``)."""
        # Not at import: building these types' Python enums is a millisecond of every start.
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self)
        box.setWindowTitle("About Back Care")
        box.setIcon(QMessageBox.Icon.Information)
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(ABOUT_TEXT.format(version=__version__))
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self._about_box = box
        return box

    @Slot(object)
    def _on_session_finished(self, outcome: SessionOutcome) -> None:
        self.statusBar().showMessage(session_words(outcome, self.catalog), 8000)
