"""Write the data set's zip (the download of /data/) to a file."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urljoin

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from claims.exports import dataset


class Command(BaseCommand):
    help = (
        "Write the whole database as a zip of CSV files with a Frictionless "
        "datapackage.json, the file /data/ serves. Memory stays flat at any size."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="Where to write the zip ('-' for standard output); default "
            "claimtracker-data-<version>.zip in the current folder.",
        )
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000/",
            help="The site's address, for the statements' and the data set's URLs "
            "(default %(default)s).",
        )

    def handle(self, *args, output=None, base_url="", **options):
        if not base_url.startswith(("http://", "https://")):
            raise CommandError("--base-url must start with http:// or https://.")

        def absolute(path: str) -> str:
            return urljoin(base_url, path)

        stream = dataset.package_chunks(absolute(reverse("claims:dataset")), absolute)
        version = next(stream)
        if output == "-":
            for chunk in stream:
                sys.stdout.buffer.write(chunk)
            return
        path = Path(output or dataset.archive_name(version))
        if path.is_dir():
            path = path / dataset.archive_name(version)
        # Written beside it, then renamed: the file is never seen half written.
        partial = path.with_name(path.name + ".part")
        try:
            with partial.open("wb") as target:
                size = sum(target.write(chunk) for chunk in stream)
            partial.replace(path)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise CommandError(f"Cannot write {path}: {error.strerror}.") from None
        label = dataset.version_label(version)
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {path} ({size:,} bytes), data version {label}.")
        )
