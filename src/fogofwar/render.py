"""Terminal rendering with Rich: one article with its spans highlighted, tables of records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Column, Table
from rich.text import Text

from fogofwar.errors import UNPRINTABLE_RANGES
from fogofwar.model import Claim, Record
from fogofwar.parts import PARTS
from fogofwar.query import ArticleRow

# Cites and entities (by their spaCy label), then each record part as parts.PARTS styles it.
STYLES = {
    "cite": "bold magenta",
    "PERSON": "cyan",
    "ORG": "green",
    "NORP": "yellow",
    **{part.name: part.style for part in PARTS if part.style is not None},
}


# Stored strings come from feeds, files and web pages: they must reach the terminal as text, never
# as Rich markup ("[/x]" in a title raised MarkupError) nor as escape sequences (an ESC in an id
# recoloured or retitled the terminal). The characters are errors.printable's; here each becomes
# one character (its U+2400 picture for C0 and DEL, U+FFFD otherwise) instead of an escape, so
# that offsets into a text still line up, and tabs and line breaks stay as they are.
_PICTURES = {
    c: (0x2400 + c if c < 0x20 else 0x2421 if c == 0x7F else 0xFFFD)
    for lo, hi in UNPRINTABLE_RANGES
    for c in range(lo, hi + 1)
    if c not in (0x09, 0x0A)
}


def plain(value: object, style: str = "") -> Text:
    """`value` as literal terminal text: no markup read from it, control characters made visible."""
    return Text(str(value).translate(_PICTURES), style=style)


def _add_row(table: Table, *cells: str | Text) -> None:
    table.add_row(*(plain(c) if isinstance(c, str) else c for c in cells))


def style(kind: str) -> str:
    # A label a newer pipeline adds (annotate.ENTITY_LABELS) is still shown, not a KeyError.
    return STYLES.get(kind, "underline")


def highlighted_text(record: Record) -> tuple[Text, Counter[str]]:
    """The article text with every extracted span styled, and how many of each kind there are."""
    body = plain(record.article.text)
    # Whole statements first, so that the words inside them are styled on top (a later style wins).
    drawn = sorted((part for part in PARTS if part.style is not None), key=lambda part: not part.underlay)
    spans = [(part.name, item.start, item.end) for part in drawn for item in record.part(part.name)]
    spans += [(e.label, e.start, e.end) for e in record.entities]
    spans += [("cite", c.start, c.end) for c in record.cite_mentions]
    for kind, start, end in spans:
        body.stylize(style(kind), start, end)
    return body, Counter(kind for kind, _, _ in spans)


def render_record(record: Record) -> RenderableType:
    article = record.article
    body, counts = highlighted_text(record)
    meta = Text()
    for label, value in (
        ("id", article.id),
        ("outlet", article.outlet),
        ("published", article.published),
        ("url", article.url),
        ("cites", ", ".join(article.cites) or None),
    ):
        if value:
            meta.append(f"{label}: ", style="dim").append(plain(value)).append("\n")
    legend = Text("highlighted: ", style="dim")
    for key, n in counts.items():
        legend.append(plain(f"{key} ({n})", style(key))).append("  ")
    parts: list[RenderableType] = [meta, body, Text(), legend]
    if record.claims:
        parts += [Text(), claims_table(record)]
    if record.events:
        parts += [Text(), events_table(record)]
    return Panel(Group(*parts), title=plain(article.title or article.id), title_align="left")


def events_table(record: Record) -> Table:
    """The article's events, the main one first: what, who to whom, where, when, toll."""
    table = Table(
        "id", "type / subtype", "plover", "actor1 → actor2", "place", "date", "killed", title="events"
    )
    for e in record.events:
        where = record.places[e.place].name or record.places[e.place].text if e.place is not None else ""
        when = ""
        if e.date is not None:
            when = (e.date.begin or "") if e.date.begin == e.date.end else f"{e.date.begin}..{e.date.end}"
            when += " (assumed)" if e.date_assumed else ""
        _add_row(
            table,
            e.id + (f" ({e.claim})" if e.claim else ""),
            f"{e.type or '—'} / {e.subtype or '—'}",
            e.plover or "",
            f"{e.actor1 or '?'} → {e.actor2 or '—'}",
            where or "",
            when,
            "" if e.fatalities is None else str(e.fatalities),
        )
    return table


def claim_chain(claim: Claim, outlet: str | None) -> Text:
    """outlet in hand -> cited outlets -> speaker: who the reader hears the claim through."""
    chain = Text()
    for n, link in enumerate([outlet or "article", *claim.via]):
        chain.append(" -> " if n else "").append(plain(link, style("cite") if n else "dim"))
    speaker = claim.speaker
    who = (speaker.name or speaker.text or "unnamed") if speaker else "unstated"
    if speaker is not None:
        who += f" ({', '.join(x for x in (speaker.kind, speaker.role, speaker.affiliation) if x)})"
    return chain.append(" -> ").append(plain(who, "bold"))


