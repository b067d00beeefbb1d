from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from spacy.language import Language

from extract.nlp import build_nlp
from extract.profile import Profile, load_profile

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
SHARED = ROOT.parent / "shared"


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
    dest = tmp_path / "raw"
    shutil.copytree(RAW, dest)
    return dest
