"""A zip archive written as a stream of byte chunks, each handed on as soon as it is
compressed, so an archive of any size is made with flat memory.

Python's zipfile writes to a stream it cannot seek: each member gets a local header
saying its sizes follow the data (a data descriptor), its bytes are deflated as they
are written, and the central directory comes last. No member is held whole, in
memory or in a temporary file, and the first bytes reach the client before the
last rows are read. Members are zip64 (force_zip64), as their sizes are unknown
when they start and a members' CSV of a million statements can pass 4 GiB.
"""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Iterable, Iterator

# Bytes gathered before a chunk is handed on: large enough that a response is not a
# write per row, small enough that memory stays flat.
CHUNK_BYTES = 256 * 1024


class Drain:
    """The archive's file: keeps what zipfile writes until it is taken."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data) -> int:
        self.parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts, self.size = [], 0
        return data


def zip_chunks(
    members: Iterable[tuple[str, Iterable[bytes]]], modified: datetime.datetime
) -> Iterator[bytes]:
    """The bytes of a zip archive of `members`, (name, chunks of its content), each
    member read only when the archive reaches it. Every member carries `modified` as
    its time, so the same data makes the same archive, byte for byte."""
    drain = Drain()
    stamp = modified.timetuple()[:6]
    with zipfile.ZipFile(drain, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, chunks in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16  # a plain, readable file when unzipped
            with archive.open(info, "w", force_zip64=True) as member:
                for chunk in chunks:
                    member.write(chunk)
                    if drain.size >= CHUNK_BYTES:
                        yield drain.take()
            # The member's end (its data descriptor) too, before the next is read.
            yield drain.take()
    yield drain.take()  # the central directory, written as the archive closes
