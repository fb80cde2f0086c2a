from django.core.management.base import BaseCommand, CommandError
from django.test.utils import setup_databases, teardown_databases

from assistant import evaluation


class Command(BaseCommand):
    help = (
        "Score the attribution assistant against annotated articles: recall, recall with "
        "the claim, precision and date accuracy, per article and in total."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--set",
            dest="sets",
            action="append",
            choices=sorted(evaluation.SETS),
            help="which annotated set (repeat for several; default: all)",
        )
        parser.add_argument(
            "--misses",
            action="store_true",
            help="also list each item not found, each date missed and each proposal finding none",
        )
        parser.add_argument(
            "--current-database",
            action="store_true",
            help=(
                "evaluate in the database already connected, inside a transaction rolled "
                "back at the end (for tests), instead of a fresh test database"
            ),
        )

    def handle(self, *args, sets=None, current_database=False, misses=False, **options):
        sets = sets or sorted(evaluation.SETS, key=lambda name: name != "seed")
        state = (
            None
            if current_database
            else setup_databases(verbosity=0, interactive=False, aliases={"default"})
        )
        try:
            for name in sets:
                try:
                    report = evaluation.evaluate(evaluation.SETS[name], name)
                except evaluation.MissingSet as error:
                    self.stdout.write(f"Set: {name}\n{error} Nothing to evaluate for this set.\n")
                    continue
                except evaluation.seed.AnnotationError as error:
                    raise CommandError(f"The {name} set has problems:\n{error}") from None
                self.stdout.write(evaluation.format_report(report) + "\n")
                if misses:
                    self.stdout.write(evaluation.format_misses(report) + "\n")
        finally:
            if state is not None:
                teardown_databases(state, verbosity=0)
