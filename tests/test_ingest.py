"""The ingest stage: decoding files into documents, and the ingest task on a real warehouse."""
import hashlib
import subprocess

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from flows.ingest import SourcesError, ingest
from flows.sources import source_files
from tests.conftest import ROOT
from transforms.ingest import html_to_text, ingest as decode


def files(*rows) -> pl.DataFrame:
    return pl.DataFrame(
        [{"doc": d, "path": f"/src/{d}", "content": c} for d, c in rows],
        schema={"doc": pl.String, "path": pl.String, "content": pl.Binary},
    )


def test_text_file_becomes_a_document():
    content = "Lishui GDP grew 6.9%.\nExports rose.\n".encode()
    documents, rejected = decode(files(("a.txt", content)))
    expected = pl.DataFrame({
        "doc": ["a.txt"], "path": ["/src/a.txt"], "sha256": [hashlib.sha256(content).hexdigest()],
        "size_bytes": [len(content)], "media_type": ["text/plain"], "title": ["Lishui GDP grew 6.9%."],
        "text": ["Lishui GDP grew 6.9%.\nExports rose.\n"],
    })
    assert_frame_equal(documents.select(expected.columns), expected)
    assert documents.select("url", "fetched_at", "region_hint").rows() == [(None, None, None)]  # a file, not a page
    assert rejected.is_empty()


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"GDP\x00\x01\x02 rose", "binary file: contains NUL bytes"),
    (b"%PDF-1.7 ...", "looks like a PDF file"),
    ("Caf\u00e9 sales rose 5%".encode("latin-1"), "not valid UTF-8: byte 0xe9 at offset 3"),
    (b"   \n\t\n", "only whitespace"),
])
def test_unreadable_file_is_rejected_with_its_reason(content, reason):
    documents, rejected = decode(files(("bad.txt", content), ("good.txt", b"Output rose 3%.")))
    assert documents["doc"].to_list() == ["good.txt"]
    assert rejected["doc"].to_list() == ["bad.txt"]
    assert reason in rejected["reason"][0]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_byte_order_marks_and_utf16_are_decoded(encoding):
    text = "Café sales in Lishui rose 5%.\nExports grew 3%."
    documents, rejected = decode(files(("a.txt", text.encode(encoding))))
    assert rejected.is_empty(), rejected["reason"].to_list()
    assert documents["text"].to_list() == [text]  # no byte-order mark left at offset 0
    assert documents["encoding"][0] == {"utf-8-sig": "UTF-8", "utf-32": "UTF-32"}.get(encoding, "UTF-16")


@pytest.mark.parametrize("content", [
    b"GDP rose 5%. " * 10_000 + b"\x00" + b"Exports rose 3%.",       # a NUL far beyond the first 64 KB
    "GDP rose 5%.\x00 Exports".encode("utf-16"),                      # a NUL character in UTF-16
])
def test_a_nul_anywhere_rejects_the_file(content):
    documents, rejected = decode(files(("nul.txt", content)))
    assert documents.is_empty()
    assert rejected["reason"][0].startswith("binary file: contains NUL")


# Chinese sentences of our own, in the encodings local portals serve
_SIMPLIFIED = "2025年前三季度，某县地区生产总值为412.8亿元，同比增长5.6%。\n全县固定资产投资增长7.1%，出口总额达96.3亿元。\n"
_TRADITIONAL = "2025年前三季度，某縣地區生產總值為412.8億元，同比增長5.6%。\n全縣固定資產投資增長7.1%。\n"


@pytest.mark.parametrize("text, encoding, detected", [
    (_SIMPLIFIED, "gbk", "GB18030"), (_SIMPLIFIED, "gb2312", "GB18030"), (_SIMPLIFIED, "gb18030", "GB18030"),
    (_TRADITIONAL, "big5", "Big5"),
])
def test_a_file_in_a_chinese_encoding_is_detected_and_decoded(text, encoding, detected):
    documents, rejected = decode(files(("county.txt", text.encode(encoding))))
    assert rejected.is_empty(), rejected["reason"].to_list()
    assert documents["text"].to_list() == [text]
    assert documents["encoding"].to_list() == [detected]  # GBK and GB2312 are read as their superset


