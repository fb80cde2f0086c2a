from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers, status

from claims import actions, queries, suggestions
from claims.exports.statements import statement_record
from claims.models import (
    Actor,
    ActorAlias,
    ActorKind,
    Claim,
    DatePrecision,
    Quote,
    Stance,
    Statement,
)
from claims.models.actors import wikidata_id_validator
from claims.standing import Standing
from claimtracker.rest import ModelCleanMixin, RecordReference, SlugReference, error_dict
from sources.models import Article


class ActorReference(SlugReference):
    """An actor named by its slug, or by the slug of an actor merged into it; a slug that
    names no actor is refused with the actor that was probably meant."""

    def __init__(self, *, noun: str = "actor", persons_only_hint: bool = False, **kwargs):
        self.noun, self.persons_only_hint = noun, persons_only_hint
        super().__init__(slug_field="slug", **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" not in data:
            actors = self.get_queryset()
            found = actors.filter(slug=data).first()
            if found is None:
                target = queries.merged_targets(Actor, [data]).get(data)
                found = actors.filter(pk=target.pk).first() if target else None
            if found is not None:
                return found
            among = actors.filter(kind=ActorKind.PERSON) if self.persons_only_hint else actors
            hint = suggestions.actor_hint(data, among=among)
            raise serializers.ValidationError(
                f"No {self.noun} with the slug '{data}'" + (f"; {hint}" if hint else ".")
            )
        return super().to_internal_value(data)


class ClaimReference(SlugReference):
    """A claim by its slug, or by the slug of a claim merged into it."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", queryset=Claim.objects.all(), **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" not in data:
            found = Claim.objects.filter(slug=data).first() or queries.merged_targets(
                Claim, [data]
            ).get(data)
            if found is not None:
                return found
            hint = suggestions.claim_hint(data)
            raise serializers.ValidationError(
                f"No claim with the slug '{data}'" + (f"; {hint}" if hint else ".")
            )
        return super().to_internal_value(data)


class AliasListField(serializers.ListField):
    """Aliases as a list of names; reads them from the actor's alias rows."""

    def to_representation(self, data):
        names = [alias.name for alias in data.all()] if hasattr(data, "all") else data
        return super().to_representation(names)


class ActorSerializer(ModelCleanMixin, serializers.ModelSerializer):
    speaks_for = SlugReference(
        slug_field="slug",
        queryset=Actor.objects.filter(kind__in=[ActorKind.STATE, ActorKind.ORGANISATION]),
        allow_null=True,
        required=False,
    )
    aliases = AliasListField(child=serializers.CharField(max_length=200), required=False)
    clean_exclude = ("aliases",)

    class Meta:
        model = Actor
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "speaks_for",
            "description",
            "note",
            "aliases",
            "wikidata_id",
            "version",
        ]
        read_only_fields = ["version"]
        # The format check only: Actor.clean names the actor that has a taken id,
        # where DRF's unique validator would not.
        extra_kwargs = {"wikidata_id": {"validators": [wikidata_id_validator]}}

    def validate_aliases(self, names: list[str]) -> list[str]:
        names = [name.strip() for name in names if name.strip()]
        folded = [name.casefold() for name in names]
        if len(set(folded)) != len(folded):
            raise serializers.ValidationError("The same alias is given twice.")
        if len(names) > 100:
            raise serializers.ValidationError("Give at most 100 aliases.")
        mine = self.instance.pk if self.instance else None
        problems = []
        for name in names:
            alias = ActorAlias.objects.filter(name__iexact=name).exclude(actor_id=mine).first()
            if alias:
                problems.append(f"“{name}” is already an alias of {alias.actor}.")
            elif Actor.objects.filter(name__iexact=name).exclude(pk=mine).exists():
                problems.append(f"“{name}” is the name of another actor.")
        if problems:
            raise serializers.ValidationError(problems)
        return names

    def create(self, validated_data):
        aliases = validated_data.pop("aliases", [])
        with transaction.atomic():
            actor = super().create(validated_data)
            self._set_aliases(actor, aliases)
        return actor

    def update(self, instance, validated_data, expected_version=None):
        aliases = validated_data.pop("aliases", None)
        with transaction.atomic():
            actor = super().update(instance, validated_data, expected_version)
            if aliases is not None:
                self._set_aliases(actor, aliases)
        return actor

    def _set_aliases(self, actor: Actor, names: list[str]) -> None:
        wanted = {name.casefold(): name for name in names}
        for alias in actor.aliases.all():
            if alias.name.casefold() not in wanted:
                alias.delete()  # one delete per alias keeps each in the history
            else:
                wanted.pop(alias.name.casefold())
        for name in wanted.values():
            ActorAlias.objects.create(actor=actor, name=name)


