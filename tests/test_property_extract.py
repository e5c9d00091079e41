"""Property tests: whatever text goes in, coding does not crash and every offset it
reports points back into the body it was given."""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.api import Coder
from newsevents.records import Document

NEWS_WORDS = [
    "Police", "police", "detained", "arrested", "protesters", "The", "minister", "said",
    "that", "urged", "to", "release", "prisoners", "by", "in", "Minsk", "Berlin", "Paris",
    "Kyiv", "China", "Russia", "United States", "the", "government", "on", "Tuesday",
    "last week", "in 2005", "accused", "of", "attacking", "troops", "killed", "rebels",
    "met", "signed", "an agreement", "with", "Joe Biden", "President", "Uyghur", "activist",
    "denied", "will", "not", "may", "if", "Reuters", "told", "reporters", "\u201c", "\u201d",
    "\u2019s", ",", ".", ":", ";", "\n\n", "Mr.", "U.S.", "St.", "Dr.", "(", ")", "-",
]

PRINTABLE = st.characters(
    min_codepoint=0x20, max_codepoint=0x7E,
) | st.sampled_from(list("\n\t \u00a0\u201c\u201d\u2018\u2019\"'\u2014\u00e9\u00fc"))

CHUNK = st.one_of(
    st.sampled_from(NEWS_WORDS),
    st.text(PRINTABLE, min_size=1, max_size=12),
)

NEWS_TEXT = st.lists(CHUNK, min_size=0, max_size=60).map(
    lambda parts: "".join(p if p in {",", ".", ":", ";"} else " " + p for p in parts)
)


def check_offsets(doc: Document, body: str) -> None:
    assert doc.article.body == body
    # a stage that raises is caught by the pipeline and recorded as an error on the
    # document ("internal error in stage ..."): that is a crash too
    assert not doc.errors, doc.errors
    for s in doc.sentences:
        assert 0 <= s.start <= s.end <= len(body)
        assert body[s.start:s.end] == s.text, (s, body)
    for ev in doc.events:
        e = ev.evidence
        assert 0 <= e.start <= e.end <= len(body), ev
        assert body[e.start:e.end] == e.sentence, (e, body)
        assert e.trigger and e.trigger in e.sentence, (e, body)
        assert ev.cameo_root == ev.cameo[:2]
        assert ev.doc_id == doc.doc_id
    for m in doc.actors:
        assert 0 <= m.start <= m.end <= len(body), m
        assert body[m.start:m.end] == m.text, (m, body)
    for p in doc.places:
        assert body[p.start:p.end] == p.text, (p, body)
    for t in doc.times:
        assert body[t.start:t.end] == t.text, (t, body)
    for q in doc.quotes:
        assert body[q.cue.start:q.cue.end] == q.cue.text, (q, body)
        assert body[q.content.start:q.content.end] == q.content.text, (q, body)
    ids = [ev.event_id for ev in doc.events]
    assert len(ids) == len(set(ids)), ids


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=NEWS_TEXT)
def test_property_code_text_offsets_index_the_body(coder: Coder, text: str) -> None:
    doc = coder.code_text(text, "2024-01-01")
    check_offsets(doc, text)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(PRINTABLE, max_size=300))
def test_property_code_text_raw_printable_text(coder: Coder, text: str) -> None:
    doc = coder.code_text(text, "2024-01-01")
    check_offsets(doc, text)


def test_property_check_offsets_rejects_bad_offsets(coder: Coder) -> None:
    """The checker itself can fail: shifting the body by one character breaks it."""
    text = "Police detained 40 protesters in Minsk on Tuesday."
    doc = coder.code_text(text, "2024-01-01")
    assert doc.events and doc.actors
    check_offsets(doc, text)
    shifted = dataclasses.replace(doc, article=dataclasses.replace(doc.article, body=" " + text))
    try:
        check_offsets(shifted, " " + text)
    except AssertionError:
        return
    raise AssertionError("check_offsets accepted offsets into the wrong body")
