"""The person's time zone as a zoneinfo key, so wall-clock reminders follow DST.

``datetime.now().astimezone()`` only gives today's fixed offset, which would shift every
reminder by an hour after the clocks change; the IANA name is what we need. Callers inject the
result; nothing in the core reads it by itself.
"""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def local_zone(environ: dict[str, str] | None = None, etc: Path = Path("/etc")) -> ZoneInfo:
    env = os.environ if environ is None else environ
    candidates: list[str] = []
    if env.get("TZ"):
        candidates.append(env["TZ"].lstrip(":"))
    timezone_file = etc / "timezone"
    if timezone_file.is_file():
        candidates.append(timezone_file.read_text(encoding="utf-8").strip())
    localtime = etc / "localtime"
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    for key in candidates:
        try:
            return ZoneInfo(key)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return ZoneInfo("UTC")
