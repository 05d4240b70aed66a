"""The sources: folders of files, news feeds and web pages (`sources.toml`), which files of a folder
are sources, and reading them (no Prefect here, so the CLI can check the sources at once).

The folder is a boundary: a symbolic link is read only when it points at a file inside the
folder; one that points outside, loops or dangles is reported with the reason, and so is a file
that cannot be read or is larger than the size limit. Such files are quarantined by the ingest
stage, and the rest of the folder is read.
"""
from __future__ import annotations

import os
import stat
import tomllib
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from transforms.ingest import MEDIA_TYPES

SUFFIXES = tuple(MEDIA_TYPES)


class SourcesError(Exception):
    """A sources folder is missing or holds no source files, or a sources file is wrong."""


@dataclass(frozen=True)
class Source:
    """One source document as read: its name (a path relative to its folder, or the page's URL),
    where it is (the file read, a link resolved; the URL it was fetched from), and its bytes or the
    reason they were not read. A web page also brings its URL, fetch time and what the server said
    of its type and charset; one the server reported unchanged (304) brings only the version
    (`sha256`) the warehouse already holds. `region`: its folder's, feed's or page's region hint."""

    doc: str
    path: Path | str
    content: bytes | None = None
    size_bytes: int | None = None
    problem: str | None = None
    url: str | None = None
    fetched_at: datetime | None = None
    media_type: str | None = None
    charset: str | None = None
    sha256: str | None = None  # a 304's version: the one held in raw.ingest
    region: str | None = None  # the region hint of its folder, feed or page (sources.toml)


@dataclass(frozen=True)
class Folder:
    """A folder of source files; `name`, when given, prefixes its documents' names ("name/file.txt")."""

    path: Path
    name: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class Web:
    """A news feed (RSS or Atom: every article it links) or one web page."""

    url: str
    name: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class Sources:
    """Everything a run reads: folders, feeds and pages (the command line's or a sources file's)."""

    folders: tuple[Folder, ...] = ()
    feeds: tuple[Web, ...] = ()
    pages: tuple[Web, ...] = ()
    fetch: dict = field(default_factory=dict)  # the sources file's [fetch] settings

    @property
    def web(self) -> bool:
        return bool(self.feeds or self.pages)

    def describe(self) -> str:
        parts = [str(f.path) for f in self.folders]
        parts += [f"{len(self.feeds)} feed{'s' if len(self.feeds) != 1 else ''}"] if self.feeds else []
        parts += [f"{len(self.pages)} page{'s' if len(self.pages) != 1 else ''}"] if self.pages else []
        return ", ".join(parts) or "nothing"


FETCH_SETTINGS = {"interval_seconds": (int, float), "timeout_seconds": (int, float), "retries": int,
                  "retry_delay_seconds": (int, float), "user_agent": str}
_RANGES = {"interval_seconds": (0, 3600), "timeout_seconds": (0.1, 600), "retries": (0, 10),
           "retry_delay_seconds": (0, 3600)}
SOURCES_FILE = Path("sources.toml")  # read by `lishui run` and `lishui serve` when given no sources
_ENTRY_KEYS = {"folder": {"path", "name", "region"}, "feed": {"url", "name", "region"},
               "page": {"url", "name", "region"}}


