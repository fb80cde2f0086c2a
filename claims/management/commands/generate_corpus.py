from django.core.management.base import BaseCommand, CommandError

from claims.corpus.generate import generate
from claims.corpus.shape import CorpusError


class Command(BaseCommand):
    help = (
        "Generate a synthetic corpus for scale tests: about N/5 articles, N/500 actors with "
        "aliases, N/200 claims, N/5000 outlets and two quotes per statement on average, "
        "skewed so a few actors and claims hold most statements, deterministic for a given "
        "--seed. Loads with COPY on PostgreSQL (executemany on SQLite) into an empty "
        "database. Writes no simple-history rows for the generated records."
    )

    def add_arguments(self, parser):
        parser.add_argument("--statements", type=int, required=True, help="How many (N).")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data.")
        parser.add_argument(
            "--batch", type=int, default=10_000, help="Statements written per COPY round."
        )
        parser.add_argument(
            "--force-empty",
            action="store_true",
            help="Delete all outlets, articles, actors, claims, statements and quotes "
            "(and their history) first, if there are any.",
        )
        parser.add_argument(
            "--keep-quote-trigger",
            action="store_true",
            help="PostgreSQL: leave the quote-matches-body trigger on during the load "
            "(slower). By default it is disabled inside the load's transaction and every "
            "quote is verified with one query before committing.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        try:
            report = generate(
                options["statements"],
                options["seed"],
                batch=options["batch"],
                force_empty=options["force_empty"],
                keep_quote_trigger=options["keep_quote_trigger"],
                progress=not options["no_progress"] and options["verbosity"] > 0,
                stream=self.stderr._out,
                using=options["database"],
            )
        except CorpusError as error:
            raise CommandError(str(error)) from None
        counts = ", ".join(f"{n:,} {name}" for name, n in report.counts.items())
        timings = ", ".join(f"{name} {s:.1f}s" for name, s in report.seconds.items())
        self.stdout.write(self.style.SUCCESS(f"Generated (seed {report.seed}): {counts}."))
        self.stdout.write(f"Time: {timings}; total {sum(report.seconds.values()):.1f}s.")
        for note in report.notes:
            self.stdout.write(note)
        self.stdout.write("No simple-history rows were written for the generated records.")
