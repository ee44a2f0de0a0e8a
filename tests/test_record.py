"""Every record is valid `fogofwar.record/1` and every span points at its own text."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fogofwar
from fogofwar.model import SCHEMA
from fogofwar.parts import PART_TYPES
from fogofwar.schemas import record_schema

VALIDATOR = jsonschema.Draft202012Validator(record_schema())


def assert_valid(record: dict[str, Any]) -> None:
    errors = sorted(VALIDATOR.iter_errors(record), key=str)
    assert errors == [], errors[0].message if errors else ""
    text = record["article"]["text"]
    for part in PART_TYPES:
        for item in record[part]:
            assert text[item["start"] : item["end"]] == item["text"], (part, item)


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(record_schema())
    assert record_schema()["properties"]["schema"]["const"] == SCHEMA


def test_schema_rejects_what_the_contract_forbids() -> None:
    good = fogofwar.extract("Sudzha was shelled, TASS reported.", published="2024-08-13").to_dict()
    assert_valid(good)
    for broken in (
        {**good, "schema": "fogofwar.record/0"},
        {**good, "article": {**good["article"], "published": "13 August 2024"}},
        {**good, "places": [{"text": "Sudzha", "start": 0, "end": 6}]},  # a place with no geocode fields
    ):
        assert not VALIDATOR.is_valid(broken)


TRICKY = [
    "Ukraine\u2019s forces \u2014 reportedly 10,000 strong \u2014 crossed into Kursk. "
    "\U0001f1fa\U0001f1e6 Source: Reuters",
    "Line one.\r\nLine two, according to Bloomberg.\r\n",
    "\u00a0Zelensky said\u00a0the operation in the Kursk region would go on.",
    "Путин заявил (Source: TASS) that Sudzha was retaken.",
]


@pytest.mark.parametrize("text", TRICKY)
def test_spans_are_exact_on_tricky_text(text: str) -> None:
    record = fogofwar.extract(text).to_dict()
    assert_valid(record)
    assert json.loads(json.dumps(record)) == record  # plain JSON through and through


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "Reuters",
                "according to",
                "Source:",
                "(",
                ")",
                "Sudzha",
                "Zelensky",
                "said",
                "\n",
                "the Washington Post",
                "report by",
                ".",
                ",",
                "5,000",
                "TASS",
                " ",
                "é",
                "\u2014",
            ]
        )
        | st.text(max_size=12),
        max_size=40,
    ).map(" ".join)
)
def test_any_text_gives_a_valid_record(text: str) -> None:
    assert_valid(fogofwar.extract(text).to_dict())


def test_entities_are_people_organisations_and_groups() -> None:
    text = "Volodymyr Zelensky said Ukrainian troops held Sudzha; Russia's Defence Ministry disagreed."
    entities = {(e.text, e.label) for e in fogofwar.extract(text).entities}
    assert ("Volodymyr Zelensky", "PERSON") in entities
    assert all(label in {"PERSON", "ORG", "NORP"} for _, label in entities)
