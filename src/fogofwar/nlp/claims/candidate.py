"""A claim as the detection rules find it, before its speaker is resolved."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

# A token span in the Doc: (start, end), end exclusive.
TokenSpan = tuple[int, int]


@dataclass
class Candidate:
    """A claim before resolution: token spans in the Doc (end exclusive)."""

    content: TokenSpan
    cue: TokenSpan
    speaker: TokenSpan | None = None  # the subject phrase, when the text states one
    unstated: bool = False  # passive with no agent, "reportedly": no speaker in the text
    via_tokens: list[TokenSpan] = field(default_factory=list)  # "told Reuters", "citing X"
    cited: TokenSpan | None = None  # "citing three sources": who the speaker relays
    kind: str = "verb"  # verb|according|citing|adverb|passive|source|signed|stance

    def with_content(self, content: TokenSpan) -> Candidate:
        """The same claim with another content (its via list copied, not shared)."""
        return replace(self, content=content, via_tokens=list(self.via_tokens))