@pytest.mark.parametrize("charset", ["gb2312", "GBK", "gb18030"])
def test_a_page_declaring_its_chinese_charset_is_decoded_as_declared(charset):
    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f"<title>县域经济</title></head><body><p>{_SIMPLIFIED}</p></body></html>").encode("gb18030")
    documents, rejected = decode(files(("county.html", page)))
    assert rejected.is_empty(), rejected["reason"].to_list()
    assert documents["text"][0] == "县域经济\n" + " ".join(_SIMPLIFIED.split())  # the headline, then the article
    assert documents["title"][0] == "县域经济"
    assert documents["encoding"][0] == charset.upper()  # as the page declares it


def test_a_utf8_page_declaring_another_charset_is_read_as_utf8():
    page = f"<html><head><meta charset='gbk'></head><body><p>{_SIMPLIFIED}</p></body></html>".encode()
    documents, _ = decode(files(("county.html", page)))
    assert documents["text"][0] == " ".join(_SIMPLIFIED.split())  # one paragraph of the page


@pytest.mark.parametrize("name, content, reason", [
    ("misdeclared.html", f"<meta charset='big5'><p>{_SIMPLIFIED}</p>".encode("gbk"),
     "Big5, the charset the page declares"),
    ("misdeclared2.html", "<meta charset=big5>丽水市2024年上半年地区生产总值为987.6亿元，同比增长6.9%。".encode("gbk"),
     "as Big5, the charset the page declares, it reads as 20% mess (it looks like gb18030)"),
    ("western.txt", "Caf\u00e9 revenue in Lishui rose 5% to 3 million euros.".encode("cp1252"),
     "which is not guessed: save it as UTF-8"),
    ("noise.txt", bytes(range(0x80, 0x100)) * 4, "not valid UTF-8: byte 0x80 at offset 0"),
])
def test_bytes_not_decoded_confidently_are_rejected_saying_why(name, content, reason):
    documents, rejected = decode(files((name, content)))
    assert documents.is_empty()
    assert reason in rejected["reason"][0]


def test_a_gbk_file_is_ingested_and_a_misdeclared_page_quarantined(tmp_path, warehouse):
    src = tmp_path / "src"
    src.mkdir()
    (src / "county.txt").write_bytes(_SIMPLIFIED.encode("gbk"))
    (src / "misdeclared.html").write_bytes(f"<meta charset='big5'><p>{_SIMPLIFIED}</p>".encode("gbk"))
    result = ingest.fn(src, warehouse, "run-1")
    assert result.documents == 1
    (doc, reason), = result.rejected
    assert doc == "misdeclared.html" and "the charset the page declares" in reason
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.sql("select doc, text from staging.ingest").fetchall() == [("county.txt", _SIMPLIFIED)]


def test_crlf_is_read_as_python_text_mode_reads_it():
    documents, _ = decode(files(("w.txt", b"Line one.\r\nLine two.\rLine three.")))
    assert documents["text"][0] == "Line one.\nLine two.\nLine three."


def test_html_is_reduced_to_visible_text_and_titled():
    page = b"""<html><head><title>Lishui economy</title><style>p{color:red}</style>
    <script>var x = "42 billion";</script></head>
    <body><h1>Half-year report</h1><p>GDP grew   <b>6.9%</b>&nbsp;year-on-year.</p>
    <ul><li>Exports: 3 billion yuan</li></ul></body></html>"""
    documents, rejected = decode(files(("page.html", page)))
    assert rejected.is_empty()
    assert documents["text"][0] == "Half-year report\nGDP grew 6.9% year-on-year.\nExports: 3 billion yuan"
    assert documents["title"][0] == "Half-year report"  # the headline: the page's title is the site's
    assert documents["media_type"][0] == "text/html"


