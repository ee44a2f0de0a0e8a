"""Reading one input's bytes safely: only regular files, never more than the size cap."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from fogofwar.errors import InputError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

# What a path that is not a regular file is, in the words of `ls -l` and the man pages.
_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    size = float(n)
    for unit in ("KiB", "MiB", "GiB"):
        size /= 1024
        if size < 1024 or unit == "GiB":
            break
    return f"{size:.1f} {unit}"


def over_cap(what: str, max_bytes: int, size: int | None = None) -> str:
    """'file is 12.0 MiB, over the 10.0 MiB cap (--max-bytes)', or '... is over ...' unmeasured."""
    if size is None:
        return f"{what} is over the {human_size(max_bytes)} cap (--max-bytes)"
    return f"{what} is {human_size(size)}, over the {human_size(max_bytes)} cap (--max-bytes)"


def not_regular(mode: int) -> str | None:
    """What a path of this mode is if not a regular file ("is a socket, not a regular file")."""
    return next((f"is {name}, not a regular file" for test, name in _SPECIAL if test(mode)), None)


def _open_regular(path: Path, source: str, buffered: bool) -> BinaryIO:
    """The path opened for reading, if it is a regular file; anything else is an InputError.

    O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer, and fstat on
    the opened descriptor then refuses it, so what is checked is what is read."""
    try:
        # A socket cannot be opened at all (ENXIO): name it before trying.
        if stat.S_ISSOCK(os.stat(path).st_mode):
            raise InputError(source, "is a socket, not a regular file")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _os_problem(exc, source) from None
    handle = os.fdopen(fd, "rb", buffering=-1 if buffered else 0)
    problem = not_regular(os.fstat(fd).st_mode)
    if problem:
        handle.close()
        raise InputError(source, problem)
    return handle


def _os_problem(exc: OSError, source: str) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError(source, "no such file or directory")
    if isinstance(exc, PermissionError):
        return InputError(source, "cannot read: permission denied")
    if isinstance(exc, IsADirectoryError):
        return InputError(source, "is a directory")
    return InputError(source, f"cannot read: {exc.strerror or exc}")


def read_bytes(path: Path, source: str, max_bytes: int) -> bytes:
    """At most `max_bytes` of a regular file; anything else is an InputError.

    The size the OS reports is not trusted (/dev/zero reports 0, a file can grow while it is
    read): the read itself stops at max_bytes + 1.
    """
    with _open_regular(path, source, buffered=False) as handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise InputError(source, over_cap("file", max_bytes, size))
            data = _read_at_most(handle, max_bytes + 1)
        except OSError as exc:
            raise _os_problem(exc, source) from None
    if len(data) > max_bytes:
        raise InputError(source, over_cap("file", max_bytes))
    return data


def read_lines(path: Path, source: str, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """A regular file's lines as (line number, bytes), read as they are needed: the cap applies
    to each line, not to the file, so a JSON Lines file of any size streams in bounded memory.
    A line over the cap comes as (number, None), having been skipped without being held."""
    with _open_regular(path, source, buffered=True) as handle:
        lineno = 0
        try:
            while line := handle.readline(max_bytes + 1):
                lineno += 1
                if len(line) > max_bytes and not line.endswith(b"\n"):
                    while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                        pass
                    yield lineno, None
                    continue
                yield lineno, line
        except OSError as exc:
            raise _os_problem(exc, source) from None


def _read_at_most(handle: BinaryIO, limit: int) -> bytes:
    """Read until EOF or `limit` bytes, whichever comes first (raw reads may return less)."""
    parts: list[bytes] = []
    left = limit
    while left > 0:
        chunk = handle.read(min(left, 1 << 20))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)
