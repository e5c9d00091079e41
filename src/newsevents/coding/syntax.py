"""Dependency-parse helpers shared by the coding stage: subjects, objects, status.

Status is read from the trigger outward: its own negation and modals first,
then the verbs that govern it ("urged X to", "denied", "said that"), whose
class comes from the ``complements`` list of the pattern dictionary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsevents.coding.tables import Lexicon
from newsevents.parse import stray_subject

NEGATIONS = {"not", "n't", "never", "no"}
PROPOSAL_MODALS = {"should", "must", "ought", "need"}
FUTURE_MODALS = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_MODALS = {"could", "might", "may"}
CONDITIONAL_MARKS = {"if", "unless", "whether"}
SUBJECTS = ("nsubj", "csubj")
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
# relations along which a verb shares its governor's subject
SHARED_SUBJECT = {"xcomp", "conj", "advcl", "pcomp", "prep", "acomp", "pobj", "attr", "oprd"}
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "csubj", "parataxis", "ROOT"}


def children(tok: Any, *deps: str) -> list[Any]:
    return [c for c in tok.children if c.dep_ in deps]


def with_conjuncts(tok: Any) -> list[Any]:
    """A token and the tokens coordinated with it ("France and Germany")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            out.extend(with_conjuncts(c))
    return out


def is_passive(verb: Any) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children)


def agent(verb: Any) -> Any | None:
    """The 'by' phrase of a passive, also where the parser hung it lower down
    ('was promised closer ties by Tajik President X')."""
    for c in verb.subtree:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            up = c.head
            while up.i != verb.i and (up.pos_ not in ("VERB", "AUX") or (
                    up.tag_ == "VBG" and up.dep_ == "pcomp")):  # "accused of spying ... by"
                up = up.head
            if up.i != verb.i:
                continue
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _controller(head: Any, asks: bool = False) -> Any | None:
    """The object that controls an infinitive: 'urged X to', 'called on X to', and for
    verbs of asking (``asks``) 'appealed to X to', 'pleaded with X to'."""
    objs = children(head, "dobj", "dative")
    if objs:
        return objs[0]
    preps = ("on", "upon", "to", "with") if asks else ("on", "upon")
    for prep in children(head, "prep"):
        if prep.lower_ in preps:
            pobj = [p for p in children(prep, "pobj") if p.ent_type_ not in ("DATE", "TIME")]
            if pobj:
                return pobj[0]  # "called on X to", never "urged on Monday to"
    return None


def _infinitive(tok: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def subject(verb: Any, control: str | None = None,
            object_control: frozenset[str] = frozenset()) -> Any | None:
    """The one who acts in ``verb``'s clause, following control and shared subjects.
    ``object_control`` names verbs whose object acts in an infinitive hung on them as an
    adverbial clause ('called on X to free' parsed with 'free' as advcl)."""
    v = verb
    for _ in range(8):
        if is_passive(v):
            a = agent(v)
            if a is not None or v.i == verb.i:
                return a
            # "he is expected to sign", "the envoy was ordered to leave": the passive's
            # subject does what it is expected or ordered to
            raised = children(v, "nsubjpass")
            if raised:
                return raised[0]
        subj = children(v, *SUBJECTS)
        if subj:
            return subj[0]
        stray = stray_subject(v)
        if stray is not None:
            return stray
        if v.dep_ == "relcl":
            return v.head if v.head.pos_ in ("NOUN", "PROPN") else None
        if v.dep_ == "ROOT" or v.dep_ not in SHARED_SUBJECT:
            return None
        head = v.head
        if (v.dep_ == "pcomp" and head.lower_ in ("of", "for") and head.head.dep_ == "dobj"
                and head.head.pos_ in ("NOUN", "PROPN")):
            return head.head  # "accused Burundi's intelligence service | of torturing"
        if v.dep_ == "pcomp" and head.lower_ in ("from", "into", "of", "for") and (
                head.head.i != head.i):
            # "stopped China from committing", "forced them into signing", "accused X of",
            # "criticised Tunisia for prosecuting"
            objs = children(head.head, "dobj")
            if objs:
                return objs[0]
        if v.dep_ == "xcomp" or (v.dep_ == "advcl" and _infinitive(v)
                                 and head.lemma_.lower() in object_control):
            obj = _controller(head, head.lemma_.lower() in object_control)
            if obj is not None and control != "subject":
                return obj
        v = head
    return None


def clause_head(tok: Any) -> Any:
    t = tok
    while t.dep_ not in CLAUSE_DEPS and t.head.i != t.i:
        t = t.head
    return t


@dataclass(frozen=True)
class StatusReading:
    status: str
    speaker: Any | None  # token of the one who says, asks or plans
    cue: Any | None  # the governing verb
    from_modal: bool = False


def _local(tok: Any) -> tuple[str, bool] | None:
    for c in tok.children:
        low = c.lower_
        if c.dep_ == "neg" or (c.dep_ == "det" and low == "no"):
            return "negated", False
        if c.dep_ == "aux" and c.tag_ == "MD":
            if low in PROPOSAL_MODALS:
                return "proposed", True
            if low in FUTURE_MODALS:
                return "future", False
            if low == "would":
                return "would", False  # future in reported speech, else hypothetical
            if low in HYPOTHETICAL_MODALS:
                return "hypothetical", False
        if c.dep_ == "aux" and low == "going" or (c.dep_ == "mark" and low in ("if", "unless")):
            return ("future", False) if low == "going" else ("hypothetical", False)
    if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS
                                   for c in tok.children):
        return "hypothetical", False
    return None


