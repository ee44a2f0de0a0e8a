"""Bytes to text by what the input declares: a BOM, the server's charset, an XML or HTML declaration.

A stored article's offsets point into the decoded text, so a wrong guess would corrupt the
record silently. Hence only what is declared (or unambiguous, like a BOM or the UTF-16/32
byte patterns of `<?xml` that the XML specification, appendix F, lists) is used, then UTF-8;
nothing is guessed from statistics. What no declared encoding decodes is refused with a line
that says so, and charset_normalizer's guess is named to help the user convert it.

A page that is the declared encoding but for a handful of stray bytes (a truncated multi-byte
character pasted in, one Latin-1 byte in a UTF-8 template) is read with each invalid sequence
replaced by U+FFFD, and a warning says how many bytes: refusing 110 KB for one byte loses the
article, while the replaced bytes cost the characters they stood for and nothing else, since
every other byte decodes exactly as declared. See MAX_REPLACED_SHARE for where that stops.
"""

from __future__ import annotations

import codecs
import re
import threading

from charset_normalizer import from_bytes

from fogofwar.errors import InputError, InputWarning

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

# Invalid bytes under a declared encoding are replaced while they are at most this share of the
# input (1 in 1,000), and never more than MAX_REPLACED_BYTES. A file in another encoding than the
# one declared fails far more often: windows-1252 German or French read as UTF-8 has an invalid
# byte at every accented letter (1-3% of the bytes), Cyrillic or Greek at nearly every letter;
# English with curly quotes at each quote. Past the share the declaration is wrong, not the
# bytes, and replacing would silently blank out real letters: such input is refused as before.
MAX_REPLACED_SHARE = 0.001
MAX_REPLACED_BYTES = 64
_REPLACE_HANDLER = "fogofwar-counted-replace"
_replaced = threading.local()  # bytes replaced by the current thread's decode


def _counted_replace(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _replaced.bytes = getattr(_replaced, "bytes", 0) + (exc.end - exc.start)
    return "\ufffd", exc.end


codecs.register_error(_REPLACE_HANDLER, _counted_replace)


def _decode_repairing(data: bytes, codec: str) -> tuple[str, int] | None:
    """The data decoded with invalid sequences as U+FFFD, and how many bytes were replaced;
    None when too many were (see MAX_REPLACED_SHARE)."""
    _replaced.bytes = 0
    text = data.decode(codec, errors=_REPLACE_HANDLER)
    count: int = _replaced.bytes
    limit = min(MAX_REPLACED_BYTES, max(1, int(len(data) * MAX_REPLACED_SHARE)))
    return (text, count) if count <= limit else None


def _utf16_without_bom(data: bytes) -> str | None:
    """Whether the bytes look like UTF-16 text without a byte-order mark: "LE", "BE" or None.

    Every ASCII character (all of Latin text; the spaces, digits and punctuation of Cyrillic or
    Greek) has a NUL high byte, at odd offsets in little-endian, even in big-endian, and the
    other offsets hardly ever hold one. Binary data (a JPEG, a zip) has NULs too, but at both."""
    sample = data[:4096]
    pairs = len(sample) // 2
    even, odd = sample[0 : 2 * pairs : 2].count(0), sample[1 : 2 * pairs : 2].count(0)
    # A few bytes prove nothing: a JPEG's first 11 hold two NULs, both at even offsets.
    if pairs < 8 or max(even, odd) < 4:
        return None
    if odd >= 0.1 * pairs and even <= 0.01 * pairs:
        return "LE"
    if even >= 0.1 * pairs and odd <= 0.01 * pairs:
        return "BE"
    return None


def _binary(data: bytes, source: str) -> InputError:
    order = _utf16_without_bom(data)
    if order is None:
        return InputError(source, "binary data, not text")
    problem = (
        f"binary data, not text: it looks like UTF-16 ({order}) without a byte-order mark; "
        f"convert it to UTF-8 (e.g. iconv -f UTF-16{order} -t UTF-8) or add the mark"
    )
    return InputError(source, problem)


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
    data: bytes,
    source: str,
    http_charset: str | None = None,
    *,
    line_records: bool = False,
    warnings: list[InputWarning] | None = None,
) -> str:
    """The input's text, or an InputError saying why it is not text in any declared encoding.

    Each declared encoding is tried in turn, then UTF-8: a server's wrong charset, or a
    declaration left over from before a file was converted to UTF-8, is common, and the text
    is still read when another declaration (or UTF-8) decodes it. Failing that, a declared
    encoding that only a handful of stray bytes break is used with those bytes replaced, and an
    InputWarning saying so is added to `warnings` (a caller that passes none gets the refusal).
    `line_records` (JSON Lines) skips the whole-file NUL check: a NUL in one line costs that
    line (JSON refuses raw control characters), not the file's other articles.
    """
    if not data.strip():
        raise InputError(source, "empty input")
    declared = _declared(data, http_charset)
    first_failure: str | None = None
    broken: list[tuple[str, str, str]] = []  # (label, by, codec) that failed on some bytes
    for label, by in declared:
        codec = _codec(label)
        if codec is None:
            first_failure = first_failure or f"declares an unknown encoding {label!r} (by {by})"
            continue
        try:
            return _nonempty(_strip_bom(data.decode(codec)), source)
        except UnicodeDecodeError as exc:
            broken.append((label, by, codec))
            first_failure = first_failure or (
                f"not valid {label} text as declared by {by} (invalid byte at offset {exc.start})"
            )
    if not declared and not line_records and b"\x00" in data[:8192]:
        raise _binary(data, source)
    try:
        return _nonempty(_strip_bom(data.decode("utf-8")), source)
    except UnicodeDecodeError as exc:
        repaired = _repaired(data, source, broken, warnings)
        if repaired is not None:
            return repaired
        if first_failure:
            raise InputError(source, first_failure) from None
        problem = f"not UTF-8 text (invalid byte at offset {exc.start}) and no encoding declared"
        raise InputError(source, problem + _guess(data)) from None


def _repaired(
    data: bytes, source: str, broken: list[tuple[str, str, str]], warnings: list[InputWarning] | None
) -> str | None:
    """The text under the first declared encoding that a handful of stray bytes break, with
    those bytes replaced and a warning added; None when there is none, or nobody to warn."""
    if warnings is None:
        return None
    for label, by, codec in broken:
        got = _decode_repairing(data, codec)
        if got is None:
            continue
        text, count = got
        text = _nonempty(_strip_bom(text), source)
        noun = "byte" if count == 1 else "bytes"
        problem = f"{count} invalid {noun} in {label} text (declared by {by}) replaced by U+FFFD"
        warnings.append(InputWarning(source, problem))
        return text
    return None


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
