"""Thai text as it arrives from scanned and retyped municipal documents.

Plans are typed by hand, copied from PDFs and pasted from Word, so the same name
comes back with Thai digits, stray spaces where a table cell wrapped, or a space
before the abbreviation mark ฯ. These helpers give one canonical form for
storage and one *key* for comparing names that people consider equal.
"""

from __future__ import annotations

import re
import unicodedata

_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(_THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", _THAI_DIGITS)
_SPACES = re.compile(r"\s+")
# A wrapped cell splits an organisation's name after its kind, e.g.
# "เทศบาลเมือง ทุ่งสง"; Thai writes such names without a space.
_ORGANISATION_KINDS = (
    "องค์การบริหารส่วนจังหวัด",
    "องค์การบริหารส่วนตำบล",
    "เทศบาลนคร",
    "เทศบาลเมือง",
    "เทศบาลตำบล",
)
_ORGANISATION_SPLIT = re.compile("(" + "|".join(_ORGANISATION_KINDS) + r")\s+(?=[\u0E00-\u0E7F])")


def to_arabic_digits(text: str) -> str:
    """Replace Thai digits (๐–๙) with ASCII digits; other characters stay."""
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
    """Replace ASCII digits with Thai digits, for documents that want them."""
    return text.translate(_TO_THAI)


def clean_text(text: str) -> str:
    """Canonical stored form: NFC, non-breaking and zero-width spaces removed,
    runs of white space folded to one space, ends trimmed."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u200b", "").replace("\ufeff", "").replace("\xa0", " ")
    return _SPACES.sub(" ", text).strip()


def clean_place(text: str) -> str:
    """Canonical form of an area or organisation name: like `clean_text`, and
    the space that a wrapped cell put after "เทศบาลเมือง" and its kin removed."""
    return _ORGANISATION_SPLIT.sub(r"\1", clean_text(text))


def name_key(text: str) -> str:
    """A key under which names people consider the same compare equal.

    Spacing is not significant in Thai names ("กองวิชาการ ฯ" is "กองวิชาการฯ"),
    nor is case in English ones; Thai digits equal ASCII ones.
    """
    return _SPACES.sub("", to_arabic_digits(clean_text(text))).casefold()
