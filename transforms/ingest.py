"""Source files and fetched pages in, documents out: decode, take an HTML page's article, find a title.

`ingest(files)` takes the raw bytes of each file or page and returns the documents that could be
read as text and those that could not, each with a reason. No I/O happens here: the flows read
the files, fetch the pages and write the tables.
"""
from __future__ import annotations

import codecs
import hashlib
import logging
import re
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import charset_normalizer
import polars as pl

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
}
PAGE_BREAK = "\f"  # between the pages of a PDF's text: a figure's page is 1 + the page breaks before it

# a web server's Content-Type, as the media type its bytes are read as (others: the URL's suffix, or sniffed)
CONTENT_TYPES = {
    "text/html": "text/html",
    "application/xhtml+xml": "text/html",
    "application/pdf": "application/pdf",
    "application/x-pdf": "application/pdf",
    "text/plain": "text/plain",
    "text/markdown": "text/markdown",
    "text/x-markdown": "text/markdown",
}
FILES_SCHEMA = {
    "doc": pl.String,
    "path": pl.String,
    "content": pl.Binary,     # null when the file was not read
    "size_bytes": pl.Int64,   # as found on disk (also for a file not read)
    "problem": pl.String,     # why it was not read: a symlink out of the folder, too large, unreadable ...
    "url": pl.String,         # a web page's URL (after redirects), null for a file
    "fetched_at": pl.Datetime("us"),  # when the page was fetched
    "media_type": pl.String,  # the page's Content-Type as the server sent it (without parameters)
    "charset": pl.String,     # the charset of the page's Content-Type, if any
    "region_hint": pl.String,  # the region its source gives (sources.toml), if any
    "sha256": pl.String,      # null: computed here (with_sha256); given: a 304's version, held already
}
DOCUMENTS_SCHEMA = {
    "doc": pl.String,
    "path": pl.String,
    "sha256": pl.String,
    "size_bytes": pl.Int64,
    "media_type": pl.String,
    "title": pl.String,
    "text": pl.String,
    "url": pl.String,
    "fetched_at": pl.Datetime("us"),
    "region_hint": pl.String,
    "encoding": pl.String,  # what the bytes were read as: UTF-8, UTF-16, GBK, GB18030, Big5 ...; null for a PDF
}
REJECTED_SCHEMA = {
    "doc": pl.String,
    "path": pl.String,
    "sha256": pl.String,
    "size_bytes": pl.Int64,
    "reason": pl.String,
}

_MAGIC = {
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP or Office file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip file",
    b"\xd0\xcf\x11\xe0": "an old Office file",
}


def with_sha256(files: pl.DataFrame) -> pl.DataFrame:
    """Add `sha256`: the SHA-256 of each file's bytes; null for a file not read, and kept as given
    where there are no bytes (a page the server said is unchanged: the version held already)."""
    given = files["sha256"].to_list() if "sha256" in files.columns else [None] * files.height
    shas = [hashlib.sha256(c).hexdigest() if c is not None else sha
            for c, sha in zip(files["content"].to_list(), given)]
    return files.with_columns(sha256=pl.Series(shas, dtype=pl.String))


