"""The `extract` command as a user meets it: a mistake gives one clear line and an exit code, never a
traceback, and never costs the dataset."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flows.cli import EXIT_USAGE, main
from tests.conftest import RAW


@pytest.fixture()
def folders(tmp_path: Path) -> tuple[Path, Path]:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(sorted((RAW / "articles").glob("*.txt"))[0], raw)
    return raw, tmp_path / "curated"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        # a raw folder that is not there
        (["run", "--raw", "{tmp}/nowhere", "--no-prefect"], "raw folder {tmp}/nowhere does not exist"),
        # a curated path that is a file
        (["run", "--raw", "{raw}", "--curated", "{raw}/{first}", "--no-prefect"], "is a file, not a folder"),
        # a profile file that is not there
        (["run", "--raw", "{raw}", "--profile", "{tmp}/missing.json", "--no-prefect"], "cannot read profile"),
        # a profile that is not JSON
        (["run", "--raw", "{raw}", "--profile", "{tmp}/broken.json", "--no-prefect"], "is not valid JSON"),
        # a profile that is JSON but not a profile: the field at fault is named
        (["run", "--raw", "{raw}", "--profile", "{tmp}/partial.json", "--no-prefect"], "categories: Field required"),
        # option values out of range
        (["run", "--raw", "{raw}", "--timeout", "0", "--no-prefect"], "timeout must be > 0"),
        (["run", "--raw", "{raw}", "--workers", "0", "--no-prefect"], "workers must be >= 1"),
        (["serve", "--raw", "{raw}", "--cron", "every day"], "cron must have five fields"),
        # an evaluation with no gold files is an error, not F1 1.0
        (["evaluate", "{tmp}", "{tmp}/empty-gold"], "no gold files"),
        # a gold folder that is not there
        (["evaluate", "{tmp}", "{tmp}/nowhere"], "gold folder {tmp}/nowhere does not exist"),
        # an export into raw/ (the next run would read it) or into the dataset
        (["export", "{raw}/out", "--raw", "{raw}", "--curated", "{tmp}/curated"], "among the documents"),
        (["export", "{tmp}/curated/out", "--raw", "{raw}", "--curated", "{tmp}/curated"], "dataset's own files"),
        # a Dask scheduler that does not answer: said at once, not after Prefect's wait and traceback
        (["run", "--raw", "{raw}", "--runner", "dask", "--dask-address", "tcp://127.0.0.1:9"], "no Dask scheduler"),
        # a schema folder that cannot be made
        (["schema", "--out", "{raw}/{first}/schema"], "cannot write the schema"),
    ],
)
def test_user_mistakes_end_in_one_clear_line(
    args: list[str], message: str, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    raw, _ = folders
    tmp = raw.parent
    (tmp / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp / "partial.json").write_text('{"name": "x", "version": "1"}', encoding="utf-8")
    (tmp / "empty-gold").mkdir()
    (tmp / "curated").mkdir(exist_ok=True)
    fill = {"tmp": str(tmp), "raw": str(raw), "first": next(raw.iterdir()).name}
    code = main([a.format(**fill) for a in args])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert err.startswith("error: ") and message.format(**fill) in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_bad_environment_values_are_named(folders: tuple[Path, Path], monkeypatch, capsys) -> None:
    raw, curated = folders
    monkeypatch.setenv("EXTRACT_TIMEOUT_S", "soon")
    assert main(["run", "--raw", str(raw), "--curated", str(curated), "--no-prefect"]) == EXIT_USAGE
    assert "EXTRACT_TIMEOUT_S='soon' is not a valid float" in capsys.readouterr().err


def test_an_emptied_raw_folder_does_not_wipe_the_dataset(folders: tuple[Path, Path], capsys) -> None:
    raw, curated = folders
    assert main(["run", "--raw", str(raw), "--curated", str(curated), "--no-prefect"]) == 0
    before = {p.name: p.read_bytes() for p in curated.glob("*.json")}
    for path in raw.iterdir():
        path.unlink()
    capsys.readouterr()
    assert main(["run", "--raw", str(raw), "--curated", str(curated), "--no-prefect"]) == EXIT_USAGE
    assert "holds a dataset of 1 documents; nothing was written" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in curated.glob("*.json")} == before


def test_serve_reads_its_schedule_from_extract_cron(folders: tuple[Path, Path], monkeypatch) -> None:
    raw, _ = folders
    served: dict[str, object] = {}
    import flows.deployment

    monkeypatch.setattr(flows.deployment, "serve", lambda name, cron, *rest: served.update(name=name, cron=cron))
    monkeypatch.setenv("EXTRACT_CRON", "15 3 * * 1")
    assert main(["serve", "--raw", str(raw)]) == 0
    assert served == {"name": "scheduled", "cron": "15 3 * * 1"}
    assert main(["serve", "--raw", str(raw), "--cron", "0 5 * * *"]) == 0  # the command line wins
    assert served["cron"] == "0 5 * * *"


def test_a_run_without_prefect_refreshes_the_review_site(folders: tuple[Path, Path], capsys) -> None:
    raw, curated = folders
    assert main(["run", "--raw", str(raw), "--curated", str(curated), "--no-prefect"]) == 0
    index = curated / "review" / "index.html"
    assert "Dataset 1.0.0" in index.read_text(encoding="utf-8")
    (raw / "second.txt").write_text("Hurdles: Funding; Staffing; Time\n", encoding="utf-8")
    assert main(["run", "--raw", str(raw), "--curated", str(curated), "--no-prefect"]) == 0
    assert "Dataset 1.1.0" in index.read_text(encoding="utf-8")  # the site follows the new release


def test_an_evaluation_of_a_folder_without_the_annotated_documents_is_an_error(
    folders: tuple[Path, Path], capsys
) -> None:
    raw, curated = folders
    assert main(["run", "--raw", str(raw), "--curated", str(curated), "--no-prefect"]) == 0
    gold = raw.parent / "gold"
    gold.mkdir()
    (gold / "other.json").write_text('{"document": "not-curated-here.txt", "topics": []}', encoding="utf-8")
    capsys.readouterr()
    assert main(["evaluate", str(curated), str(gold), "--raw", str(raw)]) == EXIT_USAGE
    assert "none of the 1 documents annotated" in capsys.readouterr().err
