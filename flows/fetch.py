"""The fetch stage: news feeds and web pages, fetched politely and only when they changed.

Every request goes through one `Fetcher`: httpx with our User-Agent, timeouts, a size limit,
robots.txt honoured (read once per host and run; its Crawl-delay respected), at most one request
per `interval` seconds to a host, redirects followed one hop at a time (each hop checked
against robots.txt). A page fetched before is asked for with its validators (If-None-Match /
If-Modified-Since): a 304 costs no download and no extraction, the version the warehouse holds
stays. A feed (RSS or Atom, read with feedparser) gives the articles it links; when it is
unchanged, the articles it linked last time are asked for again (each with its validators), so an
article that failed last time is tried again.

Each URL is a Prefect task (`fetch_url`) retried with back-off on I/O errors only (connection
refused or reset, timeouts, and a busy server's 429/502/503/504); an HTTP error such as 404, a
refusal by robots.txt or a page over the size limit is not retried. What failed goes on to ingest as a
source with its problem, and is quarantined there; the rest publishes. Every answer is kept in
raw.fetch.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import httpx
import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE

import warehouse as wh
from flows import logger
from flows.sources import Source, Sources, Web

USER_AGENT = ("lishui-figures/0.1 (economic figures from news text; reads public pages only, honours "
              "robots.txt, one request per second per site)")
INTERVAL_SECONDS = 1.0  # between two requests to one host (or the host's Crawl-delay, when longer)
TIMEOUT_SECONDS = 20.0  # to connect, and between two reads of a response
RETRIES = 2             # more tries of a URL after an I/O error (RETRY_DELAYS apart)
RETRY_DELAYS = (2.0, 8.0)
MAX_REDIRECTS = 5
BUSY = {429, 502, 503, 504}  # a server that is busy or restarting: tried again
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,"
          "application/pdf,text/plain;q=0.8,*/*;q=0.5")


class FetchError(Exception):
    """A URL that could not be fetched, said as the quarantine says it (not retried)."""


class Busy(FetchError):
    """The server answered 429, 502, 503 or 504: tried again with back-off."""


@dataclass(frozen=True)
class Fetched:
    """One URL's answer: 200 with its body, or 304 (the validators matched: no body)."""

    url: str
    final_url: str
    status: int
    content: bytes | None
    media_type: str | None
    charset: str | None
    etag: str | None
    last_modified: str | None
    fetched_at: datetime


