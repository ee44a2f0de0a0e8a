"""Every input kind becomes Articles with the right metadata; every bad input one clear error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fogofwar.errors import InputError
from fogofwar.ingest import IngestOptions, read_inputs
from fogofwar.model import Article

HTML_PAGE = """<!doctype html><html><head><title>Kursk: the front a month on | Frontline Weekly</title>
<meta property="og:title" content="Kursk: the front a month on">
<meta property="og:site_name" content="Frontline Weekly">
<meta property="article:published_time" content="2024-09-06T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/opinion">Opinion</a></nav>
<article><h1>Kursk: the front a month on</h1>
<p>A month after Ukrainian units crossed into the Kursk region on August 6, the line around Sudzha has
barely moved, according to a report by the Washington Post that cites officials on both sides.</p>
<p>Russia's Defence Ministry says its forces have pushed the attackers back near Korenevo, while Kyiv
insists it still holds more than 100 settlements in the region.</p>
<p>Analysts say the Ukrainian salient may become harder to hold once the autumn rains arrive.</p></article>
<footer>Copyright 2024 Frontline Weekly. All rights reserved.</footer></body></html>"""

RSS_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Front Notes</title><link>https://front.example/</link>
<description>Daily notes</description>
<item><title>Sudzha under fire</title><link>https://front.example/a</link><guid>front-a</guid>
<pubDate>Tue, 13 Aug 2024 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Shelling hit Sudzha overnight, the regional governor said.&lt;/p&gt;
&lt;p&gt;Two people were hurt.&lt;/p&gt;</description></item>
<item><title>No guid here</title><link>https://front.example/b</link>
<pubDate>Wed, 14 Aug 2024 09:00:00 GMT</pubDate>
<description>Kyiv said its troops advanced two kilometres.</description></item>
</channel></rss>"""


def read_all(*specs: str, **options: object) -> tuple[list[Article], list[InputError]]:
    items = list(read_inputs(list(specs), IngestOptions(**options)))  # type: ignore[arg-type]
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


def write(path: Path, content: str | bytes) -> str:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("body", "outlet", "published"),
    [
        (" date 2024-08-25 (MENAFN) The Russian Defence Ministry said on Sunday...", "MENAFN", "2024-08-25"),
        ("KYIV, Aug 12 (Reuters) - Ukraine's top commander said on Monday...", "Reuters", None),
        ("MOSCOW, August 20, 2024 (TASS) -- The Defence Ministry said...", "TASS", "2024-08-20"),
        ("Ukraine's forces pressed on near Sudzha, officials said.", None, None),
    ],
)
def test_text_file_title_and_dateline(
    tmp_path: Path, body: str, outlet: str | None, published: str | None
) -> None:
    path = write(tmp_path / "a.txt", f"\n  Kursk incursion, day 19  \n\n{body}\nSecond line.\n")
    [article], errors = read_all(path)
    assert errors == []
    assert article.id == path
    assert article.title == "Kursk incursion, day 19"
    assert article.text == f"{body}\nSecond line.\n"  # kept exactly as read: offsets point into it
    assert (article.outlet, article.published) == (outlet, published)


def test_published_option_fills_only_missing_dates(tmp_path: Path) -> None:
    dated = write(tmp_path / "dated.txt", "T\n\n date 2024-08-25 (MENAFN) Body text.\n")
    undated = write(tmp_path / "undated.txt", "T\n\nBody text without a dateline.\n")
    articles, _ = read_all(dated, undated, published="2024-09-01")
    assert [a.published for a in articles] == ["2024-08-25", "2024-09-01"]


def test_jsonl_fields_and_ids(tmp_path: Path) -> None:
    rows = [
        {
            "id": "a1",
            "text": "Sudzha was shelled.",
            "title": "T",
            "outlet": "Kyiv Post",
            "published": "2024-08-13T10:00:00+03:00",
            "url": "https://x.example/a1",
            "cites": ["Reuters"],
        },
        {"text": "No id on this line."},
    ]
    path = write(tmp_path / "in.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n\n")
    articles, errors = read_all(path)
    assert errors == []
    first, second = articles
    assert (first.id, first.outlet, first.published, first.url, first.cites) == (
        "a1",
        "Kyiv Post",
        "2024-08-13",
        "https://x.example/a1",
        ["Reuters"],
    )
    assert second.id == f"{path}:2"  # no id: the line it came from


