import json

from django.core.management.base import BaseCommand, CommandError

from assistant.proposals import propose
from claimtracker.inputs import record_id
from sources.models import Article


class Command(BaseCommand):
    help = (
        "Print the statements the attribution assistant proposes for an article, one JSON "
        "object per line (the shape of GET /api/v1/articles/<id>/proposals/)."
    )

    def add_arguments(self, parser):
        parser.add_argument("article_id", help="the article's id")

    def handle(self, *args, article_id, **options):
        pk = record_id(article_id)
        if pk is None:
            raise CommandError(f"article_id: {article_id!r} is not an article id (a whole number).")
        article = Article.objects.filter(pk=pk).first()
        if article is None:
            raise CommandError(f"article_id: no article has the id {pk}.")
        for proposal in propose(article):
            self.stdout.write(json.dumps(proposal.as_json(), ensure_ascii=False))
