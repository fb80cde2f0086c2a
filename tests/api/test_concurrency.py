"""Two people editing one record: reads carry an ETag, an update must say which version
it was made from (If-Match or `version`), and a stale one changes nothing."""

from __future__ import annotations

import pytest

from tests.api.endpoints import ENDPOINT_IDS, ENDPOINTS
from tests.api.support import database_state, token_client
from tests.factories import make_user

# A second change for each endpoint, different from the endpoint's first one.
SECOND_CHANGE = {
    "outlets": {"note": "Renamed in 2023"},
    "articles": {"note": "Title from the print edition"},
    "actors": {"note": "Formerly known as Persia"},
    "claims": {"text": "Drones were supplied to Russia"},
    "statements": {"stance": "confirmed"},
    "quotes": {"text": "The ministry said on Monday"},
}

pytestmark = pytest.mark.parametrize("endpoint", ENDPOINTS, ids=ENDPOINT_IDS)


def etag(record) -> str:
    return f'"{record._meta.model_name}-{record.pk}-v{record.version}"'


def read(client, endpoint, record):
    response = client.get(endpoint.detail_url(record))
    assert response.status_code == 200
    return response


def test_a_detail_has_an_etag_naming_its_version(endpoint, world, anonymous_api):
    record = endpoint.key(world)
    response = read(anonymous_api, endpoint, record)
    assert response["ETag"] == etag(record)
    assert response.json()["version"] == record.version == 1


def test_an_update_with_the_current_if_match_is_saved_with_a_new_etag(
    endpoint, world, editor_api, editor
):
    record, changes = endpoint.update(world)
    current = read(editor_api, endpoint, record)["ETag"]
    response = editor_api.patch(
        endpoint.detail_url(record), changes, format="json", HTTP_IF_MATCH=current
    )
    assert response.status_code == 200, response.content
    record.refresh_from_db()
    assert record.version == 2
    assert response["ETag"] == etag(record) != current
    assert read(editor_api, endpoint, record)["ETag"] == response["ETag"]
    for name, value in changes.items():
        assert getattr(record, name) == value
    latest = record.history.first()
    assert (latest.history_type, latest.version, latest.history_user) == ("~", 2, editor)


def test_an_update_with_a_stale_if_match_is_412_and_changes_nothing(endpoint, world, editor_api):
    record, changes = endpoint.update(world)
    stale = read(editor_api, endpoint, record)["ETag"]
    first = editor_api.patch(
        endpoint.detail_url(record), changes, format="json", HTTP_IF_MATCH=stale
    )
    assert first.status_code == 200
    before = database_state()
    again = editor_api.patch(
        endpoint.detail_url(record),
        SECOND_CHANGE[endpoint.name],
        format="json",
        HTTP_IF_MATCH=stale,
    )
    assert again.status_code == 412, again.content
    assert stale in again.json()["detail"]
    assert database_state() == before


def test_an_update_without_if_match_or_version_is_400_naming_version(endpoint, world, editor_api):
    record, changes = endpoint.update(world)
    before = database_state()
    for body in (changes, {**changes, "version": None}, {**changes, "version": "two"}):
        response = editor_api.patch(endpoint.detail_url(record), body, format="json")
        assert response.status_code == 400, response.content
        assert "version" in response.json()
    assert database_state() == before


def test_an_update_from_a_stale_version_is_409_and_changes_nothing(endpoint, world, editor_api):
    record, changes = endpoint.update(world)
    seen = read(editor_api, endpoint, record).json()["version"]
    first = editor_api.patch(
        endpoint.detail_url(record), {**changes, "version": seen}, format="json"
    )
    assert first.status_code == 200, first.content
    before = database_state()
    stale = editor_api.patch(
        endpoint.detail_url(record),
        {**SECOND_CHANGE[endpoint.name], "version": seen},
        format="json",
    )
    assert stale.status_code == 409, stale.content
    assert "version" in stale.json()["detail"]
    assert database_state() == before


