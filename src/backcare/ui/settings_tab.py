"""What every tab of the Settings window has in common: plain data in, plain data out.

A tab shows its part of the plan's plain data (the dict ``plan_to_dict`` gives, the keys it names
in ``keys``), gives that part back from its widgets, and shows the problems the window hands it
beside its own fields. It never decides whether the data is good: the window checks the whole
plan with ``plan_codec`` and routes each ``FieldError`` to the tab that owns its field, so every
rule stays in ``core``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QAbstractSpinBox, QFormLayout, QLabel, QWidget

from backcare.core.plan import FieldError
from backcare.ui.form_parts import show_error

_TOP_KEY = re.compile(r"[A-Za-z_]\w*")  # "calcium.meals[2].at" -> "calcium"


def top_key(field: str) -> str:
    """The plan's top-level key a field path starts with ("" if none)."""
    found = _TOP_KEY.match(field)
    return found.group(0) if found else ""


def commit_typed_numbers_on_enter(parent: QWidget) -> None:
    """Typed times, dates and numbers apply on Enter or leaving the field, not on every key.

    Typing "1200" into a spin box would otherwise apply 1, 12, 120 and 1200 in turn, each one
    saved and rescheduled (and "1" refused with a red sentence while she is still typing).
    """
    for box in parent.findChildren(QAbstractSpinBox):
        box.setKeyboardTracking(False)


def form_layout(page: QWidget) -> QFormLayout:
    """The form every simple tab is laid out in, so the tabs line up alike."""
    form = QFormLayout(page)
    form.setContentsMargins(18, 16, 18, 16)
    form.setVerticalSpacing(12)
    form.setHorizontalSpacing(16)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    return form


class SettingsTab(QWidget):
    """One tab: ``set_data(data)`` (emits nothing), ``data()``, ``show_errors(errors)``.

    ``edited`` asks for a change to be applied at once; ``typed`` reports a key in a text field
    (check now, apply when she pauses) and ``typingDone`` that she pressed Enter or left it.
    Subclasses build their widgets, then implement ``_load``, ``data`` and ``_field_labels``
    (and ``_label_for``/``_error_labels`` when they have growable rows).
    """

    edited = Signal()
    typed = Signal()
    typingDone = Signal()

    keys: ClassVar[tuple[str, ...]] = ()  # the top-level keys of the plan's data it owns

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False

    # -- the interface the window uses --------------------------------------------------------

    def owns(self, field: str) -> bool:
        """Whether a problem with ``field`` (a ``FieldError`` path) belongs on this tab."""
        return top_key(field) in self.keys

    def set_data(self, data: Mapping[str, Any]) -> None:
        """Show this tab's part of the plan's plain data; emits nothing."""
        self._loading = True
        try:
            self._load(data)
        finally:
            self._loading = False

    def data(self) -> dict[str, Any]:
        """This tab's part of the plan's plain data, as the widgets show it now."""
        raise NotImplementedError

    def show_errors(self, errors: Sequence[FieldError]) -> list[FieldError]:
        """Show each problem beside its field (and clear the others); give back the problems
        that have no field here, for the window to show as general ones."""
        shown: dict[int, list[str]] = {}
        left: list[FieldError] = []
        for error in errors:
            label = self._label_for(error.field)
            if label is None:
                left.append(error)
            else:
                shown.setdefault(id(label), []).append(error.message)
        done: set[int] = set()
        for label in self._error_labels():
            if id(label) not in done:
                done.add(id(label))
                show_error(label, shown.get(id(label), []))
        return left

    # -- for the tabs -------------------------------------------------------------------------

    @Slot()
    def _changed(self, *_args: object) -> None:
        """A widget changed: say so, unless it is being filled from data."""
        if not self._loading:
            self.edited.emit()

    @Slot()
    def _key_typed(self, *_args: object) -> None:
        if not self._loading:
            self.typed.emit()

    def _load(self, data: Mapping[str, Any]) -> None:
        raise NotImplementedError

    def _field_labels(self) -> dict[str, QLabel]:
        """Field path -> the red label for it; a path also catches the paths below it."""
        return {}

    def _label_for(self, field: str) -> QLabel | None:
        """The red label for a field path: its own, or the nearest enclosing one's."""
        labels = self._field_labels()
        path = field
        while path:
            if path in labels:
                return labels[path]
            path = path.rpartition(".")[0]
        return None

    def _error_labels(self) -> Iterable[QLabel]:
        """Every red label on the tab, so a fixed problem's sentence goes away."""
        return self._field_labels().values()
