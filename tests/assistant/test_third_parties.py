"""A third party named by its report, claim or denial ("denying a Washington Post
report that ...", "the Kremlin's claim that ...") is proposed with its own stance beside
the speaker's; and a quotation standing alone is the words of the speaker the next
quotation names."""

from __future__ import annotations


def test_a_denied_report_is_the_reporters_assertion(proposals_for):
    found = proposals_for(
        "Tehran said on Monday it had not sold drones to Moscow, denying a Washington Post "
        "report that Iran supplied attack drones to Russia."
    )
    by_actor = {(p.actor.slug, p.stance) for p in found}
    assert ("washington-post", "asserted") in by_actor
    assert ("iran", "denied") in by_actor
    report = next(p for p in found if p.actor.slug == "washington-post")
    assert report.text == "a Washington Post report that Iran supplied attack drones to Russia"
    assert report.claim.slug == "iran-supplied-drones"


def test_a_possessive_claim_is_its_owners_assertion(only):
    proposal = only(
        "This contradicts the Kremlin’s claim in a televised address that Russia had "
        "bought drones from Iran."
    )
    assert (proposal.actor.slug, proposal.stance) == ("russia", "asserted")
    assert proposal.cue == "claim"


def test_unowned_reports_are_no_ones_assertion(proposals_for):
    assert proposals_for("The reports that drones were seen over the port worried traders.") == []


def test_a_quotation_before_another_is_the_next_speakers(proposals_for):
    body = (
        "Drones flew over Kyiv on Monday.\n\n"
        "“We have not supplied any weapons to Russia. We never will,”\n\n"
        "“The reports are lies,” Iran’s foreign ministry spokesman said."
    )
    first, second = proposals_for(body)
    assert first.text == "We have not supplied any weapons to Russia. We never will"
    assert body[first.start : first.end] == first.text
    assert first.speaker.slug == second.speaker.slug == "nasser-kanaani"
    assert first.stance == "denied"


def test_a_quotation_after_no_speaker_and_before_none_is_not_proposed(proposals_for):
    assert proposals_for("Drones flew over Kyiv.\n\n“There were many of them.”\n\nIt rained.") == []
