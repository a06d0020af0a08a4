"""What can go wrong with her data file, told apart, each with the sentence she is given.

The one distinction that matters: a file that really is not a Back Care database any more
(``Damage``: set aside, kept, and a fresh one started) against a problem of the moment
(``Cause``: a full disk, a lock, a permission, a read-only disk, a link or a folder in the
way). A problem of the moment says what it is and what to do, and leaves every file exactly as
it was: setting aside a healthy database because the disk was full, and starting her again from
nothing once space is back, would lose her history to a fault that was never in the file.
A database made by a newer Back Care is neither: it is left alone too (``NewerFault``).

SQLite reports most of these as ``sqlite3.DatabaseError``; its error code says which
(``sqlite_errorcode``, Python 3.11), and where SQLite only says "disk I/O error" (a full disk
while it maps its ``-shm`` index) the file system is asked (``statvfs``). Anything not known
to be damage counts as a problem of the moment: a file is set aside only on positive evidence.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from enum import Enum
from pathlib import Path

# SQLite's primary result codes (sqlite3.h); the extended code's low byte is the primary one.
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED = 3, 5, 6
_SQLITE_READONLY, _SQLITE_CORRUPT, _SQLITE_CANTOPEN = 8, 11, 14
_SQLITE_FULL, _SQLITE_AUTH, _SQLITE_NOTADB = 13, 23, 26
LOW_SPACE = 256 * 1024  # less free than this, and "disk I/O error" while mapping means full


class Cause(Enum):
    """A problem of the moment: nothing is wrong with the file itself."""

    FULL = "full"  # the disk (or her quota) is full
    LOCKED = "locked"  # another program holds the database's lock
    PERMISSION = "permission"  # the file or folder is not hers, or not writable by her
    READ_ONLY = "read-only"  # the file system is mounted read-only
    LINK = "link"  # a symbolic link where Back Care keeps a file: never followed
    IN_THE_WAY = "in the way"  # a folder (or a device) where a file should be
    DISK_ERROR = "disk error"  # the disk said "I/O error" (unplugged, failing)


class Damage(Enum):
    """Why a file is not a Back Care database: the words finish "could not be read (...)"."""

    EMPTY = "the file was empty"
    NOT_A_DATABASE = "it is not a Back Care data file"
    FAILED_CHECK = "parts of it are damaged"
    WRONG_TABLES = "it does not hold the tables Back Care keeps"


class StoreFault(Exception):
    """The store cannot be used as it is; ``str()`` is one or two sentences for her."""

    @property
    def sentence(self) -> str:
        return str(self)

    @property
    def lasting(self) -> bool:
        """True when trying again later cannot help (a newer database): no retries."""
        return False


class TemporaryFault(StoreFault):
    """A problem of the moment (``cause``) with ``path``; the files are left as they are."""

    def __init__(self, cause: Cause, path: Path, detail: str = "", *, noun: str = "file") -> None:
        self.cause = cause
        self.path = path
        self.detail = detail
        super().__init__(_temporary_sentence(cause, path, detail, noun))


class NewerFault(StoreFault):
    """The database says it was made by a newer Back Care (its schema ``version``)."""

    def __init__(self, folder: Path, version: int, known: int) -> None:
        self.version = version
        super().__init__(
            f"Your Back Care data in {folder} was made by a newer Back Care (its data format "
            f"is {version}; this one reads formats up to {known}), so it was left exactly as it "
            "is. Install the newer Back Care again to go on using it."
        )

    @property
    def lasting(self) -> bool:
        return True


class DamageFound(Exception):
    """Inside the store only: the file is ``damage``d; the opener sets it aside."""

    def __init__(self, damage: Damage) -> None:
        self.damage = damage
        super().__init__(damage.value)


_REASON = {
    Cause.FULL: "the disk it is on is full",
    Cause.LOCKED: "another program is holding it and did not let go of it",
    Cause.READ_ONLY: "the disk it is on is read-only",
}
_WHAT_TO_DO = {
    Cause.FULL: "Free some space on that disk (empty the bin, or remove files you no longer "
    "need), then start Back Care again.",
    Cause.LOCKED: "If Back Care is open somewhere else (another window, or another user on "
    "this computer), close it; a backup or sync program may also be copying the file. Then "
    "start Back Care again.",
    Cause.READ_ONLY: "If it is a USB drive, check its lock switch and plug it in again; "
    "otherwise restart the computer, which usually makes the disk writable again. Then start "
    "Back Care again.",
    Cause.LINK: "Put the file the link points to in its place (or remove the link if that "
    "file does not exist), then start Back Care again.",
    Cause.IN_THE_WAY: "Move it out of the way (it is not Back Care's), then start Back Care "
    "again.",
    Cause.DISK_ERROR: "If Back Care's data is on a removable drive, check that it is plugged "
    "in, then start Back Care again. If this keeps happening the disk may be failing: copy "
    "the folder somewhere safe.",
}


def _temporary_sentence(cause: Cause, path: Path, detail: str, noun: str) -> str:
    if cause is Cause.PERMISSION:
        reason = f"it {detail or 'is not writable for you'}"
        fix = (f"sudo chown \"$USER\" '{path}'" if detail == "belongs to another user"
               else f"chmod u+rw '{path}'")
        what = f"Make it yours and writable again (in a terminal: {fix}), then start Back " \
            "Care again."
    elif cause is Cause.LINK:
        reason = f"it is a link to {detail or 'another place'}, and Back Care keeps its data " \
            "only in its own folder, so it did not follow the link"
        what = _WHAT_TO_DO[cause]
    elif cause is Cause.IN_THE_WAY:
        reason = f"{detail or 'it is not a plain file'}, where Back Care keeps a file of its own"
        what = _WHAT_TO_DO[cause]
    elif cause is Cause.DISK_ERROR:
        reason = f"the disk reported an error{f' ({detail})' if detail else ''}"
        what = _WHAT_TO_DO[cause]
    else:
        reason, what = _REASON[cause], _WHAT_TO_DO[cause]
    return f"Back Care cannot use its data {noun} {path}: {reason}. {what}"


def _read_only_fs(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _low_on_space(folder: Path) -> bool:
    try:
        vfs = os.statvfs(folder)
    except OSError:
        return False
    return vfs.f_bavail * vfs.f_frsize < LOW_SPACE


def side_file_fault(path: Path) -> TemporaryFault | None:
    """Why ``path`` (the database, its ``-wal`` or its ``-shm``) cannot be used as it is, or
    None when it is absent or a plain file of hers that she can write.

    Checked before SQLite opens anything, because SQLite follows links, reads a ``-shm``
    folder as "read-only" without saying so, and fails only at the first write.
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return os_fault(exc, path)
    if stat.S_ISLNK(info.st_mode):
        return TemporaryFault(Cause.LINK, path, os.readlink(path))
    if stat.S_ISDIR(info.st_mode):
        return TemporaryFault(Cause.IN_THE_WAY, path, "it is a folder")
    if not stat.S_ISREG(info.st_mode):
        return TemporaryFault(Cause.IN_THE_WAY, path, "it is not a plain file")
    if info.st_uid != os.geteuid():
        return TemporaryFault(Cause.PERMISSION, path, "belongs to another user")
    if not os.access(path, os.R_OK | os.W_OK):
        if _read_only_fs(path.parent):
            return TemporaryFault(Cause.READ_ONLY, path)
        return TemporaryFault(Cause.PERMISSION, path, "is read-only")
    return None


