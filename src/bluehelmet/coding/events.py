"""Mandate events: which UN operations a resolution establishes, extends, expands or ends.

Rules, per operative clause whose head decides ("Decides", "Extends", "Authorizes",
"Approves", "Recommends", "Confirms", or "Requests"/"Invites" addressed to the UN),
for each trigger not made hypothetical by a word between the head and it ("if",
"proposed", "consider", "submit", "in the event" ... ``patterns.EVENT_NEGATION``; "make
recommendations on"; an aside ", with the intention to renew it," does not count) nor in an
item of a request to report:

- establish: "establish / set up / the creation of / dispatch / the deployment of a
  peacekeeping operation" followed by the operation as its object ("Decides to set up
  immediately under its authority a United Nations Disengagement Observer Force"), or
  the operation "shall be established", or an acronym the Council defines ("(the acronym
  ONUB being used in all languages)"). Not when the operation is the subject ("MONUC
  will establish a joint structure"), after a preposition ("links with ONUB") or a
  possessive ("the establishment of ... UNAMID's forces"). When the object is a part of
  it ("a presence of UNPROFOR", "a police component within ONUMOZ", "a MINUJUSTH
  planning team") the event is expand.
- extend: "extend / renew / prolong / continuation of" with a mandate, stationing or
  period object ("Extends once more the stationing in Cyprus of ..."; "extend its
  mandate" after the operation is named in the paragraph); an extension of terms of
  reference, or one with no time but a purpose ("in order to enable it") is expand, and
  one "for a final period" is terminate.
- expand: "increase / enlarge / expand / reinforce / reduce / restructure / reconfigure"
  with a strength, size or mandate object or the operation right after (not "the number
  of women", "its visible presence", the capacity of ..., nor anything "within the
  authorized ceiling"); "additional elements/observers"; "new tasks", "adjust the
  mandate", "Authorizes the deployment of a military component"; a new composition ("X
  shall consist of up to 7,500 troops", not "shall continue to comprise"); a mandate
  given "from the adoption of this resolution"; "X's mandate shall include the following
  additional element" (not "the following additional tasks" a renewal restates, nor
  "mutually reinforcing" tasks); an extension that states a new ceiling
  ("up to five military observers"; not "within the authorized troop ceiling of");
  "Authorizes UNPROFOR to assume ..." (a new task, not "to continue"; in a resolution
  that renews the operation's mandate these list the renewed tasks, unless added "in
  addition" or "during that period"); force given to the Secretary-General for the
  operation that a cited resolution established; a strength changed, not restated
  ("decrease the authorized troop ceiling to 4,791", "the troop ceiling shall decrease
  by 585 troops", "increase force levels to 888", "shall revert to", "an increase of 850
  military personnel", a decided "drawdown of X" / "its drawdown"; not "will comprise
  11,500" nor "maintain the ceiling of", nor a drawdown the Council requests options
  for): when the clause names no operation, the one named before in the paragraph, else
  the only one the resolution extends.
- terminate: "terminate (the mandate of) X", "X's functions shall end", "withdrawal of
  X", "the complete withdrawal of all ... X components", "withdraw X", "transfer
  authority from X", "X shall bear the title of Y" (and Y is established), a final
  extension.

The operation is the nearest mention after the trigger in the clause, else before
it. One event per operation, the first of establish > terminate > expand > extend.
The coder reads the text only: it never looks up what the register says this
resolution did (an operation the text does not name, "an observation group", gets no
event), so the evaluation and the register audit measure the text rules alone.
An ended family member cannot be extended: the event goes to the current one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

import pandas as pd

from bluehelmet.coding import patterns as P
from bluehelmet.coding.clauses import Clause, clauses
from bluehelmet.coding.force import ForceCode
from bluehelmet.coding.operations import Mention, OperationIndex, index_for
from bluehelmet.documents.model import Resolution

PRIORITY = ("establish", "terminate", "expand", "extend")
_OCR_DIGITS = str.maketrans("Iil]", "1111")
# "mutually reinforcing tasks": an adjective, not a reinforcement of the operation.
_ADJECTIVE = P.rx(r"\bmutually $")
# "UNMIL's mandate shall include the following additional element": a task added to the
# mandate (not "authorises MINUSCA to carry out the following additional tasks" of a renewal).
_ADDED_ELEMENT = P.rx(
    r"\bmandate (?:shall|will|should) (?:also )?include (?:the following )?(?:an? )?"
    r"(?:additional|new) (?:elements?|tasks?|responsibilit(?:y|ies))\b"
)
# A strength changed, not restated ("will comprise 11,500", "maintain the ceiling of"):
# "decrease the authorized troop ceiling to 4,791", "decrease UNMIL's authorized military
# strength from 3,590 to 1,240", "increase force levels to 888", "the troop
# ceiling shall decrease to 4,235", "the authorised strength of X shall revert to", "an increase
# of 2,000 military personnel", "the phased drawdown of X" / "its drawdown".
_STRENGTH = (
    r"(?:(?:the|its|their|[A-Z][\w-]*['’]s) )?(?:(?:overall|total|authori[sz]ed|maximum|military"
    r"|troops?|police|personnel|uniformed|force) ){0,3}(?:ceilings?|strength|(?:force|troop"
    r"|personnel) levels?|level of (?:authori[sz]ed )?(?:[\w-]+ )?(?:personnel|troops))"
)
_NEW_LEVEL = r"(?:to|by) (?:a (?:further |total of )?)?(?:up to |some |approximately )?\d"
_STRENGTH_CHANGE = P.rx(
    rf"\b(?:increas|decreas|reduc|rais|lower)(?:e|es|ed|ing) {_STRENGTH}\b[^;:]{{0,80}}?"
    rf"\b{_NEW_LEVEL}"
    rf"|\b{_STRENGTH}(?: of (?:the )?[\w-]+)? (?:shall|will|should|is to) (?:be )?"
    rf"(?:(?:increase|decrease|reduce|raise|lower)d? {_NEW_LEVEL}|revert to\b)"
    r"|\b(?:an? )?(?:increase|reduction|decrease) (?:of|by) (?:up to |some |approximately )?"
    r"\d[\d,]* (?:additional )?(?:[\w-]+ ){0,2}?(?:troops|personnel|observers|police|officers)\b"
    r"|\b(?:its (?:[\w-]+ ){0,2}?)?draw-?down\b(?! (?:plan|strategy|benchmarks?)\b)"
)
# "the drawdown of UNMIL", "drawdown and withdrawal of UNMIL's troop contingent": the object.
_DRAWDOWN_OF = P.rx(r"^(?: and withdrawal)? of (?:the )?$")

# "Requests the Secretary-General to make recommendations on the ... reconfiguration of":
# advice asked for, not a decision.
_ADVICE = P.rx(
    r"\b(?:make|provide|present|give|offer) (?:\w+ )?(?:recommendations?|options?|proposals?)\b"
)


@dataclass(frozen=True)
class EventCode:
    """One mandate event; ``start``/``end`` span the trigger and the operation named."""

    operation: str
    event: str
    until: dt.date | None
    ceiling: int | None
    paragraph: str
    label: str
    start: int
    end: int
    source: str = "text"
    restated: bool = False  # "Authorizes X to ...": no new task when X's mandate is renewed


def _dates(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """Every date in ``text[start:end]`` in either order ("31 March 1993", "March 31, 1993")."""
    end = len(text) if end is None else end
    found = [*P.DATE.finditer(text, start, end), *P.DATE_MONTH_FIRST.finditer(text, start, end)]
    return sorted(found, key=lambda m: m.start())


def parse_date(text: str) -> dt.date | None:
    """The first date in ``text``: "31 March 1993", "the 1st of October 2004", "April 30, 2010".

    >>> parse_date("until 31 March 1993"), parse_date("until the 1st of October 2004")
    (datetime.date(1993, 3, 31), datetime.date(2004, 10, 1))
    >>> parse_date("until April 30, 2010"), parse_date("until 31January 2021")
    (datetime.date(2010, 4, 30), datetime.date(2021, 1, 31))
    """
    found = _dates(text)
    if not found:
        return None
    m = found[0]
    day, year = (m.group(g).translate(_OCR_DIGITS) for g in ("day", "year"))
    try:
        return dt.date(int(year), P.MONTHS.index(m.group("month").lower()) + 1, int(day))
    except ValueError:
        return None


def _inside(pos: int, mentions: list[Mention]) -> bool:
    return any(m.start <= pos < m.end for m in mentions)


def _pick(ops: list[Mention], start: int, end: int, after: int = 10**9) -> Mention | None:
    later = [m for m in ops if end <= m.start <= end + after]
    if later:
        return later[0]
    before = [m for m in ops if m.end <= start]
    return before[-1] if before else None


def _possessive(text: str, pos: int) -> bool:
    return text.startswith(("'s", "’s"), pos)


def _other_actor(text: str, start: int, end: int) -> bool:
    """Someone other than the UN is named between ``start`` and ``end`` ("the Government")."""
    return any(
        m.lastgroup not in (None, "un_operation") for m in P.ACTOR.finditer(text, start, end)
    )


def _triggers(
    res: Resolution, c: Clause, ops: list[Mention], all_m: list[Mention]
) -> Iterator[tuple[str, re.Match[str] | Mention, Mention]]:
    text = res.text
    subject = next((o for o in ops if o.start == c.actor_start), None)
    for m in P.ESTABLISH.finditer(text, c.start, c.end):
        op = _pick(ops, m.start(), m.end(), after=200)
        if op is None or op.start < m.end() or _inside(m.start(), all_m):
            continue
        between = text[m.end() : op.start]
        if ";" in between or P.OBJECT_AFTER_PREPOSITION.search(between):
            continue
        if subject is not None and subject.end <= m.start():
            continue  # "Decides that MONUC will establish ... a joint structure"
        if P.PART_OF.search(between) or P.PART_AFTER.match(text, op.end):
            yield "expand", m, op
        elif not P.OTHER_OBJECT.search(between) and not _possessive(text, op.end):
            yield "establish", m, op
    for m in P.ACRONYM_DEFINED.finditer(text, c.start, c.end):
        op = next((o for o in ops if m.start("op") <= o.start < m.end("op")), None)
        if op is not None:
            yield "establish", m, op
    for m in P.RENAME.finditer(text, c.start, c.end):
        old = _pick(ops, m.start(), m.start(), after=-1)
        new = _pick(ops, m.start(), m.end(), after=250)
        if (
            old is not None
            and new is not None
            and new.start > m.end()
            and old.acronym != new.acronym
        ):
            yield "terminate", m, old
            yield "establish", m, new
    for m in P.ESTABLISH_PASSIVE.finditer(text, c.start, c.end):
        op = _pick(ops, m.start(), m.start(), after=-1)
        if op is not None and m.start() - op.end < 250:
            yield "establish", m, op
    for m in P.EXTEND.finditer(text, c.start, c.end):
        near = text[m.end() : m.end() + 60]
        if P.PASSIVE.search(text, max(c.start, m.start() - 12), m.start()):
            op = _pick(ops, m.start(), m.start(), after=-1)
            ok = op is not None and bool(
                P.EXTEND_OBJECT.search(text, max(c.start, op.start - 150), m.start())
            )
        else:
            op = _pick(ops, m.start(), m.end())
            ok = op is not None and bool(
                P.EXTEND_OBJECT.search(near) or 0 <= op.start - m.end() < 25
            )
        if not ok or op is None:
            continue
        window = text[m.end() : min(c.end, m.end() + 150)]
        final = P.FINAL.search(text, m.end(), min(c.end, m.end() + 400))
        if final and not (
            P.EVENT_NEGATION.search(text, m.end(), final.start())
            or P.EXTEND.search(text, m.end(), final.start())
        ):
            yield "terminate", m, op
            continue
        scope = P.SCOPE_OBJECT.search(window[:80])
        timeless = not P.TIME.search(text, c.start, c.end) and P.SCOPE_PURPOSE.search(window)
        yield ("expand" if scope or timeless or _resized(text, c, m.end()) else "extend"), m, op
    for m in P.EXPAND.finditer(text, c.start, c.end):
        if _inside(m.start(), all_m) or _ADJECTIVE.search(
            text, max(c.start, m.start() - 12), m.start()
        ):
            continue
        if P.PASSIVE.search(text, max(c.start, m.start() - 12), m.start()):
            op = _pick(ops, m.start(), m.start(), after=-1)
            ok = op is not None and bool(
                P.EXPAND_OBJECT.search(text, max(c.start, op.start - 150), m.start())
            )
        else:
            op = _pick(ops, m.start(), m.end())
            ok = op is not None and (bool(m.group("self")) or _strength_object(text, c, m, op, ops))
        if ok and op is not None:
            yield "expand", m, op
    for m in _STRENGTH_CHANGE.finditer(text, c.start, c.end):
        op = _changed(text, c, m, ops, all_m)
        if op is not None:
            yield "expand", m, op
    for m in _ADDED_ELEMENT.finditer(text, c.start, c.end):
        op = _pick(ops, m.start(), m.end())
        if op is not None:
            yield "expand", m, op
    for m in P.COMPOSITION.finditer(text, c.start, c.end):
        op = _pick(ops, m.start(), m.start(), after=-1)
        ceiling = P.CEILING.search(text, m.end(), min(c.end, m.end() + 250))
        if op is None or ceiling is None or m.start() - op.end > 150:
            continue
        if not P.CEILING_KEPT.search(text, op.start, ceiling.start()):
            yield "expand", m, op
    new_mandate = P.NEW_MANDATE.search(text, c.start, c.end)
    if new_mandate and P.HAVE_MANDATE.search(text, c.start, c.end):
        op = _pick(ops, new_mandate.start(), new_mandate.start(), after=-1) or _pick(
            ops, new_mandate.start(), new_mandate.end()
        )
        if op is not None:
            yield "expand", new_mandate, op
    for m in P.TERMINATE.finditer(text, c.start, c.end):
        op = _pick(ops, m.start(), m.end(), after=80)
        if op is not None and op.start >= m.end():
            yield "terminate", m, op
    for m in P.TERMINATE_SUBJECT.finditer(text, c.start, c.end):
        op = _pick(ops, m.start(), m.start(), after=-1)
        if op is not None and m.start() - op.end < 150:
            yield "terminate", m, op
    for op in ops:
        if _possessive(text, op.end):
            continue
        w = (
            P.WITHDRAWAL.search(text, max(c.start, op.start - 30), op.start)
            or P.COMPLETE_WITHDRAWAL.search(text, max(c.start, op.start - 90), op.start)
            or P.TRANSFER_FROM.search(text, max(c.start, op.start - 40), op.start)
        )
        if w:
            yield "terminate", w, op
    new_task = subject is not None and not P.NOT_NEW.match(text, subject.end, c.end)
    if c.effective == "authorizes" and new_task and not c.inherited and not _has_force(text, c):
        assert subject is not None
        cue = P.ADDED_TASK.match(text, subject.end, c.end)
        yield ("new_task" if cue is None else "expand"), subject, subject


def _strength_object(
    text: str, c: Clause, m: re.Match[str], op: Mention, ops: list[Mention]
) -> bool:
    """Whether an active "increase / reduce / reinforce" changes the operation's strength.

    The object must be a strength, size or mandate ("the number of women", "its visible
    presence", "the capacity of" are not), and not one kept within the ceiling. When the
    operation is named before the verb, it must be the clause's subject, with no one else
    named between ("the Government will strengthen ..."), and the object must come right
    after the verb and not be "of" something else ("the reduction of the presence of armed
    groups"), unless a new ceiling follows.
    """
    if P.WITHIN_CEILING.search(text, c.start, c.end):
        return False
    obj = P.EXPAND_OBJECT.search(text, m.end(), m.end() + 60)
    if P.NOT_STRENGTH.search(text, m.end(), (obj.end() if obj else m.end() + 40) + 12):
        return False
    if op.start >= m.end():
        direct = P.DIRECT.match(text[m.end() : op.start])
        return bool(obj or direct or m.group().lower().startswith("additional"))
    if op.start != c.actor_start or _other_actor(text, op.end, m.start()):
        return False
    if m.group().lower().startswith("additional"):
        return True
    if P.CEILING.search(text, m.end(), min(c.end, m.end() + 150)):
        return True  # "reduced from the level of 5,000 troops to a new ceiling of 3,250"
    if obj is None or obj.start() - m.end() > 25:
        return False
    qualified = P.OF_OTHER.match(text, obj.end())
    return not qualified or any(obj.end() <= o.start < obj.end() + 40 for o in ops)


def _changed(
    text: str, c: Clause, m: re.Match[str], ops: list[Mention], all_m: list[Mention]
) -> Mention | None:
    """The UN operation whose strength a ``_STRENGTH_CHANGE`` match changes, if any.

    The operation named in the phrase or right after "drawdown of"; else the one named
    before it in the clause (or implied by the paragraph) with no one else between. A
    drawdown must be decided (not "requests ... options for its drawdown") and name its
    object ("of X") or be the operation's own ("its drawdown").
    """
    drawdown = "draw" in m.group().lower()
    if drawdown and c.verb in ("requests", "invites"):
        return None  # "requests ... options for its responsible drawdown": not decided
    inside = [o for o in all_m if m.start() <= o.start < m.end() + 60]
    if inside and (
        inside[0].start < m.end() or _DRAWDOWN_OF.match(text[m.end() : inside[0].start])
    ):
        return inside[0] if inside[0] in ops else None
    if drawdown and not m.group().lower().startswith("its"):
        return None
    before = [o for o in ops if o.end <= m.start()]
    if not before or _other_actor(text, before[-1].end, m.start()):
        return None
    return before[-1]


def _resized(text: str, c: Clause, after: int) -> bool:
    """A ceiling stated in the clause after ``after`` that is not kept as it was."""
    ceiling = P.CEILING.search(text, after, c.end)
    return ceiling is not None and not P.CEILING_KEPT.search(text, c.start, ceiling.start())


def _has_force(text: str, c: Clause) -> bool:
    return any(p.search(text, c.start, c.end) for _, p in P.EXPLICIT_FORCE + P.GENERIC_FORCE)


def _until(res: Resolution, c: Clause, after: int) -> dt.date | None:
    for m in _dates(res.text, after, c.end):
        if P.UNTIL.search(res.text, max(after, m.start() - 25), m.start()):
            return parse_date(m.group())
    return None


def parse_number(text: str) -> int | None:
    """ "22,000" → 22000; "one hundred and twenty" → 120; "six thousand" → 6000.

    >>> parse_number("one hundred and twenty"), parse_number("22,000"), parse_number("fifty")
    (120, 22000, 50)
    """
    text = text.replace(",", "").strip()
    if text.isdigit():
        return int(text)
    total = current = 0
    for word in text.lower().replace("-", " ").split():
        if word in P.NUMBER_WORDS:
            i = P.NUMBER_WORDS.index(word)
            current += i + 1 if i < 19 else (i - 17) * 10
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total, current = total + max(current, 1) * 1000, 0
    return total + current or None


def _ceiling(res: Resolution, c: Clause) -> int | None:
    m = P.CEILING.search(res.text, c.start, c.end)
    return parse_number(m.group("n")) if m else None


def _current(index: OperationIndex, acronym: str, number: int | None) -> str:
    """An ended family member cannot be extended: use the member current at ``number``."""
    base = acronym.rsplit(" ", 1)[0] if acronym.endswith((" I", " II", " III")) else acronym
    if base not in index.families or number is None:
        return acronym
    return index.resolve(base, None, number)


def code_events(
    res: Resolution,
    operations: pd.DataFrame | OperationIndex | None = None,
    parsed: list[Clause] | None = None,
    mentions: list[Mention] | None = None,
    force: list[ForceCode] | None = None,
) -> list[EventCode]:
    """Mandate events of ``res``, one per UN operation.

    >>> from bluehelmet.documents.model import Paragraph
    >>> t = "1. Decides to extend the mandate of UNIFIL until 31 July 1993;"
    >>> r = Resolution(840, 1993, None, t, (Paragraph(0, "operative", t, 0, len(t), "1"),))
    >>> [(e.operation, e.event, e.until.isoformat()) for e in code_events(r)]
    [('UNIFIL', 'extend', '1993-07-31')]
    """
    index = index_for(operations)
    if mentions is None:
        mentions = index.mentions(res.text, res.number)
    if parsed is None:
        parsed = clauses(res, mentions, index)
    found: dict[str, list[tuple[int, EventCode]]] = {}
    for acronym, code in _from_text(res, index, parsed, mentions) + _from_force(res, index, force):
        found.setdefault(acronym, []).append((PRIORITY.index(code.event), code))
    unnamed = found.pop("", [])
    renewed = [a for a, codes in found.items() if any(e.event == "extend" for _, e in codes)]
    if unnamed and len(renewed) == 1:
        found[renewed[0]] += [(p, replace(e, operation=renewed[0])) for p, e in unnamed]
    out = []
    for codes in found.values():
        if any(e.event == "extend" for _, e in codes):
            # A renewal lists the tasks it renews: "Authorizes X to ..." is no new task then.
            codes = [(p, e) for p, e in codes if not e.restated]
        codes.sort(key=lambda pc: (pc[0], pc[1].start))
        best = codes[0][1]
        until = best.until or next((e.until for _, e in codes if e.until), None)
        ceiling = best.ceiling or next((e.ceiling for _, e in codes if e.ceiling), None)
        out.append(replace(best, until=until, ceiling=ceiling))
    return sorted(out, key=lambda e: e.start)


def _from_text(
    res: Resolution, index: OperationIndex, parsed: list[Clause], mentions: list[Mention]
) -> list[tuple[str, EventCode]]:
    out = []
    text = res.text
    for c in parsed:
        if c.verb not in P.EVENT_HEADS:
            continue
        if c.verb in ("requests", "invites") and c.actor not in ("un_operation", None):
            continue
        inside = [m for m in mentions if c.start <= m.start < c.end]
        ops = [m for m in inside if index.org.get(m.acronym) == "UN"]
        if not ops:
            ops = _pronoun(text, c, mentions, index)
        if not ops and _STRENGTH_CHANGE.search(text, c.start, c.end):
            ops = _implied(c, mentions, index)
        if not ops:
            continue
        origin = c.start if c.inherited else c.body_start
        for event, m, op in _triggers(res, c, ops, mentions):
            start, end = (m.start, m.end) if isinstance(m, Mention) else (m.start(), m.end())
            lead = P.INTENTION_ASIDE.sub(lambda a: " " * len(a.group()), text[origin:start])
            if P.EVENT_NEGATION.search(lead) or P.REPORT.search(lead) or _ADVICE.search(lead):
                continue
            if c.inherited and P.REPORT.search(text, c.body_start, _parent_end(text, c)):
                continue  # "Requests the Secretary-General to report ..., including: (a) ..."
            restated = event == "new_task"
            event = "expand" if restated else event
            acronym = op.acronym
            if event != "establish":
                acronym = _current(index, acronym, res.number)
            until = _until(res, c, start) if event != "terminate" else None
            code = EventCode(acronym, event, until, _ceiling(res, c), c.key, c.paragraph.label,
                             min(start, op.start), max(end, op.end), restated=restated)  # fmt: skip
            out.append((acronym, code))
    return out


def _parent_end(text: str, c: Clause) -> int:
    """Where the lead of the clause an inherited subparagraph belongs to ends."""
    stop = text.find(":", c.body_start, c.start)
    return stop if stop >= 0 else min(c.start, c.body_start + 300)


def _pronoun(text: str, c: Clause, mentions: list[Mention], index: OperationIndex) -> list[Mention]:
    """ "and decides to extend its mandate": the UN operation named last before, same paragraph."""
    m = P.POSSESSIVE_OBJECT.search(text, c.body_start, c.end)
    if m is None:
        return []
    before = [
        o
        for o in mentions
        if c.paragraph.start <= o.start and o.end <= c.start and index.org.get(o.acronym) == "UN"
    ]
    if not before:
        return []
    return [Mention(before[-1].acronym, m.start(), m.start() + 3, "pronoun")]


def _implied(c: Clause, mentions: list[Mention], index: OperationIndex) -> list[Mention]:
    """ "Decides to decrease the authorized troop ceiling to 4,791": the operation meant.

    The UN operation named last before in the paragraph, else "" (``code_events`` gives it
    to the only operation the resolution extends); placed at the clause's start.
    """
    before = [
        o
        for o in mentions
        if c.paragraph.start <= o.start and o.end <= c.start and index.org.get(o.acronym) == "UN"
    ]
    return [Mention(before[-1].acronym if before else "", c.start, c.start, "implied")]


def _from_force(
    res: Resolution, index: OperationIndex, force: list[ForceCode] | None
) -> list[tuple[str, EventCode]]:
    """Force given to the Secretary-General concerns the operation of a cited resolution."""
    out = []
    for f in force or []:
        actor = next((ev for ev in f.evidence if ev[0] == "force"), None)
        if f.addressee != "un_operation" or f.verb == "reaffirms" or actor is None:
            continue
        acronym = index.cited(res.text) if P.SG_OR_UN.match(res.text, actor[2]) else None
        if acronym is not None and index.org.get(acronym) == "UN":
            code = EventCode(acronym, "expand", None, None, f.paragraph, f.label, f.start, f.end)
            out.append((acronym, code))
    return out