def ingest(files: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Decode `files` (doc, path, content, and optionally the other columns of FILES_SCHEMA) into
    (documents, rejected).

    documents: the columns of DOCUMENTS_SCHEMA. `text` is the file decoded (UTF-8, UTF-8 with a
    byte-order mark, UTF-16 or UTF-32; GB18030, GBK, GB2312 or Big5 when the server's Content-Type
    or an HTML page declares it, or the bytes say so confidently) with newlines normalised to "\\n"
    (what Python's text mode reads); for HTML the article (`html_article`), for a PDF its text layer;
    figure offsets refer to it. A page is read as its Content-Type says, else as its URL's suffix,
    else as its bytes look; a file as its suffix.
    rejected: doc, path, sha256, size_bytes, reason, for files not read (`problem`), and empty,
    binary, undecodable, NUL-holding or text-less ones.
    """
    for name, dtype in FILES_SCHEMA.items():
        if name not in files.columns:
            files = files.with_columns(pl.lit(None, dtype).alias(name))
    documents, rejected = [], []
    for doc, path, content, size, problem, sha, url, fetched_at, served, charset, region in files.select(
            "doc", "path", "content", "size_bytes", "problem", "sha256", "url", "fetched_at", "media_type",
            "charset", "region_hint").iter_rows():
        if problem:
            rejected.append({"doc": doc, "path": path, "sha256": None, "size_bytes": size, "reason": problem})
            continue
        content = content or b""
        sha = sha or hashlib.sha256(content).hexdigest()
        base = {"doc": doc, "path": path, "sha256": sha, "size_bytes": len(content)}
        media_type = _media_type(doc, url, served, content)
        raw, reason, encoding = ((*pdf_text(content), None) if media_type == "application/pdf"
                                 else decode_as(content, media_type, charset))
        text, title = raw, None
        if reason is None and media_type == "text/html":
            text, title = html_article(raw, url)
            if not text.strip():
                reason = "no visible text in the HTML"
        if reason is None and not text.strip():
            reason = "no text: only whitespace"
        if reason:
            rejected.append({**base, "reason": reason})
            continue
        documents.append({**base, "media_type": media_type, "title": title or _title(text, raw, media_type),
                          "text": text, "url": url, "fetched_at": fetched_at, "region_hint": region,
                          "encoding": encoding})
    return (
        pl.DataFrame(documents, schema=DOCUMENTS_SCHEMA),
        pl.DataFrame(rejected, schema=REJECTED_SCHEMA),
    )


def _media_type(doc: str, url: str | None, served: str | None, content: bytes) -> str:
    """How a document's bytes are read: a file as its suffix says; a page as its Content-Type says,
    else as its URL's suffix, else as its bytes look (a PDF, an HTML page, else plain text)."""
    if url is None:
        return MEDIA_TYPES.get(PurePosixPath(doc).suffix.lower(), "text/plain")
    if served in CONTENT_TYPES:
        return CONTENT_TYPES[served]
    suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
    if suffix in MEDIA_TYPES:
        return MEDIA_TYPES[suffix]
    if content.startswith(b"%PDF"):
        return "application/pdf"
    if _LOOKS_HTML.search(content[:2048]):
        return "text/html"
    return "text/plain"


_LOOKS_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)


_BOMS = (  # longest first: UTF-32's little-endian mark begins with UTF-16's
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8"),
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
    (b"\xff\xfe", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16", "UTF-16"),
)


def pdf_text(content: bytes) -> tuple[str, str | None]:
    """The text layer of a PDF, its pages joined by PAGE_BREAK (with a newline before it), or the
    reason it has none: a scanned PDF (pages, no text), an encrypted or a broken one."""
    import io

    import pypdf  # here, not at import: only a run that finds a PDF pays for it

    if not content.startswith(b"%PDF"):
        return "", "not a PDF: it does not begin with %PDF"
    try:
        reader = pypdf.PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            return "", "an encrypted PDF: it cannot be read without its password"
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as e:  # pypdf raises many kinds on broken files
        return "", f"not a readable PDF: {type(e).__name__}: {str(e).strip()[:200]}"
    if not any(p.strip() for p in pages):
        return "", (f"a scanned PDF without a text layer ({len(pages)} page{'s' if len(pages) != 1 else ''}): "
                    "its text cannot be read without OCR")
    pages = [_WRAPPED.sub(" ", _PDF_CONTROLS.sub("", normalise_newlines(p).translate(_LIGATURES))).rstrip("\n")
             for p in pages]
    return ("\n" + PAGE_BREAK).join(pages) + "\n", None


logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on odd files: the reason says enough
# a font's ligatures, which a PDF's text layer may hold as one character ("ﬁrst half"): as letters again
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})
_PDF_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what a PDF's fonts leave; \f is ours alone
# a line the PDF wrapped inside a sentence: no closing punctuation before it, a lower-case word after
_WRAPPED = re.compile(r"(?<=[^.!?:;\u3002\uff01\uff1f\n])\n(?=[a-z0-9(])")