class Fetcher:
    """Polite HTTP: one client, robots.txt per host, a pause between requests to a host."""

    def __init__(self, user_agent: str = USER_AGENT, interval: float = INTERVAL_SECONDS,
                 timeout: float = TIMEOUT_SECONDS, max_bytes: int = 10_000_000):
        self.user_agent, self.interval, self.timeout, self.max_bytes = user_agent, interval, timeout, max_bytes
        self.client = httpx.Client(headers={"User-Agent": user_agent, "Accept": ACCEPT},
                                   timeout=httpx.Timeout(timeout), follow_redirects=False)
        self._last: dict[str, float] = {}   # host -> when the last request to it began
        self._robots: dict[str, RobotFileParser | str] = {}  # host -> its rules, or why they could not be read
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET `url`, following redirects; conditional when validators are given. Raises FetchError
        (robots.txt, HTTP status, size limit), Busy, or httpx's TransportError (I/O)."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            self._allowed(current)
            self._turn(current)
            with self.client.stream("GET", current, headers=headers) as r:
                if r.status_code in (301, 302, 303, 307, 308) and "location" in r.headers:
                    current = urljoin(current, r.headers["location"])
                    continue
                if r.status_code == 304:
                    return self._answer(url, current, r, None)
                if r.status_code in BUSY:
                    raise Busy(f"HTTP {r.status_code} {r.reason_phrase}")
                if r.status_code != 200:
                    raise FetchError(f"HTTP {r.status_code} {r.reason_phrase}"
                                     + (f" (after a redirect to {current})" if current != url else ""))
                return self._answer(url, current, r, self._body(r))
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    def _body(self, r: httpx.Response) -> bytes:
        limit = self.max_bytes
        declared = r.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(f"too large: {int(declared) / 1e6:,.1f} MB, over the limit of {limit / 1e6:,.1f} MB "
                             "(lishui run --max-document-mb)")
        deadline = time.monotonic() + 3 * self.timeout  # a page that trickles in is a slow page too
        chunks, size = [], 0
        for chunk in r.iter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise FetchError(f"too large: over the limit of {limit / 1e6:,.1f} MB (lishui run --max-document-mb)")
            if time.monotonic() > deadline:
                raise httpx.ReadTimeout(f"the page took more than {3 * self.timeout:.0f} s to arrive")
        return b"".join(chunks)

    def _answer(self, url: str, final: str, r: httpx.Response, content: bytes | None) -> Fetched:
        media_type, _, params = r.headers.get("content-type", "").partition(";")
        charset = next((v.strip().strip("\"'") for k, _, v in (p.partition("=") for p in params.split(";"))
                        if k.strip().lower() == "charset"), None)
        return Fetched(url=url, final_url=final, status=r.status_code, content=content,
                       media_type=media_type.strip().lower() or None, charset=charset or None,
                       etag=r.headers.get("etag"), last_modified=r.headers.get("last-modified"),
                       fetched_at=datetime.now(timezone.utc).replace(tzinfo=None))

    def _turn(self, url: str) -> None:
        """Wait until the host may be asked again."""
        host = urlsplit(url).netloc
        robots = self._robots.get(host)
        delay = self.interval
        if isinstance(robots, RobotFileParser):
            delay = max(delay, float(robots.crawl_delay(self.user_agent) or 0))
        last = self._last.get(host)
        if last is not None and (wait := last + delay - time.monotonic()) > 0:
            time.sleep(wait)
        self._last[host] = time.monotonic()
        self.requests += 1

    def _allowed(self, url: str) -> None:
        """Raise FetchError when the host's robots.txt does not let us read `url`."""
        parts = urlsplit(url)
        host = parts.netloc
        if host not in self._robots:
            self._robots[host] = self._read_robots(urlunsplit((parts.scheme, host, "/robots.txt", "", "")))
        robots = self._robots[host]
        if isinstance(robots, str):
            raise FetchError(robots)
        if not robots.can_fetch(self.user_agent, url):
            raise FetchError(f"robots.txt of {host} does not allow fetching {parts.path or '/'}")

    def _read_robots(self, url: str) -> RobotFileParser | str:
        """The rules at `url`: none (all allowed) when it does not exist; all refused when access to
        it is refused; a problem (nothing fetched from the host) when the server fails or cannot be reached."""
        rules = RobotFileParser(url)
        try:
            self._turn(url)
            r = self.client.get(url, follow_redirects=True)
        except httpx.TransportError as e:
            return f"robots.txt of {urlsplit(url).netloc} could not be read ({describe(e)}): nothing fetched from it"
        if r.status_code in (401, 403):
            rules.disallow_all = True
        elif r.status_code >= 500:
            return (f"robots.txt of {urlsplit(url).netloc} could not be read (HTTP {r.status_code}): "
                    "nothing fetched from it")
        elif r.status_code == 200:
            rules.parse(r.text.splitlines())
        else:
            rules.allow_all = True
        return rules


def describe(e: BaseException) -> str:
    """An error as the quarantine and the log say it."""
    if isinstance(e, FetchError):
        return str(e)
    if isinstance(e, httpx.TimeoutException):
        return f"timed out ({type(e).__name__}{': ' + str(e) if str(e) else ''})"
    if isinstance(e, httpx.TransportError):
        return f"could not be fetched: {type(e).__name__}: {e}"
    return f"{type(e).__name__}: {e}"


def _io_error(task, task_run, state) -> bool:
    """Retry a URL only after an I/O error or a busy server."""
    try:
        state.result()
    except (httpx.TransportError, Busy):
        return True
    except BaseException:
        return False
    return False


@task(name="fetch_url", cache_policy=NO_CACHE, persist_result=False, retries=RETRIES,
      retry_delay_seconds=list(RETRY_DELAYS), retry_condition_fn=_io_error, task_run_name="fetch {url}")
