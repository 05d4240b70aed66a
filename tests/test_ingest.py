"""The ingest stage: decoding files into documents, and the ingest task on a real warehouse."""
import hashlib

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
    assert_frame_equal(documents, expected)
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


@pytest.mark.parametrize("content", [
    b"GDP rose 5%. " * 10_000 + b"\x00" + b"Exports rose 3%.",       # a NUL far beyond the first 64 KB
    "GDP rose 5%.\x00 Exports".encode("utf-16"),                      # a NUL character in UTF-16
])
def test_a_nul_anywhere_rejects_the_file(content):
    documents, rejected = decode(files(("nul.txt", content)))
    assert documents.is_empty()
    assert rejected["reason"][0].startswith("binary file: contains NUL")


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
    assert documents["title"][0] == "Lishui economy"
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
    (tmp_path / "empty" / "notes.pdf").write_bytes(b"%PDF")
    with pytest.raises(SourcesError, match="holds no .txt, .md, .markdown, .html, .htm files"):
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
    con.execute("insert into raw.processed select doc, sha256, 'v', 'published', 'run-1', now() "
                "from raw.ingest")  # as if published
    con.close()
    os.chmod(src / "locked.txt", 0o000)
    try:
        documents, rejected, retired = run("run-2")
    finally:
        shutil.rmtree(tmp_path, ignore_errors=True)
    assert (documents, rejected, retired) == (1, [("locked.txt", "cannot be read: permission denied")], ["locked.txt"])
