"""The Exercises page: the library as a list with a figure for each, and a guided session.

A list row shows what she needs to choose: the figure of its most telling step (many
exercises start alike), the title, what it is for and how much. Enter or a double-click opens
that exercise as a hands-free guided session in place (a stacked page, not a new window, so
"Back to list" brings her straight back to where she was):
one Start runs every step, hold, rep and set. ``open_session`` does the same for several
exercises in a row (a reminder's session). When some content file is broken, a banner says
which file and field in one sentence each; the rest of the library still opens.

Her progression (``set_statuses``) decides the order and the words, never whether a row is
there: the exercises that fit her week come first with this week's dose (a starter dose in an
exercise's first week); the ones not yet safe, or paused after a setback, stay in the list,
greyed, saying when they open and why. A locked exercise can be read, step by step, but its
Start is disabled with that sentence beside it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from string import Template

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from backcare.catalog import Catalog
from backcare.core.content import Exercise, gentlest_first
from backcare.core.guided import Phase, SessionOutcome
from backcare.core.progression import ExerciseStatus
from backcare.ui.accessible_roles import mark_heading
from backcare.ui.figure_widget import thumbnail_icon
from backcare.ui.session_view import SessionView
from backcare.ui.theme import ThemeFollower, set_style_if_changed, theme_for

THUMB = QSize(120, 90)
ID_ROLE = Qt.ItemDataRole.UserRole
PURPOSE_ROLE = Qt.ItemDataRole.UserRole + 1
DOSE_ROLE = Qt.ItemDataRole.UserRole + 2
LOCKED_ROLE = Qt.ItemDataRole.UserRole + 3
_PAD = 10

# The page's look in the theme's colours (see ``theme``), so a dark desktop gets a dark banner
# with light text rather than a pale one.
_STYLE = Template("""
QLabel#pageHeading { font-size: 20pt; font-weight: 600; color: palette(window-text); }
QLabel#pageIntro { font-size: 11pt; color: palette(window-text); }
QFrame#problems { background: $problem_bg; border: 1px solid $problem_line; border-radius: 8px; }
QFrame#problems QLabel { color: $problem_text; font-size: 11pt; background: transparent; }
QListWidget#exerciseList {
    border: 2px solid $edge; border-radius: 8px; padding: 0px; background: palette(base);
    selection-background-color: $highlight; selection-color: $highlighted_text; }
QListWidget#exerciseList:focus { border-color: $focus; }
""")


class ExerciseDelegate(QStyledItemDelegate):
    """Paints a row as thumbnail | bold title / purpose / dose, in the palette's colours (the
    dose and a locked row's grey from the theme that palette chooses)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        del index
        return QSize(option.rect.width() or 400, THUMB.height() + 2 * _PAD)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        painter.save()
        try:
            style = option.widget.style() if option.widget else None
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            # The background and selection come from the style; the text we lay out ourselves.
            opt.text = ""
            opt.icon = type(opt.icon)()
            if style is not None:
                style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
            rect = option.rect.adjusted(_PAD, _PAD, -_PAD, -_PAD)
            icon = index.data(Qt.ItemDataRole.DecorationRole)
            if icon is not None:
                icon_rect = QRect(rect.left(), rect.top(), THUMB.width(), THUMB.height())
                icon.paint(painter, icon_rect)
                painter.setPen(option.palette.color(QPalette.ColorRole.Mid))
                painter.drawRoundedRect(icon_rect.adjusted(0, 0, -1, -1), 6, 6)
            text_rect = rect.adjusted(THUMB.width() + 2 * _PAD, 0, 0, 0)
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            role = (
                QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            )
            locked = bool(index.data(LOCKED_ROLE))
            theme = theme_for(option.palette)
            painter.setPen(theme.colour("muted") if locked and not selected
                           else option.palette.color(role))
            if locked and icon is not None:
                # A veil over the figure: visible, but plainly not for this week.
                painter.fillRect(QRect(rect.left(), rect.top(), THUMB.width(), THUMB.height()),
                                 theme.colour("veil"))
            base = QFont(option.font)
            title_font = QFont(base)
            title_font.setPointSizeF(base.pointSizeF() * 1.3)
            title_font.setBold(True)
            painter.setFont(title_font)
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
            title_h = painter.fontMetrics().height()
            painter.drawText(text_rect, flags, index.data(Qt.ItemDataRole.DisplayRole) or "")
            painter.setFont(base)
            purpose_rect = text_rect.adjusted(0, title_h + 4, 0, 0)
            painter.drawText(
                purpose_rect,
                flags | Qt.TextFlag.TextWordWrap,
                index.data(PURPOSE_ROLE) or "",
            )
            dose_font = QFont(base)
            dose_font.setBold(True)
            painter.setFont(dose_font)
            painter.setPen(theme.colour("warn" if locked else "accent"))
            painter.drawText(
                text_rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                index.data(DOSE_ROLE) or "",
            )
        finally:
            painter.restore()


