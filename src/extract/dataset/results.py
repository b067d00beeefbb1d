"""What one document contributes to the dataset: shared by the extraction layer (which fills it) and the
writer (which stores it), so neither needs the other."""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.dataset.models import Definition, Document, Quote, Rejected, Topic


@dataclass(slots=True)
class DocumentResult:
    document: Document
    text: str | None = None  # the normalized text that provenance offsets point into; None when it failed
    topics: list[Topic] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    seconds: float = 0.0
    reused: bool = False  # taken from the orchestrator's cache of an earlier run, not extracted in this one
    limited: bool = False  # failed on a time or memory limit: a busy machine may pass next time, so never reused

    @property
    def failed(self) -> bool:
        return self.document.status == "failed"