def test_html_without_visible_text_is_rejected():
    _, rejected = decode(files(("empty.html", b"<html><head><script>1</script></head><body> </body></html>")))
    assert rejected["reason"][0] == "no visible text in the HTML"


def test_html_to_text_keeps_entities_decoded():
    assert html_to_text("<p>R&amp;D spending &gt; 3%</p>") == "R&D spending > 3%"


def test_missing_or_empty_sources_folder_is_an_error(tmp_path):
    with pytest.raises(SourcesError, match="does not exist"):
        source_files(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.docx").write_bytes(b"PK\x03\x04")
    with pytest.raises(SourcesError, match="holds no .txt, .md, .markdown, .html, .htm, .pdf files"):
        source_files(tmp_path / "empty")


def test_source_files_are_found_recursively_skipping_hidden(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("x")
    (tmp_path / "d.csv").write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in source_files(tmp_path)] == ["a.txt", "sub/b.md"]


def test_reingesting_the_same_content_adds_nothing(tmp_path, warehouse):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text("GDP grew 5%.")
    first = ingest.fn(tmp_path / "src", warehouse, "run-1")
    second = ingest.fn(tmp_path / "src", warehouse, "run-2")
    (tmp_path / "src" / "a.txt").write_text("GDP grew 6%.")
    third = ingest.fn(tmp_path / "src", warehouse, "run-3")
    assert (first.documents_new, second.documents_new, third.documents_new) == (1, 0, 1)
    con = duckdb.connect(str(warehouse), read_only=True)
    versions = con.sql("select doc, text, run_id from raw.ingest order by ingested_at").fetchall()
    batch = con.sql("select doc, text from staging.ingest").fetchall()
    assert versions == [("a.txt", "GDP grew 5%.", "run-1"), ("a.txt", "GDP grew 6%.", "run-3")]
    assert batch == [("a.txt", "GDP grew 6%.")]


def test_bad_files_are_quarantined_and_the_rest_is_staged(tmp_path, warehouse):
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text("Exports rose 3%.")
    (src / "empty.txt").write_bytes(b"")
    (src / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n....")
    result = ingest.fn(src, warehouse, "run-1")
    assert result.documents == 1
    assert sorted(result.rejected) == [("empty.txt", "empty file (0 bytes)"),
                                       ("image.html", "binary file: looks like a PNG image")]
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.sql("select stage, record_kind, record_key, reason from quality.quarantine order by record_key").fetchall()
    assert rows == [("ingest", "file", "empty.txt", "empty file (0 bytes)"),
                    ("ingest", "file", "image.html", "binary file: looks like a PNG image")]
    assert con.sql("select doc from staging.ingest").fetchall() == [("good.txt",)]


def _quarantined(tmp_path, warehouse) -> dict[str, str]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return dict(con.sql("select record_key, reason from quality.quarantine").fetchall())
    finally:
        con.close()


def test_symlinks_do_not_lead_out_of_the_sources_folder(tmp_path, warehouse):
    src, outside = tmp_path / "src", tmp_path / "outside"
    (src / "sub").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.txt").write_text("The password is 1234.")
    (src / "good.txt").write_text("Exports rose 3%.")
    (src / "passwd.txt").symlink_to("/etc/passwd")
    (src / "secret.txt").symlink_to(outside / "secret.txt")
    (src / "elsewhere").symlink_to(outside, target_is_directory=True)
    (src / "alias.txt").symlink_to(src / "good.txt")             # inside: read
    (src / "sub" / "again").symlink_to(src, target_is_directory=True)  # a folder inside: not read twice
    (src / "loop.txt").symlink_to(src / "loop.txt")
    (src / "gone.txt").symlink_to(src / "missing.txt")
    result = ingest.fn(src, warehouse, "run-1")
    assert dict(result.rejected) == {
        "passwd.txt": "symlink to a path outside the sources folder",
        "secret.txt": "symlink to a path outside the sources folder",
        "elsewhere": "symlink to a path outside the sources folder",
        "loop.txt": "symlink loop",
        "gone.txt": "broken symlink: its target does not exist",
    }
    assert _quarantined(tmp_path, warehouse) == dict(result.rejected)
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.sql("select doc, text from staging.ingest order by doc").fetchall() == [
        ("alias.txt", "Exports rose 3%."), ("good.txt", "Exports rose 3%.")]
    assert con.sql("select count(*) from raw.ingest where text like '%root%' or text like '%password%'").fetchall() \
        == [(0,)]


def test_a_file_larger_than_the_limit_is_quarantined_with_its_size(tmp_path, warehouse):
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text("Exports rose 3%.")
    (src / "huge.txt").write_text("GDP rose 5%. " * 200_000)  # 2.6 MB
    result = ingest.fn(src, warehouse, "run-1", max_bytes=1_000_000)
    assert dict(result.rejected) == {
        "huge.txt": "too large: 2.6 MB, over the limit of 1.0 MB (lishui run --max-document-mb)"}
    assert result.documents == 1


@pytest.mark.skipif(__import__("os").geteuid() == 0 and not __import__("shutil").which("setpriv"),
                    reason="needs an unprivileged user")
def test_an_unreadable_file_is_quarantined_and_a_published_one_retired():
    """As the README's service user would meet them: run `lishui`'s ingest as an unprivileged user
    (root reads every file) on a folder where one file cannot be read."""
    import os
    import shutil
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    tmp_path = Path(tempfile.mkdtemp(prefix="lishui-unreadable-"))  # pytest's own folders are root's only
    src, wh_dir = tmp_path / "src", tmp_path / "wh"
    src.mkdir()
    wh_dir.mkdir()
    (src / "good.txt").write_text("Exports rose 3%.")
    (src / "locked.txt").write_text("Imports rose 2%.")
    os.chmod(tmp_path, 0o777)
    for p in (src, wh_dir, src / "good.txt", src / "locked.txt"):
        os.chmod(p, 0o777 if p.is_dir() else 0o666)
    script = ("import sys; from pathlib import Path; from flows.ingest import ingest; import warehouse as wh; "
              "wh.Warehouse(Path(sys.argv[2])).bootstrap(); r = ingest.fn(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]); "
              "print(repr((r.documents, r.rejected, list(r.retired))))")

    def run(run_id):
        command = [sys.executable, "-c", script, str(src), str(wh_dir / "w.duckdb"), run_id]
        if os.geteuid() == 0:
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + command
        done = subprocess.run(command, capture_output=True, text=True, cwd=str(tmp_path),
                              env={**os.environ, "PYTHONPATH": str(ROOT), "PREFECT_HOME": str(tmp_path / "prefect")})
        assert done.returncode == 0, done.stderr[-2000:]
        return eval(done.stdout.strip().splitlines()[-1])

    assert run("run-1") == (2, [], [])
    con = duckdb.connect(str(wh_dir / "w.duckdb"))
    con.execute("insert into raw.processed by name select doc, sha256, 'v' as pipeline_version, "
                "'published' as outcome, 'run-1' as run_id, now() as processed_at from raw.ingest")  # as if published
    con.close()
    os.chmod(src / "locked.txt", 0o000)
    try:
        documents, rejected, retired = run("run-2")
    finally:
        shutil.rmtree(tmp_path, ignore_errors=True)
    assert (documents, rejected, retired) == (1, [("locked.txt", "cannot be read: permission denied")], ["locked.txt"])


# ---- PDF: real text PDFs printed by headless Chromium from pages of our own -----------------------

from tests.conftest import CHROMIUM  # noqa: E402
_ARTICLE = [  # one paragraph per page of the PDF
    "Jinyun County economy in the first half of 2025",
    "In the first half of 2025, the county's gross domestic product reached 18.6 billion yuan, up 6.2 percent "
    "year on year, with industry above designated size adding 5.1 billion yuan.",
    "Fixed asset investment grew 8.4 percent. Retail sales of consumer goods came to 7.9 billion yuan.",
]


def _pdf(tmp_path, name: str, body: str) -> bytes:
    """A PDF printed by Chromium from an HTML body (its own text layer, as a real PDF has)."""
    page, out = tmp_path / f"{name}.html", tmp_path / f"{name}.pdf"
    page.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    done = subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                           f"--print-to-pdf={out}", page.as_uri()], capture_output=True, timeout=120)
    assert out.is_file(), done.stderr[-2000:]
    return out.read_bytes()


