"""The lock that keeps Back Care to one instance per person, and the private folder it lives in.

Exactly one Back Care may run, or she would see every reminder twice. A socket cannot promise
that on its own: two launches at the same moment both find nobody answering, and each thinks
the other's socket is stale. So the promise is made by the kernel: ``fcntl.flock`` on a lock
file. The kernel gives the lock to one process only and takes it back the moment that process
ends, however it ends (a crash, ``kill -9``), so there is never a stale lock to judge.

The lock file is never deleted. A process may have opened it just before the deletion and
would then lock the old, nameless file while a third process locks a new one: two owners.

The folder must be hers alone: owned by her uid and mode 0700, checked without following a
symbolic link. Otherwise another user could hold the lock (Back Care would never start) or
listen in its place. ``$XDG_RUNTIME_DIR`` comes first (systemd makes it so); when it is missing
or not private, ``/tmp/backcare-<uid>``, and when another user has taken that name, a folder
in her data folder. No Qt here: the command line uses it too.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import tempfile
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import platformdirs

PRIVATE_MODE = 0o700


class Unsafe(Enum):
    """Why a folder cannot hold the lock; the value ends the sentence that says so."""

    RELATIVE = "is not an absolute path"
    MISSING = "does not exist"
    NOT_A_FOLDER = "is not a folder (a link or a file)"
    NOT_HERS = "belongs to another user"
    NOT_PRIVATE = "does not have mode 0700"
    UNUSABLE = "cannot be created or read"


def check_private(folder: Path) -> Unsafe | None:
    """None when ``folder`` is a real folder, owned by this user, with mode 0700."""
    if not folder.is_absolute():
        return Unsafe.RELATIVE
    try:
        info = os.lstat(folder)  # a link could be pointed elsewhere after the check
    except FileNotFoundError:
        return Unsafe.MISSING
    except OSError:
        return Unsafe.UNUSABLE
    if not stat.S_ISDIR(info.st_mode):
        return Unsafe.NOT_A_FOLDER
    if info.st_uid != os.getuid():
        return Unsafe.NOT_HERS
    if info.st_mode & 0o777 != PRIVATE_MODE:
        return Unsafe.NOT_PRIVATE
    return None


def _make_private(folder: Path) -> Unsafe | None:
    """Create ``folder`` 0700 if it is not there, then check it like any other."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=PRIVATE_MODE)
        folder.chmod(PRIVATE_MODE)  # made by us just now: undo what the umask took away
    except FileExistsError:
        pass  # never loosen or tighten a folder we did not make: it is judged as it is
    except OSError:
        return Unsafe.UNUSABLE
    return check_private(folder)


@dataclass(frozen=True)
class RuntimeFolder:
    """The private folder chosen, and the folders passed over on the way, with why."""

    path: Path
    passed_over: tuple[tuple[Path, Unsafe], ...] = ()

    @property
    def notice(self) -> str | None:
        """One sentence for stderr when her runtime folder could not be used, else None."""
        if not self.passed_over:
            return None
        why = " and ".join(f"{path} {reason.value}" for path, reason in self.passed_over)
        return f"Back Care keeps its lock in {self.path}, because {why}."


def fallback_folders() -> tuple[Path, ...]:
    """Where the lock goes when $XDG_RUNTIME_DIR cannot be used, in order of preference."""
    temp = Path(tempfile.gettempdir()) / f"backcare-{os.getuid()}"
    return temp, Path(platformdirs.user_data_dir("backcare")) / "run"


def runtime_folder() -> RuntimeFolder | None:
    """Her private runtime folder, or None when no folder only she can use is found."""
    passed: list[tuple[Path, Unsafe]] = []
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime:
        reason = check_private(Path(runtime))
        if reason is None:
            return RuntimeFolder(Path(runtime))
        passed.append((Path(runtime), reason))
    for folder in fallback_folders():
        reason = _make_private(folder)
        if reason is None:
            return RuntimeFolder(folder, tuple(passed))
        if reason is not Unsafe.UNUSABLE:
            passed.append((folder, reason))
    return None


class LockState(Enum):
    HELD = "held"  # this process is the one Back Care
    BUSY = "busy"  # another live process holds it
    UNSAFE = "unsafe"  # the lock file is a link, not a plain file, or not hers
    FAILED = "failed"  # it could not be opened (a read-only folder, no file descriptors)


class InstanceLock:
    """An exclusive ``flock`` on one file, held until ``release()`` or the end of the process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def take(self) -> LockState:
        if self._fd is not None:
            return LockState.HELD
        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
        try:
            fd = os.open(self.path, flags, 0o600)
        except OSError as exc:
            # O_NOFOLLOW on a link gives ELOOP: somebody put it there, never follow it.
            return LockState.UNSAFE if exc.errno == errno.ELOOP else LockState.FAILED
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
                os.close(fd)
                return LockState.UNSAFE
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return LockState.BUSY
        except OSError:
            os.close(fd)
            return LockState.FAILED
        # Who holds it, for a person looking (``cat``); nothing reads it back.
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return LockState.HELD

    def release(self) -> None:
        """Let the lock go; the file stays (see the module's note on why)."""
        if self._fd is not None:
            os.close(self._fd)  # closing the last descriptor releases the flock
            self._fd = None
