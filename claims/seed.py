"""The seed data set: from reviewed annotations to a Django fixture, and into a database.

Annotations (fixtures/annotations/seed.yaml) name quotes by their text; offsets are
computed here, never counted by hand, and any quote that is not verbatim or is
ambiguous stops the build with a message naming the statement.
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import yaml
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import connection, transaction

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
from sources import dates, text
from sources.models import Article, Outlet

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
ANNOTATIONS = FIXTURES_DIR / "annotations" / "seed.yaml"
SEED_FIXTURE = FIXTURES_DIR / "seed.json"

# Load order: each model only points at models loaded before it.
SEED_MODELS = [Outlet, Article, Actor, ActorAlias, Claim, Statement, Quote]


class AnnotationError(ValueError):
    pass


def build_fixture(annotations: dict, read_body: Callable[[str], str]) -> list[dict]:
    """Turn the annotations into fixture records, checking every rule on the way."""
    records: list[dict] = []
    errors: list[str] = []

    def record(model: str, pk: int, **fields) -> None:
        records.append({"model": model, "pk": pk, "fields": fields})

    outlets = {}
    for item in annotations["outlets"]:
        outlets[item["slug"]] = item["id"]
        record(
            "sources.outlet",
            item["id"],
            name=item["name"],
            slug=item["slug"],
            url=item.get("url", ""),
            note=item.get("note", ""),
        )

    articles = {}
    for item in annotations["articles"]:
        body = read_body(item["body"])
        published_on = _date(item["published_on"])
        articles[item["key"]] = (item["id"], body, published_on)
        record(
            "sources.article",
            item["id"],
            outlet=outlets[item["outlet"]],
            title=item["title"],
            url=item.get("url", ""),
            published_on=published_on.isoformat(),
            language=item.get("language", "en"),
            body=body,
            note=item.get("note", ""),
        )

    # States, organisations and media before the people who speak for them.
    actor_items = sorted(annotations["actors"], key=lambda a: a["kind"] == ActorKind.PERSON)
    actors = {item["slug"]: (pk, item) for pk, item in enumerate(actor_items, start=1)}
    alias_pk = 0
    seen_names: dict[str, str] = {}
    for slug, (pk, item) in actors.items():
        if item["kind"] not in ActorKind.values:
            errors.append(f"actor {slug}: unknown kind {item['kind']!r}")
        speaks_for = item.get("speaks_for")
        if speaks_for and (speaks_for not in actors or item["kind"] != ActorKind.PERSON):
            errors.append(f"actor {slug}: cannot speak for {speaks_for!r}")
        record(
            "claims.actor",
            pk,
            name=item["name"],
            slug=slug,
            kind=item["kind"],
            speaks_for=actors[speaks_for][0] if speaks_for in actors else None,
            description=item.get("description", ""),
            note=item.get("note", ""),
            **wikidata_fields(slug, item, errors),
        )
        for name in [item["name"], *item.get("aliases", [])]:
            owner = seen_names.setdefault(name.casefold(), slug)
            if owner != slug:
                errors.append(f"actor {slug}: the name {name!r} already names {owner}")
        for alias in item.get("aliases", []):
            alias_pk += 1
            record("claims.actoralias", alias_pk, actor=pk, name=alias)

    claims = {}
    for pk, item in enumerate(annotations["claims"], start=1):
        claims[item["slug"]] = pk
        record("claims.claim", pk, slug=item["slug"], text=item["text"], note=item.get("note", ""))

    quote_pk = 0
    for item in annotations["statements"]:
        where = f"statement {item['id']}"
        # Names that do not resolve leave nothing to build the statement from: they are
        # reported and the statement is skipped (other problems are reported with them).
        unresolved = []
        for field, known in (("actor", actors), ("claim", claims)):
            if item[field] not in known:
                unresolved.append(f"{where}: unknown {field} {item[field]!r}")
        speaker = item.get("speaker")
        if speaker and speaker not in actors:
            unresolved.append(f"{where}: unknown speaker {speaker!r}")
        elif speaker and actors[speaker][1]["kind"] != ActorKind.PERSON:
            errors.append(f"{where}: the speaker {speaker!r} is not a person actor")
        if item["stance"] not in Stance.values:
            errors.append(f"{where}: unknown stance {item['stance']!r}")
        if item["precision"] not in DatePrecision.values:
            unresolved.append(f"{where}: unknown precision {item['precision']!r}")
        if not item.get("quotes"):
            unresolved.append(f"{where}: a statement needs at least one quote")
        for quote in item.get("quotes") or []:
            if quote["article"] not in articles:
                unresolved.append(f"{where}: unknown article {quote['article']!r}")
        if unresolved:
            errors.extend(unresolved)
            continue
        made_on = _date(item["made_on"])
        precision = dates.Precision(item["precision"])
        if dates.normalise(made_on, precision) != made_on:
            errors.append(
                f"{where}: with {precision} precision the date must start its {precision}"
            )
        first_published_on = articles[item["quotes"][0]["article"]][2]
        errors.extend(
            _date_problems(where, item.get("wording", ""), first_published_on, made_on, precision)
        )
        record(
            "claims.statement",
            item["id"],
            actor=actors[item["actor"]][0],
            speaker=actors[speaker][0] if speaker else None,
            claim=claims[item["claim"]],
            stance=item["stance"],
            made_on=made_on.isoformat(),
            made_on_precision=item["precision"],
            date_wording=item.get("wording", ""),
            note=item.get("note", ""),
            created_at=f"{first_published_on.isoformat()}T00:00:00Z",
            updated_at=f"{first_published_on.isoformat()}T00:00:00Z",
        )
        for quote in item["quotes"]:
            article_pk, body, _ = articles[quote["article"]]
            try:
                anchored = text.anchor_text(body, quote["text"], occurrence=quote.get("occurrence"))
            except ValueError as error:
                errors.append(f"{where}, quote from {quote['article']}: {error}")
                continue
            quote_pk += 1
            record(
                "claims.quote",
                quote_pk,
                statement=item["id"],
                article=article_pk,
                start=anchored.start,
                end=anchored.end,
                text=anchored.text,
                prefix=anchored.prefix,
                suffix=anchored.suffix,
            )
    if errors:
        raise AnnotationError("\n".join(errors))
    return records


def wikidata_fields(slug: str, item: dict, errors: list[str]) -> dict:
    """An actor's Wikidata id, only with the stored source that confirms it."""
    wikidata_id = item.get("wikidata_id", "")
    if not wikidata_id:
        return {}
    try:
        wikidata_id_validator(wikidata_id)
    except ValidationError as error:
        errors.append(f"actor {slug}: {' '.join(error.messages)}")
    if not item.get("wikidata_source"):
        errors.append(f"actor {slug}: a wikidata_id needs the wikidata_source that confirms it")
    return {"wikidata_id": wikidata_id}


