"""Decoding article bytes to str with errors that name the problem."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from extract.errors import SourceError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", re.I)


def _guess(data: bytes) -> str | None:
    best = from_bytes(data[:65536]).best()
    return best.encoding if best else None


def decode_utf8(data: bytes) -> str:
    """Plain text must be UTF-8: anything else fails with where it broke and what it looks like."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        guess = _guess(data)
        hint = f"; it looks like {guess}" if guess else ""
        raise SourceError(
            f"not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}{hint}); re-save the file as UTF-8"
        ) from None


def decode_html(data: bytes) -> str:
    """Web pages: BOM, then the declared charset, then UTF-8, then detection."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        guess = _guess(data)
        if guess is None:
            raise SourceError("cannot determine the page's text encoding (no charset declared, not UTF-8)") from None
        return data.decode(guess, errors="replace")
