"""Terminal rendering with Rich: one article with its spans highlighted, tables of records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Column, Table
from rich.text import Text

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


def style(kind: str) -> str:
    # A label a newer pipeline adds (annotate.ENTITY_LABELS) is still shown, not a KeyError.
    return STYLES.get(kind, "underline")


def highlighted_text(record: Record) -> tuple[Text, Counter[str]]:
    """The article text with every extracted span styled, and how many of each kind there are."""
    body = Text(record.article.text)
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
            meta.append(f"{label}: ", style="dim").append(str(value)).append("\n")
    legend = Text("highlighted: ", style="dim")
    for key, n in counts.items():
        legend.append(f"{key} ({n})", style=style(key)).append("  ")
    parts: list[RenderableType] = [meta, body, Text(), legend]
    if record.claims:
        parts += [Text(), claims_table(record)]
    if record.events:
        parts += [Text(), events_table(record)]
    return Panel(Group(*parts), title=article.title or article.id, title_align="left")


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
        table.add_row(
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
        chain.append(" -> " if n else "").append(link, style=style("cite") if n else "dim")
    speaker = claim.speaker
    who = (speaker.name or speaker.text or "unnamed") if speaker else "unstated"
    if speaker is not None:
        who += f" ({', '.join(x for x in (speaker.kind, speaker.role, speaker.affiliation) if x)})"
    return chain.append(" -> ").append(who, style="bold")


def claims_table(record: Record) -> Table:
    """Each claim with its chain, cue, hedges and forecast window."""
    table = Table("id", "chain", "cue", "claim", "hedges", "forecast", title="claims", title_justify="left")
    for claim in record.claims:
        forecast = ""
        if claim.forecast is not None:
            forecast = f"{claim.forecast.begin or '?'} .. {claim.forecast.end or 'open'}"
        table.add_row(
            claim.id,
            claim_chain(claim, record.article.outlet),
            claim.cue or "",
            Text(claim.text, style=style("claims")),
            ", ".join(claim.hedges),
            forecast,
        )
    return table


def records_table(records: Iterable[Record]) -> Table:
    table = Table("id", "outlet", "published", "cites", "entities", "chars", title="fogofwar records")
    for r in records:
        a = r.article
        table.add_row(
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
        table.add_row(r.id, r.published or "", r.outlet or "", r.title or "", ", ".join(r.cites))
    return table


def summary_table(counts: dict[str, int], title: str) -> Table:
    table = Table("what", "count", title=title)
    for key, value in counts.items():
        table.add_row(key, str(value))
    return table


def links_tables(links: dict[str, Any]) -> RenderableType:
    """`fogofwar links --format table`: one table per kind of link."""
    dups = Table("original", "copy", "kind", "score", title=f"duplicates ({len(links['duplicates'])})")
    for d in links["duplicates"]:
        dups.add_row(d["a"], d["b"], d["kind"], f"{d['score']:.2f}")
    stories = Table("story", "articles", "label", title=f"stories ({len(links['stories'])})")
    for s in links["stories"]:
        stories.add_row(s["id"], str(len(s["articles"])), s["label"])
    groups = Table(
        "category",
        "side",
        "values (claimant)",
        "spread",
        title=f"figure groups ({len(links['figure_groups'])})",
    )
    for g in links["figure_groups"]:
        values = "; ".join(f"{m['value']:g} ({m.get('claimant') or '?'})" for m in g["members"])
        groups.add_row(
            g["category"],
            g["side"] or "",
            values,
            f"{g['spread']:.2f}" + (" disagree" if g["disagree"] else ""),
        )
    contra = Table("kind", "a", "b", title=f"contradictions ({len(links['contradictions'])})")
    for c in links["contradictions"]:
        contra.add_row(
            c["kind"], f"{c['a']['article']}: {c['a']['text']}", f"{c['b']['article']}: {c['b']['text']}"
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
        fc.add_row(
            f["status"], f["deadline"] or "", f["speaker"] or "", f["text"], ", ".join(f["resolved_by"])
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
        table.add_row(
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
