"""Text normalisation that never moves a character offset.

Parsing works on the normalised text; offsets and evidence point into the
original body, so every replacement here is one character for one character.
"""

from __future__ import annotations

import re

_MAP = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u3000": " ",
    "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2008": " ",
    "\u200b": " ", "\u200c": " ", "\u200d": " ", "\ufeff": " ", "\u2060": " ",
    "\u2028": "\n", "\u2029": "\n", "\t": " ", "\x0b": "\n", "\x0c": "\n", "\x85": "\n",
}
_TABLE = str.maketrans(_MAP)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def normalize_text(text: str) -> str:
    """Typographic quotes, dashes and odd white space to ASCII; same length as ``text``."""
    out = _CONTROL.sub(" ", text.translate(_TABLE))
    assert len(out) == len(text)
    return out
