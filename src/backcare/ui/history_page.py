"""The History page: her streaks, the weekly sessions and pain charts, her pain diary and
each day's sessions, posture breaks and calcium.

Seeing improvement keeps people exercising, so the page starts with the streaks (the rule of
when a day counts is ``core.history``'s, said here in one sentence), then the two charts
(``ui/history_charts``; each widget's accessible description is the chart in words), the
diary (``ui/history_diary``: hers to edit and delete), then the days, newest first. A year is
365 rows: only the last two weeks are laid out at first and "Show earlier" adds eight more
weeks at a time, so the page opens fast (``benchmarks/history_page_bench.py``).

Keyboard: Tab goes through the page in reading order: the streaks, each chart, each diary
entry with its Edit and Delete, each day, Show earlier; the page scrolls to what Tab reaches.
The page only shows: the records are worked out in ``core.history`` and stored by the shell.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from itertools import pairwise
from string import Template
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backcare.ui.accessible_roles import mark_graphic, mark_heading
from backcare.ui.card_parts import make_button, make_label
from backcare.ui.focus_ring import make_readable
from backcare.ui.history_charts import (
    adherence_text,
    bars_from_weeks,
    draw_adherence,
    draw_pain,
    pain_text,
    points_from_weeks,
)
from backcare.ui.history_diary import DiaryList, EditEntryDialog, entry_words
from backcare.ui.theme import ThemeFollower, set_style_if_changed, theme_for

if TYPE_CHECKING:
    from backcare.core.history import DayRecord, Streaks, WeekRecord
    from backcare.core.pain_diary import Feel, Rating
    from backcare.core.plan import Plan
    from backcare.core.store import Store

HISTORY_DAYS = 365  # the page looks back a year at most
FIRST_DAYS = 14  # days laid out when the page opens (two weeks)
MORE_DAYS = 56  # days each "Show earlier" adds
CHART_HEIGHT = 200  # px
STREAK_RULE = ("A day counts when you did at least one exercise session, fully or partly. "
               "Quiet days, pauses, setbacks and days you chose to rest never break a streak.")

CHART_KEYS = (
    "Each bar: the share of that week's sessions you did, fully or partly. Along the bottom: "
    "weeks after birth.",
    "Your average pain each week, 0 (none) to 10 (the worst). A triangle and a dashed line: "
    "a setback began that week. A gap: no rating that week.",
)

_STYLE = Template("""
QWidget#historyColumn { background: transparent; }
QLabel#pageHeading { font-size: 20pt; font-weight: 600; color: palette(window-text); }
QLabel#sectionHeading { font-size: 15pt; font-weight: 700; color: $ink; }
QLabel#streaks { font-size: 14pt; font-weight: 600; color: $ink; }
QLabel#streakRule, QLabel#diaryEmpty { font-size: 11pt; color: $text; }
QLabel#diaryEntry, QLabel#dayLine { font-size: 12pt; color: $text; padding: 2px 0; }
QLabel#chartKey { font-size: 10pt; color: $muted; }
QPushButton#diaryEdit, QPushButton#diaryDelete, QPushButton#showEarlier,
QPushButton#diaryEarlier {
    font-size: 11pt; padding: 4px 12px; }
""")


@dataclass(frozen=True)
class HistoryData:
    """What the page shows, worked out by ``core.history`` (oldest first)."""

    days: Sequence[DayRecord]
    weeks: Sequence[WeekRecord]
    streaks: Streaks
    ratings: Sequence[Rating]
    tz: tzinfo
    today: date


def read_history_data(store: Store, plan: Plan, tz: tzinfo, now: datetime,
                      food_mg: Mapping[str, int], portion_mg: int) -> HistoryData:
    """Her history from her first start (a year at most) to today (``core.history``)."""
    from backcare.core.history import read_history
    from backcare.core.lifecycle_state import StoredState

    today = now.astimezone(tz).date()
    state = StoredState()
    state.store = store
    first = state.first_start()
    start = max(today - timedelta(days=HISTORY_DAYS - 1),
                first.astimezone(tz).date() if first is not None else today)
    found = read_history(store, plan, tz, start, today, now, food_mg=food_mg,
                         portion_mg=portion_mg)
    return HistoryData(found.days, found.weeks, found.streaks, found.ratings, tz, today)


def day_words(day: DayRecord) -> str:
    """"Wed 2 Dec: 2 of 3 sessions done, 1 partly; posture breaks 5 of 8; calcium 800 of
    1000 mg", and why a day had nothing due."""
    when = f"{day.day:%a} {day.day.day} {day.day:%b}"
    if day.sessions_due or day.sessions_done or day.sessions_partly:
        sessions = f"{day.sessions_done} of {day.sessions_due} sessions done"
        if day.sessions_partly:
            sessions += f", {day.sessions_partly} partly"
    else:
        sessions = "no sessions due"
    parts = [sessions, f"posture breaks {day.posture_taken} of {day.posture_due}"]
    if day.calcium_target_mg:
        parts.append(f"calcium {day.calcium_mg} of {day.calcium_target_mg} mg")
    if day.setback:
        parts.append("a setback")
    elif day.rested:
        parts.append("a rest day")
    elif day.quiet:
        parts.append("a quiet day")
    return f"{when}: {'; '.join(parts)}"


