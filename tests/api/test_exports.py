"""The statement exports through the test client: one row per statement, newest first,
a file name that says what it holds, and strict parameters. (Their shape, field for
field, is tested in test_statements.py and over HTTP in test_exports_http.py.)"""

from __future__ import annotations

import csv
import datetime
import io

from claims.models import Statement

CSV = "/api/v1/statements/export.csv"
JSONL = "/api/v1/statements/export.jsonl"


def streamed(response) -> str:
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(response) -> tuple[list[str], list[dict]]:
    reader = csv.reader(io.StringIO(streamed(response), newline=""))
    header, *rows = list(reader)
    return header, [dict(zip(header, row, strict=True)) for row in rows]


def newest_first() -> list[int]:
    return list(Statement.objects.order_by("-made_on", "-id").values_list("id", flat=True))


def test_the_csv_has_one_row_per_statement(client, seed):
    response = client.get(CSV)

    assert response["Content-Type"].startswith("text/csv")
    _, rows = csv_rows(response)
    assert [int(row["id"]) for row in rows] == newest_first()


def test_the_file_name_says_which_statements_it_holds(client, seed):
    response = client.get(f"{CSV}?actor=iran&stance=denied")

    today = datetime.date.today().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="statements-actor-iran-stance-denied-{today}.csv"'
    )
    jsonl = client.get(JSONL)
    assert jsonl["Content-Disposition"] == f'attachment; filename="statements-all-{today}.jsonl"'


def test_an_invalid_filter_is_a_400_naming_the_field(client, seed):
    for url in (f"{CSV}?stance=maybe", f"{JSONL}?stance=maybe"):
        response = client.get(url)

        assert response.status_code == 400
        errors = response.json()
        assert set(errors) == {"stance"}
        assert "maybe" in errors["stance"][0]
    response = client.get(f"{JSONL}?actor=nobody&year=abc")
    assert response.status_code == 400
    assert set(response.json()) == {"actor", "year"}


def test_an_unknown_parameter_is_a_400_naming_it(client, seed):
    response = client.get(f"{CSV}?stance=denied&colour=red")

    assert response.status_code == 400
    assert response.json() == {"colour": ["Unknown parameter."]}
    assert client.get(f"{JSONL}?page=2").status_code == 400
