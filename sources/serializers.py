from __future__ import annotations

from rest_framework import serializers

from claimtracker.rest import ModelCleanMixin, SlugReference
from sources.models import Article, Outlet


class OutletSerializer(ModelCleanMixin, serializers.ModelSerializer):
    class Meta:
        model = Outlet
        fields = ["id", "slug", "name", "url", "note", "version"]
        read_only_fields = ["version"]


class ArticleSerializer(ModelCleanMixin, serializers.ModelSerializer):
    outlet = SlugReference(slug_field="slug", queryset=Outlet.objects.all())
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "id",
            "outlet",
            "title",
            "url",
            "archive_url",
            "published_on",
            "language",
            "body",
            "note",
            "version",
            "page_url",
        ]
        read_only_fields = ["version"]

    def get_page_url(self, article: Article) -> str:
        request = self.context.get("request")
        url = article.get_absolute_url()
        return request.build_absolute_uri(url) if request else url

    def validate_url(self, value: str) -> str:
        if value:
            existing = Article.objects.filter(url=value)
            if self.instance is not None:
                existing = existing.exclude(pk=self.instance.pk)
            article = existing.first()
            if article:
                raise serializers.ValidationError(
                    f"An article with this URL already exists: {article.get_absolute_url()}"
                )
        return value


class ArticleListSerializer(ArticleSerializer):
    """Lists leave out the body, which can be long; the detail has it."""

    class Meta(ArticleSerializer.Meta):
        fields = [f for f in ArticleSerializer.Meta.fields if f != "body"]
