"""Contract records built in code for the dataset layer's tests: documents, topics and quotes with just
enough provenance to be valid."""

from __future__ import annotations

import hashlib

from extract.dataset.models import Document, Provenance, Quote, Speaker, Topic

PDF, TEXT = "application/pdf", "text/plain"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def document(path: str, edition: int, media_type: str = TEXT) -> Document:
    return Document(
        doc_id=_sha(path), source_path=path, media_type=media_type, sha256=_sha(path), size_bytes=1, title=None,
        publisher=None, author=None, published=None, edition=edition, page_count=None, status="ok", error=None,
    )  # fmt: skip


def _provenance(doc: Document, words: str) -> list[Provenance]:
    return [
        Provenance(
            doc_id=doc.doc_id, source_path=doc.source_path, page=None, bbox=None, char_start=0,
            char_end=len(words), text=words, rule="topic.heading", extractor_version="test",
        )
    ]  # fmt: skip


def topic(
    doc: Document, title: str, category: str = "accelerator", rank: int | None = 1, status: str | None = None,
    confidence: float = 0.85, edition: int | None = None,
) -> Topic:  # fmt: skip
    return Topic(
        id=_sha(f"{doc.source_path}|{category}|{title}|{rank}")[:16], doc_id=doc.doc_id,
        edition=doc.edition if edition is None else edition, confidence=confidence, rule="topic.heading",
        provenance=_provenance(doc, title), category=category, title=title, rank=rank, status=status,
        description=None,
    )  # fmt: skip


def quote(doc: Document, text: str, name: str, role: str | None = None, mention: str | None = None,
          kind: str = "person") -> Quote:  # fmt: skip
    speaker = Speaker(name=name, role=role, kind=kind, mention=mention or name, resolved_by="mention")
    return Quote(
        id=_sha(f"{doc.source_path}|{text}")[:16], doc_id=doc.doc_id, edition=doc.edition, confidence=0.9,
        rule="quote.verb.after", provenance=_provenance(doc, text), text=text, speaker=speaker,
    )  # fmt: skip