def test_two_editors_from_one_version_the_second_gets_409(endpoint, world, editor):
    other = make_user("second-editor", "editor")
    first_editor, second_editor = token_client(editor), token_client(other)
    record, changes = endpoint.update(world)
    version = read(first_editor, endpoint, record).json()["version"]
    assert read(second_editor, endpoint, record).json()["version"] == version
    url = endpoint.detail_url(record)
    won = first_editor.patch(url, {**changes, "version": version}, format="json")
    assert won.status_code == 200
    lost = second_editor.patch(
        url, {**SECOND_CHANGE[endpoint.name], "version": version}, format="json"
    )
    assert lost.status_code == 409
    record.refresh_from_db()
    for name, value in changes.items():
        assert getattr(record, name) == value  # the first editor's change stands


def test_history_has_each_saved_change(endpoint, world, editor_api, editor):
    record, changes = endpoint.update(world)
    url = endpoint.detail_url(record)
    tag = read(editor_api, endpoint, record)["ETag"]
    assert editor_api.patch(url, changes, format="json", HTTP_IF_MATCH=tag).status_code == 200
    second = SECOND_CHANGE[endpoint.name]
    refused = editor_api.patch(url, {**second, "version": 1}, format="json")
    assert refused.status_code == 409
    saved = editor_api.patch(url, {**second, "version": 2}, format="json")
    assert saved.status_code == 200, saved.content
    record.refresh_from_db()
    history = list(record.history.order_by("history_id"))
    assert [(h.history_type, h.version) for h in history] == [("+", 1), ("~", 2), ("~", 3)]
    assert [h.history_user for h in history[1:]] == [editor, editor]
    for name, value in changes.items():
        assert getattr(history[1], name) == value
    for name, value in second.items():
        assert getattr(history[2], name) == value


def test_a_full_update_with_put_is_checked_the_same_way(endpoint, world, editor_api):
    record, changes = endpoint.update(world)
    url = endpoint.detail_url(record)
    current = read(editor_api, endpoint, record)
    writable = {
        name: value
        for name, value in current.json().items()
        if name not in ("id", "version", "page_url", "standing", "end", "prefix", "suffix")
    }
    if endpoint.name == "statements":
        writable = {
            **{k: writable[k] for k in ("actor", "speaker", "stance", "made_on")},
            "claim": writable["claim"]["slug"],
            "made_on_precision": writable["made_on_precision"],
            "date_wording": writable["date_wording"],
            "note": writable["note"],
        }
    if endpoint.name == "quotes":
        del writable["start"]  # the new text is found anew in the body
    body = {**writable, **changes}
    assert editor_api.put(url, body, format="json").status_code == 400  # no version
    tag = current["ETag"]
    saved = editor_api.put(url, body, format="json", HTTP_IF_MATCH=tag)
    assert saved.status_code == 200, saved.content
    before = database_state()
    stale = editor_api.put(url, body, format="json", HTTP_IF_MATCH=tag)
    assert stale.status_code == 412
    assert database_state() == before


def test_a_delete_with_a_stale_if_match_is_412_and_deletes_nothing(
    endpoint, world, administrator_api, editor_api
):
    record = endpoint.deletable(world)
    url = endpoint.detail_url(record)
    stale = read(administrator_api, endpoint, record)["ETag"]
    changes = {"note": "touched"} if hasattr(record, "note") else {"text": "Officials"}
    touched = editor_api.patch(url, changes, format="json", HTTP_IF_MATCH=stale)
    assert touched.status_code == 200, touched.content
    before = database_state()
    refused = administrator_api.delete(url, HTTP_IF_MATCH=stale)
    assert refused.status_code == 412
    assert database_state() == before
    current = read(administrator_api, endpoint, record)["ETag"]
    assert administrator_api.delete(url, HTTP_IF_MATCH=current).status_code == 204
    assert not type(record).objects.filter(pk=record.pk).exists()
