"""Page images for PDF records: the part of the page around a provenance box, with the box drawn.

The only module of the site that reads raw files. A crop is drawn only from the very bytes that were
curated: the raw PDF at `<raw>/<source_path>` must be there and hash to the record's `doc_id`; otherwise
the page says why there is no image.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pdfplumber.display import PageImage

from extract.review.config import ReviewSettings
from extract.review.load import Document

log = logging.getLogger(__name__)
BOX_FILL = (255, 214, 0, 70)  # translucent yellow over the words
BOX_STROKE = (200, 0, 0, 255)  # and a red frame round them
BOX_STROKE_WIDTH = 2
BOX_PAD = 1.5  # points between the words and the frame, so the frame does not cover their edges
HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class CropRequest:
    name: str  # file name under crops/
    page: int  # 1-based
    bbox: tuple[float, float, float, float]  # [x0, top, x1, bottom] in PDF points from the top-left


@dataclass(frozen=True)
class RawCheck:
    path: Path
    problem: str | None  # None: the bytes are the ones curated, crops can be drawn


def crop_name(doc_id: str, page: int, bbox: tuple[float, float, float, float]) -> str:
    """One file per distinct box of a document: records that share a box share the image."""
    key = f"{doc_id}|{page}|{','.join(f'{v:.2f}' for v in bbox)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16] + ".png"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def check_raw(raw: Path, document: Document) -> RawCheck:
    path = raw / document.source_path
    if not path.is_file():
        return RawCheck(
            path,
            f"The raw file {path} is not there, so no page image is shown. "
            "Pass --raw with the folder this release was curated from.",
        )
    try:
        sha = _sha256(path)
    except OSError as err:
        return RawCheck(path, f"The raw file {path} cannot be read ({err.strerror or err}), so no page image is shown.")
    if sha != document.doc_id:
        return RawCheck(
            path,
            f"The raw file {path} has changed since it was curated (its SHA-256 is {sha[:12]}…, the curated "
            f"document's is {document.doc_id[:12]}…), so no page image is shown: the boxes would not match it.",
        )
    return RawCheck(path, None)


def _area(page_box: tuple[float, ...], bbox: tuple[float, ...], margin: float) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = page_box
    return (
        max(x0, bbox[0] - margin),
        max(top, bbox[1] - margin),
        min(x1, bbox[2] + margin),
        min(bottom, bbox[3] + margin),
    )


def _inside(page_box: tuple[float, ...], bbox: tuple[float, ...]) -> bool:
    x0, top, x1, bottom = page_box
    return x0 <= bbox[0] < bbox[2] <= x1 and top <= bbox[1] < bbox[3] <= bottom


def render_crops(path: Path, requests: Iterable[CropRequest], settings: ReviewSettings) -> dict[str, bytes | str]:
    """Each request's PNG, or the sentence that says why it has none. Each page is rendered once."""
    wanted = sorted(set(requests), key=lambda r: (r.page, r.name))
    out: dict[str, bytes | str] = {}
    try:
        with pdfplumber.open(path) as pdf:
            count = len(pdf.pages)
            rendered: dict[int, object] = {}
            for request in wanted:
                if not 1 <= request.page <= count:
                    out[request.name] = f"Page {request.page} is not in the PDF ({count} pages)."
                    continue
                page = pdf.pages[request.page - 1]
                if not _inside(page.bbox, request.bbox):
                    out[request.name] = f"The box {list(request.bbox)} lies outside page {request.page}."
                    continue
                if request.page not in rendered:
                    rendered[request.page] = page.to_image(resolution=settings.crop_resolution).original
                area = page.crop(_area(page.bbox, request.bbox, settings.crop_margin))
                image = PageImage(area, original=rendered[request.page], resolution=settings.crop_resolution)
                frame = _area(page.bbox, request.bbox, BOX_PAD)
                image.draw_rect(frame, fill=BOX_FILL, stroke=BOX_STROKE, stroke_width=BOX_STROKE_WIDTH)
                buffer = io.BytesIO()
                image.save(buffer, format="PNG")
                out[request.name] = buffer.getvalue()
    except Exception as err:  # a PDF that cannot be drawn costs its images, never the site
        log.warning("cannot draw page images of %s: %s", path, err)
        for request in wanted:
            out.setdefault(request.name, f"The PDF {path} cannot be drawn ({type(err).__name__}: {err}).")
    return out
