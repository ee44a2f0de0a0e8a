"""Reading one input's bytes safely: size cap, binary and encoding checks."""

from __future__ import annotations

from pathlib import Path

from fogofwar.errors import InputError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    size = float(n)
    for unit in ("KiB", "MiB", "GiB"):
        size /= 1024
        if size < 1024 or unit == "GiB":
            break
    return f"{size:.1f} {unit}"


def read_bytes(path: Path, source: str, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                source, f"file is {human_size(size)}, over the {human_size(max_bytes)} cap (--max-bytes)"
            )
        return path.read_bytes()
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(source, "no such file or directory") from None
    except PermissionError:
        raise InputError(source, "cannot read: permission denied") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory") from None
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 text (a BOM is dropped), or an InputError saying why not."""
    if not data.strip():
        raise InputError(source, "empty input")
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not UTF-8 text (invalid byte at offset {exc.start})") from None
