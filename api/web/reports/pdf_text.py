"""The PDF's text layer put right for Thai: what a search or a copy out of the PDF reads.

WeasyPrint draws Thai correctly but writes each glyph's Unicode (the font's
``ToUnicode`` map) from the shaped cluster it first met the glyph in, and inside a
Thai cluster (``ปุ่``: consonant, vowel below, tone mark) it can hand a glyph its
neighbour's character: the page shows ปุ่น, a search finds ปู่น. The embedded font's
own ``cmap`` knows better: every glyph reached from a character says which. So each
font's map is rewritten from its ``cmap`` where the ``cmap`` names the glyph, with the
positional forms older Thai fonts keep in the private-use area (U+F700–U+F71A, e.g. a
tone mark lowered over a short consonant) read as the mark they draw. Glyphs no
character reaches (made only by the font's substitutions) keep WeasyPrint's answer.
SARA AM (ำ) is drawn as its two parts and so reads as ``ํา``, its Unicode
compatibility decomposition (NFKC gives ำ back).
"""

from __future__ import annotations

import io
import re
from typing import cast

from fontTools.ttLib import TTFont
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    StreamObject,
)

THAI_POSITIONAL = {
    0xF700: 0x0E10, 0xF701: 0x0E34, 0xF702: 0x0E35, 0xF703: 0x0E36, 0xF704: 0x0E37,
    0xF705: 0x0E48, 0xF706: 0x0E49, 0xF707: 0x0E4A, 0xF708: 0x0E4B, 0xF709: 0x0E4C,
    0xF70A: 0x0E48, 0xF70B: 0x0E49, 0xF70C: 0x0E4A, 0xF70D: 0x0E4B, 0xF70E: 0x0E4C,
    0xF70F: 0x0E0D, 0xF710: 0x0E31, 0xF711: 0x0E4D, 0xF712: 0x0E47, 0xF713: 0x0E48,
    0xF714: 0x0E49, 0xF715: 0x0E4A, 0xF716: 0x0E4B, 0xF717: 0x0E4C, 0xF718: 0x0E38,
    0xF719: 0x0E39, 0xF71A: 0x0E3A,
}  # fmt: skip
"""The private-use positional forms of Thai marks and consonants → the character drawn."""

_BFCHAR = re.compile(rb"<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]*)>")


def repair_text_layer(pdf: bytes) -> bytes:
    """``pdf`` with every embedded TrueType font's ``ToUnicode`` map read off its cmap."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    seen: set[int] = set()
    for page in writer.pages:
        fonts = page.get("/Resources", DictionaryObject()).get("/Font", DictionaryObject())
        for reference in fonts.values():
            font = reference.get_object()
            if id(font) in seen or "/ToUnicode" not in font:
                continue
            seen.add(id(font))
            _repair(font)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _repair(font: DictionaryObject) -> None:
    descendants = font.get("/DescendantFonts")
    if descendants is None:
        return  # a simple font: WeasyPrint embeds Thai as CID fonts
    descendant = cast(ArrayObject, descendants.get_object())[0].get_object()
    assert isinstance(descendant, DictionaryObject)
    descriptor = cast(DictionaryObject, descendant["/FontDescriptor"].get_object())
    embedded = descriptor.get("/FontFile2")
    if embedded is None or descendant.get("/CIDToGIDMap") != "/Identity":
        return  # only fonts whose codes are glyph ids can be read off their cmap
    by_glyph = _characters_by_glyph(cast(StreamObject, embedded.get_object()).get_data())
    stream = cast(StreamObject, font["/ToUnicode"].get_object())
    old = stream.get_data()

    def right(match: re.Match[bytes]) -> bytes:
        glyph, given = int(match.group(1), 16), match.group(2).decode().upper()
        found = by_glyph.get(glyph)
        if not found:
            return match.group(0)
        text = given if given in found else found[0]
        return b"<%s> <%s>" % (match.group(1), text.encode())

    repaired = DecodedStreamObject()
    repaired.set_data(_BFCHAR.sub(right, old))
    font[NameObject("/ToUnicode")] = repaired


def _characters_by_glyph(data: bytes) -> dict[int, list[str]]:
    """Glyph id → the characters (as ToUnicode hex) the font's cmap reaches it from."""
    font = TTFont(io.BytesIO(data))
    found: dict[int, list[str]] = {}
    for code, name in sorted(font.getBestCmap().items()):
        code = THAI_POSITIONAL.get(code, code)
        if 0xE000 <= code <= 0xF8FF:
            continue  # another private-use glyph: nothing a reader could search for
        hexed = f"{code:04X}"
        glyphs = found.setdefault(font.getGlyphID(name), [])
        if hexed not in glyphs:
            glyphs.append(hexed)
    return found
