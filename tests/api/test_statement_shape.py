"""The statements endpoint answers in the contract's shape: a detail, every page of the
list and every JSON line give each statement as the same record."""

from __future__ import annotations

import json

from claims.models import Statement
from sources.models import Article
from tests.api.contract import EXPORT_KEYS, assert_contract_shape, expected_record
from tests.api.support import walk


def test_a_statement_has_exactly_the_contracts_shape(seed, anonymous_api):
    statement = (
        Statement.objects.filter(speaker__slug="nasser-kanaani").exclude(date_wording="").first()
    )
    response = anonymous_api.get(f"/api/v1/statements/{statement.pk}/")
    assert response.status_code == 200
    record = response.json()
    assert_contract_shape(record)
    assert record == expected_record(statement)
    assert record["actor"] == "iran" and record["speaker_name"] == "Nasser Kanaani"
    for quote in record["quotes"]:
        body = Article.objects.get(pk=quote["article"]).body
        assert body[quote["start"] : quote["end"]] == quote["text"]


def test_list_detail_and_json_lines_give_every_statement_in_the_same_shape(seed, anonymous_api):
    listed = walk(anonymous_api, "/api/v1/statements/?page_size=10")
    assert len(listed) == Statement.objects.count()
    export = anonymous_api.get("/api/v1/statements/export.jsonl")
    lines = b"".join(export.streaming_content).decode().splitlines()
    exported = {record["id"]: record for record in map(json.loads, lines)}
    assert list(exported) == list(
        Statement.objects.order_by("-made_on", "-id").values_list("id", flat=True)
    )
    for record in listed:
        assert_contract_shape(record)
        statement = Statement.objects.get(pk=record["id"])
        assert record == expected_record(statement)
        assert anonymous_api.get(f"/api/v1/statements/{statement.pk}/").json() == record
        # The export carries the contract's fields and its additions (note and version
        # are the API's own).
        assert exported[record["id"]] == {k: v for k, v in record.items() if k in EXPORT_KEYS}
    assert any(r["speaker"] is None for r in listed) and any(r["speaker"] for r in listed)


# The statement list page's filters, as researchers type them into the URL.
