"""Find peace operations named in a resolution: acronyms, full names and "the Force".

The register's acronyms and names are compiled once into an :class:`OperationIndex`
(names as a word trie, so one pass over a text is fast). Names are also found
without their place or the "United Nations" prefix when that shorter form is unique
("the United Nations Peace-keeping Force", "the Truce Supervision Organization");
these shorter forms must be capitalised. Numbered families ("UNOSOM I/II", "UNAVEM
I-III", "UNEF I/II") are matched by their base and resolved by date: the latest
member established by this resolution or before it. A back-reference ("the Force",
"the expanded Operation") points to the nearest operation named before it whose name
has that noun, else to the one established by the latest resolution the text cites.
"""

from __future__ import annotations

import bisect
import re
import weakref
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from bluehelmet.coding.patterns import lower

_NUMERAL = re.compile(r"\s+(I{1,3})$")
_ORDINAL = re.compile(r"^(?:First|Second|Third)\s+")
_PAREN = re.compile(r"\s*\([^)]*\)")
_PLACE = re.compile(r"\s+(?:in|for)\s+.*$")
_UN = re.compile(r"^United\s+Nations\s+")
_SEP = r"[\s\-]+"
_TAIL = r"(?:\s+(?P<num>III|II|I)\b)?"
_NUM_AFTER = re.compile(r"\s+(III|II|I)\b")
# A short name followed by a place the full name did not match names another operation
# ("United Nations Support Mission in Libya" is not the one in Haiti).
_OTHER_PLACE = re.compile(r"\s+(?:in|for)\s+(?:the\s+)?[A-Z]")
_ACRONYM = re.compile(r"(?<![\w-])(?P<base>[A-Z][A-Za-z0-9\-]*[A-Z0-9])" + _TAIL + r"(?![\w-])")
_BACKREF = re.compile(
    r"\bthe\s+(?:expanded\s+|enlarged\s+|present\s+|existing\s+)?"
    r"(?P<noun>Force|Mission|Operation|Authority|Group|Observer\s+Group|Observer\s+Mission"
    r"|Verification\s+Mission)\b(?!\s+(?:Commander|Headquarters|Command)\b|'s\s+Commander)"
)
_CITED = re.compile(r"\bresolutions?\s+((?:\d{2,4}\s*(?:\(\d{4}\))?(?:,\s*|\s+and\s+)?)+)")


@dataclass(frozen=True)
class Mention:
    """An operation named in a text: ``acronym`` of the register, span, and how it was named."""

    acronym: str
    start: int
    end: int
    how: str  # "acronym", "name" or "backref"


def _norm(name: str) -> str:
    key = re.sub(_SEP, " ", name.lower()).replace("peace keeping", "peacekeeping")
    return key.replace("’", "'").replace("côte", "cote").replace("é", "e")


def _word(w: str, case: bool) -> str:
    if w.lower() == "peacekeeping":
        return r"Peace[\s\-]*[kK]eeping" if case else r"peace[\s\-]*keeping"
    return re.escape(w).replace("'", "['’]").replace("ô", "[ôo]").replace("é", "[ée]")