def _article_pdf(tmp_path) -> bytes:
    head, first, second = _ARTICLE
    return _pdf(tmp_path, "article", f"<h1>{head}</h1><p>{first}</p><div style='page-break-after: always'></div>"
                                     f"<p>{second}</p>")


def test_a_text_pdf_is_read_with_its_pages_separated(tmp_path):
    documents, rejected = decode(files(("jinyun.pdf", _article_pdf(tmp_path))))
    assert rejected.is_empty(), rejected["reason"].to_list()
    text = documents["text"][0]
    assert text.split("\f") == [f"{_ARTICLE[0]}\n{_ARTICLE[1]}\n", f"{_ARTICLE[2]}\n"]  # wrapped lines rejoined
    assert documents.select("media_type", "title").row(0) == ("application/pdf", _ARTICLE[0])


@pytest.mark.parametrize("name, make, reason", [
    ("scan.pdf", lambda t: _pdf(t, "scan", "<svg width='600' height='300'><rect width='500' height='200'/></svg>"),
     "a scanned PDF without a text layer (1 page): its text cannot be read without OCR"),
    ("cut.pdf", lambda t: _article_pdf(t)[:900], "not a readable PDF"),
    ("fake.pdf", lambda t: b"Exports rose 3%.", "not a PDF: it does not begin with %PDF"),
])
def test_a_pdf_without_readable_text_is_rejected_saying_why(tmp_path, name, make, reason):
    documents, rejected = decode(files((name, make(tmp_path))))
    assert documents.is_empty()
    assert rejected["reason"][0].startswith(reason), rejected["reason"][0]


