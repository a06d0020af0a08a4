"""Real faults for the store's tests: a full disk, a read-only disk, a lock held by another
process, a file that belongs to another user. No mocks: each is the thing itself.

A small tmpfs is a real file system that fills up or turns read-only on demand; mounting one
needs root, as does acting as another user. Under ``CI=true`` a test that cannot have its
fault fails rather than skips (CI runs as root); elsewhere it is skipped with the reason.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

NOBODY = 65534
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def need(ok: bool, reason: str) -> None:
    """Skip without the means to make the fault, except under CI=true, where it fails."""
    if ok:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


class Clock:
    """An injected clock the test moves by hand (no sleeping)."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@dataclass
class Disk:
    """A mounted tmpfs of 512 KiB: ``fill`` it to the last byte, ``free`` it, ``read_only``."""

    root: Path

    @property
    def filler(self) -> Path:
        return self.root / "filler"

    def fill(self) -> None:
        fd = os.open(self.filler, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600)
        try:
            for size in (65536, 4096, 512, 1):
                with contextlib.suppress(OSError):
                    while True:
                        os.write(fd, b"\0" * size)
        finally:
            os.close(fd)
        assert os.statvfs(self.root).f_bavail == 0

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)

    def read_only(self, on: bool = True) -> None:
        mode = "remount,ro" if on else "remount,rw"
        subprocess.run(["mount", "-o", mode, str(self.root)], check=True)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Disk]:
    need(os.geteuid() == 0, "mounting a small tmpfs (a real full disk) needs root")
    root = tmp_path / "disk"
    root.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k,mode=0700", "tmpfs",
                           str(root)], capture_output=True, text=True)
    need(done.returncode == 0, f"mount -t tmpfs failed: {done.stderr.strip()}")
    try:
        yield Disk(root)
    finally:
        subprocess.run(["umount", "-l", str(root)], check=False)


_HOLDER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA locking_mode=EXCLUSIVE")
db.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()  # until the test closes the pipe
db.execute("ROLLBACK")
db.close()
"""


@contextlib.contextmanager
def lock_held(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding ``path``'s exclusive lock until the block ends."""
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(path)], text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield holder
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)


@pytest.fixture
def open_tmp() -> Iterator[Path]:
    """A temporary folder any user can pass through (0711), for files another user opens:
    pytest's own ``tmp_path`` lies inside folders only root may enter."""
    root = Path(tempfile.mkdtemp(prefix="backcare-faults-"))
    root.chmod(0o711)
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def as_another_user(folder: Path, job: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Run ``job`` as a user other than the files' owner and return what it returns (JSON).

    As root (who may write any file) the job runs in a forked child that becomes "nobody",
    so a read-only file is read-only for it; ``folder`` is given to that user first. Not
    as root, the files are already someone else's to the test, so the job runs here.
    """
    if os.geteuid() != 0:
        return job()
    os.chown(folder, NOBODY, NOBODY)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            out = json.dumps(job()).encode()
        except BaseException as exc:  # report, whatever it was
            out, code = json.dumps({"error": repr(exc)}).encode(), 1
        os.write(write, out)
        os._exit(code)
    os.close(write)
    try:
        ready, _, _ = select.select([read], [], [], 60)
        assert ready, "the job as another user did not finish within a minute"
        chunks = []
        while chunk := os.read(read, 65536):
            chunks.append(chunk)
    finally:
        os.close(read)
        os.waitpid(pid, 0)
    result: dict[str, Any] = json.loads(b"".join(chunks))
    assert "error" not in result, result["error"]
    return result


def file_state(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every plain file in ``folder``: its mode and bytes, to show nothing was changed."""
    return {
        p.name: (p.lstat().st_mode, p.read_bytes() if p.is_file() and not p.is_symlink() else b"")
        for p in sorted(folder.iterdir())
    }
