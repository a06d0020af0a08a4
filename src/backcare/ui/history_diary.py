"""Her pain diary on the History page: one row an entry, each with Edit and Delete.

The diary is hers, so every entry can be changed or removed. Delete asks once, in place (the
button becomes "Yes, delete"), rather than in a box over the page: one stray tap loses nothing,
and the keyboard stays where it was. Edit opens the same eleven pain buttons and three feel
buttons she tapped after the session. The words of an entry are ``entry_words``; storing is
``core.pain_diary.PainDiary``'s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import tzinfo
from string import Template

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backcare.core.pain_diary import Feel, Rating
from backcare.ui.card_parts import make_button, make_label
from backcare.ui.focus_ring import make_readable
from backcare.ui.session_rating import FEEL_WORDS, RATING_STYLE, RatingPanel
from backcare.ui.theme import theme_for

CONFIRM_WORDS = "Yes, delete"
FIRST_ENTRIES = 10  # entries laid out when the page opens
MORE_ENTRIES = 30  # entries each "Show earlier entries" adds


def entry_words(rating: Rating, tz: tzinfo) -> str:
    """"Wed 2 Dec, 09:14: pain 4 of 10, felt easier" (in her zone)."""
    local = rating.at.astimezone(tz)
    when = f"{local:%a} {local.day} {local:%b}, {local:%H:%M}"
    parts = []
    if rating.pain is not None:
        parts.append(f"pain {rating.pain} of 10")
    if rating.feel is not None:
        parts.append(f"felt {FEEL_WORDS[rating.feel].lower()}")
    return f"{when}: {', '.join(parts) or 'nothing noted'}"


class DiaryRow(QWidget):
    """One entry: its words (Tab reads them), Edit, Delete (asks once, in place)."""

    def __init__(self, rating: Rating, tz: tzinfo, edit: Callable[[Rating], object],
                 delete: Callable[[Rating], object]) -> None:
        super().__init__()
        self.rating = rating
        self._delete = delete
        words = entry_words(rating, tz)
        self.label = make_label("diaryEntry", words)
        make_readable(self.label, "diaryEntry")
        self.label.setAccessibleName(words)
        self.edit_button = make_button("diaryEdit", "Edit", f"Edit the entry of {words}",
                                       lambda: edit(rating))
        self.delete_button = make_button("diaryDelete", "Delete",
                                         f"Delete the entry of {words}", self.delete)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)

    def delete(self) -> None:
        """The first press asks ("Yes, delete"), the second deletes."""
        if self.delete_button.text() != CONFIRM_WORDS:
            self.delete_button.setText(CONFIRM_WORDS)
            self.delete_button.setAccessibleName(f"Yes, delete the entry of {self.label.text()}")
            return
        self._delete(self.rating)

    def tab_stops(self) -> list[QWidget]:
        return [self.label, self.edit_button, self.delete_button]


class EditEntryDialog(QDialog):
    """Change one entry's pain and feel: the after-session buttons, with hers chosen."""

    def __init__(self, rating: Rating, words: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rating = rating
        self.setWindowTitle("Edit diary entry")
        self.setAccessibleName("Edit diary entry")
        self.panel = RatingPanel(self)
        self.panel.heading.setText(words)
        self.panel.skip_button.hide()
        self.panel.choose(rating.pain, rating.feel)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(self.buttons)
        self.setStyleSheet(Template(RATING_STYLE).substitute(theme_for(self.palette()).slots()))

    def chosen(self) -> tuple[int | None, Feel | None]:
        choice = self.panel.choice()
        return (None, None) if choice is None else (choice.pain, choice.feel)


class DiaryList(QWidget):
    """The entries, newest first: the latest ``FIRST_ENTRIES`` at first, and "Show earlier
    entries" for more (a year holds hundreds). ``edit`` and ``delete`` get the entry;
    ``grown()`` is called after more were laid out (the page sets its Tab order again)."""

    def __init__(self, ratings: Sequence[Rating], tz: tzinfo, edit: Callable[[Rating], object],
                 delete: Callable[[Rating], object], grown: Callable[[], object]) -> None:
        super().__init__()
        self.setObjectName("diaryList")
        self._ratings = list(reversed(ratings))
        self._tz, self._edit, self._delete, self._grown = tz, edit, delete, grown
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.rows: list[DiaryRow] = []
        self.empty: QLabel | None = None
        if not self._ratings:
            self.empty = make_label("diaryEmpty", "No entries yet. After a session you can note "
                                    "how your back feels; it shows here.")
            make_readable(self.empty, "diaryEmpty")
            self._layout.addWidget(self.empty)
        self.earlier_button = make_button("diaryEarlier", "Show earlier entries",
                                          "Show earlier diary entries", self.show_earlier)
        row = QHBoxLayout()
        row.addWidget(self.earlier_button)
        row.addStretch(1)
        self._layout.addLayout(row)
        self._add(FIRST_ENTRIES)

    def _add(self, count: int) -> None:
        start = len(self.rows)
        for rating in self._ratings[start:start + count]:
            row = DiaryRow(rating, self._tz, self._edit, self._delete)
            self._layout.insertWidget(self._layout.count() - 1, row)
            self.rows.append(row)
        self.earlier_button.setVisible(len(self.rows) < len(self._ratings))

    def show_earlier(self) -> None:
        """More entries, with the keyboard on the first of them."""
        first_new = len(self.rows)
        self._add(MORE_ENTRIES)
        self._grown()
        if first_new < len(self.rows):
            self.rows[first_new].label.setFocus(Qt.FocusReason.OtherFocusReason)

    def tab_stops(self) -> list[QWidget]:
        stops: list[QWidget] = [self.empty] if self.empty is not None else []
        stops += [stop for row in self.rows for stop in row.tab_stops()]
        if not self.earlier_button.isHidden():
            stops.append(self.earlier_button)
        return stops

    def texts(self) -> list[str]:
        return [row.label.text() for row in self.rows]

    def buttons(self) -> list[QPushButton]:
        return [b for row in self.rows for b in (row.edit_button, row.delete_button)]
