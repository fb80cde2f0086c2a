from __future__ import annotations

from django import forms

from claims import actions
from claims.models import Quote


class QuoteForm(forms.ModelForm):
    """A quote in the admin, given by its words alone: `actions.anchor_quote` finds them
    in the article body; the start offset is needed only to pick one of several
    occurrences, and the end always follows from the words."""

    class Meta:
        model = Quote
        fields = ["article", "text", "start"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].required = False

    def clean(self):
        cleaned = super().clean()
        article, quoted = cleaned.get("article"), cleaned.get("text")
        if article is None or not quoted:
            return cleaned
        spec = actions.QuoteSpec(article, quoted, cleaned.get("start"))
        try:
            anchored = actions.anchor_quote(spec)
        except actions.UnanchoredQuote as error:
            raise forms.ValidationError(error.message_dict) from None
        cleaned["start"] = anchored.start
        self.instance.start, self.instance.end = anchored.start, anchored.end
        return cleaned
