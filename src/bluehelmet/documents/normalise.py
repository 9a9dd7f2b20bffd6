"""Clean up OCR-era and PDF text: one paragraph per block, blocks separated by a blank line.

The result is deterministic and is the text every offset refers to. Lines are joined
into paragraphs (a blank line, a numbered paragraph "1.", a subparagraph "(a)", a
preambular opener such as "Recalling" or a heading line starts a new one), hyphens at
line ends are undone, page furniture (job numbers, running headers, page numbers) is
dropped and a small table of unambiguous OCR slips is corrected.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``, as a set.

    >>> sorted(words("Noting  Recalling"))
    ['Noting', 'Recalling']
    """
    return frozenset(text.split())


# Words a preambular paragraph opens with (participles and adjectives); any other
# capitalised word ending in "-ing" counts too.
PREAMBLE_OPENERS = words(
    """Acting Affirming Alarmed Also Appreciating Aware Bearing Believing Cognizant Commending
    Concerned Condemning Confirming Conscious Considering Convinced Deeply Deploring
    Desirous Determined Determining Disturbed Emphasizing Expressing Further Gravely Grieved
    Having Indignant Mindful Noting Observing Paying Reaffirming Recalling Recognizing
    Regretting Reiterating Seriously Shocked Stressing Taking Underlining Welcoming Whereas"""
)
# Verbs an operative paragraph opens with; any capitalised "-s" verb is also accepted
# by ``is_operative_start``. Misspellings seen in OCR texts are included.
OPERATIVE_VERBS = words(
    """Accepts Affirms Agrees Appeals Appoints Approves Asks Authorizes Calls Censures Commends
    Concurs Condemns Confirms Considers Decides Declares Demands Deplores Determines Directs
    Emphasizes Encourages Endorses Establishes Expresses Extends Finds Insists Instructs
    Invites Notes Reaffirms Recommends Reiterates Reminds Renews Requests Resolves Stresses
    Supports Takes Transmits Underlines Urges Welcomes Request Welcome Express"""
)
ADVERBS = words(
    """Also Further Strongly Once Again Hereby Firmly Urgently Fully Solemnly Warmly Deeply
    Therefore Highly Finally"""
)

# Compounds whose hyphen is kept when split across lines (lower case).
KNOWN_HYPHENATED = words(
    """secretary-general cease-fire peace-keeping peace-building peace-making above-mentioned
    so-called sub-committee sub-region sub-regional self-determination self-defence
    self-government confidence-building ex-combatants inter-agency military-related
    under-secretary-general vice-president long-term large-scale follow-up"""
)
_KEEP_PREFIXES = ("non", "self")
_KEEP_SUFFIXES = words(
    "owned based related led sponsored speaking building keeping making term scale"
)
_TENS = words("twenty thirty forty fifty sixty seventy eighty ninety")

# (pattern, replacement, why). Each fixes a slip that cannot be a real reading.
OCR_FIXES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"\b(?:alt|ali)\b(?= [A-Za-z])"), "all", "'alt'/'ali' are not English words"),
    (
        re.compile(
            r"\bail\b(?= (?:[A-Z]\w*|necessary|other|the|those|its|their|parties|acts|attempts"
            r"|forms|such|relevant|concerned|humanitarian|measures|means)\b)"
        ),
        "all",
        "'ail' before a noun phrase",
    ),
    (re.compile(r"\b(Chapters? )V[Il1i|]{3}\b"), r"\1VIII", "Chapter VIII misread"),
    (re.compile(r"\b(Chapters? )V(?!II\b)[Il1i|]{2}\b"), r"\1VII", "Chapter VII misread"),
    (re.compile(r"\b(Chapters? VII and )V[Il1i|]{3}\b"), r"\1VIII", "Chapter VIII misread"),
    (re.compile(r"\b(Acting) wider (Chapter)"), r"\1 under \2", "'wider' for 'under'"),
    (re.compile(r"\bUntied Nations\b"), "United Nations", "transposed letters"),
    (re.compile(r"\bS(?:ccurity|ecunty|ecurily|ecority) Council\b"), "Security Council", "OCR"),
    (re.compile(r"~-"), "-", "tilde before a hyphen"),
    (re.compile(r"\bSecretary- General\b"), "Secretary-General", "space after hyphen"),
)

