"""The editor's article forms: enter or correct an article, import one from a web page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from pathlib import PurePath

from django import forms
from django.utils.text import slugify

from claimtracker import inputs
from sources import extraction, fetching, text
from sources.corrections import resolutions_from
from sources.models import Article, Outlet

MAX_PAGE_BYTES = 5 * 1024 * 1024
PAGE_SUFFIXES = (".html", ".htm")
# The fields an editor changes, in the order a conflict lists them.
ARTICLE_FIELDS = (
    "outlet",
    "title",
    "url",
    "archive_url",
    "published_on",
    "language",
    "body",
    "note",
)
_EXCERPT_CONTEXT = 40
_EXCERPT_CHANGE = 160


def normalize_newlines(value: str) -> str:
    # Browsers submit a textarea with CRLF line ends; the stored body uses LF, and a
    # body that changed only in its line ends would still move every quote.
    return value.replace("\r\n", "\n").replace("\r", "\n")


def outlet_choice(name: str) -> dict[str, object]:
    """The article form's outlet fields for a publisher named in a page: the outlet of
    that name (or slug) when there is one, else the name proposed as a new outlet."""
    outlet = Outlet.objects.filter(name__iexact=name).first() or (
        Outlet.objects.filter(slug=slugify(name)).first() if slugify(name) else None
    )
    return {"outlet": outlet.pk} if outlet else {"new_outlet": name}


def unique_outlet_slug(name: str) -> str:
    base = slugify(name)[:90].strip("-") or "outlet"
    taken = set(Outlet.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


class ArticleForm(forms.ModelForm):
    outlet = forms.ModelChoiceField(
        queryset=Outlet.objects.order_by("name"),
        required=False,
        empty_label="— pick an outlet —",
        help_text="Who published the article.",
    )
    new_outlet = forms.CharField(
        max_length=200,
        required=False,
        label="New outlet",
        help_text="Or type the name of an outlet that is not in the list; it is created.",
    )
    url = forms.URLField(
        label="URL",
        max_length=1000,
        required=False,
        assume_scheme="https",
        help_text="The address the article was published at, if known.",
    )
    archive_url = forms.URLField(
        label="Archive URL",
        max_length=1000,
        required=False,
        assume_scheme="https",
        help_text="A copy in the Wayback Machine (https://web.archive.org/web/…) or "
        "archive.today (https://archive.ph/…), if one was made.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = Article
        fields = list(ARTICLE_FIELDS)
        widgets = {
            "published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "body": forms.Textarea(attrs={"rows": 24}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.new_outlet_record: Outlet | None = None
        self.duplicate: Article | None = None
        self.lost_quotes: list[LostQuote] = []
        self.fields["new_outlet"].widget.attrs["autocomplete"] = "off"
        if self.instance.pk is None:
            del self.fields["version"]
        else:
            # An existing body is kept exactly as stored: quotes point into it.
            self.fields["body"].strip = False
            self.fields["version"].required = True
            self.fields["version"].error_messages["required"] = (
                "The form lacks the version of the article you opened; reopen the article."
            )
            self.initial.setdefault("version", self.instance.version)

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if url:
            self.duplicate = duplicate_of(url, self.instance)
            if self.duplicate is not None:
                raise forms.ValidationError(
                    f"This URL is already entered, as article #{self.duplicate.pk}.",
                    code="duplicate",
                )
        return url

    def clean_body(self) -> str:
        body = normalize_newlines(self.cleaned_data["body"])
        if self.instance.pk is None:
            body = body.strip()
        if not body.strip():
            raise forms.ValidationError("The body is empty.", code="required")
        return body

    def clean(self) -> dict:
        cleaned = super().clean()
        outlet, name = cleaned.get("outlet"), cleaned.get("new_outlet", "").strip()
        if outlet and name:
            self.add_error(
                "new_outlet", "Pick an outlet from the list or type a new one, not both."
            )
        elif name:
            existing = Outlet.objects.filter(name__iexact=name).first()
            if existing is not None:
                # The same outlet typed again is the one in the list, not a second one.
                cleaned["outlet"] = existing
            else:
                self.new_outlet_record = Outlet(name=name, slug=unique_outlet_slug(name))
        elif outlet is None and "outlet" not in self.errors:
            self.add_error(
                "outlet", "Pick the outlet that published the article, or type a new one."
            )
        return cleaned

    def _post_clean(self) -> None:
        body = self.cleaned_data.get("body")
        # A correction that loses quotes is refused (claims listens to Article.clean)
        # unless the editor decided what becomes of each: list them with the corrected
        # words proposed for each, and pass on the decisions already made.
        if body and self.instance.pk is not None and "body" not in self.errors:
            lost = quotes_lost_by_correction(self.instance, body)
            decided = resolutions_from(
                self.data, [q.pk for q in lost], {q.pk: q.proposal for q in lost}
            )
            self.instance.quote_resolutions = decided
            self.lost_quotes = [self._with_choice(quote, decided.get(quote.pk)) for quote in lost]
        super()._post_clean()
        if "body" not in self.errors:
            return
        unresolved = [q for q in self.lost_quotes if not q.choice]
        if unresolved:
            # The model's message names every quote on one line; the list below the body
            # names them again with links, so the field says briefly what is wrong.
            count = len(unresolved)
            self._errors["body"] = self.error_class(
                [
                    f"The corrected body would leave {count} quote{'s' if count != 1 else ''} "
                    f"without {'its' if count == 1 else 'their'} text (listed below the body): "
                    "say for each what it now cites, or detach it, and save again."
                ],
                renderer=self.renderer,
            )

    def _with_choice(self, quote: LostQuote, decided) -> LostQuote:
        choice = self.data.get(f"quote_{quote.pk}", "") if decided is not None else ""
        words = decided.words if decided is not None and not decided.detach else ""
        return replace(
            quote,
            choice=choice,
            words=words or (quote.proposal.text if quote.proposal else ""),
            delete_statement=bool(decided and decided.delete_statement),
        )

    def submitted(self, name: str) -> str:
        """What the editor submitted for a field, as a person reads it."""
        cleaned = getattr(self, "cleaned_data", {})
        if name == "outlet":
            if self.new_outlet_record is not None:
                return f"{self.new_outlet_record.name} (new)"
            if cleaned.get("outlet") is not None:
                return str(cleaned["outlet"])
        if name in cleaned:
            return shown(cleaned[name])
        raw = self.data.get(self.add_prefix(name), "")
        if name == "outlet" and raw:
            pk = inputs.record_id(raw)
            outlet = Outlet.objects.filter(pk=pk).first() if pk is not None else None
            return str(outlet) if outlet else raw
        return normalize_newlines(raw)

    def changes_against(self, current: Article, opened: object | None = None) -> list[Change]:
        """Fields where what the editor submitted differs from the record as saved now, and
        who changed each since `opened`, the version the editor started from (if known)."""
        changes = []
        for name in ARTICLE_FIELDS:
            mine, theirs = self.submitted(name), shown(getattr(current, name))
            if mine == theirs:
                continue
            changed_by = ""
            if opened is not None:
                before = shown(getattr(opened, name))
                changed_by = {
                    (True, True): "both of you",
                    (True, False): "you",
                    (False, True): "someone else",
                }.get((mine != before, theirs != before), "")
            if name == "body":
                mine, theirs = difference(mine, theirs)
            changes.append(Change(name, self.fields[name].label, mine, theirs, changed_by))
        return changes


@dataclass(frozen=True)
class Change:
    name: str
    label: str
    mine: str
    theirs: str
    changed_by: str = ""  # "you", "someone else", "both of you", or "" when unknown


@dataclass(frozen=True)
class LostQuote:
    pk: int
    statement_id: int
    text: str
    problem: str
    proposal: text.Anchor | None = None  # the corrected words where the old span went
    # What the editor chose for it, shown again when the form comes back.
    choice: str = ""
    words: str = ""
    delete_statement: bool = False


def duplicate_of(url: str, article: Article | None = None) -> Article | None:
    if not url:
        return None
    others = Article.objects.filter(url=url)
    if article is not None and article.pk is not None:
        others = others.exclude(pk=article.pk)
    return others.order_by("id").first()


def quotes_lost_by_correction(article: Article, new_body: str) -> list[LostQuote]:
    """The quotes a corrected body would leave without their text, for the editor to fix.

    `claims` refuses such a correction (Article.full_clean); this lists the same quotes
    with what is needed to link them, through the article's related name only, so that
    `sources` stays free of imports from `claims`.
    """
    stored = article.stored_body()
    if stored is None or stored == new_body:
        return []
    rows = list(
        article.quotes.order_by("start", "id").values(
            "id", "statement_id", "start", "end", "text", "prefix", "suffix"
        )
    )
    anchors = [text.Anchor(r["start"], r["end"], r["text"], r["prefix"], r["suffix"]) for r in rows]
    results = text.reanchor(stored, new_body, anchors)
    return [
        LostQuote(row["id"], row["statement_id"], row["text"], result.problem, result.proposal)
        for row, result in zip(rows, results, strict=True)
        if result.is_lost
    ]


def shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def difference(mine: str, theirs: str) -> tuple[str, str]:
    """Where two long texts differ: the first changed run of each, with a little context."""
    start = 0
    limit = min(len(mine), len(theirs))
    while start < limit and mine[start] == theirs[start]:
        start += 1
    end = 0
    while end < limit - start and mine[-1 - end] == theirs[-1 - end]:
        end += 1
    return _excerpt(mine, start, len(mine) - end), _excerpt(theirs, start, len(theirs) - end)


def _excerpt(value: str, start: int, end: int) -> str:
    before = value[max(0, start - _EXCERPT_CONTEXT) : start]
    changed = value[start:end]
    if len(changed) > _EXCERPT_CHANGE:
        changed = changed[:_EXCERPT_CHANGE] + "…"
    after = value[end : end + _EXCERPT_CONTEXT]
    return (
        ("…" if start > _EXCERPT_CONTEXT else "")
        + f"{before}[{changed}]{after}"
        + ("…" if end + _EXCERPT_CONTEXT < len(value) else "")
    )


class ImportForm(forms.Form):
    """A saved web page or an address, from which the article form is prefilled."""

    page = forms.FileField(
        required=False,
        label="Saved web page",
        help_text="An .html or .htm file saved from the browser, at most 5 MB.",
        widget=forms.FileInput(attrs={"accept": ".html,.htm,text/html"}),
    )
    fetch_url = forms.URLField(
        required=False,
        label="Fetch from address",
        max_length=1000,
        assume_scheme="https",
        help_text="The server fetches the page and finds the article in it.",
    )

    def __init__(self, *args, fetch_enabled: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not fetch_enabled:
            del self.fields["fetch_url"]

    def clean_page(self):
        page = self.cleaned_data.get("page")
        if page is None:
            return page
        if PurePath(page.name).suffix.lower() not in PAGE_SUFFIXES:
            raise forms.ValidationError(
                f"“{page.name}” is not a saved web page; choose an .html or .htm file."
            )
        if page.size > MAX_PAGE_BYTES:
            raise forms.ValidationError(
                f"“{page.name}” is {page.size / 1024 / 1024:.1f} MB; the limit is 5 MB."
            )
        return page

    def extracted(self, action: str) -> extraction.Extracted | None:
        """Reads the page the editor asked for; problems go on the field they came from."""
        if not self.is_valid():
            return None
        if action == "fetch":
            return self._from_address()
        return self._from_upload()

    def _from_upload(self) -> extraction.Extracted | None:
        page = self.cleaned_data.get("page")
        if page is None:
            self.add_error("page", "Choose a saved web page (.html or .htm) to extract from.")
            return None
        html = extraction.decode_html(page.read())
        return self._extract("page", html, None)

    def _from_address(self) -> extraction.Extracted | None:
        if "fetch_url" not in self.fields:
            self.add_error(None, "Fetching pages is turned off on this server.")
            return None
        url = self.cleaned_data.get("fetch_url")
        if not url:
            self.add_error("fetch_url", "Type the address of the article's page.")
            return None
        try:
            page = fetching.fetch_page(url)
        except fetching.FetchError as error:
            self.add_error("fetch_url", f"{url}: {error}.")
            return None
        return self._extract(
            "fetch_url", extraction.decode_html(page.content, page.charset), page.url
        )

    def _extract(self, field: str, html: str, url: str | None) -> extraction.Extracted | None:
        try:
            return extraction.extract_article(html, url)
        except extraction.NothingExtracted as error:
            self.add_error(field, f"{str(error).capitalize()}; type or paste the article instead.")
            return None
