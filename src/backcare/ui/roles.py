"""Item-data roles as plain numbers, for the widgets built while the app starts.

Why not ``Qt.ItemDataRole``: the ``Qt`` namespace is left unbuilt until after start (measure 2
in ``backcare/app/startup.py``). Qt's C++ API takes the role as an ``int``, so the numbers below
are exactly what the enum members would pass; ``tests/ui/test_roles.py`` checks that they still
equal Qt's own values. A QColor is given to ``setData`` as is, not through ``setForeground``,
whose QBrush argument makes PySide6 weigh ``Qt.GlobalColor`` overloads.
"""

from __future__ import annotations

FOREGROUND_ROLE = 9  # Qt.ItemDataRole.ForegroundRole: text colour; a QColor is taken as is
ACCESSIBLE_TEXT_ROLE = 11  # Qt.ItemDataRole.AccessibleTextRole: what a screen reader says
USER_ROLE = 256  # Qt.ItemDataRole.UserRole: the first role free for the app's own data
