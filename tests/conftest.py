from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from spacy.language import Language

from extract.dataset.results import DocumentResult
from extract.nlp import build_nlp
from extract.profile import Profile, load_profile

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
# The seeds, their gold and the reference scorer sit beside the clone in CI; a user's clone has none.
SHARED = Path(os.environ.get("K12_SHARED", ROOT.parent / "shared"))
needs_shared = pytest.mark.skipif(
    not (SHARED / "eval" / "score.py").is_file(),
    reason=f"needs the seeds, gold and reference scorer in {SHARED} (beside the clone in CI; not in a user's clone)",
)


def extract_one(path: str, data: bytes) -> DocumentResult:
    """One document through the whole pipeline, parsed in-process (no child process): for rule tests."""
    from extract.batch import Job, extract_source
    from extract.document import SourceFile
    from extract.settings import RunSettings

    return extract_source(Job(SourceFile(path, data), settings=RunSettings(isolate=False)))


@pytest.fixture(scope="session")
def profile() -> Profile:
    return load_profile()


@pytest.fixture(scope="session")
def nlp(profile: Profile) -> Language:
    return build_nlp(profile)


@pytest.fixture(scope="session")
def curated_samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped samples curated once (without Prefect) for the end-to-end tests."""
    from extract.batch import run_batch

    out = tmp_path_factory.mktemp("curated")
    run_batch(RAW, out)
    return out


@pytest.fixture()
def raw_copy(tmp_path: Path) -> Path:
    """The shipped articles (not the report PDF, whose full runs are `curated_samples`' job) in a raw/ of
    the test's own, for tests that add, break or remove files."""
    dest = tmp_path / "raw"
    shutil.copytree(RAW / "articles", dest / "articles")
    return dest
