"""Parsed content kept between starts, so the app does not re-parse the same TOML every time.

Back Care's exercises, advice, foods and routines are about twenty TOML files. Python's
``tomllib`` is pure Python: parsing them (and loading it) is about 10 ms of every start. The
same data read back from JSON (parsed in C) takes 0.2 ms.

The cache keeps, for each file, its whole text next to what ``tomllib`` made of it and a
checksum of the two together, and serves the parsed data only when the file's text is exactly
the text it was parsed from and the checksum still matches: an edited file is parsed afresh,
and so is an entry damaged on the disk (once, a damaged entry whose text still matched gave
the bridge an earliest week of 0 after a caesarean). The checksum is ``zlib.crc32``, a
guard against damage rather than against someone who can write her cache folder (who could
as well write a matching checksum); ``zlib`` is loaded at every start anyway, while a
``hashlib`` hash would load about 0.5 MiB of OpenSSL. Kept because it still pays: measured
again for issue 12, checksum included, a warm cache makes loading the catalog 9 to 12 ms
quicker (12.9 against 22.8 ms, median of 31 paired fresh processes; row 6 of
``benchmarks/store_bench.py``), above the 5 ms a start-up measure must save. Only data
that JSON gives back exactly (tables, arrays, strings, numbers, booleans) is kept; a file
with TOML dates is simply parsed each time. The file lives in the per-user cache folder
(``$XDG_CACHE_HOME/backcare``, 0700, the file 0600), holds only Back Care's own shipped
content, never anything of hers, and is read with ``json`` alone. A missing, unreadable or
damaged cache is ignored and rewritten: it is a copy of the content, and losing it loses
nothing but those 10 ms.
"""

from __future__ import annotations

import json
import math
import sys
import zlib
from pathlib import Path
from typing import Any

from backcare.core.store import write_private

FORMAT = 2  # 2: each entry carries a checksum
# Entries are only valid for the parser that made them.
PARSER = f"tomllib/python-{sys.version_info[0]}.{sys.version_info[1]}"
MAX_BYTES = 4 * 1024 * 1024  # far above the ~100 KB the content takes; anything bigger is junk


class ParseCache:
    """``parse(raw, name)`` is ``tomllib.loads(raw.decode())``, remembered across starts."""

    def __init__(
        self, path: Path | None = None, entries: dict[str, list[str]] | None = None
    ) -> None:
        self.path = path
        # file name -> [its TOML text, the parsed data as JSON text, their checksum]; each hit
        # is decoded afresh, so no caller can change what the next one gets
        self._entries: dict[str, list[str]] = dict(entries or {})
        self._used: set[str] = set()
        self._changed = False
        self.hits = 0
        self.misses = 0

    @classmethod
    def open(cls, path: Path) -> ParseCache:
        """The cache stored at ``path``; an empty one if there is none or it cannot be used."""
        try:
            if path.stat().st_size > MAX_BYTES:
                return cls(path)
            stored = json.loads(path.read_bytes())
        except (OSError, ValueError, RecursionError):
            return cls(path)
        if (
            not isinstance(stored, dict)
            or stored.get("format") != FORMAT
            or stored.get("parser") != PARSER
            or not isinstance(stored.get("entries"), dict)
        ):
            return cls(path)
        entries = {
            name: pair for name, pair in stored["entries"].items()
            if isinstance(pair, list) and len(pair) == 3 and all(isinstance(p, str) for p in pair)
        }
        return cls(path, entries)

    def parse(self, raw: bytes, name: str) -> dict[str, Any]:
        """Parse the TOML ``raw`` read from the file ``name``.

        Raises as ``tomllib`` does (and UnicodeDecodeError) on bad input.
        """
        text = raw.decode("utf-8")
        self._used.add(name)
        cached = self._entries.get(name)
        if cached is not None and cached[0] == text and cached[2] == _checksum(text, cached[1]):
            try:
                data = json.loads(cached[1])
            except (ValueError, RecursionError):
                data = None
            if isinstance(data, dict):
                self.hits += 1
                return data
        self.misses += 1
        import tomllib  # only on a miss: loading the parser is 1.5 ms of its own

        data = tomllib.loads(text)
        if _json_exact(data):
            parsed = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            self._entries[name] = [text, parsed, _checksum(text, parsed)]
            self._changed = True
        return data

    @property
    def changed(self) -> bool:
        return self._changed

    def save(self) -> bool:
        """Write the cache if anything new was parsed; False if it could not be written.

        Entries not used by this run are dropped once they outnumber the ones in use (after an
        upgrade, say), so the file does not grow without end.
        """
        if self.path is None or not self._changed:
            return True
        unused = [k for k in self._entries if k not in self._used]
        if len(unused) > len(self._used):
            for key in unused:
                del self._entries[key]
        text = json.dumps(
            {"format": FORMAT, "parser": PARSER, "entries": self._entries},
            ensure_ascii=False, separators=(",", ":"),
        )
        try:
            write_private(self.path, text)
        except OSError:
            return False
        self._changed = False
        return True


def _checksum(text: str, parsed: str) -> str:
    """CRC-32 of the TOML text and then its parsed JSON: damage to either changes it."""
    return f"{zlib.crc32(parsed.encode(), zlib.crc32(text.encode())):08x}"


def _json_exact(value: Any) -> bool:
    """True if JSON gives ``value`` back unchanged (no dates or times; finite numbers)."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _json_exact(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_json_exact(v) for v in value)
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, str | int | bool)