def test_html_page_text_and_metadata(tmp_path: Path) -> None:
    [article], errors = read_all(write(tmp_path / "page.html", HTML_PAGE))
    assert errors == []
    assert article.title == "Kursk: the front a month on"
    assert article.outlet == "Frontline Weekly"
    assert article.published == "2024-09-06"
    assert "the line around Sudzha has" in article.text and "autumn rains" in article.text
    assert "Copyright" not in article.text and "Opinion" not in article.text  # boilerplate dropped


def test_feed_entries(tmp_path: Path) -> None:
    articles, errors = read_all(write(tmp_path / "front.rss", RSS_FEED))
    assert errors == []
    assert [a.id for a in articles] == ["front-a", "https://front.example/b"]  # guid, else link
    assert [a.published for a in articles] == ["2024-08-13", "2024-08-14"]
    assert articles[0].outlet == "Front Notes"
    assert (
        articles[0].text
        == "Shelling hit Sudzha overnight, the regional governor said.\n\nTwo people were hurt."
    )


ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Kursk Watch</title><id>urn:kw</id>
<updated>2024-08-20T10:00:00Z</updated>
<entry><title>Korenevo</title><id>urn:kw:1</id><link href="https://kw.example/1"/>
<updated>2024-08-20T10:00:00Z</updated>
<content type="html">&lt;p&gt;Fighting reached the edge of Korenevo, Russian bloggers said.&lt;/p&gt;
</content></entry>
</feed>"""


def test_atom_feed(tmp_path: Path) -> None:
    [article], errors = read_all(write(tmp_path / "watch.atom", ATOM_FEED))
    assert errors == []
    assert (article.id, article.url, article.outlet, article.published) == (
        "urn:kw:1",
        "https://kw.example/1",
        "Kursk Watch",
        "2024-08-20",
    )
    assert article.text == "Fighting reached the edge of Korenevo, Russian bloggers said."


def test_directory_is_recursed_in_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    write(tmp_path / "b.txt", "B\n\nBody b.\n")
    write(tmp_path / "sub" / "a.jsonl", json.dumps({"id": "j", "text": "Body j."}) + "\n")
    write(tmp_path / "notes.csv", "ignored,file\n")
    write(tmp_path / ".hidden.txt", "H\n\nHidden.\n")
    readme = write(tmp_path / "README.md", "Notes\n\nWhat this folder holds.\n")
    articles, errors = read_all(str(tmp_path))
    assert errors == []
    assert [a.id for a in articles] == [str(tmp_path / "b.txt"), "j"]
    assert [a.id for a in read_all(readme)[0]] == [readme]  # named explicitly, it is read


def test_urls_over_real_http(http_server: tuple[str, dict[str, tuple[int, str, bytes]]]) -> None:
    base, routes = http_server
    routes["/page"] = (200, "text/html; charset=utf-8", HTML_PAGE.encode())
    routes["/feed"] = (200, "application/rss+xml", RSS_FEED.encode())
    articles, errors = read_all(f"{base}/page", f"{base}/feed")
    assert errors == []
    assert articles[0].id == articles[0].url == f"{base}/page"
    assert articles[0].outlet == "Frontline Weekly"
    assert [a.id for a in articles[1:]] == ["front-a", "https://front.example/b"]


def test_bad_urls(http_server: tuple[str, dict[str, tuple[int, str, bytes]]]) -> None:
    base, routes = http_server
    routes["/big"] = (200, "text/html", b"<html><body><p>" + b"x" * 5000 + b"</p></body></html>")
    _, errors = read_all(f"{base}/missing", f"{base}/big", "http://127.0.0.1:9/closed", max_bytes=1000)
    assert [e.source for e in errors] == [f"{base}/missing", f"{base}/big", "http://127.0.0.1:9/closed"]
    assert "HTTP 404" in errors[0].problem
    assert "cap" in errors[1].problem
    assert "cannot fetch" in errors[2].problem


def test_slow_url_times_out(http_server: tuple[str, dict[str, tuple[int, str, bytes]]]) -> None:
    base, _ = http_server
    _, [error] = read_all(f"{base}/slow", timeout=0.3)
    assert error.source == f"{base}/slow" and "timeout" in error.problem


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", "  \n\n", "empty input"),
        ("blob.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        ("latin1.txt", "Title\n\nKursk \u2013 caf\u00e9".encode("latin-1", "replace"), "not UTF-8"),
        (
            "nofeed.rss",
            '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
            "feed has no entries",
        ),
        (
            "empty.html",
            "<html><head><title>x</title></head><body><nav>Home</nav></body></html>",
            "no article text",
        ),
        ("huge.txt", "Title\n\n" + "word " * 400, "over the"),
    ],
)
def test_bad_files_get_one_clear_error(tmp_path: Path, name: str, content: str | bytes, problem: str) -> None:
    good = write(tmp_path / "good.txt", "Good\n\nThis one is fine.\n")
    bad = write(tmp_path / name, content)
    articles, errors = read_all(bad, good, max_bytes=1000)
    assert [a.id for a in articles] == [good]  # the rest of the batch goes on
    [error] = errors
    assert error.source == bad and problem in error.problem
    assert "\n" not in str(error)


def test_missing_file_and_unreadable_directory(tmp_path: Path) -> None:
    (tmp_path / "empty_dir").mkdir()
    _, errors = read_all(str(tmp_path / "nope.txt"), str(tmp_path / "empty_dir"))
    assert [e.problem for e in errors] == [
        "no such file or directory",
        "directory holds no .txt, .html, .jsonl or feed files",
    ]


def test_malformed_jsonl_lines_are_named(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "ok1", "text": "Fine."}),
        "{not json",
        "[1, 2]",
        json.dumps({"id": "x"}),
        json.dumps({"id": "ok2", "text": "Also fine."}),
    ]
    path = write(tmp_path / "mixed.jsonl", "\n".join(lines))
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["ok1", "ok2"]
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "not valid JSON" in errors[0].problem and "no 'text'" in errors[2].problem


def _line(i: int) -> str:
    return json.dumps(
        {"id": f"a{i}", "text": f"Report {i}: shelling near Kharkiv overnight.", "outlet": "Reuters"}
    )


def test_a_json_lines_file_streams_past_the_size_cap_which_bounds_each_line(tmp_path: Path) -> None:
    # A backfill's JSON Lines file is far bigger than one article may be: the cap is per line.
    lines = [_line(i) for i in range(3000)]
    big = write(tmp_path / "backfill.jsonl", "\n".join(lines) + "\n")
    assert Path(big).stat().st_size > 100 * 1000
    articles, errors = read_all(big, max_bytes=1000)
    assert errors == []
    assert [a.id for a in articles] == [f"a{i}" for i in range(3000)]
    assert articles[-1].source == f"{big}:3000"


def test_a_json_lines_line_over_the_cap_or_not_utf8_costs_that_line_only(tmp_path: Path) -> None:
    long_line = json.dumps({"id": "long", "text": "x " * 5000})
    data = (
        ("\ufeff" + _line(1) + "\n" + long_line + "\n" + _line(3) + "\n").encode("utf-8")
        + b'{"id": "bad", "text": "caf\xe9"}\n'
        + (_line(5) + "\n").encode("utf-8")
    )
    path = write(tmp_path / "mixed.jsonl", data)
    articles, errors = read_all(path, max_bytes=1000)
    assert [a.id for a in articles] == ["a1", "a3", "a5"]
    assert [str(e) for e in errors] == [
        f"{path}:2: line is over the 1000 bytes cap (--max-bytes)",
        f"{path}:4: not UTF-8 text (invalid byte at offset 26 of the line)",
    ]


def test_json_lines_in_utf16_with_a_byte_order_mark_are_still_read(tmp_path: Path) -> None:
    path = write(tmp_path / "u16.jsonl", (_line(1) + "\n" + _line(2) + "\n").encode("utf-16"))
    articles, errors = read_all(path)
    assert errors == [] and [a.id for a in articles] == ["a1", "a2"]


def test_an_empty_json_lines_file_is_named_as_empty(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.jsonl", "\n\n  \n")
    articles, errors = read_all(path)
    assert articles == [] and [str(e) for e in errors] == [f"{path}: empty input"]
