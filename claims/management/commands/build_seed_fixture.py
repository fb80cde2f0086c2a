from django.core.management.base import BaseCommand, CommandError

from claims import seed


class Command(BaseCommand):
    help = "Build fixtures/seed.json from fixtures/annotations/seed.yaml, computing quote offsets."

    def handle(self, *args, **options):
        try:
            records = seed.write_fixture()
        except seed.AnnotationError as error:
            raise CommandError(f"The annotations have problems:\n{error}") from None
        counts = {}
        for record in records:
            counts[record["model"]] = counts.get(record["model"], 0) + 1
        summary = ", ".join(f"{n} {model.split('.')[1]}" for model, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Wrote {seed.SEED_FIXTURE}: {summary}."))
