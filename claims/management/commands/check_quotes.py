from django.core.management.base import BaseCommand, CommandError

from claims import integrity
from claims.models import Quote


class Command(BaseCommand):
    help = (
        "Verify every quote against its article body (and that every statement has a quote); "
        "exits non-zero naming each bad one."
    )

    def handle(self, *args, **options):
        problems = 0
        for problem in [*integrity.quote_problems(), *integrity.unbacked_statements()]:
            problems += 1
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"{problems} problem(s) found.")
        self.stdout.write(
            self.style.SUCCESS(f"All {Quote.objects.count()} quotes match their articles.")
        )
