"""Write the review site of a curated folder: every page, page image and asset, or nothing.

The site is built in a temporary folder beside its destination and renamed into place, so a reader never
finds half a site; the same curated folder (and raw files) always gives byte-identical files. Reading
happens under the curated folder's lock, so the site never mixes two runs.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path

from extract.dataset.lock import dataset_lock
from extract.review.config import ReviewSettings
from extract.review.crops import RawCheck, check_raw, render_crops
from extract.review.load import ReviewError, load_curated, require_dataset
from extract.review.pages import SiteBuilder, crop_requests
from extract.review.render import environment, render, static_files

log = logging.getLogger(__name__)
MARKER = ".review-site"  # marks a folder this command wrote, and may therefore replace
MARKER_TEXT = "A review site written by `extract review`; the next run replaces this folder.\n"
DEFAULT_FOLDER = "review"
DIGEST = ".source-digest"  # what the site was built from: the same digest means the same files, so no rebuild
_CODE = Path(__file__).parent


def _digest(data: object, checks: dict[str, RawCheck], settings: ReviewSettings) -> str:
    """Everything the site's bytes depend on: what was read from the curated folder, the raw files' checks,
    the settings, and the code and templates that render them."""
    h = hashlib.sha256()
    for path in sorted(p for p in _CODE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(path.relative_to(_CODE).as_posix().encode())
        h.update(path.read_bytes())
    h.update(repr((data, sorted(checks.items()), settings)).encode())
    return h.hexdigest()


def _unchanged(out: Path, digest: str) -> Site | None:
    """The site already in `out` when it was built from the same sources (a run that changed nothing)."""
    try:
        same = (out / MARKER).is_file() and (out / DIGEST).read_text(encoding="utf-8") == digest
    except OSError:
        return None
    if not same:
        return None
    return Site(out, sum(1 for _ in out.glob("*.html")), sum(1 for _ in (out / "crops").glob("*")))


@dataclass(frozen=True)
class Site:
    folder: Path
    pages: int
    crops: int

    @property
    def index(self) -> Path:
        return self.folder / "index.html"


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _check_out(curated: Path, raw: Path, out: Path) -> None:
    out, curated, raw = out.resolve(), curated.resolve(), raw.resolve()
    if _inside(curated, out):
        raise ReviewError(f"--out {out} would replace the curated folder {curated}; choose a folder of its own")
    if _inside(out, raw) or _inside(raw, out):
        raise ReviewError(f"--out {out} overlaps the raw folder {raw}, which the next run would read; choose another")
    if out.exists() and not out.is_dir():
        raise ReviewError(f"--out {out} is a file, not a folder; choose another")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise ReviewError(
            f"--out {out} holds files that `extract review` did not write; choose another folder or empty it"
        )


def _publish(built: Path, out: Path) -> None:
    """Swap the finished site in: the old one is renamed aside first and deleted once the new one is there."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
        os.rename(out, old / out.name)
    try:
        os.rename(built, out)
    except OSError:
        if old is not None:
            os.rename(old / out.name, out)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def _lock(stack: ExitStack, curated: Path, wait_s: float) -> None:
    """Hold the curated folder's lock while reading; a read-only copy of a release is read without it."""
    try:
        stack.enter_context(dataset_lock(curated, wait_s))
    except PermissionError:
        log.info("%s is read-only: reading it without the lock", curated)


def write_site(
    curated: Path,
    raw: Path,
    out: Path | None = None,
    settings: ReviewSettings = ReviewSettings(),
    wait_s: float = 0.0,
) -> Site:
    """Write the review site of `curated` (default `<curated>/review/`); page images come from `raw`."""
    require_dataset(curated)
    out = out if out is not None else curated / DEFAULT_FOLDER
    _check_out(curated, raw, out)
    with ExitStack() as stack:
        _lock(stack, curated, wait_s)
        data = load_curated(curated)
        pdfs = [d for d in data.documents if d.is_pdf and d.status == "ok"]
        checks: dict[str, RawCheck] = {d.doc_id: check_raw(raw, d) for d in pdfs}
        digest = _digest(replace(data, folder=Path(".")), checks, settings)
        kept = _unchanged(out, digest)
        if kept is not None:
            log.info("review site %s: unchanged since its sources did not change", out)
            return kept
        wanted = crop_requests(data, {doc_id for doc_id, check in checks.items() if check.problem is None})
        crops: dict[str, bytes | str] = {}
        for doc_id, requests in sorted(wanted.items()):
            crops.update(render_crops(checks[doc_id].path, requests, settings))
        pages = SiteBuilder(data, checks, crops, settings).pages()
        env = environment()
        out.parent.mkdir(parents=True, exist_ok=True)
        built = Path(tempfile.mkdtemp(prefix=f".{out.name}.new.", dir=out.parent))
        try:
            for page in pages:
                (built / page.name).write_text(render(env, page), encoding="utf-8", newline="\n")
            (built / "crops").mkdir()
            images = {name: png for name, png in crops.items() if isinstance(png, bytes)}
            for name, png in sorted(images.items()):
                (built / "crops" / name).write_bytes(png)
            (built / "assets").mkdir()
            for name, content in static_files().items():
                (built / "assets" / name).write_bytes(content)
            (built / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            (built / DIGEST).write_text(digest, encoding="utf-8")
            built.chmod(0o755)  # mkdtemp makes it private; a site is for reading
            _publish(built, out)
        except BaseException:
            shutil.rmtree(built, ignore_errors=True)
            raise
    log.info("review site %s: %d pages, %d page images", out, len(pages), len(images))
    return Site(out, len(pages), len(images))
