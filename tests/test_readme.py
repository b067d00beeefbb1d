"""The README's *Reading the dataset* examples (Python with `extract.dataset.load`, `jq`, DuckDB, `extract
export`) run against the samples' dataset, and print what the README shows below each of them.

An example is a ```python or ```bash block followed by a ```text block: its expected output. Each runs in a
folder of its own holding `curated/` (the samples as curated), after the examples before it have run there
too, so an example may use what an earlier one wrote (the export)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

SECTION = "## Reading the dataset"
FENCE = re.compile(r"^```(\w+)\n(.*?)^```\n", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Example:
    language: str
    code: str
    output: str

    @property
    def needs(self) -> str | None:
        """A tool the example needs that may be missing from a machine: jq, or the duckdb module."""
        if self.language == "bash" and re.search(r"^\s*jq\b", self.code, re.MULTILINE):
            return "jq"
        return "duckdb" if "import duckdb" in self.code else None


def examples() -> list[Example]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index(SECTION) :]
    section = section[: section.index("\n## ", len(SECTION))]
    blocks = [(m.group(1), m.group(2)) for m in FENCE.finditer(section)]
    return [
        Example(language, code, blocks[i + 1][1])
        for i, (language, code) in enumerate(blocks)
        if language in ("python", "bash") and i + 1 < len(blocks) and blocks[i + 1][0] == "text"
    ]


EXAMPLES = examples()


def _missing(tool: str | None) -> str | None:
    if tool == "jq" and shutil.which("jq") is None:
        return "jq is not installed (`make test` installs it; Debian: apt-get install jq)"
    if tool == "duckdb":
        try:
            import duckdb  # noqa: F401
        except ImportError:
            return "the duckdb module is not installed (it is in the dev extra: pip install -e '.[dev]')"
    return None


def _run(example: Example, cwd: Path) -> str:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    if example.language == "python":
        command = [sys.executable, "-c", example.code]
    else:
        command = ["bash", "-euo", "pipefail", "-c", example.code]
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"the example failed:\n{example.code}\n{done.stderr}"
    return done.stdout


def test_the_readme_shows_load_jq_duckdb_and_export() -> None:
    codes = [e.code for e in EXAMPLES]
    assert any("from extract.dataset import load" in c for c in codes)
    assert any(e.needs == "jq" for e in EXAMPLES)
    assert sum("duckdb" in c for c in codes) >= 2  # on the JSON files, and on the export
    assert any("extract export" in c for c in codes)


@pytest.mark.parametrize("index", range(len(EXAMPLES)), ids=[f"{e.language}-{i}" for i, e in enumerate(EXAMPLES)])
def test_a_readme_example_prints_what_the_readme_shows(index: int, curated_samples: Path, tmp_path: Path) -> None:
    example = EXAMPLES[index]
    reason = _missing(example.needs)
    if reason:
        pytest.skip(reason)
    shutil.copytree(curated_samples, tmp_path / "curated", ignore=shutil.ignore_patterns("review"))
    for earlier in EXAMPLES[:index]:
        if _missing(earlier.needs) is None:
            _run(earlier, tmp_path)
    assert _run(example, tmp_path) == example.output
