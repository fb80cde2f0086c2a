import getpass
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claimtracker import roles


class Command(BaseCommand):
    help = "Create a user with the editor role (or --administrator) for a new installation."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--administrator", action="store_true", help="Also allow deletes and merges."
        )
        parser.add_argument(
            "--no-input",
            action="store_true",
            help="Generate a password and print it instead of asking for one.",
        )

    def handle(self, *args, username, email, administrator, no_input, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user called {username!r} already exists.")
        password = secrets.token_urlsafe(18) if no_input else self.ask_password(username)
        role = roles.ADMINISTRATOR if administrator else roles.EDITOR
        with transaction.atomic():
            user = User.objects.create_user(username=username, email=email, password=password)
            user.groups.add(Group.objects.get(name=role))
        self.stdout.write(self.style.SUCCESS(f"Created {role} {username!r}."))
        if no_input:
            self.stdout.write(f"Password: {password}")

    def ask_password(self, username: str) -> str:
        for _ in range(3):
            password = getpass.getpass(f"Password for {username}: ")
            if password != getpass.getpass("Again: "):
                self.stderr.write("The passwords differ; try again.")
                continue
            try:
                validate_password(password)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            return password
        raise CommandError("No acceptable password given.")
