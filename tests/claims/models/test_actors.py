"""The rules of actors and their aliases (claims/models/actors.py), in forms (full_clean)
and in the database: who may speak for whom, and names and aliases unique whatever
their case."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from claims.models import Actor, ActorAlias
from tests.factories import make_actor

pytestmark = pytest.mark.django_db


# --- who may speak for whom ------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["state", "organisation", "media"])
def test_only_a_person_can_speak_for_someone(iran, kind):
    actor = Actor(name="Somebody", slug="somebody", kind=kind, speaks_for=iran)

    with pytest.raises(ValidationError) as raised:
        actor.full_clean()

    assert "speaks_for" in raised.value.message_dict
    assert "Only a person" in raised.value.message_dict["speaks_for"][0]


def test_the_database_refuses_a_state_that_speaks_for_another_on_update(iran):
    russia = make_actor(name="Russia", slug="russia", kind="state")

    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.filter(pk=russia.pk).update(speaks_for=iran)

    russia.refresh_from_db()
    assert russia.speaks_for is None


def test_the_database_refuses_creating_a_media_actor_that_speaks_for_a_state(iran):
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.create(name="State TV", slug="state-tv", kind="media", speaks_for=iran)

    assert not Actor.objects.filter(slug="state-tv").exists()


@pytest.mark.parametrize("kind", ["person", "media"])
def test_a_person_cannot_speak_for_a_person_or_a_media_actor(kind):
    body = make_actor(kind=kind)
    person = Actor(name="A Spokesman", slug="a-spokesman", kind="person", speaks_for=body)

    with pytest.raises(ValidationError) as raised:
        person.full_clean()

    assert f"is a {kind}; a person can only speak" in " ".join(
        raised.value.message_dict["speaks_for"]
    )


def test_a_person_can_speak_for_a_state_or_an_organisation(iran):
    eu = make_actor(name="European Union", slug="eu", kind="organisation")
    Actor(name="A", slug="a", kind="person", speaks_for=iran).full_clean()
    Actor(name="B", slug="b", kind="person", speaks_for=eu).full_clean()


# --- aliases and names --------------------------------------------------------------------


def test_aliases_are_unique_whatever_their_case():
    make_actor(name="Ukraine", slug="ukraine", aliases=("Kiev",))
    other = make_actor(name="Somewhere", slug="somewhere")

    with pytest.raises(IntegrityError), transaction.atomic():
        ActorAlias.objects.create(actor=other, name="kiev")

    assert ActorAlias.objects.filter(name__iexact="kiev").count() == 1


def test_an_alias_in_another_case_is_refused_by_full_clean():
    make_actor(name="Ukraine", slug="ukraine", aliases=("Kiev",))
    other = make_actor(name="Somewhere", slug="somewhere")

    with pytest.raises(ValidationError) as raised:
        ActorAlias(actor=other, name="KIEV").full_clean()

    assert "name" in raised.value.message_dict or "__all__" in raised.value.message_dict


def test_an_alias_equal_to_another_actors_name_is_refused(iran):
    russia = make_actor(name="Russia", slug="russia")

    with pytest.raises(ValidationError) as raised:
        ActorAlias(actor=russia, name="iran").full_clean()

    assert "Iran" in raised.value.message_dict["name"][0]


def test_an_actor_may_keep_its_own_alias_when_it_is_cleaned_again(iran):
    alias = iran.aliases.get()
    alias.full_clean()
    iran.full_clean()


def test_an_actor_named_like_another_actors_alias_is_refused(iran):
    actor = Actor(name="tehran", slug="tehran", kind="state")

    with pytest.raises(ValidationError) as raised:
        actor.full_clean()

    assert "already an alias of Iran" in raised.value.message_dict["name"][0]


def test_actor_names_are_unique_whatever_their_case(iran):
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.create(name="IRAN", slug="iran-2", kind="state")
