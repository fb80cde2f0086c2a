from django.core.management.base import BaseCommand

from claims import seed


class Command(BaseCommand):
    help = (
        "Load the seed data set (fixtures/seed.json). Records already in the database are "
        "left as they are, so running it again changes nothing."
    )

    def handle(self, *args, **options):
        report = seed.load_seed()
        added = sum(n for n, _ in report.values())
        lines = ", ".join(f"{n} {name}" for name, (n, _) in report.items() if n)
        if added:
            self.stdout.write(self.style.SUCCESS(f"Loaded the seed data: {lines}."))
        else:
            self.stdout.write("The seed data is already loaded; nothing to do.")
