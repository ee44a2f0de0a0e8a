"""`fogofwar reference load`: a claimant's daily series, stored for the figure line-ups."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from fogofwar.cli import app
from fogofwar.link.reference import load
from fogofwar.query import reference_value
from fogofwar.store import Store, schema

SHARED_SERIES = (
    Path(__file__).resolve().parents[2] / "shared/data/reference/ua_general_staff_russian_losses.json"
)


def _series(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text(
        json.dumps(
            {
                "claimant": "UA General Staff",
                "side": "RU",
                "cumulative": True,
                "tracked": {
                    "equipment.tank": ["2022-02-25", "2024-12-31"],
                    "direction": ["2022-04-25", "2023-01-02"],
                },
                "series": rows,
            }
        ),
        encoding="utf-8",
    )
    return path


def test_a_tracked_field_of_text_is_a_note_and_the_counts_still_load(tmp_path: Path) -> None:
    # The General Staff's rows name the front with the heaviest losses: text beside the counts.
    path = _series(
        tmp_path / "gs.json",
        [
            {"date": "2022-04-24", "equipment.tank": 800},
            {"date": "2022-04-25", "equipment.tank": 884, "direction": "Sievierodonetsk"},
            {"date": "2022-04-26", "direction": "Kurakhove"},
        ],
    )
    with Store(f"sqlite:///{tmp_path / 'f.db'}") as store:
        store.migrate()
        assert load(store, path) == ("gs", 2)
        assert reference_value(store, "equipment.tank", "RU", date(2022, 4, 26)) == (
            "UA General Staff",
            884.0,
        )
        assert reference_value(store, "direction", "RU", date(2022, 4, 26)) is None


def test_a_field_mixing_counts_and_text_is_refused_naming_the_row_and_nothing_is_stored(
    tmp_path: Path,
) -> None:
    path = _series(
        tmp_path / "gs.json",
        [{"date": "2022-04-24", "equipment.tank": 800}, {"date": "2022-04-25", "equipment.tank": "884?"}],
    )
    db = f"sqlite:///{tmp_path / 'f.db'}"
    result = CliRunner().invoke(app, ["reference", "load", str(path), "--db", db])
    assert result.exit_code == 1
    assert f"{path}: series row 2: equipment.tank is '884?', not a number" in result.output
    with Store(db) as store, store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.reference_values)).scalar_one() == 0


@pytest.mark.skipif(not SHARED_SERIES.is_file(), reason="../shared is not beside this checkout")
def test_the_general_staff_series_in_shared_loads(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'f.db'}"
    result = CliRunner().invoke(app, ["reference", "load", str(SHARED_SERIES), "--db", db])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        # The README's example: on 2024-08-25 Ukraine put Russia's tank losses at 8,000-odd.
        claimant, tanks = reference_value(store, "equipment.tank", "RU", date(2024, 8, 25)) or ("", 0.0)
        assert claimant == "UA General Staff" and 8000 < tanks < 9000
