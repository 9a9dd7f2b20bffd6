"""Protection of civilians (PoC): which operations or forces the Council tasks with it.

A PoC mandate is an operative clause that gives a UN operation, or a force the Council
authorises, the task of protecting civilians (``patterns.POC_PHRASES``: "to protect civilians
under imminent threat of physical violence", "To protect, without prejudice to ..., the civilian
population", "contributing to the security of the civilian population", "respond to imminent
threats of violence to civilians"). The noun ("the protection of civilians") counts as an
item's heading or after a word that gives it ("ensure effective protection of civilians",
"contribute to the protection of civilians", "with regard to the protection of civilians"),
not in a list of topics or as an attribute ("protection of civilians strategy"). Rules:

1. Who: the clause's actor (for an item, a clause that opens its paragraph) is a UN operation
   or the Secretary-General (``un_operation``), member States or a multinational force
   (``member_states``), a regional organisation or its force (``regional_organisation``).
   Parties and governments never are ("Calls upon all parties to protect civilians",
   "stresses the primary responsibility of the Government to protect civilians"). States and
   organisations count only when authorised or decided upon, or in a paragraph that
   authorises their force - not when merely asked ("Encourages Member States to ...").
2. How: a head that gives a task ("Decides", "Authorizes", "Requests", "Encourages MINUSTAH
   to ..."); a stating head ("Underlines", "Reaffirms") only with "the need for X to" or
   "that X shall / must", or in a paragraph that also authorises X's force. Recalling,
   noting, welcoming and restating an authority ("reaffirms that X may") never count.
3. Not PoC: missions in general ("may be mandated", "relevant peacekeeping operations,
   consistent with their mandates") or the UN system; reports, guidance or training on
   protection; a force still to be considered ("the possible establishment of a force");
   asking others to protect ("to call on the Government to ensure the protection of
   civilians"); and words that are someone else's protection or a consideration: "the need
   to protect", "into account", "coordinate international efforts towards", "without
   prejudice to the responsibility of the Government to", "the capacity of the Government to",
   "a strategy which ... protects civilians", "the responsibilities of the authorities to"
   (but "support the authorities in their responsibility to protect" is the force's part).
4. Tied to force (``tied_to_force``): the paragraph itself authorises force for the same
   addressee; or a force authorisation for the same addressee covers it - by naming its
   paragraph ("to carry out the tasks listed in paragraph 3", "as further elaborated in
   paragraph 15 of this resolution"), or, naming no paragraph, by covering the whole mandate
   ("all necessary means to carry out its mandate"; not "its mandate to support the police")
   or protection. Otherwise the PoC mandate is a ``task``.

One code per top-level paragraph: the first words that count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bluehelmet.coding import patterns as P
from bluehelmet.coding.clauses import Clause, classify_actor, paragraph_refs
from bluehelmet.coding.force import ForceCode
from bluehelmet.coding.operations import OperationIndex, default_index
from bluehelmet.documents.model import Resolution

ADDRESSEES = frozenset(("un_operation", "member_states", "regional_organisation"))


@dataclass(frozen=True)
class PocCode:
    """One PoC mandate; ``start``/``end`` span the justifying words.

    ``force`` is the paragraph of the force authorisation that covers it ("" for a task).
    """

    paragraph: str
    label: str
    tied_to_force: bool
    addressee: str
    start: int
    end: int
    phrase: str
    force: str = ""

    @property
    def value(self) -> str:
        """``force`` when tied to a force authorisation, else ``task``."""
        return "force" if self.tied_to_force else "task"


def _own_force(key: str, addressee: str, force: list[ForceCode]) -> ForceCode | None:
    return next((f for f in force if f.paragraph == key and f.addressee == addressee), None)


def _actor(res: Resolution, head: Clause, start: int, index: OperationIndex) -> str | None:
    """Who ``head`` tasks with the words at ``start``.

    The clause's actor; an acronym the register does not know, by its spelled-out name; for
    "Decides that, without prejudice to the responsibility of the authorities, MINUSMA is
    authorized to ...", the subject right before the last modal.
    """
    if head.actor in ADDRESSEES:
        return head.actor
    if head.actor is None:
        named = _spelled_out(res, head, index)
        if named is not None:
            return named
    modals = list(P.POC_MODAL.finditer(res.text, head.body_start, start))
    if not modals:
        return head.actor
    end = modals[-1].start()
    subject = re.split(r"[,;:]", res.text[max(head.body_start, end - 120) : end])[-1]
    return classify_actor(subject, 0, index.mentions(subject), index)[0]


def _spelled_out(res: Resolution, head: Clause, index: OperationIndex) -> str | None:
    """The category of an acronym named right after the head verb, from its spelled-out name
    elsewhere in the text ("the African Union Transition Mission in Somalia (ATMIS)")."""
    m = P.POC_ACRONYM.match(res.text, head.actor_start)
    if m is None:
        return None
    acronym = re.escape(m.group("acronym"))
    for d in re.finditer(rf"([^()]{{1,150}})\(\s*{acronym}\s*\)", res.text):
        name = " ".join(d.group(1).rsplit(",", 1)[-1].split()[-12:])
        actor = classify_actor(name, 0, index.mentions(name), index)[0]
        if actor in ADDRESSEES:
            return actor
    return None


def _tasks(
    res: Resolution, head: Clause, clause: Clause, start: int, actor: str | None, own: bool
) -> bool:
    """Rules 1-3 for the head of a clause whose PoC words begin at ``start``."""
    verb = head.effective or head.verb
    if actor not in ADDRESSEES or verb is None:
        return False
    if actor != "un_operation" and verb not in ("authorizes", "decides", "mandates") and not own:
        return False
    if verb in P.POC_STATING:
        if not own and not P.POC_STATED_TASK.search(res.text, head.body_start, start):
            return False
    elif verb not in P.POC_DIRECTIVE:
        return False
    after_actor = max(clause.start, head.actor_end) if clause is head else clause.start
    if P.POC_ASKING_OTHERS.search(res.text, after_actor, start):
        return False
    spans = [(clause.start, start)]
    if clause is not head:
        spans.append((head.verb_start, min(head.end, clause.start)))
    for a, b in spans:
        if P.POC_GENERAL.search(res.text, a, b) or P.POC_REPORT.search(res.text, a, b):
            return False
        if P.POC_SYSTEM.search(res.text, a, b) or P.POC_HYPOTHETICAL.search(res.text, a, b):
            return False
    return not P.POC_GENERAL.search(res.text, start, clause.end)


def _words(res: Resolution, clause: Clause) -> tuple[str, int, int] | None:
    """The first PoC words of ``clause`` that are not an aside (rule 3, last part)."""
    if not P.POC_ANY.search(res.text, clause.start, clause.end):
        return None
    found = []
    for name, pattern in P.POC_PHRASES:
        for m in pattern.finditer(res.text, clause.start, clause.end):
            before = res.text[max(clause.start, m.start() - 300) : m.start()]
            if P.POC_ASIDE.search(before[-120:]):
                continue
            theirs = P.POC_THEIRS.search(before[-120:])
            if theirs and not P.POC_SUPPORTING.search(before, 0, len(before) - len(theirs.group())):
                continue
            if name == "protection_of_civilians" and (
                not P.POC_NOUN_LEAD.search(before) or P.POC_NOUN_ATTRIBUTE.match(res.text, m.end())
            ):
                continue
            found.append((m.start(), m.end(), name))
            break
    if not found:
        return None
    s, e, name = min(found)
    return name, s, e


def _covers(res: Resolution, f: ForceCode, end: int, key: str) -> bool:
    """Does force authorisation ``f`` (its clause ends at ``end``) cover paragraph ``key``?"""
    after = res.text[f.end : end]
    refs = paragraph_refs(after)
    if refs:
        return key.rpartition(".")[2] in refs
    if P.POC_MANDATE.search(after) or f.phrase == "renewal":
        return True
    return any(p.search(after) for _, p in P.POC_PHRASES)


def _clause_end(f: ForceCode, parsed: list[Clause]) -> int:
    ends = [c.end for c in parsed if c.key == f.paragraph and c.start <= f.end <= c.end]
    return ends[0] if ends else f.end


def code_poc(
    res: Resolution,
    parsed: list[Clause],
    force: list[ForceCode],
    index: OperationIndex | None = None,
) -> list[PocCode]:
    """PoC mandates in the operative part of ``res``, one per top-level paragraph.

    ``parsed`` are the clauses of ``res`` (``clauses.clauses``), ``force`` its force
    authorisations (``force.code_force``).

    >>> from bluehelmet.coding.clauses import clauses
    >>> from bluehelmet.coding.force import code_force
    >>> from bluehelmet.coding.operations import default_index
    >>> from bluehelmet.documents.model import Paragraph
    >>> t = ("1. Decides that UNMIL shall protect civilians under imminent threat of physical "
    ...      "violence;\\n2. Authorizes UNMIL to use all necessary means to carry out its mandate;")
    >>> ps = (Paragraph(0, "operative", t[:84], 0, 84, "1"),
    ...       Paragraph(1, "operative", t[85:], 85, len(t), "2"))
    >>> r = Resolution(1509, 2003, None, t, ps)
    >>> idx = default_index()
    >>> parsed = clauses(r, idx.mentions(t), idx)
    >>> [(c.paragraph, c.value, c.addressee, c.force, t[c.start:c.end])
    ...  for c in code_poc(r, parsed, code_force(r, idx, parsed))]
    [('1', 'force', 'un_operation', '2', 'protect civilians')]
    """
    index = index or default_index()
    heads: dict[str, list[Clause]] = {}
    found: dict[str, PocCode] = {}
    for clause in parsed:
        if clause.verb is not None and not clause.inherited:
            heads.setdefault(clause.key, []).append(clause)
        if clause.key in found:
            continue
        words = _words(res, clause)
        if words is None:
            continue
        name, s, e = words
        code = _code(res, clause, heads.get(clause.key, []), name, s, e, force, parsed, index)
        if code is not None:
            found[clause.key] = code
    return sorted(found.values(), key=lambda c: c.start)


def _code(
    res: Resolution,
    clause: Clause,
    heads: list[Clause],
    name: str,
    s: int,
    e: int,
    force: list[ForceCode],
    parsed: list[Clause],
    index: OperationIndex,
) -> PocCode | None:
    """The PoC code of ``clause``'s words at ``s:e``, if a head of its paragraph tasks someone.

    A clause with its own verb is its own head; an item (inherited or without a verb) may be
    governed by any clause that opens its paragraph, the nearest first.
    """
    own_head = clause.verb is not None and not clause.inherited
    for head in [clause] if own_head else heads[::-1]:
        addressee = _actor(res, head, s, index)
        own = addressee is not None and _own_force(clause.key, addressee, force) is not None
        if addressee is None or not _tasks(res, head, clause, s, addressee, own):
            continue
        cover = _own_force(clause.key, addressee, force) or next(
            (
                f
                for f in force
                if f.addressee == addressee and _covers(res, f, _clause_end(f, parsed), clause.key)
            ),
            None,
        )
        return PocCode(
            clause.key,
            clause.paragraph.label,
            cover is not None,
            addressee,
            s,
            e,
            name,
            cover.paragraph if cover else "",
        )
    return None
