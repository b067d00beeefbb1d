"""Errors with a reason a data steward can act on."""


class SourceError(Exception):
    """The source document is unusable (corrupt, encrypted, empty, wrong encoding, no text...)."""


class ProfileError(ValueError):
    """A profile file cannot be used: missing, not JSON, or not a valid profile (the message names the path
    and the field or pattern at fault)."""