def load(path: Path) -> Sources:
    """The sources file at `path` (TOML): `[[folder]]` path, `[[feed]]` url, `[[page]]` url, each with
    an optional name and region; `[fetch]` settings. A folder's relative path is read from the
    file's own folder. A mistake raises SourcesError naming the file and the entry."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesError(f"sources file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as e:
        raise SourcesError(f"sources file {path} cannot be read: {e}") from None
    except tomllib.TOMLDecodeError as e:
        raise SourcesError(f"sources file {path} is not valid TOML: {e}") from None
    unknown = set(data) - {*_ENTRY_KEYS, "fetch"}
    if unknown:
        raise SourcesError(f"sources file {path}: unknown section {', '.join(sorted(unknown))} "
                           "(expected [[folder]], [[feed]], [[page]] and [fetch])")
    entries = {}
    for kind, keys in _ENTRY_KEYS.items():
        items = data.get(kind, [])
        if not isinstance(items, list):
            raise SourcesError(f"sources file {path}: write each {kind} as [[{kind}]], not [{kind}]")
        for n, item in enumerate(items, 1):
            where = f"sources file {path}: [[{kind}]] number {n}"
            if bad := set(item) - keys:
                raise SourcesError(f"{where} has unknown key {', '.join(sorted(bad))} (expected {', '.join(sorted(keys))})")
            for key, value in item.items():
                if not isinstance(value, str) or not value.strip():
                    raise SourcesError(f"{where}: {key} must be a non-empty string")
            need = "path" if kind == "folder" else "url"
            if need not in item:
                raise SourcesError(f"{where} has no {need}")
            if kind != "folder" and (problem := url_problem(item["url"])):
                raise SourcesError(f"{where}: {problem}")
        entries[kind] = items
    fetch = data.get("fetch", {})
    for key, value in fetch.items():
        if key not in FETCH_SETTINGS:
            raise SourcesError(f"sources file {path}: unknown [fetch] setting {key} "
                               f"(expected {', '.join(FETCH_SETTINGS)})")
        if not isinstance(value, FETCH_SETTINGS[key]) or isinstance(value, bool):
            raise SourcesError(f"sources file {path}: [fetch] {key} = {value!r} has the wrong type")
        low, high = _RANGES.get(key, (None, None))
        if low is not None and not (low <= value <= high):
            raise SourcesError(f"sources file {path}: [fetch] {key} = {value!r} is out of range ({low} to {high})")
    base = Path(path).parent
    return Sources(
        folders=tuple(Folder(base / item["path"], item.get("name"), item.get("region")) for item in entries["folder"]),
        feeds=tuple(Web(item["url"], item.get("name"), item.get("region")) for item in entries["feed"]),
        pages=tuple(Web(item["url"], item.get("name"), item.get("region")) for item in entries["page"]),
        fetch=dict(fetch),
    )


def resolve(folder: Path | None = None, config: Path | None = None, feeds=(), pages=(),
            default_folder: Path = Path("data/sources")) -> Sources:
    """What a run reads: the sources file `config` (when given), with the folder, feeds and pages
    given beside it; with none of them, ./sources.toml when there is one, else `default_folder`.
    Raises SourcesError for a sources file that cannot be read or a URL that is not one."""
    explicit = Sources(folders=(Folder(Path(folder)),) if folder else (),
                       feeds=tuple(Web(u) for u in feeds or ()), pages=tuple(Web(u) for u in pages or ()))
    for web in (*explicit.feeds, *explicit.pages):
        if problem := url_problem(web.url):
            raise SourcesError(problem)
    if config is None and not (explicit.folders or explicit.web):
        config = default_config()
        if config is None:
            return Sources(folders=(Folder(Path(default_folder)),))
    if config is None:
        return explicit
    loaded = load(Path(config))
    return Sources(folders=loaded.folders + explicit.folders, feeds=loaded.feeds + explicit.feeds,
                   pages=loaded.pages + explicit.pages, fetch=loaded.fetch)


def is_url(doc: str) -> bool:
    """Whether a document's name is a web page's URL (else a file's path)."""
    return doc.startswith(("http://", "https://"))


def default_config() -> Path | None:
    """./sources.toml when there is one: what a run given no sources reads."""
    return SOURCES_FILE if SOURCES_FILE.is_file() else None


def url_problem(url: str) -> str | None:
    """Why `url` cannot be fetched (not http or https, no host), or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"{url!r} is not an http or https URL"
    if not parts.hostname:
        return f"{url!r} has no host"
    return None


def check(sources: Sources) -> None:
    """Raise SourcesError when a folder of `sources` cannot be read or holds no source files, a URL
    is not one, or there is nothing to read at all."""
    if not (sources.folders or sources.web):
        raise SourcesError("no sources: give a folder (--sources), a feed (--feed), a page (--url) or a "
                           "sources file (--config)")
    for folder in sources.folders:
        source_files(folder.path)
    for web in (*sources.feeds, *sources.pages):
        if problem := url_problem(web.url):
            raise SourcesError(problem)
    hinted = {s.region for s in (*sources.folders, *sources.feeds, *sources.pages) if s.region}
    if hinted:
        from transforms.extract import gazetteer

        if unknown := sorted(hinted - set(gazetteer.load().regions)):
            raise SourcesError(f"region {', '.join(unknown)} is not a region of warehouse/seeds/dim_region.csv "
                               "(a region hint names one of its `region` values, e.g. Lishui or Longquan)")


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


def read(sources: Path, max_bytes: int, name: str | None = None, region: str | None = None) -> Iterator[Source]:
    """Read every source file of `sources` that may be read, one at a time; the others with the
    reason. A folder's `name` prefixes its documents' names; its `region` hint goes with each."""
    root = sources.resolve()
    for p in source_files(sources):
        doc = p.relative_to(sources).as_posix()
        doc = f"{name}/{doc}" if name else doc
        problem, target = _target(p, root)
        if problem is None and target.is_dir():
            continue  # a link to a folder inside the sources folder: its files are read where they are
        if problem:
            yield Source(doc, p.absolute(), problem=problem, region=region)
            continue
        yield replace(_read_file(doc, target.resolve(), max_bytes), region=region)


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
