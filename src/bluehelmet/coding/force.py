"""Force authorisations: who may use force, for what, within which limits.

Rules, in order, for each force phrase (``patterns.EXPLICIT_FORCE`` then
``patterns.GENERIC_FORCE``) found in an operative clause:

1. Prohibitions are not authorisations: a clause quoting Article 2(4), "refrain from"
   before the phrase, "threat or use of force", "acquisition of territory by force".
2. Parties are never addressees ("Demands that all parties take all necessary
   measures"); a named government only with explicit force ("Calls upon the United
   Kingdom to prevent, by the use of force if necessary, ...").
3. Authorising heads: "Authorizes", "Decides to authorize", "Decides that X may".
   "Reaffirms" counts only when it restates an authority in this text ("Reaffirms
   that the Secretary-General is authorized ... to take all necessary measures
   against ...", "Reaffirms the authority of States ... to use such measures ... to
   enforce the present resolution"); recalling, demanding, welcoming never do.
4. Asking heads ("Calls upon", "Requests", "Urges", "Recommends"): explicit force
   always; a generic phrase when it is asked of the UN ("Requests the
   Secretary-General to take all necessary measures to prevent ...") or of States
   acting "nationally or through regional arrangements" / "co-operating with the
   Government" - but not when the measures are "to provide assistance to" someone.
5. The addressee is the actor: ``un_operation`` (an operation or the
   Secretary-General), ``member_states`` (also "the Secretary-General and Member
   States"), or ``regional_organisation``; an acronym the text defines for an actor is
   that actor ("a Regional Protection Force (RPF)" ... "authorizes the RPF").

One code per top-level paragraph (the first authorising phrase); limits are read from
the whole clause, purposes from the clause and the mandate it covers: the paragraphs it
names, or for "to carry out its mandate" / "the following tasks" its own paragraph and
those that set out a mandate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from bluehelmet.coding import patterns as P
from bluehelmet.coding.clauses import (
    Clause,
    clause_category,
    clauses,
    paragraph_key,
    paragraph_refs,
)
from bluehelmet.coding.operations import OperationIndex, default_index
from bluehelmet.documents.model import Resolution

Evidence = tuple[str, str, int, int]
_HOLDERS = frozenset(("member_states", "regional_organisation", "un_operation"))


@dataclass(frozen=True)
class ForceCode:
    """One force authorisation; ``start``/``end`` span the clause head to the phrase."""

    paragraph: str
    label: str
    addressee: str
    purposes: tuple[str, ...]
    limits: tuple[str, ...]
    start: int
    end: int
    phrase: str
    evidence: tuple[Evidence, ...] = ()
    verb: str = ""


Strength = Literal["explicit", "generic", "weak"]
_TABLES: tuple[tuple[Strength, tuple[tuple[str, re.Pattern[str]], ...]], ...] = (
    ("explicit", P.EXPLICIT_FORCE),
    ("generic", P.GENERIC_FORCE),
    ("weak", P.WEAK_FORCE),
)


def _phrases(text: str, offset: int) -> list[tuple[str, Strength, int, int]]:
    found: list[tuple[str, Strength, int, int]] = []
    for explicit, table in _TABLES:
        for name, pattern in table:
            for m in pattern.finditer(text):
                s, e = offset + m.start(), offset + m.end()
                if not any(s < fe and fs < e for _, _, fs, fe in found):
                    found.append((name, explicit, s, e))
    return sorted(found, key=lambda f: f[2])


def _prohibited(res: Resolution, clause: Clause, start: int) -> bool:
    if P.CHARTER_2_4.search(res.text, clause.start, clause.end):
        return True
    if P.NEG_BEFORE_FORCE.search(res.text[max(clause.start, start - 60) : start]):
        return True
    return P.REFRAIN.search(res.text, clause.body_start, start) is not None


def _secretary_general(res: Resolution, clause: Clause) -> bool:
    return P.SG_OR_UN.match(res.text, clause.actor_start) is not None


def _asked(res: Resolution, clause: Clause, strength: Strength, start: int, end: int) -> bool:
    """Rule 4: may an asking clause's phrase at ``start:end`` count as force?"""
    if strength == "explicit":
        return True
    if strength == "weak" or P.ASSISTANCE_AFTER.match(res.text, end):
        return False
    if clause.actor == "un_operation":
        paragraph = clause.paragraph
        return clause.verb == "requests" and not P.ADMINISTRATIVE.search(
            res.text, paragraph.start, paragraph.end
        )
    return clause.actor in ("member_states", "regional_organisation") and bool(
        P.COALITION.search(res.text, clause.body_start, start)
    )