def decode(content: bytes, media_type: str = "text/plain", charset: str | None = None) -> tuple[str, str | None]:
    """The text of a file's bytes with newlines normalised, or a reason they are not a text document
    (`decode_as`, without the encoding)."""
    text, reason, _ = decode_as(content, media_type, charset)
    return text, reason


def decode_as(content: bytes, media_type: str = "text/plain",
              charset: str | None = None) -> tuple[str, str | None, str | None]:
    """The text of a file's bytes with newlines normalised, or a reason they are not a text
    document, and the encoding it was read in ("UTF-8", "UTF-16", "GBK", "GB18030", "Big5" ...).

    A byte-order mark names the encoding (and is not part of the text); without one, text whose
    every other byte is NUL is UTF-16 without a mark; else it is UTF-8 when it is valid UTF-8 (a page
    that declares another charset but is UTF-8 is read as UTF-8), else the `charset` a web server
    declared, else the charset an HTML page declares (`<meta charset>` or its `http-equiv` form), else one of the Chinese encodings
    (GB18030 and its subsets GBK and GB2312, Big5) when charset-normalizer finds one with no mess.
    Any other encoding is not guessed: the file is rejected saying what it looks like. A NUL anywhere in the decoded text rejects the file: no
    output (DuckDB, the snapshots, PostgreSQL) ever holds one.
    """
    if not content:
        return "", "empty file (0 bytes)", None
    for magic, what in _MAGIC.items():
        if content.startswith(magic):
            return "", f"binary file: looks like {what}", None
    encoding, name = _encoding(content)
    if encoding == "utf-8" and (nul := content.find(b"\x00")) >= 0:
        return "", f"binary file: contains NUL bytes (the first at byte {nul})", None
    try:
        text = content.decode(encoding)
    except UnicodeDecodeError as e:
        if encoding in _GUESSED:  # UTF-16 guessed from its NUL bytes, and wrong
            return "", f"binary file: contains NUL bytes (the first at byte {content.find(0)})", None
        bad = f"not valid {name}: byte 0x{content[e.start]:02x} at offset {e.start}"
        if encoding != "utf-8":
            return "", bad, None
        declared = _charset(charset) if charset else None
        if declared is None and media_type == "text/html":
            declared = _declared_charset(content)
        text, reason, name = _as_declared(content, declared, bad) if declared else _chinese(content, bad)
        if reason:
            return "", reason, None
    nul = text.find("\x00")
    if nul >= 0:
        return "", f"binary file: contains NUL characters (the first at character {nul})", None
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(8, len(text[:65536]) // 100):
        return "", f"binary file: {controls} control characters", None
    return normalise_newlines(text), None, name


# Encodings decoded when the bytes are not UTF-8: the Chinese ones, each read as its superset (GBK
# and GB2312 text is GB18030 text; Big5-HKSCS extends Big5), and the most mess tolerated (of 1)
_CHINESE = {"gb18030": ("gb18030", "GB18030"), "gbk": ("gb18030", "GBK"), "gb2312": ("gb18030", "GB2312"),
            "hz": ("hz", "HZ-GB-2312"), "big5": ("big5hkscs", "Big5"), "big5hkscs": ("big5hkscs", "Big5-HKSCS"),
            "cp950": ("cp950", "Big5 (cp950)")}
_MESS = 0.05
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)


def _declared_charset(content: bytes) -> tuple[str, str, str] | None:
    """The (Python codec, name, label) an HTML page declares in its first 4 KB, when not UTF-8."""
    m = _META_CHARSET.search(content[:4096])
    return _charset(m.group(1).decode("ascii", "replace")) if m else None


