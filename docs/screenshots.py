"""Screenshots of the report pages (docs/*.png) in headless Chromium, as the README shows them.

    make screenshots      # = make run, then: .venv/bin/python docs/screenshots.py

Reads the report a run wrote (default data/report/), opens each page from disk with the network
off in Debian's /usr/bin/chromium, and writes docs/<page>.png (the top 1,600 pixels at 1,280 wide).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


def pages(report: Path) -> dict[str, tuple[Path, str | None]]:
    """Picture name -> (page, a figure to click first, or None)."""
    documents = sorted(p for p in (report / "documents").glob("*.html") if p.name != "index.html")
    flagged = [p for p in documents if " flagged'" in p.read_text(encoding="utf-8")]  # one with a flagged figure
    return {
        "report-quality": (report / "index.html", None),
        "report-indicators": (report / "indicators.html", None),
        "report-document": ((flagged or documents)[0], "#text mark.fig.flagged" if flagged else "#text mark.fig"),
        "report-documents": (report / "documents" / "index.html", None),
        "report-data-docs": (report / "data_docs" / "index.html", None),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, default=ROOT / "data" / "report")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(offline=True, viewport={"width": 1280, "height": 1600})
        for name, (page_path, click) in pages(args.report).items():
            page = context.new_page()
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            if click:
                page.locator(click).first.click()
            out = args.out / f"{name}.png"
            page.screenshot(path=str(out), clip={"x": 0, "y": 0, "width": 1280, "height": 1600})
            print(f"{out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: {page_path.name}")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
