"""Plain-text articles: first non-empty line is the title, a wire dateline sets date and outlet.

The body is kept exactly as read (only the title line and the blank lines after it are
taken off the front), so every offset the pipeline produces points into the file's own text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fogofwar.ingest.dates import normalise_published
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
        if rest.strip():  # a one-paragraph file is all body, no title
            title = lines[first].strip()
            body = rest.lstrip("\r\n")
    article = Article(id=article_id, text=body, title=title, source=source)
    dateline = parse_dateline(body)
    if dateline:
        article.outlet = dateline.outlet
        article.published = dateline.published
    return article