def _charset(label: str) -> tuple[str, str, str] | None:
    """The (Python codec, name, label) of a charset label, when it is a known one and not UTF-8."""
    label = label.strip().strip("\"'").lower().replace("_", "-")
    if label in ("utf-8", "utf8"):
        return None
    known = _CHINESE.get(label.replace("-", ""))
    if known:
        return (*known, label)
    try:
        return codecs.lookup(label).name, label.upper(), label
    except LookupError:
        return None


def _as_declared(content: bytes, declared: tuple[str, str, str], not_utf8: str) -> tuple[str, str | None, str]:
    """Bytes that are not UTF-8 decoded as the charset their page declares, when they read as
    text in it (a page declaring Big5 whose bytes are GBK decodes, to nonsense: it is refused)."""
    codec, name, label = declared
    try:
        text = content.decode(codec)
    except UnicodeDecodeError as e:
        return "", (f"{not_utf8}; nor valid {name}, the charset the page declares: byte 0x{content[e.start]:02x} "
                    f"at offset {e.start}"), name
    fit = charset_normalizer.from_bytes(content[:1_000_000], cp_isolation=[label]).best()
    if fit is not None and fit.chaos > _MESS:
        guess = charset_normalizer.from_bytes(content[:1_000_000]).best()
        other = f" (it looks like {guess.encoding})" if guess is not None and guess.chaos <= _MESS else ""
        return "", f"{not_utf8}; as {name}, the charset the page declares, it reads as {fit.chaos:.0%} mess{other}", name
    return text, None, name


def _chinese(content: bytes, not_utf8: str) -> tuple[str, str | None, str | None]:
    """Bytes that are not UTF-8 decoded as the Chinese encoding charset-normalizer finds, or a
    reason they are not (`not_utf8`, and what they look like)."""
    best = charset_normalizer.from_bytes(content[:1_000_000]).best()
    if best is None:
        return "", f"{not_utf8}; no text encoding fits it", None
    codec = _CHINESE.get(best.encoding.replace("_", ""))
    if codec is None:
        languages = f" ({', '.join(best.languages)})" if best.languages else ""
        return "", f"{not_utf8}; it looks like {best.encoding}{languages}, which is not guessed: save it as UTF-8", None
    if best.chaos > _MESS:
        return "", f"{not_utf8}; as {codec[1]} it reads as {best.chaos:.0%} mess: not decoded", None
    try:
        return content.decode(codec[0]), None, codec[1]
    except UnicodeDecodeError as e:
        return "", f"{not_utf8}; as {codec[1]}: byte 0x{content[e.start]:02x} at offset {e.start} is not valid", None


_GUESSED = ("utf-16-le", "utf-16-be")  # what _encoding reads from NUL bytes, without a mark


def _encoding(content: bytes) -> tuple[str, str]:
    for bom, encoding, name in _BOMS:
        if content.startswith(bom):
            return encoding, name
    head = content[:4096]
    if len(head) >= 4 and b"\x00" in head:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        half = len(head) // 2
        if odd > 0.3 * half and even < 0.02 * half:
            return "utf-16-le", "UTF-16"
        if even > 0.3 * half and odd < 0.02 * half:
            return "utf-16-be", "UTF-16"
    return "utf-8", "UTF-8"


