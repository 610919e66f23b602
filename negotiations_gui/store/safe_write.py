"""The one way this app writes a file: all of it, or nothing.

Every file the app writes (a case built by an import, a new case, a copy of a
case, a JSON export, a PDF or Markdown export) is first written under a
temporary name that is unique to this write (`tempfile.mkstemp` in the target's
folder, so the rename cannot cross file systems), flushed to the disk
(`fsync`), then renamed over the target in one step, and the folder is synced
so the rename itself survives a power cut. A kill, a full disk or a read-only
folder therefore leaves either the old file or the new one, never half of one,
and two writers never share a temporary file (or its `-wal`).

`exclusive=True` never replaces an existing file: the finished file is linked
into place, which fails if another writer got there first.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import CaseFileError, DiskFullError, ReadOnlyError

# What SQLite may leave beside a database it was writing.
SIDE_FILE_SUFFIXES = ("-journal", "-wal", "-shm")


class TargetExistsError(CaseFileError):
    """`exclusive` writing found a file already at the target."""


def write_error(path: Path, exc: OSError, what: str = "the file could not be written") \
        -> CaseFileError:
    """The known error an OSError while writing `path` stands for, in words for the user."""
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        return DiskFullError(path, "the disk is full; nothing was written. "
                             "Free some space or choose another disk, and try again.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ReadOnlyError(path, "the folder cannot be written (it is read-only or you do "
                             "not have permission); choose another folder.")
    if exc.errno == errno.ENOENT:
        return CaseFileError(path, "the folder does not exist; choose another folder.")
    if exc.errno == errno.EISDIR:
        return CaseFileError(path, "this is a folder; choose a file name.")
    return CaseFileError(path, f"{what} ({exc.strerror or exc}).")


def remove_quietly(path: Path, *, with_side_files: bool = False) -> None:
    """Delete `path` (and SQLite's files beside it) if present, ignoring any error."""
    names = [path] + ([Path(f"{path}{s}") for s in SIDE_FILE_SUFFIXES] if with_side_files else [])
    for name in names:
        try:
            name.unlink()
        except OSError:
            pass


def fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    try:
        fsync_path(folder)
    except OSError:
        pass  # some file systems (and Windows) cannot sync a folder; the rename stands


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def _check_target(target: Path) -> None:
    if target.is_dir():
        raise CaseFileError(target, "this is a folder; choose a file name.")
    if not target.parent.is_dir():
        raise CaseFileError(target, "the folder does not exist; choose another folder.")


def _place(temp: Path, target: Path, exclusive: bool) -> None:
    if not exclusive:
        os.replace(temp, target)
        return
    try:
        os.link(temp, target)  # fails if the target exists: no second writer is overwritten
    except FileExistsError:
        raise TargetExistsError(target, "a file already exists here (another program may "
                                "just have written it); nothing was replaced.") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A file system without hard links (FAT, some network shares): the best
        # we can do is check just before renaming.
        if target.exists():
            raise TargetExistsError(target, "a file already exists here; nothing was "
                                    "replaced.") from None
        os.replace(temp, target)
        return
    temp.unlink()


@contextmanager
def replacing(target: str | Path, *, exclusive: bool = False,
              what: str = "the file could not be written") -> Iterator[Path]:
    """Yield a fresh, empty temporary file beside `target`; put it in place when the block ends.

    The block writes the temporary file (and closes it, and any database on
    it). On success it is synced and renamed over `target` (or, `exclusive`,
    linked into place only if nothing is there). On any error, or a kill of the
    process between, the target is untouched; the temporary file is removed
    (after a kill, a uniquely named hidden file may stay behind, never reused).
    """
    target = Path(target)
    _check_target(target)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial",
                                    dir=target.parent)
    except OSError as exc:
        raise write_error(target, exc, what) from None
    temp = Path(name)
    try:
        # mkstemp makes the file private (0600); give it the mode a file made
        # by open() would have, or the mode of the file it replaces.
        os.fchmod(fd, _mode_for(target))
    finally:
        os.close(fd)
    for suffix in SIDE_FILE_SUFFIXES:  # the name is new; so must its side files be
        remove_quietly(Path(f"{temp}{suffix}"))
    try:
        yield temp
        leftovers = [s for s in SIDE_FILE_SUFFIXES if Path(f"{temp}{s}").exists()]
        if leftovers:
            # Data still in a -wal or -journal would be lost by the rename.
            raise RuntimeError(f"{temp} still has {leftovers} beside it")
        fsync_path(temp)
        _place(temp, target, exclusive)
        _fsync_folder(target.parent)
    except OSError as exc:
        remove_quietly(temp, with_side_files=True)
        raise write_error(target, exc, what) from None
    except BaseException:
        remove_quietly(temp, with_side_files=True)
        raise


def write_file(target: str | Path, data: bytes | str) -> None:
    """Write `data` (text is written as UTF-8) to `target` whole, or raise and leave nothing."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with replacing(target) as temp, temp.open("wb") as f:
        f.write(payload)
        f.flush()
