from newsevents.parse import blocks
from newsevents.records import Article, Document


def test_parse_heading_is_its_own_block() -> None:
    text = "Troops withdrew from the town.\n\nTalks stall in Geneva\n\nThe talks stalled."
    bs = blocks(text)
    assert [b.heading for b in bs] == [False, True, False]
    assert text[bs[1].start:bs[1].end] == "Talks stall in Geneva"


def test_parse_hard_wrapped_paragraph_is_joined() -> None:
    text = "Police in Lagos arrested three\nreporters on Monday, officials said."
    bs = blocks(text)
    assert len(bs) == 1 and not bs[0].heading


def test_parse_sentence_offsets_point_into_body(coder) -> None:
    body = ("Protest leaders met \u201cquietly\u201d.\n\nCrackdown feared\n\n"
            "Police later arrested them.")
    doc = coder.pipeline.parser(Document(article=Article("p", body, "2020-01-01")))
    texts = [body[s.start:s.end] for s in doc.sentences]
    assert texts == [s.text for s in doc.sentences]
    assert texts[1] == "Crackdown feared" and doc.sentences[1].heading
    assert texts[0].endswith("\u201cquietly\u201d.")
