"""The Settings window's "Posture breaks" tab: on or off, and how often.

The plan's ``posture_enabled`` and ``posture_interval_min``. The spin box only offers the range
the core accepts (``POSTURE_MIN``..``POSTURE_MAX``), and the core still checks it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QSpinBox, QWidget

from backcare.core.plan import POSTURE_MAX, POSTURE_MIN
from backcare.ui.form_parts import make_error_label, note, row, with_error
from backcare.ui.settings_tab import SettingsTab, commit_typed_numbers_on_enter, form_layout


class PostureTab(SettingsTab):
    """``PostureTab()``: the ``posture_enabled`` and ``posture_interval_min`` keys; the
    interval is greyed while the breaks are off."""

    keys = ("posture_enabled", "posture_interval_min")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = form_layout(self)
        self.posture_enabled = QCheckBox("Remind me to stand up, stretch and move")
        self.posture_enabled.setAccessibleName("Posture breaks")
        self.posture_enabled.toggled.connect(self._changed)
        form.addRow(self.posture_enabled)
        self.posture_interval = QSpinBox()
        self.posture_interval.setRange(POSTURE_MIN, POSTURE_MAX)
        self.posture_interval.setSingleStep(15)
        self.posture_interval.setSuffix(" minutes")
        self.posture_interval.setAccessibleName("Posture break interval")
        self.posture_interval.setMinimumWidth(150)
        self.posture_interval.valueChanged.connect(self._changed)
        self.posture_enabled.toggled.connect(self.posture_interval.setEnabled)
        self.posture_error = make_error_label("Problem with the posture breaks")
        form.addRow("Every", with_error(row(self.posture_interval), self.posture_error))
        form.addRow("", note("Counted from the start of your waking hours, so the breaks "
                             "fall at the same times every day."))
        commit_typed_numbers_on_enter(self)

    def _load(self, data: Mapping[str, Any]) -> None:
        self.posture_enabled.setChecked(data["posture_enabled"])
        self.posture_interval.setValue(data["posture_interval_min"])
        self.posture_interval.setEnabled(data["posture_enabled"])

    def data(self) -> dict[str, Any]:
        return {
            "posture_enabled": self.posture_enabled.isChecked(),
            "posture_interval_min": self.posture_interval.value(),
        }

    def _field_labels(self) -> dict[str, QLabel]:
        return {"posture_enabled": self.posture_error, "posture_interval_min": self.posture_error}
