"""Regex pieces built from the figures lexicon's word lists (knowledge/figures.json)."""

from __future__ import annotations

import re
from collections.abc import Iterable

BLANKS = r"[ \t]+"  # what a space between two words of a phrase stands for, unless said otherwise


def alternation(words: Iterable[str], gap: str = BLANKS) -> str:
    """A non-capturing group that matches any of `words`, each escaped, a space in a phrase
    standing for `gap`. The longest come first, so that a phrase wins over a prefix of it where
    the pattern goes on after the group without a word boundary."""
    forms = sorted(dict.fromkeys(words), key=len, reverse=True)
    return "(?:" + "|".join(gap.join(re.escape(part) for part in form.split(" ")) for form in forms) + ")"


def characters(chars: Iterable[str]) -> str:
    """A character class of single characters."""
    return "[" + "".join(re.escape(c) for c in chars) + "]"
