from __future__ import annotations

from django import forms

from claims.models import Quote
from sources import text


class QuoteForm(forms.ModelForm):
    """A quote given by its text alone is located in the article body; offsets are
    only needed to pick between several occurrences of the same text."""

    class Meta:
        model = Quote
        fields = ["article", "text", "start", "end"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].required = False
        self.fields["end"].required = False

    def clean(self):
        cleaned = super().clean()
        article, quoted = cleaned.get("article"), cleaned.get("text")
        start, end = cleaned.get("start"), cleaned.get("end")
        if article is None or not quoted:
            return cleaned
        if start is None and end is None:
            try:
                anchored = text.anchor_text(article.body, quoted)
            except text.AmbiguousQuote as error:
                raise forms.ValidationError(
                    {"start": f"{error} Give the start offset of the one you mean."}
                ) from None
            except text.QuoteNotFound as error:
                raise forms.ValidationError({"text": str(error)}) from None
            cleaned["start"], cleaned["end"] = anchored.start, anchored.end
        elif end is None:
            # The start alone picks one of several occurrences, as the ambiguity error asks.
            cleaned["end"] = start + len(quoted)
        elif start is None:
            raise forms.ValidationError({"start": "Give the start offset too, or neither."})
        self.instance.start, self.instance.end = cleaned["start"], cleaned["end"]
        return cleaned
