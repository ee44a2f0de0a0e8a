"""Text kept at the door: what a page holds reaches the record, and what cannot be read is named.

Each page here is written for the defect it pins: an article laid out in a table, a page whose
fast extraction keeps only boilerplate, a UTF-8 page with one stray byte, a title that ends in
the site's name, a UTF-16 file without a byte-order mark.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fogofwar.errors import InputError, InputWarning
from fogofwar.ingest import IngestOptions, read_inputs
from fogofwar.ingest.text import outlet_names, title_without_outlet
from fogofwar.model import Article
from tests.conftest import invoke

LEAD = (
    "The ceasefire talks in the northern province stalled on Tuesday after negotiators failed to "
    "agree on the withdrawal of heavy weapons from the front line, officials said."
)
DETAIL = "Paragraph {i} adds detail about convoys, shelters and the water supply in the valley towns."
PARAGRAPHS = "\n".join(f"<p>{LEAD} {DETAIL.format(i=i)}</p>" for i in range(8))

# Old sites (and many small ones) still lay the page out in a table: the article is a cell.
TABLE_LAYOUT = f"""<!doctype html><html><head><meta charset="utf-8"><title>Talks stall</title></head>
<body><div id="nav"><a href="/">Home</a> <a href="/world">World</a></div>
<table width="100%"><tr><td class="content"><h1>Talks stall</h1>
{PARAGRAPHS}</td></tr></table>
<footer><p>Copyright 2024 The Valley Post. All rights reserved. Reproduction without permission is
prohibited by law and by our terms of use.</p></footer></body></html>"""


def read_all(*specs: str) -> tuple[list[Article], list[InputError]]:
    items = list(read_inputs(list(specs), IngestOptions()))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


def page(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return str(path)


# --- HTML extraction -------------------------------------------------------------------------


def test_an_article_laid_out_in_a_table_is_kept(tmp_path: Path) -> None:
    articles, errors = read_all(page(tmp_path, "table.html", TABLE_LAYOUT))
    assert errors == []
    assert len(articles) == 1
    text = articles[0].text
    assert LEAD in text and "Paragraph 7" in text
    assert len(text.split()) > 250


# The precise fast pass takes the block marked as the entry's content (the sharing boilerplate)
# and stops; the story itself is a run of bare <div>s that only the fuller cascade reads.
BOILERPLATE_FIRST = (
    """<!doctype html><html><head><meta charset="utf-8"><title>Harbour report</title></head><body>
