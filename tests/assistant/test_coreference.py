"""Who "the company", "the department" or "it" is: the nearest state or organisation
named before that the noun fits, the subject of a sentence before its other mentions;
and the subject next to the verb rather than a name in an apposition before it."""

from __future__ import annotations

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
