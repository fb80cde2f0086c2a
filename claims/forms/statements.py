"""The editor's statement forms: record a statement from an article, edit one."""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify

from claims import actions, queries, suggestions
from claims.models import Actor, ActorKind, Claim, DatePrecision, Stance, Statement
from sources import dates
from sources.models import Article

# What an editor edits on a statement (its quotes are records of their own).
STATEMENT_FACTS = (
    "actor",
    "speaker",
    "claim",
    "stance",
    "made_on",
    "made_on_precision",
    "date_wording",
    "note",
)
NEW_KIND_CHOICES = [("", "— the actor exists —"), *ActorKind.choices]


class StatementFromArticleForm(forms.Form):
    text = forms.CharField(
        label="Quote",
        widget=forms.Textarea(attrs={"rows": 4}),
        strip=False,
        help_text="The exact words of the article. Select them on the article page, or paste them.",
    )
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    actor = forms.CharField(
        max_length=200,
        help_text="The party whose position this is: a name, slug or any alias.",
        widget=forms.TextInput(
            attrs={"list": "actor-names", "autocomplete": "off", "data-actor-suggestions": ""}
        ),
    )
    new_actor_kind = forms.ChoiceField(
        choices=NEW_KIND_CHOICES,
        required=False,
        label="New actor?",
        help_text="Only to create the actor: its kind.",
    )
    speaker = forms.CharField(
        max_length=200,
        required=False,
        help_text="The person who said it, if named.",
        widget=forms.TextInput(
            attrs={
                "list": "speaker-names",
                "autocomplete": "off",
                "data-actor-suggestions": "",
                "data-persons": "",
            }
        ),
    )
    claim = forms.CharField(
        max_length=500,
        help_text="An existing claim (its text or slug), or the text of a new one.",
        widget=forms.TextInput(attrs={"list": "claim-texts", "autocomplete": "off"}),
    )
    stance = forms.ChoiceField(choices=Stance.choices, widget=forms.RadioSelect)
    date_wording = forms.CharField(
        max_length=200,
        required=False,
        label="The article's words for the date",
        help_text="e.g. “on Monday”; resolved against the publication date.",
    )
    made_on = forms.DateField(
        required=False,
        label="Date made",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Left empty, it is resolved from the wording for you to check.",
    )
    made_on_precision = forms.ChoiceField(
        choices=[("", "—"), *DatePrecision.choices], required=False, label="Precision"
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    confirm_new = forms.BooleanField(
        required=False, label="Create the new actor or claim even though similar ones exist"
    )
    confirm_separate = forms.BooleanField(
        required=False, label="Record a separate statement even though a similar one exists"
    )

    def __init__(self, *args, article: Article, **kwargs):
        self.article = article
        super().__init__(*args, **kwargs)
        with_suggestions(self, "actor", "speaker")
        self.occurrences: list[tuple[int, str, str]] = []
        self.similar: list[Statement] = []
        self.new_actor: Actor | None = None
        self.new_claim: Claim | None = None

    def save(self) -> Statement:
        """Record the validated statement, with the new actor or claim it names, all or
        nothing (the statement form and the assistant's one-click accept)."""
        data = self.cleaned_data
        with transaction.atomic():
            for created in (self.new_actor, self.new_claim):
                if created is not None:
                    created.full_clean(exclude=["version"])
                    created.save()
            return actions.record_statement(
                actor=data["actor_record"],
                speaker=data.get("speaker_record"),
                claim=data["claim_record"],
                stance=data["stance"],
                made_on=data["made_on"],
                made_on_precision=data["made_on_precision"],
                date_wording=data.get("date_wording", ""),
                note=data.get("note", ""),
                quotes=[actions.QuoteSpec(self.article, data["text"], data.get("start"))],
            )

    def clean_text(self):
        # Browsers send textarea line breaks as CRLF; article bodies use LF.
        quoted = self.cleaned_data["text"].replace("\r\n", "\n")
        if not quoted.strip():
            raise forms.ValidationError("The quote is empty.")
        return quoted

    def clean(self):
        cleaned = super().clean()
        self._clean_quote(cleaned)
        self._clean_actor(cleaned)
        self._clean_speaker(cleaned)
        self._clean_claim(cleaned)
        self._clean_date(cleaned)
        if not self.errors and not cleaned.get("confirm_separate"):
            actor, claim = cleaned.get("actor_record"), cleaned.get("claim_record")
            if actor and actor.pk and claim and claim.pk and cleaned.get("made_on"):
                self.similar = list(
                    suggestions.similar_statements(
                        actor=actor, claim=claim, made_on=cleaned["made_on"]
                    )
                )
                if self.similar:
                    self.add_error(
                        None,
                        "This looks like a statement already recorded (below): add this quote "
                        "to it, or tick “record a separate statement”.",
                    )
        return cleaned

    def _clean_quote(self, cleaned):
        quoted = cleaned.get("text")
        if not quoted:
            return
        spec = actions.QuoteSpec(self.article, quoted, cleaned.get("start"))
        try:
            # The start comes from the editor's selection; edited words make it stale.
            anchored = actions.anchor_quote(spec, relocate=True)
        except actions.UnanchoredQuote as error:
            body, length = self.article.body, len(quoted)
            self.occurrences = [
                (at, body[max(0, at - 40) : at], body[at + length : at + length + 40])
                for at in error.occurrences
            ]
            # The start is a hidden field here: its message goes beside the quote.
            for message in error.messages:
                self.add_error("text", message)
            return
        cleaned["anchor"] = anchored
        cleaned["start"] = anchored.start

    def _clean_actor(self, cleaned):
        name = (cleaned.get("actor") or "").strip()
        if not name:
            return
        found, _ = queries.resolve_actors([name])
        if found:
            cleaned["actor_record"] = found[0]
            return
        kind = cleaned.get("new_actor_kind")
        close = suggestions.similar_actors(name)
        if not kind:
            hint = f" Did you mean {', '.join(a.name for a in close)}?" if close else ""
            self.add_error(
                "actor",
                f"No actor is called “{name}” (by name, slug or alias).{hint} To create it, "
                "choose its kind under “New actor?”.",
            )
            return
        if close and not cleaned.get("confirm_new"):
            self.add_error(
                "actor",
                f"“{name}” is close to {', '.join(a.name for a in close)}: use one of them, "
                "or tick “create … even though similar ones exist”.",
            )
            return
        self.new_actor = Actor(name=name, slug=unique_slug(Actor, name), kind=kind)
        cleaned["actor_record"] = self.new_actor

    def _clean_speaker(self, cleaned):
        name = (cleaned.get("speaker") or "").strip()
        if not name:
            cleaned["speaker_record"] = None
            return
        found, _ = queries.resolve_actors([name], Actor.objects.persons())
        if not found:
            close = suggestions.similar_actors(name, among=Actor.objects.persons())
            hint = f" Did you mean {', '.join(a.name for a in close)}?" if close else ""
            self.add_error("speaker", f"No person is called “{name}”.{hint}")
            return
        cleaned["speaker_record"] = found[0]

    def _clean_claim(self, cleaned):
        value = (cleaned.get("claim") or "").strip()
        if not value:
            return
        existing = queries.claim_named(value)
        if existing:
            cleaned["claim_record"] = existing
            return
        close = suggestions.similar_claims(value)
        if close and not cleaned.get("confirm_new"):
            self.add_error(
                "claim",
                "A new claim close to existing ones: "
                + "; ".join(f"“{c.text}” ({c.slug})" for c in close)
                + ". Use one of them, or tick “create … even though similar ones exist”.",
            )
            return
        self.new_claim = Claim(text=value, slug=unique_slug(Claim, value))
        cleaned["claim_record"] = self.new_claim

    def _clean_date(self, cleaned):
        wording = (cleaned.get("date_wording") or "").strip()
        made_on, precision = cleaned.get("made_on"), cleaned.get("made_on_precision")
        if made_on is None:
            if not wording:
                self.add_error("made_on", "Give the date, or the article's words for it.")
                return
            try:
                resolved = dates.resolve(wording, self.article.published_on)
            except dates.UnresolvableDate as error:
                self.add_error("made_on", f"{error}. Give the date yourself.")
                return
            # Shown back to the editor to accept or correct; nothing is saved yet.
            self.data = self.data.copy()
            self.data["made_on"] = resolved.date.isoformat()
            self.data["made_on_precision"] = str(resolved.precision)
            self.add_error(
                "made_on",
                f"“{wording}” resolves to {dates.describe(resolved.date, resolved.precision)} "
                f"({resolved.precision} precision), counting from the publication date: check "
                "it and save again.",
            )
            return
        if not precision:
            cleaned["made_on_precision"] = (
                str(dates.wording_precision(wording) or DatePrecision.DAY)
                if wording
                else DatePrecision.DAY
            )


def unique_slug(model, name: str) -> str:
    base = slugify(name)[:90] or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def picked_actor(typed: str, among, noun: str) -> Actor:
    """The actor an editor typed in a picker (name, alias or slug), or a message naming
    what was probably meant."""
    found, _ = queries.resolve_actors([typed], among)
    if len(found) == 1:
        return found[0]
    if found:
        names = " or ".join(f"{actor.name} ({actor.slug})" for actor in found)
        raise forms.ValidationError(f"“{typed}” names several actors: {names}. Give the slug.")
    hint = suggestions.actor_hint(typed, among=among)
    raise forms.ValidationError(
        f"No {noun} is called “{typed}” (by name, slug or alias)."
        + (f" {hint[:1].upper()}{hint[1:]}" if hint else "")
    )


def with_suggestions(form: forms.Form, *names: str) -> None:
    """Point the actor pickers of `form` at the live suggestions (static/js/actor-picker.js)."""
    for name in names:
        form.fields[name].widget.attrs["data-actor-suggestions"] = reverse(
            "claims:actor-suggestions"
        )


class StatementEditForm(forms.ModelForm):
    """Edit a statement's facts; the version field makes a stale edit fail loudly."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    # The pickers of the new-statement form: names, aliases or slugs, read by the same
    # matcher, instead of drop-downs of every actor (thousands, at scale).
    actor = forms.CharField(
        max_length=200,
        help_text="Name, alias or slug.",
        widget=forms.TextInput(attrs={"list": "actor-names", "autocomplete": "off"}),
    )
    speaker = forms.CharField(
        max_length=200,
        required=False,
        help_text="The person who said it, if named: name, alias or slug.",
        widget=forms.TextInput(
            attrs={"list": "speaker-names", "autocomplete": "off", "data-persons": ""}
        ),
    )
    claim = forms.CharField(
        max_length=500,
        help_text="The claim's text or slug.",
        widget=forms.TextInput(attrs={"list": "claim-texts", "autocomplete": "off"}),
    )
    # Declared, or the model field's radio buttons would offer a blank "---------".
    stance = forms.ChoiceField(choices=Stance.choices, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_suggestions(self, "actor", "speaker")
        instance = self.instance
        if instance.pk and not self.is_bound:
            self.initial["actor"] = instance.actor.name
            self.initial["claim"] = instance.claim.text
            self.initial["speaker"] = instance.speaker.name if instance.speaker_id else ""

    def clean_actor(self) -> Actor:
        return picked_actor(self.cleaned_data["actor"], Actor.objects.all(), "actor")

    def clean_speaker(self) -> Actor | None:
        typed = self.cleaned_data["speaker"].strip()
        return picked_actor(typed, Actor.objects.persons(), "person") if typed else None

    def clean_claim(self) -> Claim:
        typed = self.cleaned_data["claim"].strip()
        found = queries.claim_named(typed)
        if found is None:
            hint = suggestions.claim_hint(typed)
            raise forms.ValidationError(
                f"No claim has the slug or text “{typed}”."
                + (f" {hint[:1].upper()}{hint[1:]}" if hint else "")
            )
        return found

    class Meta:
        model = Statement
        fields = list(STATEMENT_FACTS)
        widgets = {
            "made_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
