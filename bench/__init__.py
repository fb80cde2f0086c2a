"""ClaimTracker's scale benchmark (`make bench`, `python -m bench.run`; see README.md).

The constants and the log every module of the package shares.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
HOST = "127.0.0.1"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
