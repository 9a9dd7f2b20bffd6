"""Mandate tasks in PEMA's 41 categories, each with a mode: monitor, assist, secure, encouraged.

Plain keyword rules, precision before recall:

- A clause counts only when it tasks the UN (its actor is the Secretary-General or an
  operation: "Requests the Secretary-General to ...", "Decides that UNAMSIL shall ...")
  or encourages the parties or a government ("Calls upon the parties to ...").
- A task is coded when one of its keywords (``TASKS``) occurs in such a clause.
- The mode is "encouraged" when parties or a government are addressed; otherwise it
  comes from the nearest mode verb before the keyword in the same clause
  (``MODES``: "monitor/observe/verify" → monitor, "assist/support/help" → assist,
  "ensure/secure/protect/provide security" → secure). No verb, no code.
- UseOfForce is coded "secure" for every force authorisation addressed to the UN.
"""

from __future__ import annotations

from dataclasses import dataclass

from bluehelmet.coding.clauses import Clause
from bluehelmet.coding.force import ForceCode
from bluehelmet.coding.patterns import lower, rx
from bluehelmet.documents.model import Resolution

# PEMA task name → keywords (regex, spaces mean any whitespace).
TASKS: dict[str, str] = {
    "DisarmDemob": r"disarm\w*|demobili[sz]\w*|cantonment|assembly areas",
    "Reintegration": r"reintegrat\w*|reinsertion",
    "ControlSALW": r"small arms|light weapons|weapons collection|collection of weapons",
    "Demil": r"demilitari[sz]\w*|buffer zone|separation of forces|disengagement",
    "ArmsEmbargo": r"arms embargo|embargo on (?:the delivery of )?(?:all )?(?:weapons|arms)",
    "CivProtect": r"protect\w* (?:of )?(?:the )?civilian|civilian population|safe areas?",
    "HumanRights": r"human rights",
    "ChildRights": r"\bchild(?:ren)?\b",
    "SGBViolence": r"sexual violence|gender-based violence",
    "PoliceReform": r"\bpolice\b",
    "MilitaryReform": r"(?:restructuring|reform|training) of (?:the )?(?:\w+ )?(?:armed forces"
    r"|army|military)|new (?:unified |national )?(?:army|armed forces)",
    "OffensOper": r"offensive operations|neutrali[sz]e armed groups",
    "JusticeReform": r"judicial|judiciary|justice system|rule of law",
    "TransJustice": r"war crimes|truth commission|Commission on the Truth|impunity",
    "CorrectionsReform": r"\bprisons?\b|\bpenal\b|correction(?:s|al)",
    "BorderControl": r"\bborders?\b|\bfrontiers?\b|infiltration",
    "Demining": r"\bmines?\b|mine[- ]clearance|demining|unexploded",
    "Resources": r"natural resources|diamonds|timber",
    "StateAuthority": r"(?:restoration|extension|re-?establishment) of (?:the )?(?:State |its )?"
    r"authority|civil administration|State authority",
    "Democratization": r"democra\w+|good governance",
    "ElectSec": r"security (?:of|for|during) (?:the )?elect\w+|electoral security",
    "ElectAssist": r"\belect(?:ion|ions|oral)\b|referendum|plebiscite",
    "VoterEducation": r"voter (?:education|registration)|civic education",
    "PolPartyAssist": r"political parties",
    "CivilSociety": r"civil society",
    "Media": r"\bmedia\b|\bradio\b",
    "PublicInfo": r"public information|information campaign",
    "PowerSharing": r"power[- ]sharing|government of national unity|transitional government",
    "Reconcil": r"national reconciliation",
    "LocalReconcil": r"local (?:reconciliation|conflicts?)|inter-?communal",
    "RegReconcil": r"regional (?:reconciliation|cooperation)",
    "EcDevelop": r"economic (?:development|rehabilitation|recovery)|reconstruction",
    "HumanRelief": r"humanitarian (?:relief|assistance|aid|supplies|operations|convoys)"
    r"|relief supplies|delivery of relief",
    "PublicHealth": r"public health|\bhealth\b|epidemic|HIV",
    "RefugeesIDPs": r"refugees?|displaced persons|internally displaced|repatriation",
    "Gender": r"\bwomen\b|\bgender\b",
    "LegalReform": r"legal reform|legislation|legal framework|electoral law",
    "Ceasefire": r"cease-?fire|cessation of hostilities|\btruce\b|armistice",
    "PeaceProcess": r"peace (?:agreement|accords?|process|plan|settlement|talks)"
    r"|political settlement|good offices",
    "CulturalHeritage": r"cultural heritage|cultural (?:and historical )?sites",
}
# One pass per clause: a single alternation, matched on the lower-cased text (faster).
# Every keyword starts with a letter, so "(?<!\w)" is "\b" here (and twice as fast).
_TASKS = rx(
    r"(?<!\w)(?:" + "|".join(f"(?P<{n}>{p.lower()})" for n, p in TASKS.items()) + ")", case=True
)
MODES: tuple[tuple[str, str], ...] = (
    ("monitor", r"monitor\w*|observ\w*|verif\w*|supervis\w*|investigat\w*|inspect\w*|patrol\w*"),
    (
        "assist",
        r"assist\w*|support\w*|help\w*|facilitat\w*|advis\w*|train\w*|coordinat\w*"
        r"|promot\w*|good offices|mediat\w*|contribut\w*|organi[sz]\w*|conduct\w*",
    ),
    (
        "secure",
        r"ensur\w*|secur\w*|protect\w*|escort\w*|guarantee\w*|enforc\w*|deter\w*"
        r"|prevent\w*|maintain\w*|provide security|restor\w*|control\w*",
    ),
)
_MODE = rx("|".join(f"(?P<{m}>\\b(?:{p}))" for m, p in MODES))
_ENCOURAGING = frozenset(("encourages", "calls upon", "urges", "invites", "appeals", "asks"))
_TASKING = frozenset(
    [
        "decides",
        "authorizes",
        "requests",
        "approves",
        "endorses",
        "entrusts",
        "directs",
        "instructs",
        "mandates",
        "extends",
        "establishes",
        "invites",
        "encourages",
        "recommends",
    ]
)