def addressee_of(
    res: Resolution, clause: Clause, strength: Strength, start: int, end: int
) -> str | None:
    """The addressee if ``clause`` authorises the phrase at ``start:end``, else None."""
    actor = clause.actor
    if actor in (None, "parties") or clause.effective is None:
        return None
    if P.THEMATIC.search(res.text, clause.body_start, start):
        return None
    if actor == "government":
        return "member_states" if strength == "explicit" else None
    if clause.effective == "authorizes":
        weak_sg = strength == "weak" and _secretary_general(res, clause)
        return None if weak_sg else actor
    if clause.effective == "reaffirms" and strength != "weak":
        authority = P.REAFFIRMED_AUTHORITY.search(res.text, clause.body_start, start)
        return actor if authority else None
    if clause.effective in P.ASKING and _asked(res, clause, strength, start, end):
        return actor
    return None


def _context(res: Resolution, clause: Clause) -> list[tuple[int, int]]:
    spans = [(clause.start, clause.end)]
    if clause.inherited:
        spans.insert(0, (clause.verb_start, min(clause.paragraph.start, clause.verb_start + 600)))
    return spans


def _find(res: Resolution, spans: list[tuple[int, int]], table: tuple) -> list[Evidence]:
    found: list[Evidence] = []
    for name, pattern in table:
        for s, e in spans:
            m = pattern.search(res.text, s, e)
            if m:
                found.append(("", name, m.start(), m.end()))
                break
    return found


def _covered(res: Resolution, clause: Clause, after: int) -> list[tuple[int, int]]:
    """The mandate an authorisation covers: the paragraphs it names ("to carry out the tasks
    in paragraph 13"), or, for "its mandate" and "the following tasks", its own paragraph and
    the paragraphs of the same section that set out a mandate ("shall have the following
    mandate", "the mandate of MINUSMA shall include the following priority tasks")."""
    tail = res.text[after : clause.end]
    refs = paragraph_refs(tail)
    section = clause.key.rpartition(".")[0]
    whole = not refs and (P.POC_MANDATE.search(tail) or P.TASK_LIST.search(tail))
    paragraphs = [(paragraph_key(p), p) for p in res.operative()]
    if whole:
        refs = {clause.key.rpartition(".")[2]} | {
            key.rpartition(".")[2]
            for key, p in paragraphs
            if p.kind == "operative" and P.MANDATE_LIST.search(res.text, p.start, p.end)
        }
    return [
        (p.start, p.end)
        for key, p in paragraphs
        if (key.rpartition(".")[0] == section and key.rpartition(".")[2] in refs)
        or (key == clause.key and p.kind == "subparagraph")
    ]


def _code(
    res: Resolution,
    clause: Clause,
    addressee: str,
    name: str,
    s: int,
    e: int,
    actor: tuple[int, int],
) -> ForceCode:
    spans = _context(res, clause)
    covered = _covered(res, clause, e)
    purposes = _find(res, spans + covered, P.PURPOSES[:-1]) + _find(res, spans, P.PURPOSES[-1:])
    limits = _find(res, spans, P.LIMITS)
    evidence = [("force", addressee, *actor), ("force_phrase", name, s, e)]
    evidence += [("force_purpose", v, a, b) for _, v, a, b in purposes]
    evidence += [("force_limit", v, a, b) for _, v, a, b in limits]
    return ForceCode(
        clause.key,
        clause.paragraph.label,
        addressee,
        tuple(v for _, v, _, _ in purposes),
        tuple(v for _, v, _, _ in limits),
        clause.start if not clause.inherited else s,
        e,
        name,
        tuple(evidence),
        clause.effective or "",
    )


def _defined_actor(res: Resolution, clause: Clause) -> Clause:
    """``clause`` with its actor read from an acronym the text defines for an actor ("a
    Regional Protection Force (RPF)" ... "authorizes the RPF"), when it has no other actor."""
    if clause.actor is not None:
        return clause
    subject = P.SUBJECT_START.match(res.text, clause.body_start, clause.end)
    if subject is None:
        return clause
    for m in P.DEFINED_ACRONYM.finditer(res.text):
        if m.group("acronym") != subject.group("word"):
            continue
        before = res.text[max(0, m.start() - 80) : m.start()]
        named = [a for a in P.ACTOR.finditer(before) if a.end() == len(before)]
        if named and named[-1].lastgroup:
            start, end = subject.span("word")
            return replace(clause, actor=named[-1].lastgroup, actor_start=start, actor_end=end)
    return clause


def _authorisation(res: Resolution, clause: Clause) -> ForceCode | None:
    """Rules 1-5: the first force phrase of ``clause`` that it authorises."""
    clause = _defined_actor(res, clause)
    for name, strength, s, e in _phrases(res.text[clause.start : clause.end], clause.start):
        if _prohibited(res, clause, s):
            continue
        addressee = addressee_of(res, clause, strength, s, e)
        if addressee is not None:
            actor = (clause.actor_start, clause.actor_end)
            return _code(res, clause, addressee, name, s, e, actor)
    return None


def _candidates(
    res: Resolution, start: int, end: int, index: OperationIndex
) -> list[tuple[int, int, str]]:
    """Actors named in ``res.text[start:end]``: operations by name, then other entities."""
    named = [
        (start + m.start, start + m.end, clause_category(m.acronym, index))
        for m in index.mentions(res.text[start:end])
        if m.how != "backref"
    ]
    for m in P.ACTOR.finditer(res.text, start, end):
        if not any(a < m.end() and m.start() < b for a, b, _ in named):
            name = m.lastgroup or ""
            if name == "member_states" and P.OF_REGIONAL.match(res.text, m.end()):
                name = "regional_organisation"
            named.append((m.start(), m.end(), name))
    return sorted(named)


