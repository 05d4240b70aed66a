"""The sources folder: which files are sources, and reading them (no Prefect here, so the CLI can
check the folder at once).

The folder is a boundary: a symbolic link is read only when it points at a file inside the
folder; one that points outside, loops or dangles is reported with the reason, and so is a file
that cannot be read or is larger than the size limit. Such files are quarantined by the ingest
stage, and the rest of the folder is read.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from transforms.ingest import MEDIA_TYPES

SUFFIXES = tuple(MEDIA_TYPES)


class SourcesError(Exception):
    """The sources folder is missing or holds no source files."""


@dataclass(frozen=True)
class Source:
    """One entry of the sources folder: its name (relative path), where it is (the file read, a link
    resolved; the entry itself when it was not read), and its bytes or the reason they were not read."""

    doc: str
    path: Path
    content: bytes | None = None
    size_bytes: int | None = None
    problem: str | None = None


def source_files(sources: Path) -> list[Path]:
    """Every .txt, .md, .html and .pdf entry under `sources` (hidden ones skipped, symbolic links not
    followed into folders), sorted; links and unreadable files included, for `read` to judge."""
    if not sources.exists():
        raise SourcesError(f"sources folder {sources} does not exist")
    if not sources.is_dir():
        raise SourcesError(f"sources path {sources} is not a folder")
    found = []
    for folder, dirs, files in os.walk(sources, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(folder) / d for d in dirs if os.path.islink(os.path.join(folder, d))]
        found += [Path(folder) / f for f in files if not f.startswith(".") and Path(f).suffix.lower() in SUFFIXES]
    if not found:
        raise SourcesError(f"sources folder {sources} holds no {', '.join(SUFFIXES)} files")
    return sorted(found)


def read(sources: Path, max_bytes: int) -> Iterator[Source]:
    """Read every source file of `sources` that may be read, one at a time; the others with the reason."""
    root = sources.resolve()
    for p in source_files(sources):
        doc = p.relative_to(sources).as_posix()
        problem, target = _target(p, root)
        if problem is None and target.is_dir():
            continue  # a link to a folder inside the sources folder: its files are read where they are
        if problem:
            yield Source(doc, p.absolute(), problem=problem)
            continue
        yield _read_file(doc, target.resolve(), max_bytes)


def _target(p: Path, root: Path) -> tuple[str | None, Path]:
    """Where `p` leads, or why it may not be followed."""
    if not p.is_symlink():
        return None, p
    try:
        target = p.resolve(strict=True)
    except RuntimeError:
        return "symlink loop", p
    except FileNotFoundError:
        return "broken symlink: its target does not exist", p
    except OSError as e:
        return ("symlink loop" if e.errno == 40 else f"symlink cannot be followed: {e.strerror}"), p
    if not target.is_relative_to(root):
        return "symlink to a path outside the sources folder", p
    return None, target


def _read_file(doc: str, path: Path, max_bytes: int) -> Source:
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            return Source(doc, path, problem="not a regular file")
        if st.st_size > max_bytes:
            return Source(doc, path, size_bytes=st.st_size,
                          problem=f"too large: {_mb(st.st_size)}, over the limit of {_mb(max_bytes)} "
                                  "(lishui run --max-document-mb)")
        with open(path, "rb") as fh:
            content = fh.read(max_bytes + 1)
    except PermissionError:
        return Source(doc, path, problem="cannot be read: permission denied")
    except OSError as e:
        return Source(doc, path, problem=f"cannot be read: {e.strerror or e}")
    if len(content) > max_bytes:  # grew while being read
        return Source(doc, path, size_bytes=len(content),
                      problem=f"too large: over the limit of {_mb(max_bytes)} (lishui run --max-document-mb)")
    return Source(doc, path, content=content, size_bytes=len(content))


def _mb(n: int) -> str:
    return f"{n / 1_000_000:,.1f} MB"
