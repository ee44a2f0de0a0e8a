"""User-facing failures: one line naming the input and the problem, never a traceback."""

from __future__ import annotations

import re

# What a terminal would act on instead of showing: C0 and C1 controls and DEL (ESC starts the
# sequences that recolour, retitle or clear a terminal), the bidirectional overrides and
# isolates that reorder what is shown (a name that reads "txt.exe" as "exe.txt"), and lone
# surrogates (a path's undecodable bytes, PEP 383), which no terminal encoding can write.
UNPRINTABLE_RANGES = ((0x00, 0x1F), (0x7F, 0x9F), (0x202A, 0x202E), (0x2066, 0x2069), (0xD800, 0xDFFF))
_UNPRINTABLE = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in UNPRINTABLE_RANGES) + "]")


def _escaped(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character escaped as Python writes it (ESC as ``\\x1b``): safe
    to print in one line of a terminal, whatever a file name or an id holds."""
    return _UNPRINTABLE.sub(_escaped, text)


class FogofwarError(Exception):
    """A failure the user can act on; the CLI prints ``str(error)`` and exits non-zero."""


class InputError(FogofwarError):
    """One input (a file, a JSONL line, a feed, a URL) could not be read; the batch goes on.

    The message names the input printably (see `printable`); `source` keeps it as it is."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{printable(source)}: {problem}")
        self.source = source
        self.problem = problem


class InputWarning(InputError):
    """An input was read with a caveat the user should hear of (bytes replaced, say): its
    articles are kept, and the warning is said but not counted as a failure of the run."""


def is_warning(error: FogofwarError) -> bool:
    """Whether a reported problem is only a warning: said, not counted as a failure."""
    return isinstance(error, InputWarning)


class StoreError(FogofwarError):
    """The database refused or failed an operation; the message names the input or the database."""