def _renewed_actor(
    res: Resolution, clause: Clause, match: re.Match[str], index: OperationIndex
) -> tuple[str, int, int]:
    """Whose authorisation a renewal extends ("" when the clause names no one).

    "The mandate of UNOCI and of the French forces" renews the force that is not the UN's;
    "the authorization ... provided to the French Forces" names its holder after the word.
    """
    mandate = match.group("what") is None or match.group("what").endswith("of")
    begin = match.start() if mandate else match.end()
    stop = (P.MANDATE_END if mandate else P.HOLDER_END).search(res.text, begin, clause.end)
    for a, b, name in _candidates(res, begin, stop.start() if stop else clause.end, index):
        if name in _HOLDERS and not (mandate and name == "un_operation"):
            return name, a, b
    return "", match.start(), match.end()


def _renewal(
    res: Resolution, clause: Clause, index: OperationIndex, fresh_non_un: bool
) -> ForceCode | None:
    """A decision to renew or extend an authorisation (or a non-UN force's mandate).

    Not a renewal of force: one that authorises a deployment ("the authorization ... for the
    Secretary-General to redeploy"); the extension of a UN operation's own mandate; and,
    when the resolution authorises a non-UN force anew (``fresh_non_un``), extending "the
    authorization of" a force without saying it was given to someone: that is the force's
    establishment, its force is in the fresh paragraph.
    """
    if clause.verb != "decides":
        return None
    match = P.RENEWAL.search(res.text, clause.body_start, clause.end)
    if match is None or P.TERMINATE.search(res.text, clause.body_start, match.start()):
        return None
    if P.INTENTION.search(res.text, clause.body_start, match.start()):
        return None
    if P.DEPLOYMENT_AUTHORITY.search(res.text, match.end(), clause.end):
        return None
    addressee, a, b = _renewed_actor(res, clause, match, index)
    what = (match.group("what") or "").lower()
    authorisation = "auth" in what
    if not authorisation and not addressee:
        return None
    given = P.GIVEN_TO.search(res.text, match.end(), clause.end)
    if authorisation and fresh_non_un and given is None:
        return None
    return _code(res, clause, addressee, "renewal", match.start(), match.end(), (a, b))


def _unnamed(res: Resolution, codes: list[ForceCode], index: OperationIndex) -> str:
    """Holder of a renewed authorisation the text does not name.

    A resolution that renews an unnamed authorisation and authorises its UN operation in
    another paragraph renews someone else's (States'); otherwise a resolution about a UN
    operation renews the operation's; with none, the States'.
    """
    if any(c.addressee == "un_operation" for c in codes):
        return "member_states"
    operative = [p for p in res.paragraphs if p.kind == "operative"]
    start = operative[0].start if operative else len(res.text)
    un = (m for m in index.mentions(res.text[start:]) if index.org.get(m.acronym) == "UN")
    return "un_operation" if next(un, None) is not None else "member_states"


def code_force(
    res: Resolution, index: OperationIndex | None = None, parsed: list[Clause] | None = None
) -> list[ForceCode]:
    """Force authorisations in the operative part of ``res``, one per paragraph.

    >>> from bluehelmet.documents.model import Paragraph
    >>> t = "1. Authorizes Member States to use all necessary means to restore peace;"
    >>> r = Resolution(1, 1990, None, t, (Paragraph(0, "operative", t, 0, len(t), "1"),))
    >>> [(c.paragraph, c.addressee, t[c.start:c.end]) for c in code_force(r)]
    [('1', 'member_states', 'Authorizes Member States to use all necessary means')]
    """
    index = index or default_index()
    if parsed is None:
        parsed = clauses(res, index.mentions(res.text, res.number), index)
    codes: dict[str, ForceCode] = {}
    for clause in parsed:
        if clause.key not in codes and P.FORCE_HINT.search(res.text, clause.start, clause.end):
            code = _authorisation(res, clause)
            if code is not None:
                codes[clause.key] = code
    fresh_non_un = any(c.addressee != "un_operation" for c in codes.values())
    for clause in parsed:
        renewal = None if clause.key in codes else _renewal(res, clause, index, fresh_non_un)
        if renewal is not None:
            codes[clause.key] = renewal
    codes = dict(sorted(codes.items(), key=lambda kv: kv[1].start))
    found = [c for c in codes.values() if c.addressee]
    if len(found) == len(codes):
        return found
    holder = _unnamed(res, found, index)
    return [c if c.addressee else _named(c, holder) for c in codes.values()]


def _named(code: ForceCode, addressee: str) -> ForceCode:
    evidence = tuple((k, addressee if k == "force" else v, a, b) for k, v, a, b in code.evidence)
    return replace(code, addressee=addressee, evidence=evidence)
