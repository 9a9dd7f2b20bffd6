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
   States"), or ``regional_organisation``.

One code per top-level paragraph (the first authorising phrase); purposes and limits
are read from the whole clause.
"""

from __future__ import annotations

from dataclasses import dataclass

from bluehelmet.coding import patterns as P
from bluehelmet.coding.clauses import Clause, clauses
from bluehelmet.coding.operations import OperationIndex, default_index
from bluehelmet.documents.model import Resolution

Evidence = tuple[str, str, int, int]


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


def _phrases(text: str, offset: int) -> list[tuple[str, bool, int, int]]:
    found: list[tuple[str, bool, int, int]] = []
    for explicit, table in ((True, P.EXPLICIT_FORCE), (False, P.GENERIC_FORCE)):
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


def addressee_of(
    res: Resolution, clause: Clause, explicit: bool, start: int, end: int
) -> str | None:
    """The addressee if ``clause`` authorises the phrase at ``start:end``, else None."""
    actor = clause.actor
    if actor in (None, "parties") or clause.effective is None:
        return None
    if actor == "government":
        return "member_states" if explicit else None
    if clause.effective == "authorizes":
        return actor
    if clause.effective == "reaffirms":
        authority = P.REAFFIRMED_AUTHORITY.search(res.text, clause.body_start, start)
        return actor if authority else None
    if clause.effective in P.ASKING:
        if explicit:
            return actor
        if P.ASSISTANCE_AFTER.match(res.text, end):
            return None
        if actor == "un_operation":
            return actor
        if actor in ("member_states", "regional_organisation") and P.COALITION.search(
            res.text, clause.body_start, start
        ):
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
        if clause.key in codes or not P.FORCE_HINT.search(res.text, clause.start, clause.end):
            continue
        for name, explicit, s, e in _phrases(res.text[clause.start : clause.end], clause.start):
            if _prohibited(res, clause, s):
                continue
            addressee = addressee_of(res, clause, explicit, s, e)
            if addressee is None:
                continue
            spans = _context(res, clause)
            purposes = _find(res, spans, P.PURPOSES)
            limits = _find(res, spans, P.LIMITS)
            start = clause.start if not clause.inherited else s
            evidence = [
                ("force", addressee, clause.actor_start, clause.actor_end),
                ("force_phrase", name, s, e),
            ]
            evidence += [("force_purpose", v, a, b) for _, v, a, b in purposes]
            evidence += [("force_limit", v, a, b) for _, v, a, b in limits]
            codes[clause.key] = ForceCode(
                clause.key,
                clause.paragraph.label,
                addressee,
                tuple(v for _, v, _, _ in purposes),
                tuple(v for _, v, _, _ in limits),
                start,
                e,
                name,
                tuple(evidence),
                clause.effective or "",
            )
            break
    return list(codes.values())
