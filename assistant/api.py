"""GET /api/v1/articles/<id>/proposals/: the statements the attribution assistant
proposes for an article, for editors (the proposals name records an editor would
create, and reading them costs a pass over the body)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from assistant.decisions import open_proposals
from claims.models.choices import ActorKind, DatePrecision, Stance
from claimtracker import roles
from sources.models import Article


class EditorsOnly(permissions.BasePermission):
    message = "Proposals are for editors: this needs the editor role."

    def has_permission(self, request, view) -> bool:
        return roles.is_editor(request.user)


# The shape, for the OpenAPI schema; Proposal.as_json() writes it.
class QuoteSpanSerializer(serializers.Serializer):
    start = serializers.IntegerField(help_text="Offset into the body, in characters.")
    end = serializers.IntegerField()
    text = serializers.CharField(help_text="Always body[start:end].")


class ProposedActorSerializer(serializers.Serializer):
    slug = serializers.CharField(allow_null=True, help_text="An existing actor, or null: new.")
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=ActorKind.choices)
    speaks_for = serializers.CharField(
        allow_null=True, help_text="An existing actor's slug, or the name of one to create."
    )


class ProposedClaimSerializer(serializers.Serializer):
    slug = serializers.CharField(allow_null=True, help_text="An existing claim, or null: new.")
    text = serializers.CharField()


class ProposalSerializer(serializers.Serializer):
    quote = QuoteSpanSerializer()
    actor = ProposedActorSerializer()
    speaker = ProposedActorSerializer(allow_null=True)
    stance = serializers.ChoiceField(choices=Stance.choices)
    claim = ProposedClaimSerializer()
    made_on = serializers.DateField()
    made_on_precision = serializers.ChoiceField(choices=DatePrecision.choices)
    date_wording = serializers.CharField(
        allow_blank=True, help_text="Empty when the date is the publication month."
    )
    joins_statement = serializers.IntegerField(
        allow_null=True, help_text="The recorded statement this quote would join."
    )
    confidence = serializers.FloatField(min_value=0, max_value=1)
    cue = serializers.CharField(help_text="The words that triggered the proposal.")


class ArticleProposalsSerializer(serializers.Serializer):
    article = serializers.IntegerField()
    proposals = ProposalSerializer(many=True)


class ArticleProposals(APIView):
    permission_classes = [EditorsOnly]

    @extend_schema(
        operation_id="articles_proposals",
        summary="The statements the attribution assistant proposes for an article",
        # The error answers are added to every operation by claimtracker.schema.
        responses={200: ArticleProposalsSerializer},
        # Unlike the other reads, this one needs an editor's credentials.
        auth=[{"knoxApiToken": []}, {"cookieAuth": []}],
        tags=["articles"],
    )
    def get(self, request, pk: int):
        article = Article.objects.filter(pk=pk).first()
        if article is None:
            raise NotFound("No article has this id.")
        # Less what editors accepted or dismissed: the panel's list (assistant.decisions).
        proposals = [proposal.as_json() for proposal in open_proposals(article)]
        return Response({"article": article.pk, "proposals": proposals})
