"""The statement contract the API, the exports and the schema keep: its keys, and the
record a statement must read as."""

from __future__ import annotations

import datetime

from claims.models import Statement

CONTRACT_KEYS = {
    "id",
    "claim",
    "actor",
    "actor_name",
    "speaker",
    "speaker_name",
    "stance",
    "made_on",
    "made_on_precision",
    "date_wording",
    "quotes",
    "url",
}
# The design allows additions: these the exports make too (the actors' Wikidata ids),
EXPORT_KEYS = CONTRACT_KEYS | {"actor_wikidata", "speaker_wikidata"}
# and these only the API.
ADDED_KEYS = EXPORT_KEYS - CONTRACT_KEYS | {"note", "version"}
QUOTE_KEYS = {"article", "article_url", "outlet", "published_on", "text", "start", "end"}


def expected_record(statement: Statement) -> dict:
    speaker = statement.speaker
    return {
        "id": statement.pk,
        "claim": {"slug": statement.claim.slug, "text": statement.claim.text},
        "actor": statement.actor.slug,
        "actor_name": statement.actor.name,
        "speaker": speaker.slug if speaker else None,
        "speaker_name": speaker.name if speaker else None,
        "stance": statement.stance,
        "made_on": statement.made_on.isoformat(),
        "made_on_precision": statement.made_on_precision,
        "date_wording": statement.date_wording,
        "quotes": [
            {
                "article": quote.article_id,
                "article_url": quote.article.url,
                "outlet": quote.article.outlet.slug,
                "published_on": quote.article.published_on.isoformat(),
                "text": quote.text,
                "start": quote.start,
                "end": quote.end,
            }
            for quote in statement.quotes.order_by("id")
        ],
        "url": f"http://testserver/statements/{statement.pk}/",
        "actor_wikidata": statement.actor.wikidata_id or None,
        "speaker_wikidata": speaker.wikidata_id or None if speaker else None,
        "note": statement.note,
        "version": statement.version,
    }


def assert_contract_shape(record: dict) -> None:
    assert set(record) >= CONTRACT_KEYS, CONTRACT_KEYS - set(record)
    assert set(record) - CONTRACT_KEYS <= ADDED_KEYS, set(record) - CONTRACT_KEYS
    assert isinstance(record["id"], int)
    assert set(record["claim"]) == {"slug", "text"}
    assert all(isinstance(record["claim"][k], str) for k in ("slug", "text"))
    for key in ("actor", "actor_name", "date_wording", "url"):
        assert isinstance(record[key], str), key
    for key in ("speaker", "speaker_name"):
        assert record[key] is None or isinstance(record[key], str), key
    assert (record["speaker"] is None) == (record["speaker_name"] is None)
    assert record["stance"] in {"asserted", "denied", "confirmed", "noncommittal"}
    assert record["made_on_precision"] in {"day", "month", "year"}
    datetime.date.fromisoformat(record["made_on"])
    assert record["url"] == f"http://testserver/statements/{record['id']}/"
    assert isinstance(record["quotes"], list) and record["quotes"]
    for quote in record["quotes"]:
        assert set(quote) == QUOTE_KEYS
        assert isinstance(quote["article"], int)
        assert isinstance(quote["start"], int) and isinstance(quote["end"], int)
        assert quote["end"] - quote["start"] == len(quote["text"])
        for key in ("article_url", "outlet", "text"):
            assert isinstance(quote[key], str), key
        datetime.date.fromisoformat(quote["published_on"])
