"""The writer: commits one write to a statement through the ORM on each command, in a
long-lived Django process of its own against the benchmark database.

Each write is a real `Statement.save()` (its signals, the history, the tally triggers),
committed before the writer answers, so the request timed after it is the first to see
the new data: no cached aggregate and no tally of before the write can serve it. Writes
go in pairs: the first changes a random statement's stance to another stance, the
second puts it back, so facet counts change on every write and the corpus ends as it
began (an unpaired change is undone when the writer quits).

In the benchmark process, `Writer` starts `python -m bench.writer` and `write()` sends
it a line and waits for its "ok"; inside Django, `Flipper` makes the writes (the
profile uses it too).
"""

from __future__ import annotations

import random
import subprocess
import sys
import time

from bench import ROOT, setup_django


class Flipper:
    """Inside Django: each write() flips a random statement's stance, or restores the
    statement flipped by the write before it."""

    def __init__(self, seed: object = 1):
        setup_django()
        from claims.models import Stance, Statement

        self.Statement, self.stances = Statement, list(Stance.values)
        self.rng = random.Random(f"writer:{seed}")
        self.top = Statement.objects.order_by("-id").values_list("id", flat=True).first() or 0
        self.pending: tuple[int, str] | None = None  # (statement id, its stance before)

    def write(self) -> str:
        from django.db import transaction

        if self.pending:
            pk, stance = self.pending
            self.pending = None
        else:
            found = (
                self.Statement.objects.filter(pk__gte=self.rng.randint(1, self.top))
                .order_by("pk")
                .values_list("pk", "stance")
                .first()
            ) or self.Statement.objects.order_by("pk").values_list("pk", "stance").first()
            pk, before = found
            stance = self.rng.choice([s for s in self.stances if s != before])
            self.pending = (pk, before)
        with transaction.atomic():
            statement = self.Statement.objects.get(pk=pk)
            before = statement.stance
            statement.stance = stance
            statement.save()
        return f"{pk} {before}->{stance}"

    def finish(self) -> None:
        if self.pending:
            self.write()


def serve() -> None:
    """The helper's loop: "write" commits one write and answers "ok <what> <ms>";
    "quit" (or the end of stdin) undoes an unpaired write and exits."""
    flipper = Flipper(sys.argv[1] if len(sys.argv) > 1 else 1)
    print("ready", flush=True)
    while True:
        command = sys.stdin.readline().strip()
        if command in ("", "quit"):
            break
        started = time.perf_counter()
        what = flipper.write()
        print(f"ok {what} {(time.perf_counter() - started) * 1000:.1f}", flush=True)
    flipper.finish()


class Writer:
    """In the benchmark process: the writer helper, one committed write per write()."""

    def __init__(self, env: dict, seed: int = 1):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.writer", str(seed)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.writes, self.seconds = 0, []
        self._expect("ready")

    def _expect(self, word: str) -> str:
        line = self.process.stdout.readline()
        if not line.startswith(word):
            self.process.kill()
            raise RuntimeError(f"the writer answered {line!r}, not {word!r} (see its stderr)")
        return line

    def write(self) -> float:
        """Commit one write; the seconds it took, from the command to the answer."""
        started = time.perf_counter()
        self.process.stdin.write("write\n")
        self.process.stdin.flush()
        self._expect("ok")
        seconds = time.perf_counter() - started
        self.writes += 1
        self.seconds.append(seconds)
        return seconds

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.process.stdin.write("quit\n")
                self.process.stdin.close()
                self.process.wait(60)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


if __name__ == "__main__":
    serve()
