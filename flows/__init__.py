"""Prefect orchestration over the extract library: thin flows, one task per document."""