def _trie(names: list[str], case: bool) -> str:
    """One regex for many names, factored on shared leading words."""
    root: dict[str, Any] = {}
    for name in names:
        node = root
        for w in re.split(_SEP, name.strip()):
            node = node.setdefault(w, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = []
        for w in sorted((k for k in node if k), key=len, reverse=True):
            child = node[w]
            rest = emit(child) if any(child) else ""
            optional = "?" if "" in child else ""
            alts.append(_word(w, case) + (f"(?:{_SEP}{rest}){optional}" if rest else ""))
        return "(?:" + "|".join(alts) + ")"

    return emit(root)


class OperationIndex:
    """Compiled acronyms and names of the register's operations.

    >>> somalia, cyprus = "United Nations Operation in Somalia", "United Nations Peacekeeping Force"
    >>> ops = pd.DataFrame({"acronym": ["UNOSOM I", "UNOSOM II", "UNFICYP"],
    ...     "name": [f"{somalia} I", f"{somalia} II", f"{cyprus} in Cyprus"],
    ...     "org": ["UN"] * 3, "establishing_resolution": [751, 814, 186]})
    >>> idx = OperationIndex(ops)
    >>> [m.acronym for m in idx.mentions("the United Nations Peace-keeping Force in Cyprus; "
    ...     "the mandate of the Force; UNOSOM", number=800)]
    ['UNFICYP', 'UNFICYP', 'UNOSOM I']
    """

    def __init__(self, operations: pd.DataFrame) -> None:
        self.org: dict[str, str] = {}
        self.noun: dict[str, str] = {}
        self.established: dict[int, list[str]] = {}
        families: dict[str, list[tuple[int, str]]] = {}
        full: dict[str, tuple[str, str]] = {}  # normalised name -> (family base, name)
        for row in operations.itertuples(index=False):
            acronym, name = str(row.acronym), str(row.name)
            self.org[acronym] = str(row.org)
            est = getattr(row, "establishing_resolution", None)
            order = int(est) if est is not None and not pd.isna(est) else -1
            if order > 0:
                self.established.setdefault(order, []).append(acronym)
            base = _NUMERAL.sub("", acronym)
            families.setdefault(base, []).append((order, acronym))
            base_name = _ORDINAL.sub("", _NUMERAL.sub("", _PAREN.sub("", name))).strip()
            self.noun[acronym] = base_name.lower()
            if len(base_name.split()) >= 3:
                full.setdefault(_norm(base_name), (base, base_name))
        self.families = {k: sorted(v) for k, v in families.items()}
        short: dict[str, set[str]] = {}
        cuts: dict[str, str] = {}
        for _, (base, name) in full.items():
            no_place = _PLACE.sub("", name)
            for cut, words in ((no_place, 4), (_UN.sub("", name), 3), (_UN.sub("", no_place), 3)):
                if cut != name and len(cut.split()) >= words:
                    short.setdefault(_norm(cut), set()).add(base)
                    cuts[_norm(cut)] = cut
        unique = {k: next(iter(v)) for k, v in short.items() if len(v) == 1 and k not in full}
        self._by_norm = {k: v[0] for k, v in full.items()} | unique
        # Full names are matched on the lower-cased text (fast); short forms on the original.
        names = _trie([name.lower() for _, name in full.values()], case=False)
        shorts = _trie([cuts[k] for k in unique], case=True) if unique else "(?!)"
        self._name_re = re.compile(rf"\b(?:{names})\b")
        self._short_re = re.compile(rf"\b(?:{shorts})\b")

    def resolve(self, base: str, numeral: str | None, number: int | None) -> str:
        """The family member meant: by numeral, else the latest established by ``number``."""
        members = self.families[base]
        if numeral:
            for _, acronym in members:
                if acronym.endswith(f" {numeral}"):
                    return acronym
        if len(members) == 1 or number is None:
            return members[0][1]
        before = [a for order, a in members if order <= number]
        return before[-1] if before else members[0][1]

    def cited(self, text: str, noun: str | None = None) -> str | None:
        """The operation established by the latest resolution ``text`` cites (named ``noun``)."""
        for number in _cited_numbers(text):
            for acronym in self.established.get(number, []):
                if noun is None or noun in self.noun.get(acronym, "").split():
                    return acronym
        return None

    def _explicit(self, text: str, number: int | None) -> list[Mention]:
        found: list[Mention] = []
        hits = list(self._name_re.finditer(lower(text)))
        starts = [h.start() for h in hits]  # full-name hits do not overlap: sorted both ways
        hits += [
            m
            for m in self._short_re.finditer(text)
            if not _inside(hits, starts, m.start()) and not _OTHER_PLACE.match(text, m.end())
        ]
        for m in hits:
            base = self._by_norm.get(_norm(m.group()))
            if base is not None:
                num = _NUM_AFTER.match(text, m.end())
                acronym = self.resolve(base, num.group(1) if num else None, number)
                found.append(Mention(acronym, m.start(), num.end() if num else m.end(), "name"))
        taken = [(f.start, f.end) for f in found]
        for m in _ACRONYM.finditer(text):
            if m.group("base") in self.families and not any(s <= m.start() < e for s, e in taken):
                acronym = self.resolve(m.group("base"), m.group("num"), number)
                found.append(Mention(acronym, m.start(), m.end(), "acronym"))
        return sorted(found, key=lambda f: f.start)

    def mentions(self, text: str, number: int | None = None) -> list[Mention]:
        """Operations named in ``text`` in order, back-references resolved."""
        explicit = self._explicit(text, number)
        found = list(explicit)
        for m in _BACKREF.finditer(text):
            if any(f.start <= m.start() < f.end for f in explicit):
                continue
            noun = m.group("noun").split()[-1].lower()
            target = _nearest(explicit, m.start(), noun, self.noun) or self.cited(text, noun)
            if target is not None:
                found.append(Mention(target, m.start(), m.end(), "backref"))
        return sorted(found, key=lambda f: f.start)


def _inside(hits: list[re.Match[str]], starts: list[int], pos: int) -> bool:
    """Is ``pos`` inside one of the first ``len(starts)`` ``hits`` (sorted, not overlapping)?"""
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < hits[i].end()


@lru_cache(maxsize=8)
def _cited_numbers(text: str) -> tuple[int, ...]:
    """Resolution numbers ``text`` cites ("resolutions 1270 (1999) and 1289"), highest first."""
    found = {
        int(n) for m in _CITED.finditer(text) for n in re.findall(r"(\d{2,4})(?!\))", m.group(1))
    }
    return tuple(sorted(found, reverse=True))


def _nearest(explicit: list[Mention], pos: int, noun: str, names: dict[str, str]) -> str | None:
    fits = [f for f in explicit if noun in names.get(f.acronym, "").split()]
    before = [f for f in fits if f.start < pos]
    if before:
        return before[-1].acronym
    return fits[0].acronym if fits else None


_INDEXES: dict[int, tuple[weakref.ref[pd.DataFrame], OperationIndex]] = {}


def index_for(operations: pd.DataFrame | OperationIndex | None) -> OperationIndex:
    """The index of ``operations`` (default: the packaged register), built once per table.

    A table is indexed the first time it is seen; pass a new table after changing one.

    >>> index_for(None) is default_index()
    True
    """
    if operations is None:
        return default_index()
    if isinstance(operations, OperationIndex):
        return operations
    hit = _INDEXES.get(id(operations))
    if hit is not None and hit[0]() is operations:
        return hit[1]
    index = OperationIndex(operations)
    _INDEXES[id(operations)] = (weakref.ref(operations), index)
    return index


@lru_cache(maxsize=1)
def default_index() -> OperationIndex:
    """The index of the packaged operations register (built once per process)."""
    from bluehelmet.register.load import read_table

    return OperationIndex(read_table("operations"))
