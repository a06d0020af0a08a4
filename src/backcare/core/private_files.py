"""Files readable by her alone, written whole: the store's folder, copies, exports, the cache.

Why here and not in ``store.py``: the settings export, the calendar and the parse cache write
files too, with the same rules. A write goes to a new temporary file beside the target (made
with ``O_EXCL | O_NOFOLLOW``, so never an existing file and never through a link), is flushed
to the disk, and then renamed over the target, so a reader sees the old file or the new one
and never half of one. A link at the target is refused with a sentence rather than replaced.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) and make it readable by her alone.

    A folder that is a link (her data moved to another disk, say) is used but not chmodded:
    nothing outside what Back Care made is changed.
    """
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.is_symlink() and path.stat().st_mode & 0o777 != 0o700:
        os.chmod(path, 0o700)
    return path



def write_private(path: Path, text: str, *, own_folder: bool = True) -> None:
    """Write ``text`` as a new file at ``path``, atomically (temp file + rename), 0600.

    ``own_folder``: the folder is Back Care's, so it is created and made 0700 too; a folder
    she chose (an export to Documents or a USB stick) is left as it is. A link at ``path`` is
    neither followed nor replaced: an ``OSError`` says so, and nothing is written.
    """
    if own_folder:
        private_dir(path.parent)
    if path.is_symlink():
        raise OSError(errno.ELOOP, f"it is a link (to {os.readlink(path)}), and Back Care "
                      "writes only new files, not through links: give the name of a new file",
                      str(path))
    fd, tmp = _new_temp(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def _new_temp(path: Path) -> tuple[int, Path]:
    """A new file beside ``path``, made here (never an existing file, never through a link)."""
    for n in range(100):
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{n}")
        try:
            return os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "too many unfinished temporary files", str(path))


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (best effort: not every file system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
