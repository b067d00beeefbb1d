"""Errors that mean "this document cannot be curated", with a reason a data steward can act on."""


class SourceError(Exception):
    """The source document is unusable (corrupt, encrypted, empty, wrong encoding, no text...)."""