def claims_table(record: Record) -> Table:
    """Each claim with its chain, cue, hedges and forecast window."""
    table = Table("id", "chain", "cue", "claim", "hedges", "forecast", title="claims", title_justify="left")
    for claim in record.claims:
        forecast = ""
        if claim.forecast is not None:
            forecast = f"{claim.forecast.begin or '?'} .. {claim.forecast.end or 'open'}"
        _add_row(
            table,
            claim.id,
            claim_chain(claim, record.article.outlet),
            claim.cue or "",
            plain(claim.text, style("claims")),
            ", ".join(claim.hedges),
            forecast,
        )
    return table


def records_table(records: Iterable[Record]) -> Table:
    table = Table("id", "outlet", "published", "cites", "entities", "chars", title="fogofwar records")
    for r in records:
        a = r.article
        _add_row(
            table,
            a.id,
            a.outlet or "",
            a.published or "",
            ", ".join(a.cites),
            str(len(r.entities)),
            str(len(a.text)),
        )
    return table


def articles_table(rows: Iterable[ArticleRow]) -> Table:
    # ids are what `show` takes: fold them, never cut them.
    table = Table(
        Column("id", overflow="fold"), "published", "outlet", "title", "cites", title="stored articles"
    )
    for r in rows:
        _add_row(table, r.id, r.published or "", r.outlet or "", r.title or "", ", ".join(r.cites))
    return table


def summary_table(counts: dict[str, int], title: str) -> Table:
    table = Table("what", "count", title=plain(title))
    for key, value in counts.items():
        _add_row(table, key, str(value))
    return table


def scope_text(scope: dict[str, Any] | None) -> str:
    """A figure group's scope in words: where its figures count, and from which day."""
    if not scope:
        return ""
    where = "whole country/front" if scope.get("whole") else (scope.get("place") or "place not stated")
    return where + (f", since {scope['since']}" if scope.get("since") else "")


def links_tables(links: dict[str, Any]) -> RenderableType:
    """`fogofwar links --format table`: one table per kind of link."""
    dups = Table("original", "copy", "kind", "score", title=f"duplicates ({len(links['duplicates'])})")
    for d in links["duplicates"]:
        _add_row(dups, d["a"], d["b"], d["kind"], f"{d['score']:.2f}")
    stories = Table("story", "articles", "label", title=f"stories ({len(links['stories'])})")
    for s in links["stories"]:
        _add_row(stories, s["id"], str(len(s["articles"])), s["label"])
    groups = Table(
        "category",
        "side",
        "scope",
        "values (claimant)",
        "spread",
        title=f"figure groups ({len(links['figure_groups'])})",
    )
    for g in links["figure_groups"]:
        values = "; ".join(f"{m['value']:g} ({m.get('claimant') or '?'})" for m in g["members"])
        _add_row(
            groups,
            g["category"],
            g["side"] or "",
            scope_text(g.get("scope")),
            values,
            f"{g['spread']:.2f}" + (" disagree" if g["disagree"] else ""),
        )
    contra = Table("kind", "a", "b", title=f"contradictions ({len(links['contradictions'])})")
    for c in links["contradictions"]:
        _add_row(
            contra,
            c["kind"],
            f"{c['a']['article']}: {c['a']['text']}",
            f"{c['b']['article']}: {c['b']['text']}",
        )
    fc = Table(
        "status",
        "deadline",
        "speaker",
        "forecast",
        "settled by",
        title=f"forecasts ({len(links['forecasts'])})",
    )
    for f in links["forecasts"]:
        _add_row(
            fc, f["status"], f["deadline"] or "", f["speaker"] or "", f["text"], ", ".join(f["resolved_by"])
        )
    return Group(dups, stories, groups, contra, fc)


def sources_table(rows: Iterable[dict[str, Any]]) -> Table:
    table = Table(
        "kind",
        "source",
        "forecasts",
        "came true",
        "did not",
        "due",
        "open",
        "figures",
        "vs peers (median ratio, within 10%)",
        "vs reference",
        title="sources' track record",
    )

    def pair(ratio: float | None, share: float | None) -> str:
        return "" if ratio is None else f"{ratio:.2f}, {share:.0%}"

    for r in rows:
        _add_row(
            table,
            r["kind"],
            r["name"],
            str(r["forecasts"]),
            str(r["came_true"]),
            str(r["did_not"]),
            str(r["due"]),
            str(r["open"]),
            str(r["figures"]),
            pair(r["peer_median_ratio"], r["peer_within_10pct"]),
            pair(r["reference_median_ratio"], r["reference_within_10pct"]),
        )
    return table
