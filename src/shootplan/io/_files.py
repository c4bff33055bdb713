"""The one way shootplan writes files: atomically, with ordinary permissions, whole sets at once.

Two tools, and every writer in the package uses one of them:

- :func:`write_bytes` / :func:`write_text` / :func:`write_with` replace one file in one step: the
  data goes to a hidden temporary file in the target's directory (so the rename never crosses file
  systems), is flushed to disk, gets the mode a plain file gets under the user's umask (``0644``
  under ``022``; ``tempfile`` would make it private) and is renamed over the target. On any error,
  Ctrl-C included, the target is left as it was and the temporary file is removed.
- :class:`OutputSet` writes a folder's files as one unit (``plan`` writes a workbook, two JSON
  files and dozens of calendar feeds). The stage is a hidden sibling folder that starts as a copy
  of the old folder made of hard links, so writers read the previous files where they always were
  (the published feeds decide SEQUENCE) and replace what they write; the two folders are then
  swapped with one ``renameat2(RENAME_EXCHANGE)`` call (Linux). Whatever stops the
  command (an error, Ctrl-C, SIGKILL), the folder holds either the complete old set or the complete
  new set. A file whose bytes did not change keeps its inode and modification time, so web servers
  serving the feeds keep their ETags. Where the exchange call is missing (macOS, Windows, some
  network file systems) the swap is two renames, and a crash between them leaves the old set in
  the hidden sibling, which the next run restores.

A SIGKILL can leave a hidden ``.NAME.shootplan-*`` sibling behind (nothing can run after it); the
next :class:`OutputSet` on the same folder removes it, or restores it when the folder is missing.
"""

from __future__ import annotations

import contextlib
import contextvars
import ctypes
import errno
import filecmp
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

__all__ = ["OutputSet", "folder_problem", "plain_mode", "write_bytes", "write_text", "write_with"]

_STAGE = "shootplan-new"
_OLD = "shootplan-old"


def plain_mode(*, directory: bool = False) -> int:
    """The mode ``open()`` or ``mkdir()`` would give under the process's umask."""
    return (0o777 if directory else 0o666) & ~_umask()


def _umask() -> int:
    # /proc avoids setting the umask to read it, which is not thread-safe.
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_with(path: str | os.PathLike[str], save: Callable[[BinaryIO], object]) -> Path:
    """Replace ``path`` with what ``save`` writes to a binary stream, in one step; return the path."""
    target = Path(path)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            save(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, plain_mode())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return target


def write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Replace ``path`` with ``data`` in one step; return the path."""
    return write_with(path, lambda stream: stream.write(data))


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Replace ``path`` with ``text`` (UTF-8, newlines as given) in one step; return the path."""
    return write_bytes(path, text.encode("utf-8"))


# The stages of the output sets open in this context: a set opened inside one writes into it.
_STAGES: contextvars.ContextVar[tuple[Path, ...]] = contextvars.ContextVar("shootplan_stages", default=())


class OutputSet:
    """A folder's new files, written as one unit: the old complete set or the new, never a mix.

    Use it as a context manager and write each file to :meth:`path`, which starts out holding
    what the folder held (hard links: replace files with this module's writers, never rewrite one
    in place). Leaving the block normally swaps the new set in; an exception (Ctrl-C included)
    discards it and leaves the folder untouched::

        with OutputSet("plan") as out:
            write_text(out.path("schedule.json"), text)
            write_calendars(..., out.path("calendars"))

    Files of the old folder that the new set does not write are kept (a board the user keeps in
    the folder, a feed no longer produced).

    A set inside another set's stage (``write_call_sheets`` into ``plan``'s folder) writes straight
    into that stage: the outer set already swaps everything in as one unit.
    """

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder).absolute()
        self._stage: Path | None = None
        self._inner = False
        self._token: contextvars.Token[tuple[Path, ...]] | None = None

    def __enter__(self) -> OutputSet:
        if any(self.folder.is_relative_to(stage) for stage in _STAGES.get()):
            self.folder.mkdir(parents=True, exist_ok=True)
            self._stage, self._inner = self.folder, True
            return self
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        _recover(self.folder)
        self._stage = Path(tempfile.mkdtemp(dir=self.folder.parent, prefix=f".{self.folder.name}.{_STAGE}-"))
        mode = self.folder.stat().st_mode & 0o7777 if self.folder.is_dir() else plain_mode(directory=True)
        os.chmod(self._stage, mode)
        if self.folder.is_dir():
            _clone(self.folder, self._stage)
        self._token = _STAGES.set((*_STAGES.get(), self._stage))
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        stage, self._stage = self._stage, None
        if stage is None or self._inner:
            return
        if self._token is not None:
            _STAGES.reset(self._token)
            self._token = None
        try:
            if kind is None:
                _commit(stage, self.folder)
        finally:
            shutil.rmtree(stage, ignore_errors=True)

    def path(self, relative: str | os.PathLike[str]) -> Path:
        """Where to write ``relative`` (a file or a folder inside the set); parent folders exist."""
        if self._stage is None:
            raise RuntimeError("OutputSet.path() is only valid inside its with-block")
        target = self._stage / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        return target