def normalise_newlines(text: str) -> str:
    """"\\r\\n" and lone "\\r" become "\\n", as Python's text mode reads them."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "header", "footer", "blockquote", "pre", "hr", "dd", "dt", "dl",
    "figcaption", "figure", "main", "aside", "nav", "form", "td", "th", "caption", "address",
}
_HIDDEN_TAGS = {"script", "style", "head", "noscript", "template", "svg", "iframe", "object"}
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.title: list[str] = []
        self.h1: list[str] = []
        self._in_title = self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        if tag == "title":
            self._in_title = True
        if tag == "h1":
            self._in_h1 = True
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _HIDDEN_TAGS and self.hidden:
            self.hidden -= 1
        if tag == "title":
            self._in_title = False
        if tag == "h1":
            self._in_h1 = False
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
        if self.hidden:
            return
        if self._in_h1:
            self.h1.append(data)
        self.parts.append(_SPACES.sub(" ", data.replace("\n", " ")))


def html_to_text(html: str) -> str:
    """The visible text of an HTML page: one line per block, spaces collapsed."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def html_article(html: str, url: str | None = None) -> tuple[str, str | None]:
    """The article of an HTML page and its title, with trafilatura (menus, footers, ads, comments
    and link lists left out): the headline as the first line (headline figures count, and the
    headline scopes the article), then "Published: YYYY-MM-DD" when the page gives its date (so
    the extractor reads the date as any article's), then the article's paragraphs. A page
    trafilatura finds no article in is reduced to its visible text (`html_to_text`)."""
    import trafilatura  # here, not at import: half a second a run without HTML need not pay

    found = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                        include_tables=True, include_images=False, include_links=False,
                                        date_extraction_params=_DATE_FROM_MARKUP)
    body = normalise_newlines(found.text or "").strip() if found is not None else ""
    if not body:
        return html_to_text(html), _html_title(html)
    lines = _as_blocks([line.strip() for line in body.split("\n") if line.strip()], html_to_text(html))
    title = " ".join((found.title or "").split()) or None
    if title and (not lines or _squeeze(lines[0]) != _squeeze(title)):
        lines.insert(0, title)
    if found.date:
        lines.insert(1, f"Published: {found.date}")
    return "\n".join(lines), (title or lines[0])[:300]


def _as_blocks(lines: list[str], visible: str) -> list[str]:
    """The article's lines as the page's blocks: where trafilatura split a paragraph at its inline
    elements ("GDP grew", "<b>6.9%</b>", "year on year" on three lines, which it does when it finds
    no article container), the lines that together make one block of the page's visible text are
    that block again, so a sentence stays one line."""
    blocks = {_squeeze(b): b for b in visible.split("\n")}
    blob = "\n".join(blocks)
    out, i = [], 0
    while i < len(lines):
        key, whole = _squeeze(lines[i]), None
        if key not in blocks:
            j = i + 1
            while j < len(lines) and (key + _squeeze(lines[j])) in blob:
                key += _squeeze(lines[j])
                j += 1
                if key in blocks:
                    whole = (j, key)
        if whole:
            out.append(blocks[whole[1]])
            i = whole[0]
        else:
            out.append(lines[i])
            i += 1
    return out


def _squeeze(line: str) -> str:
    return _WHITESPACE.sub("", line)


_WHITESPACE = re.compile(r"\s+")


# the page's date from its metadata and date markup only: no year guessed from the article's words
_DATE_FROM_MARKUP = {"extensive_search": False, "original_date": True}


def _html_title(html: str) -> str | None:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    for candidate in ("".join(parser.title), "".join(parser.h1)):
        candidate = " ".join(candidate.split())
        if candidate:
            return candidate
    return None


_WORDS = re.compile(r"[A-Za-z]{2,}")


def _title(text: str, raw: str, media_type: str) -> str | None:
    """A title: the HTML <title> or <h1>, a markdown heading, else the first line that reads like one."""
    if media_type == "text/html":
        title = _html_title(raw)
        if title:
            return title[:300]
    for line in text.split("\n"):
        line = line.strip().lstrip("#").strip()
        words = _WORDS.findall(line)
        if len(words) < 3 or "|" in line:
            continue  # navigation crumbs, separators, bylines without words
        if len(line) <= 150:
            return line
        first = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0]
        return first[:150].rstrip() + ("…" if len(first) > 150 else "")
    return None
