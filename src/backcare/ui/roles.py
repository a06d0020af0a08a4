"""Item-data roles as plain numbers, for the widgets built while the app starts.

Why not ``Qt.ItemDataRole``: the first use of anything in PySide6's ``Qt`` namespace makes
PySide6 build all of that namespace's Python enums at once (about 90 of them: 11 ms and
0.9 MiB, a tenth of Back Care's start, measured in ``benchmarks/``). Qt's C++ API takes the
role as an ``int``, so the numbers below are exactly what the enum members would pass;
``tests/ui/test_roles.py`` checks that they still equal Qt's own values. ``setForeground`` is
avoided for the same reason: turning a QColor into its QBrush argument makes PySide6 weigh
QBrush's ``Qt.GlobalColor`` overloads. Code that runs only after start (dialogs, the Exercises
page) may use ``Qt`` freely.
"""

from __future__ import annotations

FOREGROUND_ROLE = 9  # Qt.ItemDataRole.ForegroundRole: text colour; a QColor is taken as is
ACCESSIBLE_TEXT_ROLE = 11  # Qt.ItemDataRole.AccessibleTextRole: what a screen reader says
USER_ROLE = 256  # Qt.ItemDataRole.UserRole: the first role free for the app's own data
