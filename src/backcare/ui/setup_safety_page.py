"""The first-run setup's last page: the disclaimer and the warning signs, shown once.

Kept apart from the wizard (``setup_wizard``) like the other pages: it only lays out the words
it is given. Which warning signs it shows, and in which colours, stay with the wizard, since
they follow the country chosen on the first page and the desktop's dark or light palette.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from backcare.ui.setup_parts import labelled as _labelled


class SafetyPage(QWidget):
    """``SafetyPage(disclaimer)``: the disclaimer, then the warning signs in ``red_flags_label``
    (empty until the wizard fills it), which scroll on their own if they are long."""

    def __init__(self, disclaimer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Before you start")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(_labelled("Before you start", "title"))
        self.disclaimer_label = QLabel(disclaimer)
        self.disclaimer_label.setWordWrap(True)
        self.disclaimer_label.setAccessibleName("Disclaimer")
        layout.addWidget(self.disclaimer_label)
        layout.addWidget(_labelled("Warning signs: when to get help", "question"))
        self.red_flags_label = QLabel()
        self.red_flags_label.setTextFormat(Qt.TextFormat.RichText)
        self.red_flags_label.setWordWrap(True)
        self.red_flags_label.setAccessibleName("Warning signs")
        self.red_flags_label.setStyleSheet("font-size: 11pt; padding: 4px 10px 4px 4px;")
        self.red_flags_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.red_flags_label)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setAccessibleName("Warning signs")
        scroll.setObjectName("warningSigns")
        layout.addWidget(scroll, 1)
        layout.addWidget(_labelled("You can read these again on the Safety page at any time.",
                                   "note"))