class ClaimSerializer(ModelCleanMixin, serializers.ModelSerializer):
    standing = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = ["id", "slug", "text", "note", "standing", "version"]
        read_only_fields = ["version"]

    @extend_schema_field(
        serializers.ChoiceField(
            choices=[value for value in Standing],
            help_text=(
                "Derived from the statements: unaddressed (none yet), asserted (only "
                "asserted), denied (only denied), disputed (asserted and denied), confirmed "
                "(confirmed, no denial after the first confirmation), confirmed_disputed "
                "(confirmed, and denials went on after it)."
            ),
        )
    )
    def get_standing(self, claim: Claim) -> str:
        if not hasattr(claim, "asserted_count"):
            claim = queries.claims_for_list().get(pk=claim.pk)
        return str(queries.claim_standing(claim))


class QuoteInputSerializer(serializers.Serializer):
    article = RecordReference(queryset=Article.objects.all())
    text = serializers.CharField(trim_whitespace=False)
    start = serializers.IntegerField(required=False, allow_null=True, min_value=0)


class QuoteOutSerializer(serializers.Serializer):
    article = serializers.IntegerField()
    article_url = serializers.CharField()
    outlet = serializers.CharField()
    published_on = serializers.DateField()
    text = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()


class ClaimRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    text = serializers.CharField()


class StatementSerializer(ModelCleanMixin, serializers.ModelSerializer):
    # The docstring is this component's description in the published OpenAPI schema.
    """Reads in the export's shape (claims.exports.statement_record); writes by slugs."""

    actor = ActorReference(queryset=Actor.objects.all())
    # Any actor is taken here, so that a state named as speaker gets the model's own
    # message ("Russia is a state; a speaker must be a person."), not "no such person".
    speaker = ActorReference(
        noun="person",
        persons_only_hint=True,
        queryset=Actor.objects.all(),
        allow_null=True,
        required=False,
    )
    claim = ClaimReference()
    stance = serializers.ChoiceField(choices=Stance.choices)
    made_on_precision = serializers.ChoiceField(choices=DatePrecision.choices)
    quotes = QuoteInputSerializer(many=True, write_only=True, required=False)
    allow_duplicate = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text=(
            "Record it even though the same actor took the same stance on the same claim "
            f"within {suggestions.NEAR_DAYS} days (otherwise 409, naming that statement)."
        ),
    )
    clean_exclude = ("quotes", "allow_duplicate")

    class Meta:
        model = Statement
        fields = [
            "id",
            "actor",
            "speaker",
            "claim",
            "stance",
            "made_on",
            "made_on_precision",
            "date_wording",
            "note",
            "quotes",
            "allow_duplicate",
            "version",
        ]
        read_only_fields = ["version"]

    def validate(self, attrs):
        if self.instance is None and not attrs.get("quotes"):
            raise serializers.ValidationError(
                {"quotes": ["A statement needs at least one quote: give article and text."]}
            )
        if self.instance is not None and "quotes" in attrs:
            raise serializers.ValidationError(
                {"quotes": ["Add or remove quotes through /api/v1/quotes/."]}
            )
        return super().validate(attrs)

    def create(self, validated_data):
        quotes = validated_data.pop("quotes")
        specs = [actions.QuoteSpec(q["article"], q["text"], q.get("start")) for q in quotes]
        try:
            return actions.record_statement(quotes=specs, **validated_data)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error_dict(error)) from None
        except actions.AlreadyRecorded as duplicate:
            raise DuplicateStatement(
                duplicate.existing, specs[0], self.context.get("request")
            ) from None

    def to_representation(self, statement):
        if not hasattr(statement, "_prefetched_objects_cache"):
            statement = queries.statements_for_api().get(pk=statement.pk)
        request = self.context.get("request")
        absolute = request.build_absolute_uri if request else (lambda url: url)
        record = statement_record(statement, absolute)
        record["note"] = statement.note
        record["version"] = statement.version
        return record


