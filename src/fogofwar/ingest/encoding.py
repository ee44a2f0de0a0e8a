"""Bytes to text by what the input declares: a BOM, the server's charset, an XML or HTML declaration.

A stored article's offsets point into the decoded text, so a wrong guess would corrupt the
record silently. Hence only what is declared (or unambiguous, like a BOM or the UTF-16/32
byte patterns of `<?xml` that the XML specification, appendix F, lists) is used, then UTF-8;
nothing is guessed from statistics. What no declared encoding decodes is refused with a line
that says so, and charset_normalizer's guess is named to help the user convert it.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from fogofwar.errors import InputError

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# "<?" (or "<" followed by a letter) in encodings that are not ASCII-compatible.
_XML_MARKERS = (
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
# WHATWG Encoding: browsers read these labels as windows-1252 (the C1 range holds quotes and
# dashes there), and gb2312 as its superset gb18030. Pages rely on it.
_ALIASES = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "gb2312": "gb18030"}
_WIDE = ("utf-16", "utf-32")
_HEAD = 4096  # declarations must come early (HTML: within 1024 bytes; a little slack)


def _codec(label: str) -> str | None:
    """Python's codec name for an encoding label, or None when Python knows no such encoding."""
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _ALIASES.get(name, name)


def _declared(data: bytes, http_charset: str | None) -> list[tuple[str, str]]:
    """(label, who declares it), in the order they count: a BOM, the server, the document."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return [(name, "its byte-order mark")]  # unambiguous: nothing else counts
    found: list[tuple[str, str]] = []
    if http_charset:
        found.append((http_charset, "the server (Content-Type charset)"))
    for marker, name in _XML_MARKERS:
        if data.startswith(marker):
            return [*found, (name, "its XML declaration")]
    head = data[:_HEAD]
    for pattern, by in ((_XML_DECL, "its XML declaration"), (_META_CHARSET, "its HTML <meta charset>")):
        match = pattern.search(head)
        # These patterns match ASCII bytes only: a document in ASCII bytes that declares
        # UTF-16 or UTF-32 is wrong about itself, and browsers read it as UTF-8 (WHATWG).
        if match and not (_codec(match.group(1).decode("ascii")) or "").startswith(_WIDE):
            found.append((match.group(1).decode("ascii"), by))
            break
    return found


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def _guess(data: bytes) -> str:
    best = from_bytes(data[:65536]).best()
    return f"; it looks like {best.encoding}" if best is not None and best.encoding else ""


def decode_input(
    data: bytes, source: str, http_charset: str | None = None, *, line_records: bool = False
) -> str:
    """The input's text, or an InputError saying why it is not text in any declared encoding.

    Each declared encoding is tried in turn, then UTF-8: a server's wrong charset, or a
    declaration left over from before a file was converted to UTF-8, is common, and the text
    is still read when another declaration (or UTF-8) decodes it. `line_records` (JSON Lines)
    skips the whole-file NUL check: a NUL in one line costs that line (JSON refuses raw control
    characters), not the file's other articles.
    """
    if not data.strip():
        raise InputError(source, "empty input")
    declared = _declared(data, http_charset)
    first_failure: str | None = None
    for label, by in declared:
        codec = _codec(label)
        if codec is None:
            first_failure = first_failure or f"declares an unknown encoding {label!r} (by {by})"
            continue
        try:
            return _nonempty(_strip_bom(data.decode(codec)), source)
        except UnicodeDecodeError as exc:
            first_failure = first_failure or (
                f"not valid {label} text as declared by {by} (invalid byte at offset {exc.start})"
            )
    if not declared and not line_records and b"\x00" in data[:8192]:
        raise InputError(source, "binary data, not text")
    try:
        return _nonempty(_strip_bom(data.decode("utf-8")), source)
    except UnicodeDecodeError as exc:
        if first_failure:
            raise InputError(source, first_failure) from None
        problem = f"not UTF-8 text (invalid byte at offset {exc.start}) and no encoding declared"
        raise InputError(source, problem + _guess(data)) from None


def _nonempty(text: str, source: str) -> str:
    if not text.strip():
        raise InputError(source, "empty input")
    return text


def without_declared_encoding(xml: str) -> str:
    """The XML with its declaration's encoding taken out, for parsers given decoded text.

    feedparser re-encodes a str as UTF-8 and then honours the declaration: a feed declared
    windows-1251, decoded here already, would be decoded twice into mojibake.
    """
    return re.sub(r"""^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""", r"\1", xml, count=1)