_PUNCT_END = re.compile(r"""[.,;:!?”"'’)\]}]\s*(?:\d{1,3}/?)?$""")
_NUMBERED = re.compile(r"""^\d{1,3}\.\s+[A-Z(“"'‘]""")
_SUB = re.compile(r"^\((?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})\)\s")
_DASH = re.compile(r"^[-—–]\s")
_FIRST_WORD = re.compile(r"^([A-Z][a-z]+)\b")
# Lines that are always a paragraph of their own (and end the one before).
_HARD = re.compile(
    r"""^(?:
        (?:[A-L]|[IVX]{1,5})\.?                          # section heading
      | The\ Security\ Council,?                         # opener
      | (?:RESOLUTION|Resolution)\ \d{1,4}\b.*           # heading
      | \d{1,4}\s*\(\d{4}\)\.?\s+Resolution\b.*          # "61 (1948). Resolution of"
      | (?:Adopted|Adapted|Approved)\b.*                 # adoption line
      | [\[(]S/[^\]})]{1,40}[\]})]+                       # document symbol "[S/1070]"
      | ANNEX.* | Annex(?:\ [A-Z]{1,3}|\ [IVX]+)?
    )$""",
    re.X,
)
# Lines that end a paragraph (the next line starts a new one).
_CLOSING = re.compile(
    r"^(?:(?:[A-L]|[IVX]{1,5})\.?|The Security Council,?|[\[(]S/[^\]})]{1,40}[\]})]+)$"
)
_FURNITURE = re.compile(r"^(?:\d{2}-\d{5}\s*(?:\([A-Z]\))?.*|\*\d{7,}\*|\d{1,3}|Page \d+|- \d+ -)$")
_FOOTNOTE = re.compile(r"^\d{1,3}/\s|^\d{1,3}\s+(?:Ibid\.|Official Records|See )")
_RUNNING_HEAD = re.compile(r"^S/RES/\d+ \(\d{4}\)$")
_SYMBOL = re.compile(r"S/RES/\d+ \(\d{4}\)")


