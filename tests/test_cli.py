"""The `extract` command as a user meets it: a mistake gives one clear line and an exit code, never a
traceback, and never costs the dataset."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from flows.cli import EXIT_DOCUMENTS_FAILED, EXIT_USAGE, main
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
        (["run", "--raw", "{raw}", "--timeout", "0", "--no-prefect"], "timeout must be a number of seconds > 0"),
        (["run", "--raw", "{raw}", "--timeout", "inf", "--no-prefect"], "timeout must be a number of seconds > 0"),
        # values the parser itself rejects: said the same way, one line, not a usage block
        (["run", "--raw", "{raw}", "--timeout", "soon"], "argument --timeout: invalid float value: 'soon'"),
        (["run", "--raw", "{raw}", "--bogus"], "unrecognized arguments: --bogus"),
        (["export", "{tmp}/out", "--to", "xlsx"], "argument --to: invalid choice: 'xlsx'"),
        (["run", "--raw", "{raw}", "--workers", "0", "--no-prefect"], "workers must be >= 1"),
        (["serve", "--raw", "{raw}", "--cron", "every day"], "cron must have five fields"),
        # an evaluation with no gold files is an error, not F1 1.0
        (["evaluate", "{tmp}", "{tmp}/empty-gold"], "no gold files"),
        # a gold folder that is not there
        (["evaluate", "{tmp}", "{tmp}/nowhere"], "gold folder {tmp}/nowhere does not exist"),
        # a gold file whose topic has no titles: named, not a KeyError
        (["evaluate", "{tmp}/curated", "{tmp}/bad-gold"], "bad-gold/a.json: topics[0.titles]: Field required"),
        # a raw folder named on purpose that is not there (a typo would skip the provenance check)
        (["evaluate", "{tmp}", "{tmp}/empty-gold", "--raw", "{tmp}/nope"], "raw folder {tmp}/nope does not exist"),
        (["review", "--curated", "{tmp}/curated", "--raw", "{tmp}/nope"], "raw folder {tmp}/nope does not exist"),
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
    (tmp / "bad-gold").mkdir()
    (tmp / "bad-gold" / "a.json").write_text('{"document": "a.txt", "topics": [{"category": "hurdle"}]}', "utf-8")
    (tmp / "curated" / "documents.json").parent.mkdir(exist_ok=True)
    (tmp / "curated" / "documents.json").write_text('{"schema_version": "1.3", "items": []}', encoding="utf-8")
    (tmp / "curated").mkdir(exist_ok=True)
    fill = {"tmp": str(tmp), "raw": str(raw), "first": next(raw.iterdir()).name}
    try:
        code = main([a.format(**fill) for a in args])
    except SystemExit as stop:  # argparse's own way out
        code = stop.code
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
    monkeypatch.setattr("flows.cli._reach_api", lambda url: None)  # the server itself: tests/test_deployment.py
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
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


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


ARTICLES = sorted((RAW / "articles").glob("*.txt"))


@pytest.mark.parametrize(
    ("change", "flags", "code", "message"),
    [
        # two of three documents gone (more than half): stops before writing, says how to allow it
        (lambda raw: [(raw / a.name).unlink() for a in ARTICLES[1:]], [], EXIT_USAGE, "--allow-removals"),
        # every document gone, new ones in their place (a wrong folder): always stops
        (
            lambda raw: [(raw / a.name).rename(raw / f"other-{a.name}") for a in ARTICLES],
            [],
            EXIT_USAGE,
            "would remove 3 of the 3 documents",
        ),
        # the only document left is corrupt (all fail): nothing to curate, stops
        (
            lambda raw: [(raw / a.name).unlink() for a in ARTICLES] + [(raw / "x.pdf").write_bytes(b"%PDF-1.4 junk")],
            [],
            EXIT_USAGE,
            "every document of the raw folder failed (1: x.pdf: corrupt PDF",
        ),
        # the same two removals on purpose: written
        (lambda raw: [(raw / a.name).unlink() for a in ARTICLES[1:]], ["--allow-removals"], 0, "(was 1.0.0)"),
        # one of three removed (not more than half): written without asking
        (lambda raw: (raw / ARTICLES[0].name).unlink(), [], 0, "(was 1.0.0)"),
    ],
)
def test_a_run_that_would_remove_most_documents_stops_unless_allowed(
    tmp_path: Path, change, flags: list[str], code: int, message: str, capsys
) -> None:
    raw, curated = tmp_path / "raw", tmp_path / "curated"
    raw.mkdir()
    for article in ARTICLES:
        shutil.copy(article, raw)
    args = ["run", "--raw", str(raw), "--curated", str(curated), "--no-prefect"]
    assert main(args) == 0
    before = _tree(curated)
    change(raw)
    capsys.readouterr()
    assert main(args + flags) == code
    out = capsys.readouterr()
    assert message in (out.err if code else out.out)
    if code:
        assert _tree(curated) == before  # byte for byte: nothing was written
        assert len(out.err.strip().splitlines()) == 1 and "Traceback" not in out.err


def test_strict_fails_the_run_when_a_document_failed_but_curates_the_others(folders: tuple[Path, Path], capsys) -> None:
    raw, curated = folders
    (raw / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    args = ["run", "--raw", str(raw), "--curated", str(curated), "--no-prefect"]
    assert main(args) == 0  # without --strict a failed document is reported, not fatal
    assert main([*args, "--strict", "--refresh"]) == EXIT_DOCUMENTS_FAILED
    out = capsys.readouterr()
    assert "failed     broken.pdf:" in out.out and "--strict" in out.err
    statuses = {d["source_path"]: d["status"] for d in json.loads((curated / "documents.json").read_text())["items"]}
    assert statuses == {next(p.name for p in raw.iterdir() if p.suffix == ".txt"): "ok", "broken.pdf": "failed"}


def test_the_run_ends_with_one_summary_that_says_when_nothing_changed(folders: tuple[Path, Path], capsys) -> None:
    raw, curated = folders
    args = ["run", "--raw", str(raw), "--curated", str(curated), "--no-prefect"]
    assert main(args) == 0
    first = capsys.readouterr().out
    assert main(args) == 0
    second = capsys.readouterr().out
    # rows: label, first run, second run
    for label, in_first, in_second in [
        ("documents", "1 ok (1 extracted, 0 reused), 0 failed", "1 ok (1 extracted, 0 reused), 0 failed"),
        ("dataset", "1.0.0 (new dataset); what changed:", "1.0.0: no changes"),
        ("review", str(curated / "review" / "index.html"), str(curated / "review" / "index.html")),
    ]:
        assert f"{label:<10} {in_first}" in first and f"{label:<10} {in_second}" in second
    assert "{" not in second  # no dict or JSON dump of the counts


def test_identical_files_are_duplicates_and_empty_files_are_each_empty(folders: tuple[Path, Path]) -> None:
    raw, curated = folders
    first = next(raw.iterdir())
    shutil.copy(first, raw / "copy.txt")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "empty.pdf").write_bytes(b"")
    assert main(["run", "--raw", str(raw), "--curated", str(curated), "--no-prefect"]) == 0
    inputs = {i["source_path"]: i for i in json.loads((curated / "manifest.json").read_text())["inputs"]}
    assert (inputs["copy.txt"]["status"], inputs["copy.txt"]["duplicate_of"]) == ("duplicate", first.name)
    for name in ("empty.txt", "empty.pdf"):
        assert inputs[name]["status"] == "failed" and "empty" in inputs[name]["error"]
        assert inputs[name]["duplicate_of"] is None


def test_version_and_boolean_environment_values(folders: tuple[Path, Path], monkeypatch, capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.startswith("extract 0.")
    raw, curated = folders
    monkeypatch.setenv("EXTRACT_STRICT", "maybe")
    assert main(["run", "--raw", str(raw), "--curated", str(curated), "--no-prefect"]) == EXIT_USAGE
    assert "EXTRACT_STRICT='maybe' is not true or false" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("files", "message"),
    [
        # an empty raw folder and no dataset yet: no empty release 1.0.0
        ({}, "no document to curate"),
        # a first run in which every document fails: no dataset of failures
        (
            {"a.docx": b"PK\x03\x04 not a document", "b.pdf": b"%PDF-1.4 junk"},
            "every document of the raw folder failed (2:",
        ),
    ],
)
def test_a_first_run_with_nothing_to_curate_writes_nothing(tmp_path: Path, files: dict, message: str, capsys) -> None:
    raw, curated = tmp_path / "raw", tmp_path / "curated"
    raw.mkdir()
    for name, data in files.items():
        (raw / name).write_bytes(data)
    assert main(["run", "--raw", str(raw), "--curated", str(curated), "--no-prefect"]) == EXIT_USAGE
    assert message in capsys.readouterr().err
    assert not (curated / "documents.json").exists() and not (curated / "manifest.json").exists()


@pytest.mark.parametrize(
    ("api", "message"),
    [
        # no server named: an ephemeral API would register the schedule and never fire it
        (None, "extract serve needs a running Prefect server"),
        # a server named that does not answer: one line at once, not Prefect's traceback after its retries
        ("http://127.0.0.1:9/api", "no Prefect server answers at PREFECT_API_URL=http://127.0.0.1:9/api"),
    ],
)
def test_serve_without_a_server_that_answers_says_what_to_start(
    folders: tuple[Path, Path], monkeypatch, capsys, api: str | None, message: str
) -> None:
    raw, _ = folders
    if api:
        monkeypatch.setenv("PREFECT_API_URL", api)
    else:
        monkeypatch.delenv("PREFECT_API_URL", raising=False)
    assert main(["serve", "--raw", str(raw)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith(f"error: {message}") and len(err.strip().splitlines()) == 1


def test_a_run_on_a_folder_another_run_holds_stops_before_starting_prefect(
    folders: tuple[Path, Path], monkeypatch, capsys
) -> None:
    from extract.dataset.lock import dataset_lock
    from flows.cli import EXIT_LOCKED

    raw, curated = folders

    def no_prefect(*_: object) -> bool:
        raise AssertionError("Prefect was started although the folder is held")

    monkeypatch.setattr("flows.cli._prefect_home", no_prefect)
    with dataset_lock(curated):
        assert main(["run", "--raw", str(raw), "--curated", str(curated)]) == EXIT_LOCKED
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "being written by another run (pid" in err and len(err.splitlines()) == 1


def test_every_option_of_every_command_says_what_it_does() -> None:
    from flows.cli import _parser

    parser = _parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    missing = [
        f"{name} {action.option_strings or action.dest}"
        for name, command in commands.items()
        for action in command._actions
        if not action.help
    ]
    assert not missing