<div class="entry-content"><p>Copyright 2024 Harbour Radio. All rights reserved. Share this story on
social media and subscribe to our daily newsletter for more news from the coast.</p></div>
<div id="text">"""
    + "\n".join(
        f"<div>Fishing boats returned to the harbour on Monday after a week of storms, and the port "
        f"authority said {i} berths were damaged by the waves and would take a month to repair.</div>"
        for i in range(12)
    )
    + """</div></body></html>"""
)


def test_a_short_fast_extraction_gets_the_fallback(tmp_path: Path) -> None:
    articles, errors = read_all(page(tmp_path, "harbour.html", BOILERPLATE_FIRST))
    assert errors == []
    text = articles[0].text
    assert "Fishing boats returned to the harbour" in text
    assert len(text.split()) > 200


# --- bytes under a declared encoding ---------------------------------------------------------


def declared_utf8(body: bytes) -> bytes:
    return (
        b'<!doctype html><html><head><meta charset="utf-8"><title>Valley report</title></head><body><article>'
        + body
        + b"</article></body></html>"
    )


def test_one_stray_byte_in_a_utf8_page_is_replaced_and_said(tmp_path: Path) -> None:
    paragraphs = [
        f"<p>{LEAD} {DETAIL.format(i=i)} Caf\u00e9 owners in Z\u00fcrich agreed.</p>" for i in range(40)
    ]
    paragraphs[20] = paragraphs[20].replace("convoys", "con\ufffdvoys")
    data = declared_utf8("\n".join(paragraphs).encode("utf-8").replace("\ufffd".encode(), b"\xff"))
    items = list(read_inputs([page(tmp_path, "stray.html", data)], IngestOptions()))
    articles = [i for i in items if isinstance(i, Article)]
    warnings = [i for i in items if isinstance(i, InputWarning)]
    assert len(articles) == 1 and "con\ufffdvoys" in articles[0].text
    assert "Caf\u00e9 owners in Z\u00fcrich" in articles[0].text  # the rest decoded as declared
    assert len(warnings) == 1
    assert warnings[0].source.endswith("stray.html")
    assert "1 invalid byte" in warnings[0].problem and "U+FFFD" in warnings[0].problem


def test_a_page_mostly_in_another_encoding_is_still_refused(tmp_path: Path) -> None:
    latin = (
        "<p>Die Stra\u00dfe nach G\u00f6ttingen war gesperrt, sagte der B\u00fcrgermeister am Dienstag.</p>"
        * 40
    )
    data = declared_utf8(latin.encode("cp1252"))
    articles, errors = read_all(page(tmp_path, "latin.html", data))
    assert articles == []
    assert len(errors) == 1 and not isinstance(errors[0], InputWarning)
    assert "not valid utf-8" in errors[0].problem


def test_the_warning_reaches_the_user_and_the_run_succeeds(cli: CliRunner, tmp_path: Path) -> None:
    body = "\n".join(f"<p>{LEAD} {DETAIL.format(i=i)}</p>" for i in range(30)).encode()
    data = declared_utf8(body.replace(b"convoys", b"con\x80voys", 1))
    path = page(tmp_path, "stray.html", data)
    code, out, err = invoke(cli, "extract", path)
    assert code == 0, err
    assert len(out.splitlines()) == 1
    assert err.strip().startswith(f"warning: {path}: 1 invalid byte")
    assert "Traceback" not in err


def test_a_fetched_page_with_a_stray_byte_under_the_servers_charset(
    http_server: tuple[str, dict[str, tuple[int, str, bytes]]],
) -> None:
    base, routes = http_server
    body = "\n".join(f"<p>{LEAD} {DETAIL.format(i=i)}</p>" for i in range(30))
    page_bytes = (
        "<!doctype html><html><head><title>Convoys held up - Valleypost</title></head>"
        f"<body><article>{body}</article></body></html>"
    ).encode()
    routes["/stray"] = (200, "text/html; charset=utf-8", page_bytes.replace(b"convoys", b"con\xc3voys", 1))
    items = list(read_inputs([f"{base}/stray"], IngestOptions()))
    warnings = [i for i in items if isinstance(i, InputWarning)]
    [article] = [i for i in items if isinstance(i, Article)]
    assert [w.source for w in warnings] == [f"{base}/stray"]
    assert "declared by the server" in warnings[0].problem
    assert "con\ufffdvoys" in article.text


def test_ingest_stores_the_article_and_counts_no_failure(cli: CliRunner, tmp_path: Path) -> None:
    body = "\n".join(f"<p>{LEAD} {DETAIL.format(i=i)}</p>" for i in range(30)).encode()
    path = page(tmp_path, "stray.html", declared_utf8(body.replace(b"convoys", b"con\x80voys", 1)))
    db = f"sqlite:///{tmp_path / 'store.db'}"
    code, _, err = invoke(cli, "ingest", path, "--db", db, "--no-link")
    assert code == 0, err
    assert "warning:" in err and "1 stored" in err and "0 failed" in err


# --- titles ----------------------------------------------------------------------------------


def titled(title: str, site: str | None, og_title: str | None = None) -> str:
    meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    og = f'<meta property="og:title" content="{og_title}">' if og_title else ""
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>{meta}{og}</head>'
        f"<body><article>{PARAGRAPHS}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("og_title", "site", "expected"),
    [
        ("Rates rise again | MoreBikes", "MoreBikes", "Rates rise again"),
        ("Launch slips to May - SpaceNews", "SpaceNews", "Launch slips to May"),
        ("Launch slips to May – SpaceNews", "SpaceNews", "Launch slips to May"),
        # A dash that is part of the headline stays, and so does a name that is not the outlet.
        ("Kharkiv - a city under fire", "SpaceNews", "Kharkiv - a city under fire"),
        ("Rates rise again | Reuters", "MoreBikes", "Rates rise again | Reuters"),
        ("Rates rise again | MoreBikes", None, "Rates rise again | MoreBikes"),
    ],
)
def test_the_outlet_that_ends_a_title_is_stripped(
    tmp_path: Path, og_title: str, site: str | None, expected: str
) -> None:
    articles, _ = read_all(page(tmp_path, "t.html", titled(og_title, site, og_title)))
    assert articles[0].title == expected


def test_the_urls_domain_names_the_outlet(http_server: tuple[str, dict[str, tuple[int, str, bytes]]]) -> None:
    base, routes = http_server
    routes["/spacenews/launch"] = (
        200,
        "text/html; charset=utf-8",
        titled("x", None, "Launch slips | Spacenews").encode(),
    )
    # The loopback address has no site name: only a known outlet or og:site_name would strip it.
    [article], _ = read_all(f"{base}/spacenews/launch")
    assert article.title == "Launch slips | Spacenews"
    assert title_without_outlet("Launch slips | SpaceNews", outlet_names(None, "spacenews")) == "Launch slips"


def test_a_known_outlets_alias_names_it() -> None:
    # knowledge/outlets.json knows Bloomberg as "Bloomberg News" too: either name is the outlet.
    names = outlet_names("Bloomberg")
    assert title_without_outlet("Talks stall - Bloomberg News", names) == "Talks stall"
    assert title_without_outlet("Talks stall | Bloomberg", outlet_names("Bloomberg News")) == "Talks stall"
    assert title_without_outlet("Talks stall - Reuters", names) == "Talks stall - Reuters"


def test_title_without_outlet_needs_the_outlet() -> None:
    assert title_without_outlet("Launch slips | SpaceNews", ["spacenews"]) == "Launch slips"
    assert title_without_outlet("SpaceNews", ["SpaceNews"]) == "SpaceNews"  # nothing left: kept
    assert title_without_outlet("Launch slips | SpaceNews", []) == "Launch slips | SpaceNews"


# --- UTF-16 without a byte-order mark --------------------------------------------------------


RUSSIAN = "Обстрел Суджи продолжался всю ночь, сообщил губернатор в понедельник утром."


@pytest.mark.parametrize(
    ("text", "codec", "order"),
    [
        (LEAD, "utf-16-le", "LE"),
        (LEAD, "utf-16-be", "BE"),
        (RUSSIAN, "utf-16-le", "LE"),  # NUL only in the spaces and the comma
    ],
)
def test_utf16_without_a_bom_is_named(tmp_path: Path, text: str, codec: str, order: str) -> None:
    data = ("Talks stall\n\n" + text + "\n").encode(codec)
    _, errors = read_all(page(tmp_path, "wide.txt", data))
    assert len(errors) == 1
    assert f"looks like UTF-16 ({order}) without a byte-order mark" in errors[0].problem


def test_binary_data_is_still_binary(tmp_path: Path) -> None:
    _, errors = read_all(page(tmp_path, "photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x02\x00"))
    assert [e.problem for e in errors] == ["binary data, not text"]