def streak_words(streaks: Streaks) -> str:
    def days(n: int) -> str:
        return "1 day" if n == 1 else f"{n} days"

    return f"Current streak: {days(streaks.current)}. Best streak: {days(streaks.best)}."


class ChartWidget(QWidget):
    """One chart, painted by ``draw(painter, rect, series, theme)`` in the palette's theme;
    a Tab stop, read as a picture named ``name`` described by the chart's words."""

    def __init__(self, name: str, draw: Callable[..., None], series: Sequence[object],
                 words: str) -> None:
        super().__init__()
        self.setObjectName("historyChart")
        self._draw = draw
        self.series = list(series)
        self.words = words
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(name)
        self.setAccessibleDescription(words)
        self.setToolTip(name)
        mark_graphic(self)
        self.setMinimumHeight(CHART_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(640, CHART_HEIGHT)

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        try:
            self._draw(painter, QRectF(self.rect()), self.series, theme_for(self.palette()))
            if self.hasFocus():
                painter.setPen(theme_for(self.palette()).colour("focus"))
                painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        finally:
            painter.end()


def _heading(text: str, name: str = "sectionHeading") -> QLabel:
    return mark_heading(make_label(name, text))


class HistoryPage(ThemeFollower, QWidget):
    """``HistoryPage(load, edit, delete)``: ``load()`` gives the ``HistoryData`` (again on
    each showing, so a session done since is there); ``edit(id, pain, feel)`` and
    ``delete(id)`` store (``PainDiary.edit``, ``.delete``), and the page reloads after them."""

    def __init__(self, load: Callable[[], HistoryData],
                 edit: Callable[[int, int | None, Feel | None], object],
                 delete: Callable[[int], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPage")
        self.setAccessibleName("History")
        self._load, self._edit, self._delete = load, edit, delete
        self.shown_days = FIRST_DAYS
        self.scroll = QScrollArea()
        self.scroll.setObjectName("historyScroll")
        self.scroll.setAccessibleName("History: your streaks, charts, diary and days")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        self._built_once = False
        self.edit_dialog: EditEntryDialog | None = None
        self.follow_theme()  # before the rows exist: each is then styled once, not twice
        self.refresh()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)

    # ----- building ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the history again and lay the page out anew (the scroll position stays)."""
        self.data = self._load()
        keep = self.scroll.verticalScrollBar().value()
        column = QWidget()
        column.setObjectName("historyColumn")
        column.setMaximumWidth(900)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(20, 16, 20, 20)
        layout.setSpacing(8)
        self.heading = _heading("History", "pageHeading")
        layout.addWidget(self.heading)
        self.streaks = make_label("streaks", streak_words(self.data.streaks))
        make_readable(self.streaks, "streaks")
        self.streak_rule = make_label("streakRule", STREAK_RULE)
        make_readable(self.streak_rule, "streakRule")
        layout.addWidget(self.streaks)
        layout.addWidget(self.streak_rule)
        bars = bars_from_weeks(self.data.weeks)
        points = points_from_weeks(self.data.weeks)
        self.adherence_chart = ChartWidget("Chart: sessions done each week", draw_adherence,
                                           bars, adherence_text(bars))
        self.pain_chart = ChartWidget("Chart: pain over the weeks after birth", draw_pain,
                                      points, pain_text(points))
        self.chart_headings = [_heading("Sessions done each week"),
                               _heading("Pain over the weeks after birth")]
        self.chart_keys = [make_label("chartKey", key) for key in CHART_KEYS]
        for heading, chart, key in zip(self.chart_headings,
                                       (self.adherence_chart, self.pain_chart),
                                       self.chart_keys, strict=True):
            layout.addWidget(heading)
            layout.addWidget(chart)
            layout.addWidget(key)
        self.diary_heading = _heading("Your pain diary")
        layout.addWidget(self.diary_heading)
        self.diary = DiaryList(self.data.ratings, self.data.tz, self._on_edit, self._on_delete,
                               self._set_tab_order)
        layout.addWidget(self.diary)
        self.days_heading = _heading("Day by day")
        layout.addWidget(self.days_heading)
        self.day_column = QVBoxLayout()
        self.day_column.setSpacing(2)
        layout.addLayout(self.day_column)
        self.day_labels: list[QLabel] = []
        self.earlier_button = make_button("showEarlier", "Show earlier",
                                          "Show earlier days", self.show_earlier)
        row = QHBoxLayout()
        row.addWidget(self.earlier_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        holder = QWidget()
        holder.setObjectName("historyColumn")
        centre = QHBoxLayout(holder)
        centre.setContentsMargins(0, 0, 0, 0)
        centre.addWidget(column, 1)
        old = self.scroll.takeWidget()
        self.scroll.setWidget(holder)
        if old is not None:
            old.deleteLater()
        self._add_days(self.shown_days)
        self.scroll.verticalScrollBar().setValue(keep)

    def _add_days(self, count: int) -> None:
        """Lay out ``count`` more days, going back from the last one shown."""
        newest_first = [d for d in reversed(self.data.days) if d.day <= self.data.today]
        start = len(self.day_labels)
        for day in newest_first[start:start + count]:
            words = day_words(day)
            label = make_label("dayLine", words)
            make_readable(label, "dayLine")
            label.setAccessibleName(words)
            self.day_column.addWidget(label)
            self.day_labels.append(label)
        self.shown_days = len(self.day_labels)
        self.earlier_button.setVisible(len(self.day_labels) < len(newest_first))
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        for before, after in pairwise(self.tab_stops()):
            QWidget.setTabOrder(before, after)

    def show_earlier(self) -> None:
        """Eight weeks more, with the keyboard on the first of them."""
        first_new = len(self.day_labels)
        self._add_days(MORE_DAYS)
        if first_new < len(self.day_labels):
            self.day_labels[first_new].setFocus(Qt.FocusReason.OtherFocusReason)

    def tab_stops(self) -> list[QWidget]:
        """What Tab reaches, in reading order."""
        stops: list[QWidget] = [self.streaks, self.streak_rule, self.adherence_chart,
                                self.pain_chart, *self.diary.tab_stops(), *self.day_labels]
        if not self.earlier_button.isHidden():
            stops.append(self.earlier_button)
        return stops

    # ----- her diary ---------------------------------------------------------------------------

    def _on_edit(self, rating: Rating) -> EditEntryDialog:
        """Edit: her entry's buttons in a small window; Save stores and redraws the page."""
        dialog = EditEntryDialog(rating, entry_words(rating, self.data.tz), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def save() -> None:
            self._edit(rating.id, *dialog.chosen())
            self.refresh()

        dialog.accepted.connect(save)
        dialog.open()
        self.edit_dialog = dialog
        return dialog

    def _on_delete(self, rating: Rating) -> None:
        self._delete(rating.id)
        self.refresh()
        stops = self.diary.tab_stops()
        if stops:
            stops[0].setFocus(Qt.FocusReason.OtherFocusReason)

    # ----- showing -----------------------------------------------------------------------------

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self._built_once:
            self.refresh()  # a session done, or an entry made, since she last looked
        self._built_once = True

    def _apply_theme(self) -> None:
        set_style_if_changed(self, _STYLE.substitute(theme_for(self.palette()).slots()))

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Bring what Tab reaches into view, with a little room round it."""
        if new is None or not self.isAncestorOf(new):
            return
        widget = self.scroll.widget()
        if widget is None:
            return
        top = new.mapTo(widget, QPoint(0, 0)).y()
        if new.height() + 24 > self.scroll.viewport().height():
            self.scroll.verticalScrollBar().setValue(top - 12)
        else:
            self.scroll.ensureWidgetVisible(new, 0, 12)