def read_status(anchor: Any, lex: Lexicon) -> StatusReading:
    """The status of an event whose trigger (or its light verb) is ``anchor``."""
    local = _local(anchor)
    node = anchor
    while node.head.i != node.i:
        head = node.head
        rel = node.dep_
        if rel in ("ccomp", "xcomp", "pcomp", "pobj", "prep", "advcl", "acl", "conj", "dobj",
                   "oprd", "acomp", "attr"):
            cls = None
            if rel not in ("conj", "advcl", "acl") or (rel == "advcl" and _infinitive(node)) or (
                    rel == "acl" and head.pos_ == "NOUN"):  # "a report that", "the claim that"
                cls = lex.complements.get(head.lemma_.lower())
                pats = lex.verbs.get(head.lemma_.lower()) or []
                for p in pats:
                    if p.complement:
                        cls = cls or p.complement
            if cls is not None and head.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
                control = next((p.control for p in lex.verbs.get(head.lemma_.lower(), [])
                                if p.control), None)
                spk = subject(head, control="subject" if control else None)
                if local is not None and local[0] == "would":
                    # "said it would deliver": the future of the time of speaking
                    local = ("future", False) if cls == "claimed" else ("hypothetical", False)
                if local is not None:
                    return StatusReading(local[0], spk, head, local[1])
                if cls == "hypothetical":
                    return StatusReading("hypothetical", spk, head)
                return StatusReading(cls, spk, head)
        if local is None and rel in ("conj", "xcomp", "pcomp", "prep", "pobj", "nsubj",
                                     "nsubjpass", "dobj"):
            # a noun takes the mood of its verb: "if talks fail", "no sanctions were imposed";
            # a coordinated verb shares modals, not negation ("did not arrest but questioned")
            local = _local(head)
            if rel == "conj" and local is not None and local[0] == "negated":
                local = None
        if node.dep_ in ("ccomp", "relcl", "csubj") and cls_boundary(node):
            break
        node = head
    source = _according_to(anchor, node)
    if source is not None and (local is None or local[0] == "would"):
        return StatusReading("claimed", source[1], source[0])
    if local is not None:
        status = "hypothetical" if local[0] == "would" else local[0]
        return StatusReading(status, None, None, local[1])
    if anchor.sent.text.rstrip().endswith("?"):
        return StatusReading("hypothetical", None, None)
    return StatusReading("asserted", None, None)


DOCUMENTS = {"report", "statement", "study", "survey", "findings", "investigation", "inquiry",
             "probe", "documents", "data", "figures", "estimate", "estimates", "assessment"}


def _according_to(anchor: Any, top: Any) -> tuple[Any, Any] | None:
    """"..., according to a UN report": the cue ("according") and who says it (a
    document's author when it is named: "a report by the UN human rights office")."""
    node = anchor
    while True:
        for c in node.children:
            if c.dep_ == "prep" and c.lower_ == "according":
                for to in c.children:
                    obj = next((o for o in to.children if o.dep_ == "pobj"), None)
                    if to.lower_ == "to" and obj is not None:
                        if obj.lemma_.lower() in DOCUMENTS:
                            for p in obj.children:
                                by = next((o for o in p.children if o.dep_ == "pobj"), None)
                                if p.dep_ == "prep" and p.lower_ in ("by", "from", "of") and by:
                                    return c, by
                        return c, obj
        if node.i == top.i or node.head.i == node.i:
            return None
        node = node.head


def cls_boundary(node: Any) -> bool:
    """A relative clause never takes its status from the clause it modifies."""
    return bool(node.dep_ == "relcl")
