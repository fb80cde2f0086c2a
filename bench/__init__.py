"""ClaimTracker's scale benchmark (`make bench`, `python -m bench.run`; see README.md).

The constants, the log and the Django set-up every module of the package shares.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
HOST = "127.0.0.1"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def setup_django() -> None:
    """Set Django up in this process (the helpers run in a subprocess; settings from env)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtracker.settings")
    import django

    django.setup()