def os_fault(exc: OSError, path: Path, noun: str = "file") -> TemporaryFault:
    """An ``OSError`` met while opening or writing ``path`` (its data ``noun``), as its cause."""
    number = exc.errno
    if number in (errno.ENOSPC, errno.EDQUOT):
        return TemporaryFault(Cause.FULL, path, noun=noun)
    if number == errno.EROFS:
        return TemporaryFault(Cause.READ_ONLY, path, noun=noun)
    if number in (errno.EACCES, errno.EPERM):
        return TemporaryFault(Cause.PERMISSION, path, "is not writable for you", noun=noun)
    if number == errno.ELOOP:
        return TemporaryFault(Cause.LINK, path, noun=noun)
    if number == errno.ENOTDIR:
        return TemporaryFault(Cause.IN_THE_WAY, path, "a file stands where one of the folders "
                              "on its way should be", noun=noun)
    if number in (errno.EISDIR, errno.EEXIST):
        return TemporaryFault(Cause.IN_THE_WAY, path, "something else stands there", noun=noun)
    return TemporaryFault(Cause.DISK_ERROR, path, exc.strerror or str(exc), noun=noun)


def sqlite_fault(exc: sqlite3.Error, path: Path) -> TemporaryFault | DamageFound:
    """An error SQLite gave for ``path``: damage only when SQLite says the file is not a
    database or is malformed; otherwise the problem of the moment it points to."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code == _SQLITE_NOTADB:
        return DamageFound(Damage.NOT_A_DATABASE)
    if code == _SQLITE_CORRUPT:
        return DamageFound(Damage.FAILED_CHECK)
    if code == _SQLITE_FULL:
        return TemporaryFault(Cause.FULL, path)
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return TemporaryFault(Cause.LOCKED, path)
    for side in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
        found = side_file_fault(side)
        if found is not None:
            return found
    if _read_only_fs(path.parent):
        return TemporaryFault(Cause.READ_ONLY, path)
    if not os.access(path.parent, os.W_OK | os.X_OK):  # SQLite makes its log and index there
        return TemporaryFault(Cause.PERMISSION, path.parent, "is not writable for you",
                              noun="folder")
    if code in (_SQLITE_READONLY, _SQLITE_PERM, _SQLITE_AUTH, _SQLITE_CANTOPEN):
        return TemporaryFault(Cause.PERMISSION, path, "is not writable for you")
    if _low_on_space(path.parent):
        return TemporaryFault(Cause.FULL, path)
    return TemporaryFault(Cause.DISK_ERROR, path, str(exc))
