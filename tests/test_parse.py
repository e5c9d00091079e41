import pytest

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


@pytest.mark.parametrize(("text", "form", "lemma"), [
    ("Dock workers staged a walkout in Antwerp.", "staged", "stage"),
    ("The council forgave the debt last year.", "forgave", "forgive"),
    ("Gunmen slew three guards at the gate.", "slew", "slay"),
])
def test_parse_lemma_fixes_from_the_data_table(coder, text: str, form: str, lemma: str) -> None:
    doc = coder.pipeline.parser(Document(article=Article("p", text, "2024-01-10")))
    assert doc.parsed is not None
    toks = [t for ps in doc.parsed.sentences for t in ps.span if t.text == form]
    assert toks and toks[0].lemma_ == lemma


@pytest.mark.parametrize(("text", "word", "backing"), [
    ("Turkish-backed militias advanced.", "Turkish", True),
    ("a UN-brokered truce held", "UN", True),
    ("pro-Kremlin bloggers cheered", "Kremlin", True),
    ("the Pan-African Parliament met", "African", True),
    ("Turkish troops advanced.", "Turkish", False),
    ("a US-led coalition struck", "US", False),  # the leader is a member: its country
])
def test_parse_backing_words(coder, text: str, word: str, backing: bool) -> None:
    from newsevents.parse import backing_word

    doc = coder.pipeline.stages[0](Document(article=Article("x", text, "2024-01-01")))
    tok = next(t for ps in doc.parsed.sentences for t in ps.span if t.text == word)
    assert backing_word(tok) is backing