def fetch_url(fetcher: Fetcher, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
    """One URL, conditional when it was fetched before."""
    return fetcher.get(url, etag, last_modified)


def feed_links(content: bytes, base: str) -> tuple[list[str], str | None]:
    """The article links of an RSS or Atom feed, in feed order without repeats, and why there are
    none when the bytes are not a feed."""
    import feedparser

    parsed = feedparser.parse(content, response_headers={"content-location": base})
    links = []
    for entry in parsed.entries:
        link = entry.get("link") or next((lk.get("href") for lk in entry.get("links", []) if lk.get("href")), None)
        if link:
            link = urljoin(base, link.strip())
            if link not in links:
                links.append(link)
    if not links and (parsed.bozo or not parsed.version):
        why = parsed.get("bozo_exception")
        return [], f"not a readable RSS or Atom feed{': ' + str(why).strip() if why else ''}"
    return links, None


@dataclass(frozen=True)
class FetchResult:
    sources: list[Source]  # what ingest reads: pages fetched (200), unchanged (304) or failed (a problem)
    fetched: int           # pages downloaded
    unchanged: int         # pages the server said were unchanged (304)
    failed: int            # feeds and pages that could not be fetched
    requests: int


def settings(fetch: dict) -> dict:
    """The fetch task's keyword arguments from a sources file's [fetch] settings."""
    out = {}
    if "user_agent" in fetch:
        out["user_agent"] = fetch["user_agent"]
    if "interval_seconds" in fetch:
        out["interval"] = float(fetch["interval_seconds"])
    if "timeout_seconds" in fetch:
        out["timeout"] = float(fetch["timeout_seconds"])
    if "retries" in fetch:
        out["retries"] = int(fetch["retries"])
    if "retry_delay_seconds" in fetch:  # the first delay; each next one four times longer
        out["retry_delays"] = tuple(float(fetch["retry_delay_seconds"]) * 4 ** n for n in range(max(out.get("retries", RETRIES), 1)))
    return out


@task(name="fetch", cache_policy=NO_CACHE, persist_result=False)
def fetch(sources: Sources, warehouse: Path, run_id: str, max_bytes: int, user_agent: str = USER_AGENT,
          interval: float = INTERVAL_SECONDS, timeout: float = TIMEOUT_SECONDS, retries: int = RETRIES,
          retry_delays: tuple[float, ...] = RETRY_DELAYS) -> FetchResult:
    """Fetch the feeds and pages of `sources`: every answer into raw.fetch, the pages as sources."""
    log = logger()
    with wh.connect(warehouse, read_only=True) as con:
        validators = _validators(con)
        feed_links_before = _last_links(con)
    getter = fetch_url.with_options(retries=retries, retry_delay_seconds=list(retry_delays) or 0)
    fetcher = Fetcher(user_agent, interval, timeout, max_bytes)
    rows, out, pages = [], [], {}
    try:
        for feed in sources.feeds:
            answer, problem = _get(getter, fetcher, feed.url, validators.get(feed.url), feed.name)
            links = []
            if answer is not None and answer.status == 304:
                links = feed_links_before.get(feed.url, [])
            elif answer is not None:
                links, problem = feed_links(answer.content, answer.final_url)
            rows.append(_row(run_id, feed.url, "feed", answer, problem, links=links))
            if problem:
                log.warning("feed %s: %s", feed.name or feed.url, problem)
                out.append(Source(doc=feed.url, path=feed.url, problem=f"feed: {problem}", url=feed.url,
                                  region=feed.region))
                continue
            log.info("feed %s: %d articles%s", feed.name or feed.url, len(links),
                     " (unchanged)" if answer.status == 304 else "")
            for link in links:
                pages.setdefault(link, Web(link, feed.name, feed.region))
        for page in sources.pages:
            pages.setdefault(page.url, page)
        for url, page in pages.items():
            answer, problem = _get(getter, fetcher, url, validators.get(url), page.name)
            rows.append(_row(run_id, url, "page", answer, problem))
            out.append(_source(url, answer, problem, validators.get(url), page.region))
    finally:
        fetcher.close()
        with wh.connect(warehouse) as con:
            con.register("fetch_rows", pl.DataFrame(rows, schema=FETCH_SCHEMA).to_arrow())
            con.execute("insert into raw.fetch by name select * from fetch_rows")
    failed = sum(1 for r in rows if r["problem"])
    result = FetchResult(out, fetched=sum(1 for r in rows if r["kind"] == "page" and r["status"] == 200),
                         unchanged=sum(1 for r in rows if r["kind"] == "page" and r["status"] == 304),
                         failed=failed, requests=fetcher.requests)
    log.info("fetch: %d pages fetched, %d unchanged (304), %d feeds and pages failed, %d requests",
             result.fetched, result.unchanged, result.failed, result.requests)
    return result


def _get(getter, fetcher: Fetcher, url: str, known: dict | None,
         name: str | None = None) -> tuple[Fetched | None, str | None]:
    """The answer for `url`, or why there is none (after the retries an I/O error gets); the log
    says the source's `name` with it."""
    known = known or {}
    state = getter(fetcher, url, known.get("etag"), known.get("last_modified"), return_state=True)
    if state.is_completed():
        return state.result(), None
    try:
        state.result()
    except BaseException as e:  # noqa: BLE001 - the reason is what the quarantine keeps
        tries = f" (after {getter.retries + 1} tries)" if isinstance(e, (httpx.TransportError, Busy)) and getter.retries else ""
        logger().warning("%s%s: %s%s", url, f" ({name})" if name else "", describe(e), tries)
        return None, describe(e) + tries
    return None, f"the fetch ended as {state.type.value}"


def _source(url: str, answer: Fetched | None, problem: str | None, known: dict | None,
            region: str | None = None) -> Source:
    """A page as ingest reads it."""
    if answer is None:
        return Source(doc=url, path=url, problem=problem, url=url, region=region)
    if answer.status == 304:
        return Source(doc=url, path=answer.final_url, url=answer.final_url, fetched_at=answer.fetched_at,
                      sha256=known["sha256"], size_bytes=known.get("size_bytes"), region=region)
    return Source(doc=url, path=answer.final_url, content=answer.content, size_bytes=len(answer.content),
                  url=answer.final_url, fetched_at=answer.fetched_at, media_type=answer.media_type,
                  charset=answer.charset, region=region)


FETCH_SCHEMA = {
    "run_id": pl.String, "url": pl.String, "kind": pl.String, "final_url": pl.String, "status": pl.Int32,
    "etag": pl.String, "last_modified": pl.String, "media_type": pl.String, "charset": pl.String,
    "size_bytes": pl.Int64, "sha256": pl.String, "links": pl.List(pl.String), "problem": pl.String,
    "fetched_at": pl.Datetime("us"),
}


def _row(run_id: str, url: str, kind: str, answer: Fetched | None, problem: str | None, links=None) -> dict:
    content = answer.content if answer is not None else None
    return {
        "run_id": run_id, "url": url, "kind": kind,
        "final_url": answer.final_url if answer else None, "status": answer.status if answer else None,
        "etag": answer.etag if answer else None, "last_modified": answer.last_modified if answer else None,
        "media_type": answer.media_type if answer else None, "charset": answer.charset if answer else None,
        "size_bytes": len(content) if content is not None else None,
        "sha256": hashlib.sha256(content).hexdigest() if content is not None else None,
        "links": links if kind == "feed" else None, "problem": problem,
        "fetched_at": answer.fetched_at if answer else datetime.now(timezone.utc).replace(tzinfo=None),
    }


def _validators(con) -> dict[str, dict]:
    """url -> the validators of its last downloaded answer (etag, last_modified) and the version it
    gave (sha256, size_bytes): pages only when that version is a document in raw.ingest, feeds only
    when that answer was a readable feed (what could not be read is downloaded again)."""
    rows = con.execute("""
        with downloaded as (
            select * from raw.fetch
            where status = 200 and (etag is not null or last_modified is not null)
            qualify row_number() over (partition by url order by fetched_at desc) = 1
        )
        select url, etag, last_modified, sha256, size_bytes
        from downloaded
        where kind = 'feed' and problem is null
           or kind = 'page' and exists (select 1 from raw.ingest i where i.doc = downloaded.url and i.sha256 = downloaded.sha256)
    """).fetchall()
    return {url: {"etag": etag, "last_modified": lm, "sha256": sha, "size_bytes": size}
            for url, etag, lm, sha, size in rows}


def _last_links(con) -> dict[str, list[str]]:
    """feed url -> the article links of its last readable answer."""
    rows = con.execute("""
        select url, links from raw.fetch
        where kind = 'feed' and status = 200 and problem is null
        qualify row_number() over (partition by url order by fetched_at desc) = 1
    """).fetchall()
    return {url: list(links or []) for url, links in rows}


__all__ = ["fetch", "fetch_url", "Fetcher", "Fetched", "FetchError", "feed_links", "USER_AGENT"]
