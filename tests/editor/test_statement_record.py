"""Recording a statement from an article: the selection, the quote, actor, claim and date
checks, duplicates, and who may do it."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from claims.models import Actor, ActorAlias, Claim, Quote, Statement
from tests.factories import ROLES, make_actor, make_article, make_claim, make_statement

pytestmark = pytest.mark.usefixtures("seed")  # every test here reads the seed
WRITERS = {"editor", "administrator"}

RT_PESKOV = 3  # the seed's RT article, published on Tuesday 18 October 2022
HOTNEWS = 1  # the seed's HotNews.ro article, published 20 October 2022
UNQUOTED = "Neither Moscow nor Tehran confirmed the purported purchase."

# Valid as they stand on the seed data: Russia has said nothing yet on the factory claim,
# so there is no similar statement to offer.
VALID = {
    "text": UNQUOTED,
    "actor": "Kremlin",
    "claim": "russia-iran-drone-factory",
    "stance": "denied",
    "date_wording": "",
    "made_on": "2022-10-18",
    "made_on_precision": "day",
    "note": "",
}


def create_url(article_pk: int) -> str:
    return f"/articles/{article_pk}/statements/new/"


def record(client: Client, article_pk: int = RT_PESKOV, **changes):
    return client.post(create_url(article_pk), {**VALID, **changes})


def recorded(response) -> Statement:
    assert response.status_code == 302, response.content.decode()[:2000]
    match = re.fullmatch(r"/statements/(\d+)/", response["Location"])
    assert match, response["Location"]
    return Statement.objects.get(pk=match[1])


def written() -> tuple[int, ...]:
    """Every row count a write could change, history tables included."""
    return tuple(
        manager.count()
        for manager in (
            Actor.objects,
            Actor.history,
            ActorAlias.objects,
            Claim.objects,
            Claim.history,
            Statement.objects,
            Statement.history,
            Quote.objects,
            Quote.history,
        )
    )


def field_errors(response, field: str) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


def shown(response) -> str:
    return html.unescape(response.content.decode())


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# --- who may record -------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_record_form_opens_only_for_editors_and_administrators(role, role_client):
    response = role_client.get(create_url(RT_PESKOV))
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={create_url(RT_PESKOV)}"
    elif role == "reader":
        assert response.status_code == 403
    else:
        assert response.status_code == 200
        assertContains(response, 'name="csrfmiddlewaretoken"')


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_and_administrators_can_record_and_a_refused_post_writes_nothing(
    role, role_client
):
    before = written()
    response = record(role_client)
    if role in WRITERS:
        statement = recorded(response)
        assert (statement.actor.slug, statement.claim.slug) == (
            "russia",
            "russia-iran-drone-factory",
        )
        return
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == 403
    assert written() == before


@pytest.mark.parametrize("role", ROLES)
def test_adding_a_quote_to_an_existing_statement_is_refused_to_readers(role, role_client):
    article = make_article(body="Kannani said again that Iran sent no drones to Russia.")
    before = written()
    response = role_client.post(
        create_url(article.pk), {"add_to": 16, "text": article.body, "start": "0"}
    )
    if role in WRITERS:
        assert response.status_code == 302
        assert Statement.objects.get(pk=16).quotes.filter(article=article).exists()
        return
    assert response.status_code == (302 if role == "anonymous" else 403)
    assert written() == before


@pytest.mark.parametrize("role", ROLES)
def test_actor_suggestions_answer_editors_only(role, role_client):
    response = role_client.get("/editor/actors.json", {"q": "kann"})
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role == "reader":
        assert response.status_code == 403
    else:
        assert response.json() == {
            "actors": [{"name": "Nasser Kanaani", "slug": "nasser-kanaani", "kind": "person"}]
        }


@pytest.mark.parametrize("role", ROLES)
def test_date_resolution_answers_editors_only(role, role_client):
    response = role_client.get(
        "/editor/resolve-date.json", {"article": RT_PESKOV, "wording": "on Monday"}
    )
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role == "reader":
        assert response.status_code == 403
    else:
        assert response.json() == {
            "date": "2022-10-17",
            "precision": "day",
            "label": "17 October 2022",
        }


# --- the suggestion and date helpers ---------------------------------------------------


def test_actor_suggestions_find_actors_by_any_alias_and_can_keep_to_persons(editor_client):
    by_alias = editor_client.get("/editor/actors.json", {"q": "kreml"}).json()
    assert [a["slug"] for a in by_alias["actors"]] == ["russia"]
    persons = editor_client.get("/editor/actors.json", {"q": "kreml", "persons": "1"}).json()
    assert persons == {"actors": []}
    peskov = editor_client.get("/editor/actors.json", {"q": "dmytro", "persons": "1"}).json()
    assert [a["slug"] for a in peskov["actors"]] == ["dmitry-peskov", "dmytro-kuleba"]
    assert editor_client.get("/editor/actors.json", {"q": "k"}).json() == {"actors": []}


def test_date_resolution_explains_a_wording_it_cannot_resolve(editor_client):
    response = editor_client.get(
        "/editor/resolve-date.json", {"article": RT_PESKOV, "wording": "The next day"}
    )
    assert response.status_code == 400
    assert "earlier event" in response.json()["error"]
    month = editor_client.get(
        "/editor/resolve-date.json", {"article": RT_PESKOV, "wording": "Last month"}
    )
    assert month.json() == {"date": "2022-09-01", "precision": "month", "label": "September 2022"}


@pytest.mark.parametrize("article", ["", "999999", "3x"])
def test_date_resolution_for_an_unknown_article_is_not_found(editor_client, article):
    response = editor_client.get(
        "/editor/resolve-date.json", {"article": article, "wording": "on Monday"}
    )
    assert response.status_code == 404


# --- the selection and the quote -------------------------------------------------------

EMOJI_BODY = (
    "Drones 🚀🛸 were seen over Kyiv at dawn. "
    "“We have sent nothing,” the ministry’s spokesman said 🙅, "
    "“and we never will.” Officials in Washington disagreed. 🇺🇸 The end."
)
EMOJI_SELECTION = "“We have sent nothing,” the ministry’s spokesman said 🙅, “and we never will.”"


def test_a_browser_selection_in_utf16_units_prefills_exactly_the_selected_words(editor_client):
    article = make_article(body=EMOJI_BODY)
    start = EMOJI_BODY.index(EMOJI_SELECTION)
    u16start = utf16_length(EMOJI_BODY[:start])
    u16end = u16start + utf16_length(EMOJI_SELECTION)
    assert (u16start, u16end) != (start, start + len(EMOJI_SELECTION))  # the test means it

    response = editor_client.get(create_url(article.pk), {"u16start": u16start, "u16end": u16end})

    assert response.status_code == 200
    assert response.context["form"].initial == {"text": EMOJI_SELECTION, "start": start}
    page = shown(response)
    assert f"\n{EMOJI_SELECTION}</textarea>" in page
    assert f'<input type="hidden" name="start" value="{start}"' in page


def test_saving_the_prefilled_selection_records_the_quote_at_its_code_point_offsets(editor_client):
    article = make_article(body=EMOJI_BODY, published_on=datetime.date(2022, 10, 20))
    iran = Actor.objects.get(slug="iran")
    claim = make_claim()
    start = EMOJI_BODY.index(EMOJI_SELECTION)
    u16start = utf16_length(EMOJI_BODY[:start])
    form = editor_client.get(
        create_url(article.pk),
        {"u16start": u16start, "u16end": u16start + utf16_length(EMOJI_SELECTION)},
    ).context["form"]

    statement = recorded(
        record(
            editor_client,
            article.pk,
            text=form.initial["text"],
            start=form.initial["start"],
            actor="Iran",
            claim=claim.slug,
        )
    )

    quote = statement.quotes.get()
    assert (statement.actor, quote.start, quote.end) == (iran, start, start + len(EMOJI_SELECTION))
    assert article.body[quote.start : quote.end] == quote.text == EMOJI_SELECTION


@pytest.mark.parametrize(
    "offsets",
    [
        {"u16start": "8", "u16end": "20"},  # 8 falls between the halves of 🚀
        {"u16start": "5", "u16end": "100000"},
        {"u16start": "30", "u16end": "10"},
        {"u16start": "x", "u16end": "10"},
        {"u16start": "10"},
    ],
)
def test_a_selection_that_cannot_be_converted_opens_an_empty_form(editor_client, offsets):
    article = make_article(body=EMOJI_BODY)
    response = editor_client.get(create_url(article.pk), offsets)
    assert response.status_code == 200
    assert response.context["form"].initial == {}


def test_pasted_words_without_offsets_are_found_in_the_article(editor_client):
    statement = recorded(record(editor_client, text="Neither Moscow nor Tehran confirmed"))
    quote = statement.quotes.get()
    body = quote.article.body
    assert quote.start == body.index("Neither Moscow nor Tehran confirmed")
    assert body[quote.start : quote.end] == "Neither Moscow nor Tehran confirmed"


def test_pasted_words_with_windows_line_breaks_are_found(editor_client):
    article = make_article(body="First line of the statement.\nSecond line of it. Other text.")
    actor, claim = make_actor(), make_claim()
    statement = recorded(
        record(
            editor_client,
            article.pk,
            text="statement.\r\nSecond line",
            actor=actor.slug,
            claim=claim.slug,
        )
    )
    assert statement.quotes.get().text == "statement.\nSecond line"


TWICE_BODY = (
    "Iran denied sending drones. 🚀 The United States said otherwise on Monday. "
    "Iran denied sending drones. Russia said nothing."
)


def test_words_that_occur_twice_ask_which_one_and_the_chosen_one_is_recorded(editor_client):
    article = make_article(body=TWICE_BODY)
    actor, claim = make_actor(), make_claim()
    first = TWICE_BODY.index("Iran denied sending drones.")
    second = TWICE_BODY.index("Iran denied sending drones.", first + 1)
    typed = {"text": "Iran denied sending drones.", "actor": actor.slug, "claim": claim.slug}
    before = written()

    asked = record(editor_client, article.pk, **typed)

    assert asked.status_code == 400
    assert written() == before
    assert "occur 2 times" in field_errors(asked, "text")[0]
    assert [at for at, _, _ in asked.context["occurrences"]] == [first, second]
    for at in (first, second):
        assertContains(asked, f'<input type="radio" name="start" value="{at}">', status_code=400)
    assertContains(asked, f"(character {second})", status_code=400)

    # The browser sends the empty hidden `start` and then the chosen radio button.
    chosen = recorded(record(editor_client, article.pk, **typed, start=["", str(second)]))
    quote = chosen.quotes.get()
    assert (quote.start, quote.end) == (second, second + len(typed["text"]))
    assert quote.prefix.endswith("said otherwise on Monday. ")


def test_a_start_that_no_longer_matches_the_words_is_looked_up_again(editor_client):
    article = make_article(body=TWICE_BODY)
    actor, claim = make_actor(), make_claim()
    statement = recorded(
        record(
            editor_client,
            article.pk,
            text="Russia said nothing.",
            start="3",
            actor=actor.slug,
            claim=claim.slug,
        )
    )
    assert statement.quotes.get().start == TWICE_BODY.index("Russia said nothing.")


def test_words_not_in_the_article_are_an_error_on_the_quote_that_keeps_them(editor_client):
    before = written()
    response = record(editor_client, text="Iran sent ten thousand drones.", note="my note")
    assert response.status_code == 400
    assert "do not occur in the article" in field_errors(response, "text")[0]
    page = shown(response)
    assert "<strong>Quote:</strong> These words do not occur" in page
    assert "Iran sent ten thousand drones.</textarea>" in page
    assert 'value="Kremlin"' in page and "my note</textarea>" in page
    assert written() == before


# --- actors ----------------------------------------------------------------------------


def test_actor_and_speaker_are_found_by_their_aliases(editor_client):
    kremlin = recorded(record(editor_client))
    assert kremlin.actor.slug == "russia"
    kannani = recorded(
        record(
            editor_client,
            HOTNEWS,
            text="The next day, Kannani made similar statements",
            actor="Tehran",
            speaker="Kannani",
            claim="iran-agreed-to-supply-missiles-to-russia",
            made_on="2022-10-18",
        )
    )
    assert (kannani.actor.slug, kannani.speaker.slug) == ("iran", "nasser-kanaani")


def test_an_unknown_actor_is_an_error_naming_the_field_with_a_suggestion(editor_client):
    before = written()
    response = record(editor_client, actor="Kiyv", note="kept")
    assert response.status_code == 400
    [error] = field_errors(response, "actor")
    assert "No actor is called “Kiyv”" in error
    assert "Did you mean Ukraine?" in error
    page = shown(response)
    assert "<strong>Actor:</strong> No actor is called “Kiyv”" in page
    assert 'value="Kiyv"' in page and f"{UNQUOTED}</textarea>" in page
    assert written() == before


def test_a_speaker_must_be_a_known_person(editor_client):
    before = written()
    response = record(editor_client, speaker="Peskow")
    assert response.status_code == 400
    [error] = field_errors(response, "speaker")
    assert "No person is called “Peskow”" in error and "Did you mean Dmitry Peskov?" in error
    not_a_person = record(editor_client, speaker="Iran")
    assert "No person" in field_errors(not_a_person, "speaker")[0]
    assert f"{UNQUOTED}</textarea>" in shown(not_a_person)  # what was typed is kept
    assert written() == before


def test_an_editor_creates_a_new_actor_by_giving_its_kind(editor_client):
    statement = recorded(record(editor_client, actor="Belarus", new_actor_kind="state"))
    belarus = Actor.objects.get(name="Belarus")
    assert (statement.actor, belarus.slug, belarus.kind) == (belarus, "belarus", "state")
    assert belarus.history.get().history_user.username == "editor"


def test_a_new_actor_close_to_an_existing_one_needs_confirm_new(editor_client):
    typed = {"actor": "Nasser Kanaany", "new_actor_kind": "person"}
    before = written()
    asked = record(editor_client, **typed)
    assert asked.status_code == 400
    assert "is close to Nasser Kanaani" in field_errors(asked, "actor")[0]
    assert written() == before
    assertContains(asked, '<option value="person" selected>', status_code=400)

    statement = recorded(record(editor_client, **typed, confirm_new="on"))
    assert statement.actor.name == "Nasser Kanaany"
    assert statement.actor.slug == "nasser-kanaany"


# --- claims ----------------------------------------------------------------------------


def test_a_claim_is_found_by_its_text_ignoring_case(editor_client):
    statement = recorded(
        record(
            editor_client,
            claim="russia is building a plant to produce iranian-designed drones with iran's help",
        )
    )
    assert statement.claim.slug == "russia-iran-drone-factory"


def test_a_new_claim_close_to_an_existing_one_needs_confirm_new(editor_client):
    near = "Iran supplied attack drones to Russia for its war on Ukraine"
    before = written()
    asked = record(editor_client, claim=near)
    assert asked.status_code == 400
    [error] = field_errors(asked, "claim")
    assert "close to existing ones" in error and "(iran-supplied-drones-to-russia)" in error
    assert f'value="{near}"' in shown(asked)
    assert f"{UNQUOTED}</textarea>" in shown(asked)
    assert written() == before

    statement = recorded(record(editor_client, claim=near, confirm_new="on"))
    assert statement.claim.text == near
    assert statement.claim.slug == "iran-supplied-attack-drones-to-russia-for-its-war-on-ukraine"


def test_a_new_claim_unlike_any_other_is_created_at_once(editor_client):
    statement = recorded(record(editor_client, claim="Iran sold tanks to Venezuela"))
    assert Claim.objects.get(slug="iran-sold-tanks-to-venezuela") == statement.claim


# --- dates -----------------------------------------------------------------------------


def test_date_wording_without_a_date_comes_back_resolved_for_the_editor_to_check(editor_client):
    typed = {"date_wording": "on Monday", "made_on": "", "made_on_precision": ""}
    before = written()

    checked = record(editor_client, **typed)

    assert checked.status_code == 400
    assert written() == before
    [message] = field_errors(checked, "made_on")
    assert "“on Monday” resolves to 17 October 2022 (day precision)" in message
    page = shown(checked)
    assert 'name="made_on" value="2022-10-17"' in page
    assert '<option value="day" selected>' in page
    assert 'value="on Monday"' in page and f"{UNQUOTED}</textarea>" in page

    form = checked.context["form"]
    statement = recorded(
        record(
            editor_client,
            date_wording="on Monday",
            made_on=form.data["made_on"],
            made_on_precision=form.data["made_on_precision"],
        )
    )
    assert (statement.made_on, statement.made_on_precision, statement.date_wording) == (
        datetime.date(2022, 10, 17),
        "day",
        "on Monday",
    )


def test_a_date_given_without_precision_takes_it_from_the_wording(editor_client):
    statement = recorded(
        record(editor_client, date_wording="Last month", made_on="2022-09-01", made_on_precision="")
    )
    assert statement.made_on_precision == "month"


def test_wording_that_counts_from_another_event_asks_for_the_date(editor_client):
    before = written()
    response = record(editor_client, date_wording="The next day", made_on="", made_on_precision="")
    assert response.status_code == 400
    [error] = field_errors(response, "made_on")
    assert "earlier event" in error and "Give the date yourself" in error
    assert "<strong>Date made:</strong>" in shown(response)
    assert f"{UNQUOTED}</textarea>" in shown(response)
    assert written() == before


def test_no_date_and_no_wording_asks_for_one(editor_client):
    response = record(editor_client, made_on="", made_on_precision="")
    assert "Give the date, or the article's words for it." in field_errors(response, "made_on")


def test_wording_that_contradicts_the_precision_is_an_error(editor_client):
    before = written()
    response = record(
        editor_client, date_wording="in September", made_on="2022-09-01", made_on_precision="day"
    )
    assert response.status_code == 400
    [error] = field_errors(response, "made_on_precision")
    assert "“in September” gives month precision, not day" in error
    assert "<strong>Precision:</strong>" in shown(response)
    assertContains(response, 'value="in September"', status_code=400)
    assert f"{UNQUOTED}</textarea>" in shown(response)
    assert written() == before


def test_a_month_precision_date_must_be_the_first_of_the_month(editor_client):
    response = record(editor_client, made_on="2022-09-15", made_on_precision="month")
    assert response.status_code == 400
    assert "first day of its month: 2022-09-01" in field_errors(response, "made_on")[0]


# --- duplicates ------------------------------------------------------------------------

AGAIN = "Kannani said again that Iran sent no drones to Russia."


@pytest.fixture
def kannani_again():
    """Another article reporting what Kanaani said on 18 October (seed statement 16)."""
    article = make_article(body=f"On Tuesday {AGAIN} Nobody else spoke.")
    typed = {
        "text": AGAIN,
        "actor": "Tehran",
        "speaker": "Kannani",
        "claim": "iran-supplied-drones-to-russia",
        "made_on": "2022-10-18",
        "date_wording": "On Tuesday",
    }
    return article, typed


def test_a_similar_statement_is_offered_and_nothing_is_saved(editor_client, kannani_again):
    article, typed = kannani_again
    before = written()
    offered = record(editor_client, article.pk, **typed)
    assert offered.status_code == 400
    assert [s.pk for s in offered.context["similar"]] == [15, 16]
    assert written() == before
    page = shown(offered)
    assert "This looks like a statement already recorded" in page
    assert "Add this quote to statement #16" in page
    assert '<input type="hidden" name="add_to" value="16">' in page
    assert f'<input type="hidden" name="text" value="{AGAIN}">' in page
    assert f'<input type="hidden" name="start" value="{len("On Tuesday ")}">' in page


def test_adding_the_quote_to_the_similar_statement_makes_no_new_statement(
    editor_client, kannani_again
):
    article, typed = kannani_again
    record(editor_client, article.pk, **typed)
    statements = Statement.objects.count()
    response = editor_client.post(
        create_url(article.pk), {"add_to": "16", "text": AGAIN, "start": str(len("On Tuesday "))}
    )
    assert response.status_code == 302 and response["Location"] == "/statements/16/"
    assert Statement.objects.count() == statements
    quote = Statement.objects.get(pk=16).quotes.get(article=article)
    assert (quote.start, quote.text) == (len("On Tuesday "), AGAIN)
    # Added twice, it is refused rather than duplicated.
    again = editor_client.post(create_url(article.pk), {"add_to": "16", "text": AGAIN}, follow=True)
    assertContains(again, "already has this quote")
    assert Statement.objects.get(pk=16).quotes.filter(article=article).count() == 1


def test_a_quote_across_a_line_break_is_added_as_the_browser_sends_it(editor_client):
    article = make_article(body="Iran denied it again.\nIt sent no drones. Other news.")
    statement = make_statement(article=article, quote="Iran denied it again.")
    # Browsers send every line break of a form, hidden inputs included, as CRLF.
    response = editor_client.post(
        create_url(article.pk), {"add_to": statement.pk, "text": "again.\r\nIt sent no drones."}
    )
    assert response.status_code == 302
    assert statement.quotes.filter(text="again.\nIt sent no drones.").exists()


@pytest.mark.parametrize("add_to", ["999999", "sixteen"])
def test_adding_to_a_statement_that_does_not_exist_is_not_found(
    editor_client, kannani_again, add_to
):
    article, _ = kannani_again
    before = written()
    response = editor_client.post(create_url(article.pk), {"add_to": add_to, "text": AGAIN})
    assert response.status_code == 404
    assert written() == before


def test_confirm_separate_records_a_statement_of_its_own(editor_client, kannani_again):
    article, typed = kannani_again
    statement = recorded(record(editor_client, article.pk, **typed, confirm_separate="on"))
    assert statement.pk not in (15, 16)
    assert statement.speaker.slug == "nasser-kanaani"
    assert statement.quotes.get().article == article


def test_a_statement_on_another_claim_is_not_similar(editor_client, kannani_again):
    article, typed = kannani_again
    other = {**typed, "claim": "iran-agreed-to-supply-missiles-to-russia"}
    assert recorded(record(editor_client, article.pk, **other)).claim.slug == other["claim"]


# --- forms and CSRF --------------------------------------------------------------------


def test_every_form_on_the_record_page_carries_a_csrf_token(editor_client, kannani_again):
    article, typed = kannani_again
    page = record(editor_client, article.pk, **typed).content.decode()
    forms = re.findall(r'<form method="post".*?</form>', page, flags=re.DOTALL)
    # Two "add this quote to statement #N" forms, the statement form and sign-out.
    assert len(forms) == 4
    assert all('name="csrfmiddlewaretoken"' in form for form in forms)


def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(editor):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    before = written()
    refused = browser.post(create_url(RT_PESKOV), VALID)
    assert refused.status_code == 403
    assert written() == before

    browser.get(create_url(RT_PESKOV))
    token = browser.cookies["csrftoken"].value
    accepted = browser.post(create_url(RT_PESKOV), {**VALID, "csrfmiddlewaretoken": token})
    assert recorded(accepted).claim.slug == "russia-iran-drone-factory"


def test_article_text_in_the_form_is_escaped(editor_client):
    article = make_article(body="He said <script>alert(1)</script> twice. End.")
    response = editor_client.get(create_url(article.pk), {"u16start": "8", "u16end": "33"})
    assert response.context["form"].initial["text"] == "<script>alert(1)</script>"
    assertNotContains(response, "<script>alert(1)</script>")
    assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
