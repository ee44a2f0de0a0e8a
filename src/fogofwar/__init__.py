"""fogofwar: reporting on armed conflict in, a source-attributed, checkable record out."""

from __future__ import annotations

__version__ = "0.1.0"

from fogofwar.annotate import extract, extract_articles
from fogofwar.model import SCHEMA, Article, Record

__all__ = ["SCHEMA", "Article", "Record", "__version__", "extract", "extract_articles"]