@dataclass(frozen=True)
class TaskCode:
    """A PEMA task found in a clause: ``start``/``end`` span the keyword."""

    task: str
    mode: str
    paragraph: str
    label: str
    start: int
    end: int


def _mode_before(res: Resolution, c: Clause, start: int, end: int) -> str | None:
    """The mode of the last mode verb starting before ``start`` (the keyword may be one)."""
    last = None
    for m in _MODE.finditer(res.text, max(c.start, start - 150), end):
        if m.start() <= start:
            last = m
    return last.lastgroup if last else None


def code_tasks(
    res: Resolution, parsed: list[Clause], force: list[ForceCode] | None = None
) -> list[TaskCode]:
    """PEMA tasks with modes, at most one per (paragraph, task).

    >>> from bluehelmet.coding.clauses import clauses
    >>> from bluehelmet.coding.operations import default_index
    >>> from bluehelmet.documents.model import Paragraph
    >>> t = "1. Requests the Secretary-General to monitor the cease-fire;"
    >>> r = Resolution(1, 1990, None, t, (Paragraph(0, "operative", t, 0, len(t), "1"),))
    >>> idx = default_index()
    >>> [(c.task, c.mode) for c in code_tasks(r, clauses(r, idx.mentions(t), idx))]
    [('Ceasefire', 'monitor')]
    """
    out: dict[tuple[str, str], TaskCode] = {}
    low = lower(res.text)
    for c in parsed:
        encouraged = c.verb in _ENCOURAGING and c.actor in ("parties", "government")
        if not encouraged and not (c.verb in _TASKING and c.actor == "un_operation"):
            continue
        for m in _TASKS.finditer(low, c.start, c.end):
            name = m.lastgroup or ""
            if (c.key, name) in out:
                continue
            mode = "encouraged" if encouraged else _mode_before(res, c, m.start(), m.end())
            if mode is not None:
                out[(c.key, name)] = TaskCode(
                    name, mode, c.key, c.paragraph.label, m.start(), m.end()
                )
    for f in force or []:
        if f.addressee == "un_operation" and (f.paragraph, "UseOfForce") not in out:
            out[(f.paragraph, "UseOfForce")] = TaskCode(
                "UseOfForce", "secure", f.paragraph, f.label, f.start, f.end
            )
    return sorted(out.values(), key=lambda t: (t.start, t.task))
