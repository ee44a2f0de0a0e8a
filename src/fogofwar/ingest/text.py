"""Plain-text articles: a short first line is the title, a wire dateline sets date and outlet.

The body is kept exactly as read (only the title line and the blank lines after it are
taken off the front), so every offset the pipeline produces points into the file's own text.

Wire and web copies saved as text do not always have a title line: the first line may be the
whole lead paragraph, opening with the syndicator's dateline. Such a line is body (see
:func:`is_title`), or the dateline, the published date and the cites in it would be lost. A
title that ends in an outlet credit ("Ukraine's forces may retreat – Bloomberg", "... | Reuters")
names the article's source: the outlet goes to ``Article.cites``. Trailing boilerplate lines
("Subscribe to our newsletter") stay in the text; they name no date, place or source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fogofwar.ingest.dates import normalise_published
from fogofwar.knowledge import outlets
from fogofwar.model import Article

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_AGENCY = r"\((?P<outlet>[A-Z][A-Za-z0-9&.' -]{0,40})\)"
# Wire datelines, as syndication services print them. dateutil/htmldate parse dates, not
# datelines, and no maintained library recognises the CITY, Mon DD (Agency) - frame.
_DATELINES = (
    # " date 2024-08-25 (MENAFN) ..." (MENAFN syndication)
    re.compile(r"^[ \t]*date[ \t]+(?P<date>\d{4}-\d{2}-\d{2})[ \t]+" + _AGENCY),
    # "KYIV, Aug 12 (Reuters) - ..." and "MOSCOW, August 20, 2024 (TASS) -- ..."
    re.compile(
        r"^[ \t]*(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?)(?:,[ \t]*[A-Z][A-Za-z.' -]{1,30}?)?,[ \t]+"
        r"(?P<date>" + _MONTH + r"[ \t]+\d{1,2}(?:,[ \t]*\d{4})?)[ \t]+" + _AGENCY + r"[ \t]*[-–—]{1,2}"
    ),
    # "(MENAFN) ..." with no date
    re.compile(r"^[ \t]*" + _AGENCY + r"[ \t]+"),
)


# A title is a headline: short, one sentence. Longer than this, or with a sentence end followed by
# another sentence inside, the line is a paragraph of body text.
TITLE_MAX_CHARS = 200
_SENTENCE_INSIDE = re.compile(r"[.!?][\"'’”)]?\s+[A-Z\"“‘(]")
# "Headline – Bloomberg", "Headline | Reuters", "Headline - The Kyiv Independent": a separator with
# spaces around it, then a short capitalised name at the end of the line.
_CREDIT = re.compile(
    r"\s+(?:[|–—]|-{1,2})\s+(?P<name>(?:[Tt]he\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4})\s*$"
)


def is_title(line: str) -> bool:
    """Whether the first line of a text file is a title, not the lead paragraph of the body."""
    text = line.strip()
    if len(text) > TITLE_MAX_CHARS or parse_dateline(line) is not None:
        return False
    return _SENTENCE_INSIDE.search(text) is None


def title_credit(title: str) -> str | None:
    """The outlet a title credits at its end ("... – Bloomberg" -> "Bloomberg"), or None.

    A known outlet (knowledge/outlets.json, by name or alias) gives its canonical name; any other
    short capitalised name after a separator is taken as written."""
    m = _CREDIT.search(title)
    if m is None or m.start() == 0:
        return None
    name = m["name"]
    key = re.sub(r"^the\s+", "", name, flags=re.I).lower()
    for outlet in outlets():
        for form in (outlet.name, *outlet.aliases):
            if re.sub(r"^the\s+", "", form, flags=re.I).lower() == key:
                return outlet.name
    return name


@dataclass
class Dateline:
    outlet: str | None
    published: str | None
    place: str | None


def parse_dateline(body: str) -> Dateline | None:
    for pattern in _DATELINES:
        m = pattern.match(body)
        if m:
            groups = m.groupdict()
            raw_date = groups.get("date")
            # "Aug 12" without a year says nothing reliable about the year: leave published alone.
            published = normalise_published(raw_date) if raw_date and re.search(r"\d{4}", raw_date) else None
            return Dateline(outlet=groups["outlet"].strip(), published=published, place=groups.get("place"))
    return None


def parse_text(raw: str, article_id: str, source: str) -> Article:
    lines = raw.splitlines(keepends=True)
    title: str | None = None
    body = raw
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None:
        rest = "".join(lines[first + 1 :])
        # A one-paragraph file is all body, no title; so is a file whose first line is a paragraph.
        if rest.strip() and is_title(lines[first]):
            title = lines[first].strip()
            body = rest.lstrip("\r\n")
    article = Article(id=article_id, text=body, title=title, source=source)
    credit = title_credit(title) if title else None
    if credit:
        article.cites = [credit]
    body = body.lstrip("\r\n") if title is None else body  # the dateline opens the first line
    dateline = parse_dateline(body)
    if dateline:
        article.outlet = dateline.outlet
        article.published = dateline.published
    return article


# A site name ending a web page's title: a separator with spaces around it, then the name.
_TITLE_TAIL = re.compile(r"\s+(?:[|–—·•»:]|-{1,2})\s+(?P<name>[^|–—·•»]+?)\s*$")


def _name_key(name: str) -> str:
    """A site name compared without case, spaces, punctuation or a leading "The" ("The
    Kyiv Independent", "kyivindependent", "Kyiv-Independent" are one name)."""
    return re.sub(r"[\W_]+", "", re.sub(r"^the\s+", "", name.strip(), flags=re.I)).lower()


def outlet_names(*names: str | None) -> list[str]:
    """The names an outlet goes by: those given, plus the canonical name and aliases of a known
    outlet (knowledge/outlets.json) that one of them names."""
    given = [n for n in names if n]
    keys = {_name_key(n) for n in given}
    found = list(given)
    for outlet in outlets():
        forms = (outlet.name, *outlet.aliases)
        if any(_name_key(f) in keys for f in forms):
            found.extend(forms)
    return found


def title_without_outlet(title: str, names: list[str]) -> str:
    """The title without a site name that ends it ("Launch slips | SpaceNews" -> "Launch slips"),
    when that name is one of `names` (the page's outlet). A dash inside a headline, or a name
    that is not the outlet ("... | Reuters" on another site: a credit), stays."""
    match = _TITLE_TAIL.search(title)
    keys = {_name_key(n) for n in names} - {""}
    if match is None or match.start() == 0 or _name_key(match["name"]) not in keys:
        return title
    return title[: match.start()].rstrip()
