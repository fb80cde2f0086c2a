"""What "the allegations", "the charges" or "the information" are: the claims asserted
elsewhere in the article, one proposal per claim of the owner named; and a negation
that agrees with a negative claim asserts it."""

from __future__ import annotations

import pytest

from tests.factories import make_actor, make_claim


@pytest.fixture
def court(newsroom):
    make_actor(name="Tom Reed", slug="tom-reed", kind="person")
    make_claim(slug="reed-took-bribes", text="Tom Reed took bribes from a builder")
    make_claim(slug="reed-hid-payments", text="Tom Reed hid the payments from the auditors")


PROSECUTION = (
    "Reed took bribes from a builder, the Justice Department said on Monday. "
    "“Reed never disclosed the payments to the auditors,” it added. "
)


def test_a_negation_agreeing_with_a_negative_claim_asserts_it(court, proposals_for):
    took, hid = proposals_for(PROSECUTION)
    assert (took.actor.slug, took.stance, took.claim.slug) == ("us", "asserted", "reed-took-bribes")
    assert (hid.actor.slug, hid.stance, hid.claim.slug) == ("us", "asserted", "reed-hid-payments")


def test_a_denial_of_the_owners_allegations_denies_each_of_its_claims(court, proposals_for):
    found = proposals_for(
        PROSECUTION + "Tom Reed said the Justice Department's allegations are false."
    )
    denials = [p for p in found if p.actor.slug == "tom-reed"]
    assert [(p.stance, p.claim.slug) for p in denials] == [
        ("denied", "reed-took-bribes"),
        ("denied", "reed-hid-payments"),
    ]
    assert denials[0].start == denials[1].start


def test_a_plea_of_not_guilty_answers_the_charges_of_the_nearest_assertion(court, proposals_for):
    found = proposals_for("Tom Reed pleaded not guilty on Tuesday. " + PROSECUTION)
    assert (found[0].actor.slug, found[0].stance, found[0].claim.slug) == (
        "tom-reed",
        "denied",
        "reed-took-bribes",
    )


def test_the_information_denied_is_what_was_asserted_before(proposals_for):
    claimed, denied = proposals_for(
        "Blinken said the United States had information that Russia requested hundreds of "
        "drones from Iran. Moscow, in turn, denied the information."
    )
    assert claimed.claim.slug == "russia-sought-drones"
    assert (denied.actor.slug, denied.stance, denied.claim.slug) == (
        "russia",
        "denied",
        "russia-sought-drones",
    )


def test_a_report_that_says_what_it_is_is_no_anaphora(proposals_for):
    _, denied = proposals_for(
        "Blinken said Russia requested hundreds of drones from Iran. "
        "Tehran denied the reports that it supplied attack drones to Russia."
    )
    assert denied.claim.slug == "iran-supplied-drones"
