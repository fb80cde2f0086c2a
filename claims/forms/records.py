"""Editor forms for actors, claims and quotes (statements: statement_forms.py)."""

from __future__ import annotations

from django import forms

from claims import actions
from claims.models import Actor, ActorAlias, Claim, Quote


class VersionedForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            self.initial["version"] = self.instance.version


class ActorForm(VersionedForm):
    aliases = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Other spellings, one per line (Kiev, Kannani…).",
    )
    speaks_for = forms.ModelChoiceField(
        queryset=Actor.objects.filter(kind__in=["state", "organisation"]),
        to_field_name="slug",
        required=False,
    )

    class Meta:
        model = Actor
        fields = ["name", "slug", "kind", "speaks_for", "description", "wikidata_id", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            self.initial["aliases"] = "\n".join(a.name for a in self.instance.aliases.all())
            if self.instance.speaks_for_id:
                self.initial["speaks_for"] = self.instance.speaks_for.slug

    def clean_aliases(self) -> list[str]:
        names = [n.strip() for n in self.cleaned_data["aliases"].splitlines() if n.strip()]
        mine = self.instance.pk
        longest = ActorAlias._meta.get_field("name").max_length
        problems = []
        for name in names:
            if len(name) > longest:  # as the API's aliases: the column holds no more
                problems.append(f"“{name[:40]}…” is longer than {longest} characters.")
                continue
            alias = ActorAlias.objects.filter(name__iexact=name).exclude(actor_id=mine).first()
            if alias:
                problems.append(f"“{name}” is already an alias of {alias.actor}.")
            elif Actor.objects.filter(name__iexact=name).exclude(pk=mine).exists():
                problems.append(f"“{name}” is the name of another actor.")
        if len({n.casefold() for n in names}) != len(names):
            problems.append("The same alias is given twice.")
        if problems:
            raise forms.ValidationError(problems)
        return names

    def save_aliases(self, actor: Actor) -> None:
        wanted = {name.casefold(): name for name in self.cleaned_data["aliases"]}
        for alias in actor.aliases.all():
            if wanted.pop(alias.name.casefold(), None) is None:
                alias.delete()  # one at a time, so each removal is in the history
        for name in wanted.values():
            ActorAlias.objects.create(actor=actor, name=name)


class ClaimForm(VersionedForm):
    class Meta:
        model = Claim
        fields = ["text", "slug", "note"]


class QuoteForm(VersionedForm):
    """Correct which words of the article a quote cites."""

    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), strip=False)
    start = forms.IntegerField(
        required=False, min_value=0, help_text="Only when the words occur more than once."
    )

    class Meta:
        model = Quote
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Not model fields of the form (the quote's words and offsets change together
        # in apply()), so they are not filled from the quote on their own.
        if not self.is_bound and self.instance.pk:
            self.initial.setdefault("text", self.instance.text)
            self.initial.setdefault("start", self.instance.start)

    def clean(self):
        cleaned = super().clean()
        quoted = (cleaned.get("text") or "").replace("\r\n", "\n")
        if not quoted:
            return cleaned
        spec = actions.QuoteSpec(self.instance.article, quoted, cleaned.get("start"))
        try:
            cleaned["anchor"] = actions.anchor_quote(spec)
        except forms.ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(field if field in self.fields else "text", message)
        return cleaned

    def apply(self) -> None:
        anchored = self.cleaned_data["anchor"]
        quote = self.instance
        quote.start, quote.end, quote.text = anchored.start, anchored.end, anchored.text
        quote.prefix, quote.suffix = anchored.prefix, anchored.suffix
