"""Opening paths, ``-`` and file objects as binary streams, and writing files atomically."""

from __future__ import annotations

import contextlib
import errno
import gzip
import io
import os
import stat
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

    def read1(self, size: int = -1) -> bytes:
        try:
            return super().read1(size)
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
    """Open ``target`` for writing bytes; a regular file is written atomically.

    What the target is decides how it is written:

    - a regular file, or a name not yet taken, is written to a temporary file in the same
      folder (a short random name, ``.diplomev-XXXXXXXX.tmp``, so a target name of up to
      the file system's 255 bytes works), flushed and fsynced, given the old file's mode and,
      where the process may, its owner and group, then moved over the target: if anything
      fails or the process dies midway, the old file is left whole and the temporary file is
      removed (or, after a kill, left with its ``.tmp`` name);
    - a symbolic link is followed: its target is written as above, and the link stays a link;
    - a FIFO, a device (``/dev/stdout``, ``/dev/null``) or any other file that is not a
      regular file is written in place, not atomically;
    - an existing file in a folder where no temporary file can be made (a read-only folder)
      is written in place, not atomically: a failure midway leaves it partly written.
    """
    if not isinstance(target, str | os.PathLike):
        yield _binary(target)
        return
    if str(target) == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    try:
        old: os.stat_result | None = os.stat(target)  # through symbolic links
    except FileNotFoundError:
        old = None
    if old is not None and not stat.S_ISREG(old.st_mode):
        # Opened by the name given: /dev/stdout may lead to a pipe no path names.
        with open(target, "wb") as raw, _compressed(raw, Path(target)) as stream:
            yield stream
        return
    path = Path(os.path.realpath(target))  # what the symbolic links name, if any
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".diplomev-", suffix=".tmp")
    except OSError as e:
        if old is None or e.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise
        # No temporary beside it, and one elsewhere could not be moved over it atomically
        # either (another file system, perhaps): write the file itself.
        with open(path, "r+b") as in_place:
            in_place.truncate()
            with _compressed(in_place, Path(target)) as stream:
                yield stream
            in_place.flush()
            os.fsync(in_place.fileno())
        return
    try:
        with os.fdopen(fd, "wb") as raw:
            with _compressed(raw, Path(target)) as stream:
                yield stream
            raw.flush()
            os.fsync(raw.fileno())
        _keep_mode_and_owner(old, temporary)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def _compressed(raw: IO[bytes], target: Path) -> Iterator[IO[bytes]]:
    if not is_gzip(target):
        yield raw
        return
    with gzip.GzipFile(filename=target.name[:-3], mode="wb", fileobj=raw, mtime=0) as zipped:
        yield zipped  # type: ignore[misc]  # GzipFile is a binary stream


def _keep_mode_and_owner(old: os.stat_result | None, temporary: str) -> None:
    """Give the new file the old one's permissions and owner (mkstemp makes it private)."""
    if old is None:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        return
    new = os.stat(temporary)
    if (new.st_uid, new.st_gid) != (old.st_uid, old.st_gid):
        # Only root may give a file away; otherwise the writer becomes its owner.
        with contextlib.suppress(PermissionError):
            os.chown(temporary, old.st_uid, old.st_gid)
    os.chmod(temporary, stat.S_IMODE(old.st_mode))
