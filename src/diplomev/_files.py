"""Opening paths, ``-`` and file objects as binary streams, and writing files atomically."""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import sys
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, TypeAlias

from diplomev.errors import ErrorCode, ValidationError

#: Where records are read from or written to: a path, ``"-"`` for the standard streams, or
#: an open file object (text or binary).
Target: TypeAlias = "str | os.PathLike[str] | IO[Any]"


def is_gzip(target: Target) -> bool:
    """Tell whether a path names a gzip file (by its ``.gz`` suffix)."""
    return isinstance(target, str | os.PathLike) and str(target).endswith(".gz")


def name_of(target: Target) -> str:
    """Name a target for messages: the path, ``<stdin>``/``<stdout>``, or the file object's name."""
    if isinstance(target, str | os.PathLike):
        return "<stdin>" if str(target) == "-" else str(target)
    return str(getattr(target, "name", "<stream>"))


def _binary(stream: IO[Any]) -> IO[bytes]:
    if isinstance(stream, io.TextIOBase):
        # A text stream: read and write its underlying bytes so we control decoding.
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            raise TypeError("text streams without a binary buffer are not supported")
        if stream.writable():
            stream.flush()  # whatever the caller wrote as text goes first
        return buffer  # type: ignore[no-any-return,unused-ignore]
    return stream


class _CheckedGzipFile(gzip.GzipFile):
    """A gzip reader whose damaged data raises `ValidationError`, as any bad input does.

    A truncated or corrupt stream otherwise surfaces as EOFError or zlib.error, midway
    through a file whose first records were fine.
    """

    def read(self, size: int | None = -1) -> bytes:
        try:
            return super().read(size)
        except (EOFError, zlib.error, gzip.BadGzipFile) as e:
            raise _damaged(e) from e

    def readline(self, size: int | None = -1) -> bytes:
        try:
            return super().readline(size)
        except (EOFError, zlib.error, gzip.BadGzipFile) as e:
            raise _damaged(e) from e


def _damaged(error: Exception) -> ValidationError:
    message = f"the gzip data is damaged: {error or type(error).__name__}"
    return ValidationError.at("$", message, ErrorCode.BAD_FILE)


@contextlib.contextmanager
def open_for_reading(source: Target) -> Iterator[IO[bytes]]:
    """Open ``source`` as a binary stream; gunzip ``.gz`` paths; ``-`` is standard input."""
    if not isinstance(source, str | os.PathLike):
        yield _binary(source)
        return
    if str(source) == "-":
        yield sys.stdin.buffer
        return
    if is_gzip(source):
        with _CheckedGzipFile(source, "rb") as zipped:
            yield zipped  # type: ignore[misc]  # GzipFile is a binary stream
    else:
        with open(source, "rb") as stream:
            yield stream


@contextlib.contextmanager
def open_for_writing(target: Target) -> Iterator[IO[bytes]]:
    """Open ``target`` for writing bytes; a path is written atomically.

    A path is written to a temporary file beside it, flushed and fsynced, then moved over
    the target: if anything fails or the process dies midway, the old file is left whole
    and the temporary file is removed (or, after a kill, left with a ``.tmp`` name).
    """
    if not isinstance(target, str | os.PathLike):
        yield _binary(target)
        return
    if str(target) == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    path = Path(target)
    fd, temporary = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as raw:
            if is_gzip(path):
                with gzip.GzipFile(
                    filename=path.name[:-3], mode="wb", fileobj=raw, mtime=0
                ) as zipped:
                    yield zipped  # type: ignore[misc]
            else:
                yield raw
            raw.flush()
            os.fsync(raw.fileno())
        _keep_mode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _keep_mode(path: Path, temporary: str) -> None:
    """Give the new file the old one's permissions (mkstemp makes it private)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temporary, mode & 0o7777)