def test_a_pdfs_figures_carry_their_page_and_equal_the_same_article_as_text(tmp_path):
    from tests.conftest import run_stages
    import warehouse as wh

    warehouse = wh.Warehouse(tmp_path / "wh" / "w.duckdb").bootstrap().path
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "jinyun.pdf").write_bytes(_article_pdf(tmp_path))
    run_stages(tmp_path / "src", warehouse, {"jinyun.txt": "\n".join(_ARTICLE) + "\n"})
    rows = duckdb.connect(str(warehouse), read_only=True).sql(
        "select doc, text, value, unit, role, year, period, region, metric_id, page from curated.figures "
        "order by doc, char_start").fetchall()
    pdf = [r for r in rows if r[0] == "jinyun.pdf"]
    txt = [r for r in rows if r[0] == "jinyun.txt"]
    assert [r[1:-1] for r in pdf] == [r[1:-1] for r in txt]
    assert [(r[1], r[-1]) for r in pdf] == [("18.6 billion yuan", 1), ("6.2 percent", 1), ("5.1 billion yuan", 1),
                                            ("8.4 percent", 2), ("7.9 billion yuan", 2)]
    assert {r[-1] for r in txt} == {None}  # no page in a text without page breaks
    documents = duckdb.connect(str(warehouse), read_only=True).sql(
        "select d.text[f.char_start + 1:f.char_end] = f.text from curated.figures f join curated.documents d "
        "using (doc) where doc = 'jinyun.pdf'").fetchall()
    assert documents == [(True,)] * len(pdf)  # offsets refer to the stored text
