"""References to an earlier authorisation of force: "Recalls its authorization given to
UNOCI to use all necessary means", "Recalling that its resolution 678 (1990) authorized
Member States to use all necessary means".

They are not new authorisations (the force coder does not count them) but say that
force remains authorised, so they are coded apart, with their words and the
resolutions they cite. A reference needs a recalling verb, then "authorization" or
"authorized" (not "authorizes": that is a new decision), then a force phrase, all in one
clause; "non-use of force" and obligations of all States ("shall take the necessary
measures to prevent … the sale") are not references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bluehelmet.coding.clauses import paragraph_key
from bluehelmet.coding.patterns import lower, rx
from bluehelmet.documents.model import Resolution

_REFERENCE = rx(
    r"\b(?:recall\w*|reaffirm\w*|emphasi[sz]\w*|underlin\w*|stress\w*)\b[^;]{0,300}?"
    r"\bauthori[sz](?:ation|ed)\b[^;]{0,300}?"
    r"(?:all (?:the )?necessary (?:means|measures|action)|\bthe use of force"
    r"|all measures necessary)"
)
_CITED = re.compile(r"\bresolutions? (\d{2,4})\b|\b(\d{3,4}) \((?:19|20)\d\d\)")


@dataclass(frozen=True)
class ForceReference:
    """A reference to an earlier authorisation: where, its words, the resolutions cited."""

    paragraph: str
    label: str
    start: int
    end: int
    cited: tuple[int, ...]


def force_references(res: Resolution) -> list[ForceReference]:
    """Every reference to an earlier force authorisation in ``res`` (preamble or operative).

    >>> from bluehelmet.documents.model import Paragraph
    >>> t = "14. Recalls its authorization given to UNOCI to use all necessary means;"
    >>> r = Resolution(1962, 2010, None, t, (Paragraph(0, "operative", t, 0, len(t), "14"),))
    >>> [(f.paragraph, r.text[f.start:f.end][:24]) for f in force_references(r)]
    [('14', 'Recalls its authorizatio')]
    """
    found = []
    low = lower(res.text)
    for p in res.paragraphs:
        if p.kind not in ("preamble", "operative", "subparagraph"):
            continue
        if low.find("authori", p.start, p.end) < 0:  # cheap test before the regex
            continue
        m = _REFERENCE.search(p.text)
        if m is None:
            continue
        cited = sorted({int(a or b) for a, b in _CITED.findall(m.group())})
        key = "preamble" if p.kind == "preamble" else paragraph_key(p)
        found.append(
            ForceReference(key, p.label, p.start + m.start(), p.start + m.end(), tuple(cited))
        )
    return found
