from hypothesis import given
from hypothesis import strategies as st

from newsevents.ingest import normalize_text


def test_normalize_quotes_and_spaces_keep_length() -> None:
    text = "\u201cgenocide\u201d \u2014 Imin\u2019s\u00a0friends\u200b said"
    out = normalize_text(text)
    assert out == '"genocide" - Imin\'s friends  said'
    assert len(out) == len(text)


@given(st.text())
def test_normalize_never_moves_offsets(text: str) -> None:
    assert len(normalize_text(text)) == len(text)
