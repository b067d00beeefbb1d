"""Decoding article bytes to str with errors that name the problem."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from extract.errors import SourceError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", re.I)


def _guess(data: bytes) -> str | None:
    best = from_bytes(data[:65536]).best()
    return best.encoding if best else None


NUL_SHARE = 0.01  # a text with more NUL bytes than this is UTF-16/32 without a byte-order mark, or binary


def decode_utf8(data: bytes) -> str:
    """Plain text must be UTF-8: anything else fails with where it broke and what it looks like."""
    if data.count(b"\x00") > NUL_SHARE * len(data):
        raise SourceError(
            "not UTF-8 text: it holds NUL bytes (UTF-16 or UTF-32 without a byte-order mark, or a binary file); "
            "re-save the file as UTF-8"
        )
    try:
        return data.decode("utf-8-sig").replace("\x00", "")
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
    # A page that says it is UTF-16 while its bytes are read as ASCII is lying (browsers ignore it too).
    if declared and not declared.group(1).lower().startswith((b"utf-16", b"utf-32", b"ucs")):
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeError):  # an unknown name, or Python's "undefined" codec, which always fails
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        guess = _guess(data)
        if guess is None:
            raise SourceError("cannot determine the page's text encoding (no charset declared, not UTF-8)") from None
        return data.decode(guess, errors="replace")
