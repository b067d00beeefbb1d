"""The house rules: imports point one way, and layout thresholds are named settings, not literals."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SRC = ROOT / "src" / "extract"


def _import_graph():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("import_graph", ROOT / "scripts" / "import_graph.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_no_import_runs_against_the_layers() -> None:
    graph = _import_graph()
    edges = graph.graph()
    assert len(edges) > 30  # the whole project was read, not an empty folder
    assert graph.violations(edges) == []


def test_the_dataset_layer_never_imports_the_extractor() -> None:
    edges = _import_graph().graph()
    dataset = {m: targets for m, targets in edges.items() if m.startswith("extract.dataset")}
    assert {"extract.dataset.store", "extract.dataset.release", "extract.dataset.models"} <= set(dataset)
    for module, targets in dataset.items():
        assert all(t.startswith("extract.dataset") or t == "extract" for t in targets), (module, targets)


# Numbers that are arithmetic, not tuning: identities, halves and doubles, the first index.
NOT_THRESHOLDS = {0, 1, 2, -1}


@pytest.mark.parametrize(
    "path",
    [
        SRC / "sources" / "layout.py",  # PDF geometry: every tolerance is a PdfSettings field
        SRC / "sources" / "text.py",  # text blocks and headings: TextSettings
        SRC / "rules" / "quotes.py",  # quote attribution: RuleSettings
        SRC / "sources" / "html.py",  # web pages: HtmlSettings
    ],
)
def test_layout_thresholds_are_settings_not_literals(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    indexes = {id(node.slice) for node in ast.walk(tree) if isinstance(node, ast.Subscript)}  # bbox[3] is no threshold
    literals = [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
        and node.value not in NOT_THRESHOLDS
        and id(node) not in indexes
    ]
    assert literals == [], f"{path.name}: move these numbers into extract.settings"


def test_a_run_that_takes_every_document_from_the_cache_never_loads_spacy() -> None:
    """spaCy (and the rules) load when a document is extracted; the flow, the batch and the writer do without."""
    code = (
        "import sys, pathlib, tempfile, flows.extract_reports, extract.review\n"
        "from extract.batch import read_sources\n"
        "raw = pathlib.Path(tempfile.mkdtemp()); (raw / 'a.txt').write_text('Hurdles are obstacles.')\n"
        "read_sources(raw)  # reading and hashing raw/, as every run does before the cache is asked\n"
        "print('spacy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "False"