def problems_text(catalog: Catalog) -> str:
    """The banner's words: a lead-in, then one sentence per problem."""
    if not catalog.problems:
        return ""
    count = len(catalog.problems)
    lead = (
        "One content file has a problem, so what it describes is left out:"
        if count == 1
        else f"{count} content problems were found, so what they describe is left out:"
    )
    return "\n".join([lead, *(f"•  {p.sentence()}" for p in catalog.problems)])


class ExercisesPage(ThemeFollower, QWidget):
    """The list and, on top of it when open, one guided session (``view``).

    ``finished(outcome)`` passes on the session's ``SessionOutcome`` when she presses Done on
    its summary, and ``madeWorse(exercise_id)`` the view's signal.
    """

    finished = Signal(object)
    madeWorse = Signal(str)
    postnatalCheckSaid = Signal()

    def __init__(self, catalog: Catalog, parent: QWidget | None = None,
                 statuses: Mapping[str, ExerciseStatus] | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        catalog.poses  # noqa: B018 - read the figures now, so the list and banner are final
        self.view: SessionView | None = None
        self._session_ids: list[str] = []  # what the open view was asked to play, in order
        self.statuses: Mapping[str, ExerciseStatus] = statuses or {}
        self.setAccessibleName("Exercises")
        self.stack = QStackedWidget()
        self.list_page = self._build_list_page()
        self.follow_theme()
        self.stack.addWidget(self.list_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _build_list_page(self) -> QWidget:
        page = QWidget()
        heading = mark_heading(QLabel("Exercises"))
        heading.setObjectName("pageHeading")
        intro = QLabel(
            "Choose an exercise to see each step. Press Enter or double-click to open it."
        )
        intro.setObjectName("pageIntro")
        intro.setWordWrap(True)

        self.problems_banner = QFrame()
        self.problems_banner.setObjectName("problems")
        self.problems_banner.setAccessibleName("Content problems")
        banner_layout = QVBoxLayout(self.problems_banner)
        banner_layout.setContentsMargins(14, 10, 14, 10)
        self.problems_label = QLabel(problems_text(self.catalog))
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problems_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.problems_label.setAccessibleName("Content problems: " + problems_text(self.catalog))
        banner_layout.addWidget(self.problems_label)
        self.problems_banner.setVisible(bool(self.catalog.problems))

        self.list_widget = QListWidget()
        self.list_widget.setObjectName("exerciseList")
        self.list_widget.setAccessibleName("Exercise list")
        self.list_widget.setItemDelegate(ExerciseDelegate(self.list_widget))
        self.list_widget.setIconSize(THUMB)
        self.list_widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_widget.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list_widget.setUniformItemSizes(True)
        # The rows take the list's width (their words are cut to it), so never a sideways bar:
        # the first layout's row width, 2 px over once the focus ring's edge is drawn, made one.
        self.list_widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fill_list()
        self.list_widget.activated.connect(self._on_activated)

        self.empty_label = QLabel(
            "No exercises could be loaded. The problems above say which files to fix."
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setVisible(not self.catalog.exercises)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.problems_banner)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.list_widget, 1)
        return page

    def _apply_theme(self) -> None:
        """The page's colours for her palette, again when it changes. A soft selection keeps
        the row readable (dark text on pale blue, or light on deep blue), unlike the default
        bright blue."""
        set_style_if_changed(self, _STYLE.substitute(theme_for(self.palette()).slots()))

    def _ordered(self) -> list[Exercise]:
        """Those that fit her week first, then the rest by when they open; gentlest first."""
        gentle = gentlest_first(self.catalog.exercises)

        def key(exercise: Exercise) -> tuple[int, int]:
            status = self.statuses.get(exercise.id)
            if status is None or status.offered:
                return (0, 0)
            return (1, status.unlock_week if status.paused_until is None else 0)

        return sorted(gentle, key=key)

    def _fill_list(self) -> None:
        current = self.list_widget.currentItem()
        keep = current.data(ID_ROLE) if current is not None else None
        self.list_widget.clear()
        dpr = self.devicePixelRatioF()
        for exercise in self._ordered():
            self.list_widget.addItem(self._item(exercise, dpr))
        ids = self.exercise_ids()
        if ids:
            self.list_widget.setCurrentRow(ids.index(keep) if keep in ids else 0)

    def set_statuses(self, statuses: Mapping[str, ExerciseStatus]) -> None:
        """Her progression changed (a new week, a setback pause, new birth details). A card
        that is open but not started is opened again, so one that has just opened (she said
        she had her postnatal check on it) gets its Start; a running session is left alone."""
        self.statuses = statuses
        self._fill_list()
        view = self.view
        if view is not None and view.locked and view.session.phase is Phase.READY:
            self.open_session(self._session_ids)

    def dose_text(self, exercise: Exercise) -> str:
        """The row's last line: this week's dose, or when and why it is not for now."""
        status = self.statuses.get(exercise.id)
        if status is not None and not status.offered:
            # The row has one line: when it opens. The why is in the tooltip and on the card.
            return status.headline
        summary = exercise.dose.summary()
        if status is not None and status.starter and status.sets != exercise.dose.sets:
            return f"First week: {status.sets} set{'s' if status.sets != 1 else ''} to start. " \
                   f"Then {summary}"
        return summary

    def _item(self, exercise: Exercise, dpr: float) -> QListWidgetItem:
        item = QListWidgetItem(exercise.title)
        summary = self.dose_text(exercise)
        status = self.statuses.get(exercise.id)
        locked = status is not None and not status.offered
        item.setData(ID_ROLE, exercise.id)
        item.setData(PURPOSE_ROLE, exercise.purpose)
        item.setData(DOSE_ROLE, summary)
        item.setData(LOCKED_ROLE, locked)
        state = "Not yet. " if locked else ""
        item.setData(
            Qt.ItemDataRole.AccessibleTextRole,
            f"{exercise.title}. {state}{exercise.purpose} {summary}",
        )
        item.setToolTip(status.reason if locked and status is not None else exercise.purpose)
        icon = thumbnail_icon(exercise, self.catalog.poses, THUMB, dpr)
        if icon is not None:  # its telling step (thumbnail_step), not the shared start
            item.setIcon(icon)
        return item

    # ----- switching between the list and a card ----------------------------------------------

    def exercise_ids(self) -> list[str]:
        """The ids in list order (what the rows show)."""
        return [self.list_widget.item(i).data(ID_ROLE) for i in range(self.list_widget.count())]

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        self.open_exercise(index.data(ID_ROLE))

    @property
    def card(self) -> SessionView | None:
        """The open session view (its card-era name, for callers not yet moved to ``view``)."""
        return self.view

    def open_exercise(self, exercise_id: str) -> SessionView | None:
        """Open ``exercise_id`` as a one-exercise guided session; None if it is not listed."""
        return self.open_session([exercise_id])

    def open_session(self, exercise_ids: Sequence[str]) -> SessionView | None:
        """Open a guided session of the listed exercises, in order, with this week's sets; an
        exercise not offered now is locked with its reason. None if none of them is listed."""
        exercises = [e for e in map(self.catalog.exercise, exercise_ids) if e is not None]
        if not exercises:
            return None
        self._session_ids = list(exercise_ids)
        sets: dict[str, int] = {}
        locked: dict[str, str] = {}
        details: dict[str, str] = {}
        waiting: list[str] = []
        for exercise in exercises:
            status = self.statuses.get(exercise.id)
            if status is None:
                continue
            sets[exercise.id] = status.sets
            if not status.offered:
                # One line on the card (when it opens); the why is its tooltip.
                locked[exercise.id] = status.headline
                details[exercise.id] = status.reason
            if status.waiting_for_check and status.paused_until is None:
                waiting.append(exercise.id)
        view = SessionView(exercises, self.catalog.poses, sets=sets, locked=locked,
                           waiting_for_check=waiting, locked_details=details)
        view.show_back_link()
        view.backRequested.connect(self.show_list)
        view.finished.connect(self._on_finished)
        view.madeWorse.connect(self.madeWorse)
        view.postnatalCheckSaid.connect(self.postnatalCheckSaid)
        # The new view is shown before the old one goes, so the stack never falls back to the
        # list in between (the window would lose the session's title).
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        self._drop_view()
        self.view = view
        view.focus_first()
        return view

    @Slot()
    def show_list(self) -> None:
        """Back to the list, with the exercise she had open still selected."""
        if self.view is not None:
            ids = self.exercise_ids()
            if self.view.exercise.id in ids:
                self.list_widget.setCurrentRow(ids.index(self.view.exercise.id))
        self.stack.setCurrentWidget(self.list_page)
        self._drop_view()
        self.list_widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _drop_view(self) -> None:
        if self.view is None:
            return
        view, self.view = self.view, None
        view.pause()
        self.stack.removeWidget(view)
        view.deleteLater()

    @Slot(object)
    def _on_finished(self, outcome: SessionOutcome) -> None:
        self.finished.emit(outcome)
        self.show_list()