def _date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def _date_problems(where, wording, published_on, made_on, precision) -> list[str]:
    if not wording:
        return []
    try:
        resolved = dates.resolve(wording, published_on)
    except dates.UnresolvableDate:
        return []  # relative to another event ("the next day"): the annotator dates it
    if (resolved.date, resolved.precision) != (made_on, precision):
        return [
            f"{where}: “{wording}” against {published_on} gives {resolved.date} "
            f"({resolved.precision}), not {made_on} ({precision})"
        ]
    return []


def write_fixture(path: Path = SEED_FIXTURE, annotations_path: Path = ANNOTATIONS) -> list[dict]:
    try:
        annotations = yaml.safe_load(annotations_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise AnnotationError(f"{annotations_path.name} is not valid YAML: {error}") from None

    def read_body(name: str) -> str:
        return (annotations_path.parent.parent / name).read_text(encoding="utf-8")

    records = build_fixture(annotations, read_body)
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return records


def load_seed(path: Path = SEED_FIXTURE) -> dict[str, tuple[int, int]]:
    """Add the seed records that are not in the database yet; returns, per model,
    (added, already present). Records already present are never overwritten, so
    running it again neither duplicates anything nor undoes an editor's change."""
    existing = {model: set(model.objects.values_list("pk", flat=True)) for model in SEED_MODELS}
    added: dict[type, list] = defaultdict(list)
    kept: dict[type, int] = defaultdict(int)
    with transaction.atomic():
        for deserialized in serializers.deserialize("json", path.read_text(encoding="utf-8")):
            instance = deserialized.object
            model = type(instance)
            if instance.pk in existing[model]:
                kept[model] += 1
                continue
            # A raw save, like loaddata: the pre_save guards still check every quote.
            deserialized.save()
            added[model].append(instance)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), SEED_MODELS):
                cursor.execute(sql)
        for model, instances in added.items():
            # Raw saves write no history; the seed's first version is recorded here.
            model.history.bulk_history_create(instances, default_change_reason="seed data")
    return {
        model._meta.verbose_name_plural: (len(added[model]), kept[model]) for model in SEED_MODELS
    }
