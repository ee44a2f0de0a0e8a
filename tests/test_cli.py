"""The command line as a user drives it: outputs, exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLES, invoke

EXAMPLE_COUNT = 26  # examples/README.md lists them


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    good = tmp_path / "good.txt"
    good.write_text(
        "Kursk update\n\nSudzha was shelled again, according to a report by the Kyiv Independent.\n"
    )
    undated = tmp_path / "undated.jsonl"
    undated.write_text(json.dumps({"id": "u1", "text": "Korenevo was quiet, TASS reported."}) + "\n")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    return {"good": str(good), "undated": str(undated), "binary": str(binary), "dir": str(tmp_path)}


def test_extract_jsonl(cli: CliRunner, files: dict[str, str]) -> None:
    code, out, err = invoke(cli, "extract", files["good"], files["undated"], "--published", "2024-08-20")
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["article"]["id"] for r in records] == [files["good"], "u1"]
    assert records[0]["article"]["cites"] == ["The Kyiv Independent"]
    assert records[1]["article"]["published"] == "2024-08-20"


def test_extract_json_and_table(cli: CliRunner, files: dict[str, str]) -> None:
    code, out, _ = invoke(cli, "extract", files["good"], "--format", "json")
    assert code == 0 and json.loads(out)[0]["article"]["title"] == "Kursk update"
    code, out, _ = invoke(cli, "extract", files["good"], "-f", "table")
    assert code == 0 and "fogofwar records" in out and "Kyiv" in out


def test_bad_input_is_one_line_and_the_batch_goes_on(cli: CliRunner, files: dict[str, str]) -> None:
    code, out, err = invoke(cli, "extract", files["binary"], files["good"])
    assert code == 1
    assert [json.loads(line)["article"]["id"] for line in out.splitlines()] == [files["good"]]
    assert err.strip() == f"error: {files['binary']}: binary data, not text"


def test_bad_published_is_a_usage_error(cli: CliRunner, files: dict[str, str]) -> None:
    code, _, err = invoke(cli, "extract", files["good"], "--published", "20 August")
    assert code == 2 and "YYYY-MM-DD" in err


def test_ingest_articles_show(cli: CliRunner, files: dict[str, str], db_url: str) -> None:
    db = db_url
    code, _, err = invoke(
        cli, "ingest", files["good"], files["undated"], "--db", db, "--published", "2024-08-20"
    )
    assert code == 0, err
    assert "2 stored, 0 already stored, 0 failed" in err
    code, _, err = invoke(cli, "ingest", files["good"], "--db", db)
    assert code == 0 and "0 stored, 1 already stored" in err

    code, out, _ = invoke(cli, "articles", "--db", db, "--format", "jsonl")
    assert code == 0 and {json.loads(line)["id"] for line in out.splitlines()} == {files["good"], "u1"}
    code, out, _ = invoke(cli, "articles", "--db", db, "--outlet", "nobody", "-f", "jsonl")
    assert code == 0 and out == ""
    code, out, _ = invoke(cli, "articles", "--db", db, "--since", "2024-08-21", "-f", "jsonl")
    assert code == 0 and out == ""  # both are dated 2024-08-20
    code, out, _ = invoke(cli, "articles", "--db", db, "--since", "2024-08-20", "-f", "jsonl")
    assert code == 0 and len(out.splitlines()) == 2

    code, out, _ = invoke(cli, "show", files["good"], "--db", db)
    assert code == 0 and "Kursk update" in out and "cites: The Kyiv Independent" in out
    code, out, _ = invoke(cli, "show", "u1", "--db", db, "--format", "json")
    assert code == 0 and json.loads(out)["article"]["text"] == "Korenevo was quiet, TASS reported."


def test_show_unknown_id(cli: CliRunner, tmp_path: Path) -> None:
    from fogofwar.store import Store

    Store(str(tmp_path / "x.db")).close()  # an empty store: `show` makes none (test_attack_store)
    code, _, err = invoke(cli, "show", "no-such-id", "--db", str(tmp_path / "x.db"))
    assert code == 1 and err.strip() == "error: no-such-id: no such article in the store"


def test_ingest_reports_failures_in_exit_code_and_keeps_the_store(
    cli: CliRunner, files: dict[str, str], tmp_path: Path
) -> None:
    db = str(tmp_path / "keep.db")
    assert invoke(cli, "ingest", files["good"], "--db", db)[0] == 0
    code, _, err = invoke(cli, "ingest", files["binary"], "--db", db)
    assert code == 1 and "binary data" in err and "0 stored" in err
    code, out, _ = invoke(cli, "articles", "--db", db, "--format", "jsonl")
    assert [json.loads(line)["id"] for line in out.splitlines()] == [files["good"]]


def test_demo_ingests_the_example_corpus(cli: CliRunner, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    code, out, err = invoke(cli, "demo", "--db", db)
    assert code == 0, err
    assert f"{EXAMPLE_COUNT} articles read: {EXAMPLE_COUNT} stored" in err
    assert "cited sources" in out
    code, out, _ = invoke(cli, "articles", "--db", db, "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == EXAMPLE_COUNT
    assert any("Bloomberg" in row["cites"] for row in rows)
    assert all(not Path(row["id"]).is_absolute() for row in rows)  # run from the checkout: short ids
    code, _, err = invoke(cli, "demo", "--db", db)  # a second run stores nothing new
    assert code == 0 and f"0 stored, {EXAMPLE_COUNT} already stored" in err


def test_python_m_and_console_script_agree(files: dict[str, str]) -> None:
    """`python -m fogofwar` is the same program (one process each: the real entry points)."""
    runs = [
        subprocess.run(
            [sys.executable, "-m", "fogofwar", "extract", files["good"]], capture_output=True, text=True
        ),
        subprocess.run(
            [str(Path(sys.executable).parent / "fogofwar"), "extract", files["good"]],
            capture_output=True,
            text=True,
        ),
    ]
    assert [r.returncode for r in runs] == [0, 0]
    assert runs[0].stdout == runs[1].stdout and runs[0].stdout.startswith('{"schema": "fogofwar.record/1"')


def test_no_traceback_for_bad_database(files: dict[str, str], tmp_path: Path) -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "fogofwar",
            "ingest",
            files["good"],
            "--db",
            f"sqlite:///{tmp_path}/no/such/dir.db",
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and "cannot open the database" in run.stderr


def test_library_and_cli_give_the_same_record(cli: CliRunner) -> None:
    import fogofwar

    first = json.loads((EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    code, out, _ = invoke(cli, "extract", str(EXAMPLES / "articles.jsonl"))
    assert code == 0
    via_cli = json.loads(out.splitlines()[0])
    via_api = fogofwar.extract(
        first["text"],
        published=first["published"],
        title=first["title"],
        outlet=first["outlet"],
        url=first["url"],
        id=first["id"],
    ).to_dict()
    assert via_cli == via_api


def test_workers_give_the_same_records(cli: CliRunner) -> None:
    """--workers 2 runs spaCy in two real processes; the output must not change."""
    one = invoke(cli, "extract", str(EXAMPLES))
    two = invoke(cli, "extract", str(EXAMPLES), "--workers", "2")
    assert one[0] == two[0] == 0
    assert two[1] == one[1] and len(one[1].splitlines()) == EXAMPLE_COUNT


def test_show_highlights_every_span() -> None:
    import fogofwar
    from fogofwar.render import STYLES, highlighted_text

    record = fogofwar.extract("Volodymyr Zelensky spoke in Kyiv, according to Reuters.\nSource: Bloomberg")
    text, counts = highlighted_text(record)
    styled = {(span.start, span.end, str(span.style)) for span in text.spans}
    for cite in record.cite_mentions:
        assert (cite.start, cite.end, STYLES["cite"]) in styled
    for entity in record.entities:
        assert (entity.start, entity.end, STYLES[entity.label]) in styled
    assert counts["cite"] == 2 and counts["PERSON"] == 1


def test_pipeline_config_overrides_the_bundled_one(
    cli: CliRunner, files: dict[str, str], tmp_path: Path
) -> None:
    """A user config says only what it changes; the rest (the base model) stays as shipped."""
    no_cites = tmp_path / "no-cites.cfg"
    no_cites.write_text("[fogofwar]\ncomponents = []\n")
    code, out, _ = invoke(cli, "extract", files["good"], "--pipeline", str(no_cites))
    assert code == 0 and json.loads(out)["article"]["cites"] == []
    assert json.loads(out)["entities"]  # the base pipeline still ran
    broken = tmp_path / "broken.cfg"
    broken.write_text("[fogofwar\ncomponents = \n")
    code, _, err = invoke(cli, "extract", files["good"], "--pipeline", str(broken))
    assert (
        code == 1
        and err.startswith(f"error: {broken}: not a valid pipeline config")
        and len(err.splitlines()) == 1
    )
