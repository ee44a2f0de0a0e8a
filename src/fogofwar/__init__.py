"""fogofwar: reporting on armed conflict in, a source-attributed, checkable record out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from fogofwar.errors import FogofwarError, InputError, StoreError
from fogofwar.model import SCHEMA, Article, Record

if TYPE_CHECKING:
    from fogofwar.annotate import extract, extract_articles


def __getattr__(name: str) -> Any:
    # extract and extract_articles load spaCy, which takes seconds to import: only code that
    # annotates pays for it, not `fogofwar serve` (and each of its workers) or `export`.
    if name in ("extract", "extract_articles"):
        from fogofwar import annotate

        return getattr(annotate, name)
    raise AttributeError(f"module 'fogofwar' has no attribute {name!r}")


__all__ = [
    "SCHEMA",
    "Article",
    "FogofwarError",
    "InputError",
    "Record",
    "StoreError",
    "__version__",
    "extract",
    "extract_articles",
]
