"""Where the read-only content lives, both in a source checkout and in an installed wheel.

The wheel carries ``resources/`` and ``seeds/`` inside the package (see pyproject's
force-include); an editable install or a plain checkout reads them from the repository root.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parent.parent


def _pick(name: str) -> Path:
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _REPO / name


def resources_dir() -> Path:
    """The folder holding exercises/, poses/ and the advice files."""
    return _pick("resources")


def seeds_dir() -> Path:
    """The folder holding the facts ledger (facts.toml)."""
    return _pick("seeds")
