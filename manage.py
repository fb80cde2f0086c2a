#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path


def main():
    """Run administrative tasks."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtracker.settings")
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import Django. Are you sure it's installed and "
            "available on your PYTHONPATH environment variable? Did you "
            "forget to activate a virtual environment?"
        ) from exc
    from claimtracker.environment import load_env_file

    # The development values `make run` wrote (DJANGO_DEBUG, a secret key), so that
    # commands typed in the checkout work; variables set in the environment win.
    default = Path(__file__).resolve().parent / ".env"
    load_env_file(Path(os.environ.get("CLAIMTRACKER_ENV_FILE", default)))
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
