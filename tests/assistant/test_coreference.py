"""Who "the company", "the department" or "it" is: the nearest state or organisation
named before that the noun fits, the subject of a sentence before its other mentions;
and the subject next to the verb rather than a name in an apposition before it."""

from __future__ import annotations

from claims.models import Actor
from tests.factories import make_actor


def test_the_company_is_the_last_company_named_not_the_party(proposals_for):
    make_actor(name="Northwind Shipping", slug="northwind", kind="organisation")
    make_actor(name="Green Future Party", slug="green-future", kind="organisation")
    found = proposals_for(
        "The Green Future Party said Northwind Shipping had dumped waste in the harbour. "
        "In its statement, the family-owned container shipping company said it had never "
        "dumped waste."
    )
    assert [(p.actor.slug, p.stance) for p in found] == [
        ("green-future", "asserted"),
        ("northwind", "denied"),
    ]


def test_the_company_is_the_subject_of_the_sentence_before(proposals_for):
    make_actor(name="Northwind Shipping", slug="northwind", kind="organisation")
    make_actor(name="Southport Freight", slug="southport", kind="organisation")
    found = proposals_for(
        "Northwind Shipping has been in talks with Southport Freight since May, "
        "The Washington Post reported. "
        "“Northwind can confirm that the talks took place,” the company said."
    )
    assert [p.actor.slug for p in found] == ["washington-post", "northwind"]


def test_the_department_is_the_state_whose_department_spoke(proposals_for):
    found = proposals_for(
        "The mayor took bribes from a builder, the Justice Department said on Monday. "
        "“He hid the payments,” the department said."
    )
    assert [p.actor.slug for p in found] == ["us", "us"]


def test_the_subject_next_to_the_verb_wins_over_a_name_in_an_apposition(only):
    proposal = only(
        "The mayor “took close to $1 million” from Maria Zakharova, a retired teacher, "
        "the Justice Department said."
    )
    assert proposal.actor.slug == "us"
    assert proposal.speaker is None


def test_the_minister_is_the_person_of_the_article_whose_title_holds_the_word(proposals_for):
    russia = Actor.objects.get(slug="russia")
    make_actor(
        name="Olga Vetrova",
        slug="olga-vetrova",
        kind="person",
        speaks_for=russia,
        description="Minister of Transport of Russia",
    )
    found = proposals_for(
        "Olga Vetrova opened a bridge over the river on Monday. "
        "Speaking at the ‘Bridge Of Friendship’ ceremony, the minister said that Iran had "
        "sent no drones to Russia."
    )
    assert [(p.actor.slug, p.speaker.slug) for p in found] == [("russia", "olga-vetrova")]


def test_a_description_fits_the_person_whose_title_holds_most_of_its_words(proposals_for):
    for slug, town in (("ann-reed", "Northfield"), ("bea-cole", "Southfield")):
        make_actor(
            name=slug.replace("-", " ").title(),
            slug=slug,
            kind="person",
            description=f"Councillor for {town}",
        )
    found = proposals_for(
        "Ann Reed and Bea Cole spoke at the meeting. "
        "“I never took any money from the builder,” the Southfield councillor said."
    )
    assert [(p.actor.slug, p.stance) for p in found] == [("bea-cole", "denied")]


def test_a_description_naming_someone_itself_is_not_a_person_of_the_article(proposals_for):
    make_actor(name="Carl Holm", slug="carl-holm", kind="person", description="Senior official")
    found = proposals_for(
        "Carl Holm arrived in Kyiv. A senior EU official said there was no evidence of "
        "missile shipments."
    )
    assert [p.actor.slug for p in found] == ["eu"]


def test_the_jury_is_the_court_the_article_names(proposals_for):
    make_actor(name="Masonville District Court", slug="masonville-court", kind="organisation")
    make_actor(name="Acme Pumps", slug="acme", kind="organisation")
    found = proposals_for(
        "The jury said Acme Pumps did not prove that the patents were invalid. "
        "The case is Acme Pumps v. Brook, Masonville District Court, No. 12-3."
    )
    assert [(p.actor.slug, p.stance) for p in found] == [("masonville-court", "denied")]