def folder_problem(folder: str | os.PathLike[str]) -> str | None:
    """Why an :class:`OutputSet` could not write ``folder``, or None: checked before a long solve.

    The set is staged beside the folder, so its nearest existing ancestor must be a folder this
    process can create entries in; nothing is left behind by the check.
    """
    target = Path(folder).absolute()
    if target.exists() and not target.is_dir():
        return f"{target} is a file, not a folder"
    existing = target.parent
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        return f"{existing} is a file, not a folder"
    try:
        os.rmdir(tempfile.mkdtemp(dir=existing, prefix=f".{target.name}.{_STAGE}-"))
    except OSError as error:
        return f"cannot write in {existing} ({error.strerror or error})"
    return None


def _clone(folder: Path, stage: Path) -> None:
    """Fill the stage with hard links to the old folder's files (copies where links fail)."""
    for old in _files(folder):
        new = stage / old.relative_to(folder)
        new.parent.mkdir(parents=True, exist_ok=True)
        _link(old, new)


def _commit(stage: Path, folder: Path) -> None:
    """Give unchanged rewritten files their old inode back, flush everything, then swap in one step."""
    if folder.is_dir():
        _relink_unchanged(folder, stage)
    _fsync_tree(stage)
    if not folder.exists():
        os.rename(stage, folder)
    elif not _exchange(stage, folder):
        old = folder.with_name(f".{folder.name}.{_OLD}-{stage.name.rsplit('-', 1)[-1]}")
        os.rename(folder, old)
        os.rename(stage, folder)
        shutil.rmtree(old, ignore_errors=True)
    _fsync_dir(folder.parent)


def _relink_unchanged(folder: Path, stage: Path) -> None:
    """A file written again with the same bytes keeps its old inode and time (web servers' ETags)."""
    for new in _files(stage):
        old = folder / new.relative_to(stage)
        if not old.is_file() or old.is_symlink() or new.is_symlink() or os.path.samefile(old, new):
            continue
        if old.stat().st_size == new.stat().st_size and filecmp.cmp(old, new, shallow=False):
            new.unlink()
            _link(old, new)


def _files(folder: Path) -> Iterator[Path]:
    for root, _, names in os.walk(folder):
        for name in names:
            yield Path(root) / name


def _link(old: Path, new: Path) -> None:
    try:
        os.link(old, new, follow_symlinks=False)
    except OSError:  # another file system, or links not supported: a copy keeps the time
        shutil.copy2(old, new, follow_symlinks=False)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_cwd, exchange = -100, 2
    if renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _recover(folder: Path) -> None:
    """Undo what a killed run left: restore a moved-away old set, then drop hidden leftovers."""
    leftovers = sorted(folder.parent.glob(f".{folder.name}.shootplan-*"))
    for leftover in leftovers:
        if not folder.exists() and _OLD in leftover.name and leftover.is_dir():
            os.rename(leftover, folder)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def _fsync_tree(folder: Path) -> None:
    for path in _files(folder):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as stream:
                os.fsync(stream.fileno())
    for root, _, _ in os.walk(folder):
        _fsync_dir(Path(root))


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