class DuplicateStatement(exceptions.APIException):
    """409: the statement is already recorded. The answer names it and gives the request
    that adds the quote to it instead."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "duplicate"

    def __init__(self, existing: Statement, quote: actions.QuoteSpec, request) -> None:
        absolute = request.build_absolute_uri if request else (lambda url: url)
        url = absolute(reverse("api:statement-detail", args=[existing.pk]))
        self.location = url  # claimtracker.rest.exception_handler sends it
        answer = {
            "detail": (
                f"Statement #{existing.pk} already records that {existing.actor} "
                f"{existing.stance} this claim on {existing.made_on:%Y-%m-%d}. Add your "
                f"quote to it with POST /api/v1/quotes/ (statement {existing.pk}), or "
                'send "allow_duplicate": true to record a separate statement.'
            ),
            "duplicate_of": {"id": existing.pk, "url": url},
            "add_quote": {
                "method": "POST",
                "url": absolute(reverse("api:quote-list")),
                "body": {
                    "statement": existing.pk,
                    "article": quote.article.pk,
                    "text": quote.text,
                    **({"start": quote.start} if quote.start is not None else {}),
                },
            },
        }
        super().__init__(answer)
        self.detail = answer  # as given: DRF would turn the ids into strings


class StatementOutSerializer(serializers.Serializer):
    """The read shape, for the schema (StatementSerializer produces it)."""

    id = serializers.IntegerField()
    claim = ClaimRefSerializer()
    actor = serializers.CharField()
    actor_name = serializers.CharField()
    speaker = serializers.CharField(allow_null=True)
    speaker_name = serializers.CharField(allow_null=True)
    stance = serializers.ChoiceField(choices=Stance.choices)
    made_on = serializers.DateField()
    made_on_precision = serializers.ChoiceField(choices=DatePrecision.choices)
    date_wording = serializers.CharField()
    note = serializers.CharField()
    quotes = QuoteOutSerializer(many=True)
    url = serializers.URLField()
    actor_wikidata = serializers.CharField(allow_null=True, help_text="e.g. Q794")
    speaker_wikidata = serializers.CharField(allow_null=True)
    version = serializers.IntegerField()


class QuoteSerializer(serializers.ModelSerializer):
    statement = RecordReference(queryset=Statement.objects.all())
    article = RecordReference(queryset=Article.objects.all())
    text = serializers.CharField(trim_whitespace=False)
    start = serializers.IntegerField(required=False, allow_null=True, min_value=0)

    class Meta:
        model = Quote
        fields = [
            "id",
            "statement",
            "article",
            "text",
            "start",
            "end",
            "prefix",
            "suffix",
            "version",
        ]
        read_only_fields = ["end", "prefix", "suffix", "version"]

    def create(self, validated_data):
        spec = actions.QuoteSpec(
            validated_data["article"], validated_data["text"], validated_data.get("start")
        )
        try:
            return actions.add_quote(statement=validated_data["statement"], spec=spec)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error_dict(error)) from None

    def update(self, instance, validated_data, expected_version=None):
        article = validated_data.get("article", instance.article)
        spec = actions.QuoteSpec(
            article, validated_data.get("text", instance.text), validated_data.get("start")
        )
        try:
            anchored = actions.anchor_quote(spec)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error_dict(error)) from None
        statement = validated_data.get("statement", instance.statement)
        # As add_quote: a 400, not the unique constraint's IntegrityError (a 500).
        duplicate = statement.quotes.filter(
            article=article, start=anchored.start, end=anchored.end
        ).exclude(pk=instance.pk)
        if duplicate.exists():
            raise serializers.ValidationError({"text": ["This statement already has this quote."]})
        instance.statement = statement
        instance.article = article
        instance.start, instance.end, instance.text = anchored.start, anchored.end, anchored.text
        instance.prefix, instance.suffix = anchored.prefix, anchored.suffix
        try:
            instance.save(expected_version=expected_version)
        except DjangoValidationError as error:  # e.g. moving a statement's only quote
            raise serializers.ValidationError(error_dict(error)) from None
        return instance

    def save(self, expected_version=None, **kwargs):
        if self.instance is not None:
            self.instance = self.update(self.instance, self.validated_data, expected_version)
            return self.instance
        return super().save(**kwargs)
