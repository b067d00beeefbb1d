"""Imported once by the isolation forkserver (`sources.isolate.preload`): the rules and the packaged profile's
spaCy pipeline are built there, so every forked child that runs the rules starts with them warm."""

from __future__ import annotations

from extract import nlp, pipeline  # noqa: F401 - imported for the forkserver's memory, not used here

nlp.load(None)
