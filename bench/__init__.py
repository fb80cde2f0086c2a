"""ClaimTracker's scale benchmark (`make bench`, `python -m bench.run`; see README.md).

One job per module, imports only downward: client (one timed HTTP request or page),
servers (the benchmark databases, the corpus, gunicorn), exports (export speed and worker
memory), writer (commits a write to a statement through the ORM per command, in a Django
process of its own), pages (the cases, fresh filter combinations, cold and warm timing),
load (the concurrent read load, with or without the writer), facts and profile (run
inside Django in a subprocess), verdicts (targets, before figures, PASS/FAIL), machine
and report (results.json, RESULTS.md, plans/), measure (one database and size end to
end), run (the arguments, then the runs). This file holds what
they share: the paths, the host, log() and the helpers' Django set-up.
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