def normalise_text(raw: str) -> str:
    """Return ``raw`` cleaned up: paragraphs separated by one blank line, no line breaks inside.

    >>> print(normalise_text("Recalling its resolution,\\nNoting alt peace-\\nkeeping efforts,"
    ...                      "\\n1. Decides to re-\\nmain seized."))
    Recalling its resolution,
    <BLANKLINE>
    Noting all peace-keeping efforts,
    <BLANKLINE>
    1. Decides to remain seized.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.replace("\u00ad\n", "-\n").translate(_SPACES)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = list(_drop_furniture(lines))
    evidence = _hyphen_evidence(text)
    paragraphs = [_join_lines(block, evidence) for block in _merge_broken(_blocks(lines))]
    return fix_ocr("\n\n".join(p for p in paragraphs if p))


_SPACES = str.maketrans({"\u00a0": " ", "\t": " ", "\u200b": None, "\ufeff": None, "\u00ad": None})


def fix_ocr(text: str) -> str:
    """Apply the ``OCR_FIXES`` table to ``text``.

    >>> fix_ocr("to use alt necessary means under Chapter Vil")
    'to use all necessary means under Chapter VII'
    """
    for pattern, replacement, _why in OCR_FIXES:
        text = pattern.sub(replacement, text)
    return text


def is_operative_start(paragraph: str) -> bool:
    """Whether an unnumbered paragraph opens like an operative one ("Decides", "Also requests").

    >>> is_operative_start("Recommends to the General Assembly that Japan be admitted"), \\
    ...     is_operative_start("Conscious of its responsibility")
    (True, False)
    """
    if not paragraph[:1].isalpha():
        return False
    if re.match(r"(?:It is )?[Rr]esolved\b", paragraph):
        return True
    words = re.findall(r"[A-Za-z]+", paragraph[:80])
    stripped = False
    while len(words) > 1 and words[0].capitalize() in ADVERBS:
        words, stripped = words[1:], True
    if not words or not (words[0][0].isupper() or stripped):
        return False
    word = words[0].capitalize()
    if word in OPERATIVE_VERBS:
        return True
    return (
        word.endswith("s")
        and not word.endswith(("ss", "ous", "us", "is", "as"))
        and word not in {"Members", "Nations", "States", "Parties", "Its", "This", "Articles"}
    )


def starts_paragraph(line: str, previous: str) -> bool:
    """Whether ``line`` begins a new paragraph after ``previous`` in hard-wrapped text.

    >>> starts_paragraph("Noting the report,", "Recalling its resolution 425 (1978),")
    True
    >>> starts_paragraph("Acting Mediator;", "by decision of the")
    False
    """
    if _HARD.match(line) or _CLOSING.match(previous):
        return True
    if not _PUNCT_END.search(previous):
        return False
    if _NUMBERED.match(line) or _SUB.match(line):
        return True
    if _DASH.match(line):
        return previous.endswith((":", ";"))
    first = _FIRST_WORD.match(line)
    if not first:
        return False
    word = first.group(1)
    return (
        word in PREAMBLE_OPENERS
        or word.endswith("ing")
        or (word in OPERATIVE_VERBS or (word in ADVERBS and is_operative_start(line)))
    )


def _drop_furniture(lines: list[str]) -> Iterable[str]:
    """Drop job numbers, barcodes, page numbers and repeated "S/RES/n (yyyy)" running heads."""
    seen: set[str] = set()
    for line in lines:
        if _FURNITURE.match(line):
            continue
        if _RUNNING_HEAD.match(line) and line in seen:
            continue
        seen.update(_SYMBOL.findall(line))
        yield line


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                blocks.append(current)
            current = []
            continue
        if current and starts_paragraph(line, current[-1]):
            blocks.append(current)
            current = []
        current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _merge_broken(blocks: list[list[str]]) -> list[list[str]]:
    """Rejoin a paragraph cut by a stray blank line or a page break: the part before has
    no closing punctuation and the part after does not open a paragraph. Footnotes printed
    at the foot of the page in between are moved after the rejoined paragraph."""
    merged: list[list[str]] = []
    notes: list[list[str]] = []
    for block in blocks:
        previous = merged[-1][-1] if merged else ""
        open_end = bool(previous) and not (
            _PUNCT_END.search(previous) or _HARD.match(previous) or _CLOSING.match(previous)
        )
        if open_end and _FOOTNOTE.match(block[0]):
            notes.append(block)
        elif (
            open_end
            and not starts_paragraph(block[0], "x,")
            and not re.match(r"^[A-Za-z]$", block[0])
        ):
            merged[-1] = merged[-1] + block
        else:
            merged.extend(notes)
            notes = []
            merged.append(block)
    return merged + notes


def _hyphen_evidence(text: str) -> dict[str, int]:
    """Count the words (hyphenated or not) the text itself uses within its lines."""
    counts: dict[str, int] = {}
    for word in re.findall(r"(?<![-\w])[A-Za-z]+(?:-[A-Za-z]+)*(?![-\w])", text):
        key = word.lower()
        counts[key] = counts.get(key, 0) + 1
    return counts


def _keep_hyphen(left: str, right: str, evidence: dict[str, int], whole: str) -> bool:
    low_left, low_right = left.lower(), right.lower()
    compound = f"{low_left}-{low_right}"
    if compound in KNOWN_HYPHENATED or whole.lower() in KNOWN_HYPHENATED:
        return True
    hyphenated, closed = evidence.get(compound, 0), evidence.get(low_left + low_right, 0)
    if hyphenated != closed:
        return hyphenated > closed
    if right[:1].isupper() or left[-1:].isdigit():
        return True
    if low_left in _KEEP_PREFIXES or low_right in _KEEP_SUFFIXES:
        return True
    if low_left == "co" and low_right.startswith("o"):
        return True
    if low_left == "re" and low_right.startswith("e"):
        return True
    return low_left in _TENS


_LEFT = re.compile(r"(?<![A-Za-z0-9-])([A-Za-z0-9]+(?:-[A-Za-z]+)*)-$")
_RIGHT = re.compile(r"[A-Za-z]+")


def _join_lines(block: list[str], evidence: dict[str, int]) -> str:
    out = block[0]
    for line in block[1:]:
        left = _LEFT.search(out[-60:]) if out.endswith("-") else None
        right = _RIGHT.match(line)
        if left and right:
            word = left.group(1).rsplit("-", 1)[-1]
            whole = f"{left.group(1)}-{right.group(0)}"
            if _keep_hyphen(word, right.group(0), evidence, whole):
                out += line
            else:
                out = out[:-1] + line
        else:
            out += " " + line
    return out
