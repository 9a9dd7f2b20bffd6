"""Operative clauses: a head verb, who it addresses, and where it starts and ends.

An operative paragraph holds one or more clauses, each opened by a main verb
("Authorizes", "and requests", ", calls upon"). A subparagraph without its own verb
inherits the last clause of its parent ("Decides: ... (b) To renew the mandate").
The actor is the first entity after the verb (or after "decides that", "decides to
authorize"), classified as a UN operation, member states, a regional organisation,
a government or the parties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bluehelmet.coding import patterns as P
from bluehelmet.coding.operations import Mention, OperationIndex
from bluehelmet.documents.model import Paragraph, Resolution
from bluehelmet.register.vocab import REGIONAL_ORGS

_REF_NUMBER = re.compile(r"(\d{1,3})(?: to (\d{1,3})\b)?")

_REGIONAL = frozenset(REGIONAL_ORGS)
_LABEL = re.compile(r"^\s*(?:\d{1,3}\s*\.|\([a-z]{1,4}\))")
_WORD = re.compile(r"[A-Za-z]{3,}")
_PRINTED = re.compile(r"(\d{1,3})\.\s")
_VERB_FORMS = {
    "authorises": "authorizes",
    "calls on": "calls upon",
    "emphasises": "emphasizes",
    "recognises": "recognizes",
}


@dataclass(frozen=True)
class Clause:
    """One operative clause; offsets are absolute in ``Resolution.text``.

    ``verb`` is the normalised head verb; ``effective`` what it does for force
    ("authorizes" also for "decides to authorize" / "decides that X may");
    ``actor`` the category of who is addressed, ``actor_start``/``actor_end`` its span.
    """

    paragraph: Paragraph
    key: str
    verb: str | None
    effective: str | None
    start: int
    end: int
    verb_start: int
    body_start: int
    actor: str | None
    actor_start: int
    actor_end: int
    inherited: bool


def paragraph_key(p: Paragraph) -> str:
    """Label without the subparagraph letter, as gold labels use it ("B.10"; "" unnumbered).

    A sub-item that prints a higher top-level number than its parent ("4. Authorizes ..."
    read as an item of 3 (c)) is that paragraph; lower ones ("1.", "2." under 6) are items.

    >>> paragraph_key(Paragraph(3, "subparagraph", "(a) x", 0, 5, number="8", sub="a",
    ...                         section="B"))
    'B.8'
    >>> paragraph_key(Paragraph(9, "subparagraph", "4. Authorizes", 0, 13, number="3", sub="c.4"))
    '4'
    """
    if p.number is None:
        return "" if p.kind in ("operative", "subparagraph") else p.label
    number = p.number
    printed = _PRINTED.match(p.text) if p.kind == "subparagraph" else None
    if printed and number.isdigit() and int(printed.group(1)) > int(number):
        number = printed.group(1)
    return f"{p.section}.{number}" if p.section else number


def paragraph_refs(text: str) -> set[str]:
    """Top-level paragraph numbers of this resolution that ``text`` refers to.

    >>> sorted(paragraph_refs("the tasks in paragraphs 2 to 4 and in paragraph 9 (b), as in "
    ...                       "paragraph 15 of resolution 1769 (2007)"), key=int)
    ['2', '3', '4', '9']
    """
    refs: set[str] = set()
    for m in P.PARAGRAPH_REFS.finditer(text):
        for a, b in _REF_NUMBER.findall(re.sub(r"\([a-z]{1,4}\)", "", m.group("refs"))):
            last = int(b) if b and int(b) >= int(a) and int(b) - int(a) < 40 else int(a)
            refs.update(str(n) for n in range(int(a), last + 1))
    return refs


def _norm_verb(verb: str) -> str:
    v = " ".join(verb.lower().split())
    return _VERB_FORMS.get(v, v)


def clause_category(acronym: str, index: OperationIndex) -> str:
    """Actor category of a named operation: the UN's, a regional organisation's, or States'.

    >>> from bluehelmet.coding.operations import default_index
    >>> clause_category("AMISOM", default_index())
    'regional_organisation'
    """
    org = index.org.get(acronym, "")
    if org == "UN":
        return "un_operation"
    return "regional_organisation" if org in _REGIONAL else "member_states"


def classify_actor(
    text: str, offset: int, mentions: list[Mention], index: OperationIndex
) -> tuple[str | None, int, int]:
    """Category and absolute span of the first entity in ``text`` (at ``offset``).

    >>> from bluehelmet.coding.operations import default_index
    >>> classify_actor("Member States co-operating with the Government of Kuwait", 0, [],
    ...                default_index())[0]
    'member_states'
    """
    best: tuple[int, int, str] | None = None
    m = P.ACTOR.search(text)
    if m is not None:
        best = (m.start(), m.end(), m.lastgroup or "")
    end_abs = offset + len(text)
    for mention in mentions:
        if offset <= mention.start < end_abs and mention.how != "backref":
            rel = mention.start - offset
            if best is None or rel <= best[1]:
                best = (rel, mention.end - offset, clause_category(mention.acronym, index))
            break
    if best is None:
        return None, offset, offset
    start, end, name = best
    if name == "un_operation" and P.SG_AND_STATES.match(text[start:]):
        name = "member_states"
    elif name == "member_states" and P.OF_REGIONAL.match(text, end):
        name = "regional_organisation"
    return name, offset + start, offset + end


def _decides(text: str) -> tuple[str, int, int | None]:
    """Effective verb of a "decides" clause, where its subject starts and ends (None: open)."""
    m = P.DECIDES_AUTHORIZE.match(text)
    if m:
        return "authorizes", m.end(), None
    may = P.DECIDES_MAY.match(text) or P.DECIDES_LATER.search(text)
    if may:
        return "authorizes", may.start("subject"), may.end("subject")
    return "decides", 0, None


def _actor(
    res: Resolution,
    body: int,
    end: int,
    verb: str | None,
    mentions: list[Mention],
    index: OperationIndex,
    previous: Clause | None,
) -> tuple[str | None, str | None, int, int]:
    text = res.text[body:end]
    effective = verb
    skip = 0
    if verb == "decides":
        effective, skip, stop = _decides(text)
        text = text[:stop] if stop is not None else text
    elif text.lstrip().lower().startswith("that "):
        skip = text.lower().index("that ") + 5
    rest = text[skip:]
    if previous is not None and previous.actor and P.ANAPHORA.match(rest):
        return effective, previous.actor, previous.actor_start, previous.actor_end
    cut = P.ACTOR_END.search(rest)
    rest = rest[: cut.start() if cut else 300][:300]
    actor, a_start, a_end = classify_actor(rest, body + skip, mentions, index)
    return effective, actor, a_start, a_end


def _has_words(lead: str) -> bool:
    return _WORD.search(_LABEL.sub("", lead, count=1)) is not None


def clauses(res: Resolution, mentions: list[Mention], index: OperationIndex) -> list[Clause]:
    """All operative clauses of ``res`` in order."""
    out: list[Clause] = []
    parent_last: Clause | None = None
    for p in res.operative():
        key = paragraph_key(p)
        heads = list(P.HEAD.finditer(p.text))
        lead_end = p.start + (heads[0].start("head") if heads else len(p.text))
        if _has_words(res.text[p.start : lead_end]):
            if p.kind == "subparagraph" and parent_last is not None:
                c = parent_last
                out.append(
                    Clause(
                        p,
                        key,
                        c.verb,
                        c.effective,
                        p.start,
                        lead_end,
                        c.verb_start,
                        c.body_start,
                        c.actor,
                        c.actor_start,
                        c.actor_end,
                        True,
                    )
                )
            else:
                out.append(
                    Clause(
                        p,
                        key,
                        None,
                        None,
                        p.start,
                        lead_end,
                        p.start,
                        p.start,
                        None,
                        p.start,
                        p.start,
                        False,
                    )
                )
        for i, h in enumerate(heads):
            start = p.start + h.start("head")
            end = p.start + (heads[i + 1].start("head") if i + 1 < len(heads) else len(p.text))
            verb = _norm_verb(h.group("verb"))
            body = p.start + h.end("verb")
            previous = out[-1] if i and out else None
            effective, actor, a_start, a_end = _actor(
                res, body, end, verb, mentions, index, previous
            )
            out.append(
                Clause(
                    p, key, verb, effective, start, end, start, body, actor, a_start, a_end, False
                )
            )
        if p.kind == "operative":
            parent_last = out[-1] if heads else None
    return out
