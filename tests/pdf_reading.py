"""Reading a PDF report back in the tests: its text layer, and its first page as a picture.

A PDF's text is a string of glyphs, not of characters as typed, and Thai shows where the
two part: SARA AM (ำ) is drawn as its two parts (ํ + า, its Unicode compatibility
decomposition), a nikhahit is drawn before a tone mark above it (นํ้า for น้ำ), and
extractors put a space before a mark they find shifted; and a PDF's spaces are not the
text's (a line wraps inside a Thai phrase, which has no spaces, and a cell's words come
out one line each). :func:`readable` brings both sides to the same reading, without
spaces, so a test can say "the PDF says exactly this, in this order".
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from api.web.reports.pdf import pdf_available

MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "pdf"


def needs_pdf() -> None:
    """Skip where WeasyPrint cannot run, unless ``TIDTAM_REQUIRE_PDF=1`` (CI) requires it."""
    if not pdf_available():
        if os.environ.get("TIDTAM_REQUIRE_PDF") == "1":
            pytest.fail("PDF is required here (TIDTAM_REQUIRE_PDF=1) but WeasyPrint cannot run")
        pytest.skip("WeasyPrint cannot run here (Pango missing): make test installs it")


def readable(text: str) -> str:
    """``text`` as a reader of the page reads it: Thai marks in one order, no spaces."""
    text = re.sub(r"\s+", "", text)
    text = unicodedata.normalize("NFKC", text)  # ํา → ำ's parts; marks in canonical order
    return re.sub("\u0e4d([\u0e48-\u0e4b])", "\\1\u0e4d", text)


def pdf_text(data: bytes) -> str:
    """Every page's text, readable."""
    return readable(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def first_page_picture(data: bytes, name: str) -> Path:
    """The first page as PNG under test-artifacts/pdf/ (poppler's pdftoppm)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is missing: make test installs it")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(source),
         str(ARTIFACTS / name)],
        check=True,
    )  # fmt: skip
    return ARTIFACTS / f"{name}.png"
