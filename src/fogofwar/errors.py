"""User-facing failures: one line naming the input and the problem, never a traceback."""

from __future__ import annotations


class FogofwarError(Exception):
    """A failure the user can act on; the CLI prints ``str(error)`` and exits non-zero."""


class InputError(FogofwarError):
    """One input (a file, a JSONL line, a feed, a URL) could not be read; the batch goes on."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
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
