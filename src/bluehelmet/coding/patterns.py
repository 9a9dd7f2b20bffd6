"""Compiled patterns and phrase lists of the mandate coder, declared once.

Patterns are written with plain spaces; :func:`rx` turns every space into
``\\s+`` (texts keep their line breaks) and compiles case-insensitively. Every
rule of the coder reads its words from here, so the vocabulary can be reviewed
in one place.
"""

from __future__ import annotations

import re
from typing import Final


def rx(pattern: str, *, case: bool = False) -> re.Pattern[str]:
    """Compile ``pattern`` with each space meaning "any whitespace".

    >>> rx("all necessary means").search("to use all\\nnecessary  means").group()
    'all\\nnecessary  means'
    """
    return re.compile(pattern.replace(" ", r"\s+"), 0 if case else re.IGNORECASE)


def lower(text: str) -> str:
    """``text`` lower-cased, keeping every offset (a character whose lower case is longer stays).

    >>> lower("UNPROFOR İ")
    'unprofor İ'
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def _alt(words: tuple[str, ...]) -> str:
    return "(?:" + "|".join(words) + ")"


def _words(text: str, sep: str = " ") -> tuple[str, ...]:
    return tuple(w.strip() for w in text.split(sep) if w.strip())


# --- Charter chapters -------------------------------------------------------
# "Acting under Chapter VII", "Decides, under Chapter VII", "acting therefore under
# Chapters VII and VIII". In the scanned 1946-1994 texts a lone "VI" after "acting under"
# is OCR for "VII" (chapters.py; not in the UN's XML, where 1495 acts under Chapter VI);
# "wider" is OCR for "under".
# Modern texts add "Acting for these reasons under", "and, for these specific purposes, acting
# under", and the inline "Authorizes UNMISET, under Chapter VII of the Charter, to take".
CHAPTER_CLAUSE: Final = rx(
    r"(?:\b(?:acting|decides)\b,?(?: (?:also|further|therefore|thus|accordingly|again),?)?"
    r"(?: for (?:these|this|the following) (?:specific )?(?:reasons?|purposes?),?)?"
    r"|\bauthori[sz]es [^;:,]{1,60},) "
    r"(?:under|wider|in accordance with) (?:the provisions of )?"
    r"chapters? (?P<a>VIII|VII|VI)\b(?: and (?P<b>VIII|VII)\b)?"
)
# Chapter VII articles: "Acting in accordance with Articles 39 and 41" (preamble), and an
# operative decision "pursuant to Article 40" / "within the meaning of Article 39".
ARTICLE_CLAUSE: Final = rx(
    r"\bacting,? (?:under|in accordance with|pursuant to) Articles? (?:39|4[0-2])\b"
)
ARTICLE_DECISION: Final = rx(
    r"(?:pursuant to|under|in accordance with|within the meaning of) Articles? (?:39|4[0-2])\b"
)
# "Acting under Chapter VII ... with regard to Section I below" (inside an operative paragraph).
REGARD_SECTION: Final = rx(r"[^;:]{0,60}?\bwith regard to Section (?P<id>[IVX]+|[A-Z])\b")
# Words every clause that invokes a chapter contains (lower case).
CHAPTER_HINTS: Final = ("chapter", "article")
# The article an invocation names: "Acting under Article 41 of Chapter VII", "taking measures
# under its Article 41" (reported as "article 41" beside the scope).
INVOKED_ARTICLE: Final = rx(
    r"\b(?:acting|measures),? (?:under|in accordance with|pursuant to) (?:its )?Articles? "
    r"(?P<n>39|4[0-2])\b"
)
ARTICLE_HEADS: Final = frozenset(("decides", "determines", "orders"))
# Chapter VIII counts when recalled too ("Recalling the provisions of Chapter VIII",
# "in the context of Article 52").
CHAPTER_VIII: Final = rx(r"\bchapters? (?:VII and )?VIII\b|\bArticles? 5[234]\b")

# --- Force phrases ----------------------------------------------------------
# Explicit phrases name force outright; generic ones ("all necessary means") are force
# only when the Council authorises someone to take them.
# fmt: off
EXPLICIT_FORCE: Final = (
    ("including_use_of_force", rx(r"(?:all )?(?:the )?necessary measures,? including the use of force")),  # noqa: E501
    ("last_resort", rx(r"(?:the )?use of force,? if necessary,? in the last resort")),
    ("force_if_necessary", rx(r"(?:by )?the use of force,? if necessary")),
    ("requisite_force", rx(r"(?:the )?use of the requisite measure of force")),
    ("commensurate", rx(r"(?:such )?measures commensurate (?:with|to) the specific circumstances")),
    ("repel_attack", rx(r"as may be necessary to repel the armed attack")),
    ("use_of_force", rx(r"\buse of (?:armed )?force\b")),
)
# fmt: on
GENERIC_FORCE: Final = (
    ("all_necessary", rx(r"\ball (?:the )?necessary (?:means|measures|action)\b")),
    ("all_measures_necessary", rx(r"\ball (?:the )?measures necessary\b")),
    ("necessary_action", rx(r"\b(?:take|taking) the necessary actions?\b")),
    ("such_measures", rx(r"\bsuch measures as may be necessary\b")),
    ("all_the_means", rx(r"\buse all the means\b")),
)
# Weak phrases are force only when the Council authorises someone other than the
# Secretary-General ("Authorizes MONUC to take the necessary measures", but "Authorizes the
# Secretary-General to take the necessary steps to facilitate ..." is administrative).
WEAK_FORCE: Final = (
    ("necessary_measures", rx(r"\b(?:take|taking) the necessary measures\b")),
    ("necessary_steps", rx(r"\b(?:take|taking) (?:all )?the necessary steps\b")),
)
# Cheap test: a clause without these words has no force phrase.
FORCE_HINT: Final = rx(r"necessary|force|commensurate|all the means")
# A request to the Secretary-General on conduct, discipline or logistics is administrative.
ADMINISTRATIVE: Final = rx(
    r"sexual exploitation|sexual abuse|zero[- ]tolerance|misconduct|code of conduct|disciplin"
    r"|logistic|supply routes"
)
# Thematic statements of what missions may do are not mandates.
THEMATIC: Final = rx(r"\bmay be mandated\b|\b(?:where|when|if) (?:so )?mandated\b")
# "Decides to renew the authorizations set out in paragraph 10 of resolution 1846", "decides to
# extend until 30 June 2015 the authorization ... provided to the French Forces", "decides that
# the mandate of UNOCI and of the French forces which support it shall be extended".
RENEWAL: Final = rx(
    r"\b(?:renew|extend|continue)\w* (?:[^;:]{0,80}? )?(?P<what>(?:the |its )?authori[sz]ations?\b"
    r"|(?:the )?mandates? of\b)"
    r"|\b(?P<passive>mandates? of\b)(?:(?!\bshall\b)[^;:]){1,120}\bshall be (?:extended|renewed)\b"
)
# Where the holder of a renewed authorisation can no longer be named.
HOLDER_END: Final = rx(r"\buntil\b|\bfrom the date\b|\bin order to\b|;")
# "the mandates of UNOCI and of the French forces which support it": where the holders end.
MANDATE_END: Final = rx(r"\b(?:which|for|until|as)\b|[,;]")
INTENTION: Final = rx(r"\b(?:intention|intends|readiness|ready|willing\w*|expects?)\b")
GIVEN_TO: Final = rx(r"\b(?:given|provided|granted|conferred) to\b")
# "... the authorization ... for the Secretary-General to redeploy temporarily ..." is not force.
DEPLOYMENT_AUTHORITY: Final = rx(r"\bto (?:temporarily )?(?:re)?deploy\b")
# Clauses that point at an authorisation given before ("Recalls its authorization to UNIFIL to
# take all necessary action", "underlines that AMISOM is authorized to ...").
REFERENCE_HEADS: Final = frozenset(
    _words(
        "recalls|reaffirms|reiterates|underlines|emphasizes|stresses|notes|recognizes|affirms"
        "|decides",
        "|",
    )
)
AUTHORITY_WORD: Final = rx(r"\bauthori[sz](?:ation|ations|ed)\b|\bauthority\b")
# Text right before "use of force" that makes it a prohibition, not an authorisation.
NEG_BEFORE_FORCE: Final = rx(
    r"(?:threat or(?: the)?|non-?|territory (?:by|through)(?: the)?(?: threat or)?|"
    r"consequences of(?: the)?|results of(?: the)?|excesses in(?: the)?|attacks and(?: the)?|"
    r"renounc\w*(?: the)?|resort to(?: the)?|prohibition of(?: the)?|against(?: the)?"
    r"|monopoly (?:over|of)(?: the)?)\s*$"
)
REFRAIN: Final = rx(r"\brefrain\w*\b")
CHARTER_2_4: Final = rx(r"\bArticle 2,? (?:paragraph 4|\(4\))")
# "... acting nationally or through regional organizations", "co-operating with the Government of":
COALITION: Final = rx(
    r"nationally or through regional|through regional (?:agencies|organi[sz]ations|arrangements)"
    r"|co-?operating with the (?:legitimate )?Government|acting under paragraph"
)

# --- Clause heads -----------------------------------------------------------
# Main verbs of operative clauses (third person singular), after an optional adverb.
ADVERBS: Final = _words(
    "also|further|again|once again|once more|strongly|hereby|firmly|formally|urgently|likewise"
    "|therefore|accordingly|fully|in particular",
    "|",
)
HEAD_VERBS: Final = _words(
    "authori[sz]es|decides|calls upon|calls on|calls for|requests|urges|demands|reaffirms|recalls"
    "|reiterates|recommends|invites|encourages|welcomes|affirms|underlines|emphasi[sz]es|stresses"
    "|notes|condemns|declares|approves|endorses|expresses|insists|asks|appeals|considers|confirms"
    "|commends|supports|takes note|deplores|agrees|determines|warns|reminds|acknowledges|regrets"
    "|renews|extends|establishes|requires|directs|instructs|entrusts|recogni[sz]es|accepts"
    "|looks forward|orders|mandates",
    "|",
)
HEAD: Final = rx(
    r"(?:^|(?<=[;:,.])|\band(?= ))\s*(?:\d{1,3}\s*\.\s*|\([a-z]{1,3}\)\s*)?"
    rf"(?P<head>(?:{_alt(ADVERBS)} )?(?P<verb>{_alt(HEAD_VERBS)}))\b"
)
# Heads that ask someone to act; they authorise only under the rules of ``force``.
ASKING: Final = frozenset(
    _words("calls upon|calls on|requests|urges|recommends|invites|encourages|asks", "|")
)
DECIDES_AUTHORIZE: Final = rx(r"^\W*(?:[^;:]{0,160}?,\s*)?to authori[sz]e\b")
DECIDES_MAY: Final = rx(
    rf"^\W*(?:{_alt(ADVERBS)},? )?that\b"
    r"(?P<subject>(?:(?!\b(?:shall|should|will|must)\b)[^;:]){0,400}?)"
    r"\b(?:may|is authori[sz]ed to|are authori[sz]ed to|shall be authori[sz]ed to"
    r"|are hereby authori[sz]ed to|shall have the authority to)\b"
)
# "Decides that ... AMISOM shall include ..., and AMISOM shall be authorised to take ...".
DECIDES_LATER: Final = rx(
    r"\band (?P<subject>[^;:,]{1,80}?) (?:shall|should|will) (?:be authori[sz]ed to"
    r"|have the authority to)\b"
)
# Where the actor of a clause ends: an infinitive, a modal, or a full stop.
ACTOR_END: Final = rx(
    r"\bto (?!the\b|that\b|a\b|an\b|its\b|their\b|this\b|paragraphs?\b|resolutions?\b|which\b"
    r"|all\b|any\b|be\b)[a-z]+|\b(?:may|shall|should|will|must)\b|[;:]"
)

# --- Actors -----------------------------------------------------------------
REGIONAL_ORGS: Final = _words(
    r"African Union|\bAU\b|Organi[sz]ation of African Unity|\bOAU\b"
    r"|Economic Community of West African States|\bECOWAS\b|\bECOMOG\b|European Union|\bEU\b"
    r"|European Community|North Atlantic Treaty Organi[sz]ation|\bNATO\b|Western European Union"
    r"|\bWEU\b|\bCSCE\b|\bOSCE\b|Commonwealth of Independent States|\bCIS\b"
    r"|League of Arab States|Organi[sz]ation of American States|\bOAS\b|\bIGAD\b|\bSADC\b"
    r"|\bECCAS\b|\bCEMAC\b",
    "|",
)
# One alternation, so one search finds the first actor; group names are the categories.
# fmt: off
_ACTOR_PARTS = (
    ("member_states", r"(?i:\bMember States\b|\bStates\b|\bthe Members\b|\bMembers of the "
     r"United Nations|\bmultinational force|\bcoalition\b"
     r"|\bFrench (?:armed )?(?:forces|troops)\b)"),
    ("regional_organisation", "|".join(f"(?i:{o})" if " " in o else o for o in REGIONAL_ORGS)
     + r"|(?i:\bEUFOR\b)"),
    ("parties", r"(?i:\bpart(?:y|ies)\b|\ball concerned\b|\bothers concerned\b|\bfactions\b"
     r"|\bmovements\b|\bcommunities\b|\bauthorities\b|\bleaders(?:hip)?\b|\bNational Union\b)"
     r"|\bUNITA\b"),
    ("government", r"(?i:\bGovernments?\b|\badministering Power\b)"),
    ("un_operation", r"(?i:\bSecretary-General\b|\bthe United Nations\b(?! (?:Member|Charter)))"
     r"|\bthe (?:expanded |enlarged )?(?:Force|Mission|Operation|Authority|Observer Group)\b"
     r"|\b(?:Force )?Intervention Brigade\b|\bRegional Protection Force\b"),
)
# fmt: on
# Actors start at the start of a word: saying so up front lets the search skip other
# positions at once (3-4 times faster than trying every alternative there).
ACTOR: Final = rx(
    r"(?<!\w)(?=\w)(?:" + "|".join(f"(?P<{n}>{p})" for n, p in _ACTOR_PARTS) + ")", case=True
)
# "Reaffirms that the Secretary-General is authorized ... to take all necessary measures".
# "a Regional Protection Force (RPF)": an acronym the text defines for a named actor.
DEFINED_ACRONYM: Final = rx(r" \((?P<acronym>[A-Z][A-Z0-9-]{1,7})\)", case=True)
# "the RPF", "RPF" opening a clause's subject.
SUBJECT_START: Final = rx(r"\W*(?:the )?(?P<word>[A-Z][A-Z0-9-]{1,7})\b", case=True)
REAFFIRMED_AUTHORITY: Final = rx(r"\bauthori[sz]ed\b|\bauthority of\b")
# "Calls upon States to take ... all measures necessary to provide assistance to UNPROFOR".
ASSISTANCE_AFTER: Final = rx(
    r"\W*(?:[\w-]+\W+){0,3}?to (?:provide|lend|give|extend|render) (?:[\w-]+ ){0,3}?"
    r"(?:assistance|support)\b"
)
# "Member States of the African Union", "Member States participating in the ECOWAS forces":
# the force is the organisation's (but "Member States participating in ISAF" stay States).
OF_REGIONAL: Final = rx(
    r" (?:of|participating in) (?:the )?(?:" + "|".join(REGIONAL_ORGS) + ")", case=False
)
# "decides that this operation shall be authorized": the actor of the clause before.
ANAPHORA: Final = rx(r"^\W*(?:this|that|the said|such) (?:operation|force|mission|presence)\b")
SG_OR_UN: Final = rx(r"(?:the )?(?:Secretary-General|United Nations)\b")
SG_AND_STATES: Final = rx(r"^\W*Secretary-General and (?:the )?(?:Member )?States")

# --- Force purposes and limits ----------------------------------------------
# fmt: off
PURPOSES: Final = (
    ("self_defence", rx(r"self-?\s*defen[cs]e(?! (?:groups|militias|units))")),
    ("protection_of_civilians", rx(
        r"protect\w*(?: \w+){0,3} civilians?|civilian population|civilians under"
        r"|safe areas?\b|protection (?:of|to) (?:the )?(?:population|civilians)")),
    ("freedom_of_movement", rx(r"freedom of movement")),
    ("protection_of_un_personnel", rx(
        r"(?:safety|security|protection)(?: and (?:safety|security|freedom of movement))? of "
        r"(?:the )?"
        r"(?:its |their )?(?:own )?(?:United Nations |international )?"
        r"(?:personnel|staff|troops|observers|forces)|ensure its (?:own )?security"
        r"|protect (?:the )?(?:its|United Nations|[A-Z]{3,}) personnel"
        r"|in support of elements of \w+ when under")),
    ("humanitarian_access", rx(
        r"humanitarian (?:relief|assistance|aid|supplies|convoys|operations|access|personnel)"
        r"|delivery of (?:humanitarian|relief)")),
    ("mandate_implementation", rx(
        r"(?:performance|carrying out|discharge|implementation|fulfil?ment|execution) of "
        r"(?:its|the|their) (?:[\w-]+ )?(?:mandate|tasks)\b"
        r"|(?:carry(?:ing)? out|fulfil\w*|perform\w*|implement\w*|discharg\w*|execut\w*) "
        r"(?:its|the|their) (?:[\w-]+ )?(?:mandate|tasks)\b|the following tasks"
        r"|discharging its duties under the mandate")),
    ("enforcement", rx(
        r"\bembargo|\bsanctions?\b|\bban on (?:military )?flights|no-fly|compliance with"
        r"|strict implementation|\benforce|inspect and verify"
        r"|halt (?:all )?(?:inward and outward )?(?:maritime )?shipping"
        r"|uphold and implement|restore international peace"
        r"|repel the armed attack|arrival at \w+ of vessels|apprehension|airspace|mercenaries")),
)
LIMITS: Final = (
    ("within_capabilities", rx(r"within (?:its|their) capabilit(?:y|ies)|extent of its capabilit")),
    ("areas_of_deployment", rx(r"\bareas? of (?:its )?deployment")),
    ("without_prejudice_to_government", rx(
        r"without prejudice to the (?:primary )?responsibilit(?:y|ies) of the "
        r"(?:\w+ )?(?:Government|authorities)")),
    ("under_council_authority", rx(r"under the authority of the (?:Security )?Council")),
    ("coordination_with_un", rx(
        r"(?:close )?co-?ordination with the (?:Secretary-General|United Nations)")),
    ("exceptional_basis", rx(r"on an exceptional basis")),
    ("time_limited", rx(r"for a (?:limited |temporary )?period (?:of|ending|not exceeding)")),
)
# fmt: on
# After a force phrase: "to carry out the following tasks", "the tasks set out below".
TASK_LIST: Final = rx(r"\bthe following (?:[\w-]+ ){0,2}tasks|\btasks (?:set out|listed) below")


def _mandate_list(additions: bool) -> str:
    """A paragraph setting out mandate tasks ("shall have the following mandate", "the
    mandate of MINUSMA shall include the following priority tasks", "decides that UNMISS's
    mandate shall be"); without ``additions``, not when they are "the following
    additional/new/further" tasks (those add to a mandate, they set no whole one)."""
    added = "" if additions else r"(?! the following (?:additional|new|further)\b)"
    follow = "" if additions else r"(?!(?:additional|new|further)\b)"
    return (
        r"\bfollowing (?:[\w-]+ )?mandate\b|\bmandate (?:of [\w-]+ )?(?:shall|will|should) "
        rf"(?:include|be as follows|be the following|comprise|consist){added}"
        rf"|\bmandate shall (?:be|focus on)\b|\bfollowing {follow}(?:[\w-]+ ){{0,2}}tasks\b"
    )


# The paragraphs of a mandate (what "its mandate" covers), additions included.
MANDATE_LIST: Final = rx(_mandate_list(additions=True))
# A whole mandate set out ("shall have the following mandate"); additions are not one.
WHOLE_MANDATE: Final = rx(_mandate_list(additions=False))


# --- Dates, numbers, reports --------------------------------------------------
MONTHS: Final = _words(
    "january february march april may june july august september october november december"
)
_YEAR = r"(?P<year>[1Iil][5-9]\d\d|20\d\d)\b"
# "31 March 1993", "the 1st of October 2004", "31January 2021" (a lost space in the XML)
DATE: Final = rx(
    rf"\b(?P<day>[0-9Il\]]{{1,2}})(?:st|nd|rd|th)?(?: of)?\s*(?P<month>{_alt(MONTHS)}),? {_YEAR}"
)
# "April 30, 2010": the month first
DATE_MONTH_FIRST: Final = rx(rf"\b(?P<month>{_alt(MONTHS)}) (?P<day>[0-9]{{1,2}}),? {_YEAR}")
NUMBER_WORDS: Final = _words(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
)
_WORD = rf"(?:{_alt(NUMBER_WORDS)}|hundred|thousand)\b"
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,6}}|{_WORD}(?:[\s-]+(?:and[\s-]+)?{_WORD})*)"
CEILING: Final = rx(
    r"(?:up to|ceiling of|force level of|(?:total |authori[sz]ed )?strength of|total of|"
    rf"level of)(?: up to| approximately| some)? (?P<n>{_NUM})(?=\W)"
)
REPORT: Final = rx(
    r"\b(?:to report|to submit (?:to the (?:Security )?Council )?(?:a |his |an? \w+ )?report"
    r"|to keep the (?:Security )?Council (?:\w+ )?(?:and \w+ )?informed)"
)

# --- Mandate events -----------------------------------------------------------
EVENT_HEADS: Final = frozenset(
    _words(
        "decides extends renews establishes authorizes approves recommends agrees endorses "
        "confirms requests invites mandates"
    )
)
# Words between the head and a trigger that make the event hypothetical or past.
EVENT_NEGATION: Final = rx(
    r"\b(?:if|would|could|might|proposed|prospective|future|envisaged|consider(?:s|ed|ing)?"
    r"|review(?:s|ed|ing)?"
    r"|intention|intends|readiness|ready|willing\w*|determination|unless|prepar\w*|planning"
    r"|study|studies|expectation|expects?|beyond|subject to|submit\w*|subsequent\w*"
    r"|in the event)\b"
)
ESTABLISH: Final = rx(
    r"\b(?:establish(?:es|ment)?|set(?:ting)? up|creat(?:e|ion)"
    r"|entrust (?:a )?new mandate to|dispatch"
    r"|deployment of an? (?:new )?(?:peace-?keeping |United Nations )?"
    r"(?:operation|mission|force))\b"
)
# "(the acronym ONUB being used in all languages)": the Council names a mission it creates.
ACRONYM_DEFINED: Final = rx(
    r"\(the acronym (?P<op>[A-Z][\w-]+) (?:is |being |to be |shall be )*(?:to be )?used in all "
    r"languages\)"
)
# "MONUC shall, as from 1 July 2010, bear the title of ... (MONUSCO)": one ends, one begins.
RENAME: Final = rx(r"\b(?:bear the (?:title|name) of|be renamed|be re-named)\b")
# "Decides that MONUC will establish ... a joint structure": the operation is the subject.
OBJECT_AFTER_PREPOSITION: Final = rx(
    r"\b(?:with|to|from|between|among|by|for|within) (?:the )?\W*$"
)
ESTABLISH_PASSIVE: Final = rx(
    r"\b(?:shall|should|will|is|are|be)(?: hereby)? (?:established|set up|created)\b"
    r"(?! (?:under|by|pursuant to|in accordance with) (?:the Council's |Security Council |its )?"
    r"resolution)"
)
# "establish a fund for X" creates something else.
OTHER_OBJECT: Final = rx(
    r"\b(?:fund|committee|commission|mechanism|trust|account|checkpoints?|contacts?|relations"
    r"|cooperation|arrangements?|zones?|system|ban|embargo|regime|flights?|corridors?|areas?"
    r"|structures?|links?|bases?|forces|institutions?|capacit(?:y|ies)|partnerships?)\b"
)
# "establish a presence / a police component of X" changes X, it does not create it.
PART_OF: Final = rx(
    r"\b(?:presence|component|unit|elements|teams?|office|headquarters|liaison|as part of"
    r"|within)\b"
)
# "establish a MINUJUSTH advance planning team", "UNPROFOR's presence": a part, named after.
PART_AFTER: Final = rx(
    r"(?:['’]s)? (?:(?!(?:with|in|for|and|or|of|to|by|under|which|that|as|on|at|until)\b)[\w-]+ )"
    r"{0,2}?(?:presence|component|units?|elements|teams?|office|headquarters|liaison)\b"
)
EXTEND: Final = rx(
    r"\b(?:extend(?:s|ed|ing)?|renew(?:s|ed|ing)?|prolong(?:s|ed|ing)?|continuation of"
    r"|continued presence)\b"
)
EXTEND_OBJECT: Final = rx(
    r"\b(?:mandate|stationing|period|deployment|presence|terms of reference|functions|tasks)\b"
)
# An extension of scope rather than of time.
SCOPE_OBJECT: Final = rx(
    r"\b(?:terms of reference|functions|responsibilities|area of operations?|scope)\b"
)
SCOPE_PURPOSE: Final = rx(r"\b(?:to include|in order to|so as to|to cover|to enable)\b")
TIME: Final = rx(
    r"\b(?:until|till|through|ending|terminating|expiring|for (?:a|an|another) (?:further |"
    r"additional |interim |initial |new |final )*period|for (?:a further |another )?"
    r"(?:\w+ )?(?:\w+ )?months?)\b"
)
EXPAND: Final = rx(
    r"\b(?:increase[sd]?|increasing|enlarg\w*|expan(?:d|ds|ded|ding|sion)|reinforc\w*"
    r"|strengthen\w*|augment\w*|reduc\w*|restructur\w*|reconfigur\w*|concentrat\w*"
    r"|adjust\w* (?:downward|upward)s?|addition of"
    r"|additional (?:[\w-]+ ){0,3}(?:elements|troops|personnel|observers|police|units|battalions?"
    r"|contingents?|staff|military)|(?P<self>revised mandate|new tasks?|full deployment"
    r"|adjust(?:s|ed|ing)? (?:the |its )?mandate"
    r"|authori[sz]es (?:the )?deployment (?:within \S+ )?of (?:an? |the )?(?:[\w-]+ ){0,2}?"
    r"(?:components?|units?"
    r"|battalions?|contingents?|brigades?)))\b"
)
EXPAND_OBJECT: Final = rx(
    r"\b(?:strength|size|mandate|force level|personnel|troops|observers|elements|components?"
    r"|contingents?|deployment|presence|numbers?|tasks|military|police|battalions?|units?"
    r"|ceilings?)\b"
)
# "the presence of, and threat posed by, armed groups": the object belongs to someone else.
# ("a limited number of observers" is a strength).
OF_OTHER: Final = rx(
    r"\s+of\b(?!\s+(?:its|their)\b)(?! (?:[\w-]+ ){0,2}?(?:observers|troops|personnel|police"
    r"|military|units?|battalions?|staff|elements|contingents?)\b)"
)
# What an increase is of when it is not the operation's strength or mandate: "increase the
# number of women in UNDOF", "increase UNIFIL's visible presence", "reinforce the capacity of".
NOT_STRENGTH: Final = rx(
    r"\b(?:women|female|gender|visib\w*|capacit(?:y|ies)|capabilit(?:y|ies)|effectiveness"
    r"|efficiency|awareness|ability)\b"
)
# "X shall consist of up to 7,500 troops", "UNAMID's ceiling shall be reduced to": a new strength.
COMPOSITION: Final = rx(
    r"\b(?:shall|will|should|is to) (?:\w+ ){0,2}?(?:consist|comprise|be composed)\b"
)
# A ceiling restated, not changed: "within the authorized troop ceiling of 11,200", "shall
# continue to comprise up to", "maintain its current troop ceiling", "at the current levels".
CEILING_KEPT: Final = rx(
    r"\b(?:within|maintain\w*|current\w*|existing|continu\w*|remain\w*|retain\w*|unchanged"
    r"|same)\b[^;:]{0,80}$"
)
# "extend the mandate of UNMISET for a final period", "extend for a final time": the last one.
FINAL: Final = rx(r"\bfinal (?:period|time|extension|renewal)\b|\bfor a last period\b")
# "the complete withdrawal of all uniformed and civilian MINURCAT components", "to withdraw UNMIS".
COMPLETE_WITHDRAWAL: Final = rx(
    r"\b(?:(?:complete|full|total|entire)\w* (?:the )?withdrawal of (?:all )?(?:the )?"
    r"(?:[\w-]+ ){0,4}?"
    r"|withdraw (?:the )?)$"
)
# "transfer authority from MINUCI ... to UNOCI": the first operation hands over and ends.
TRANSFER_FROM: Final = rx(r"\btransfer(?:ring)? (?:of )?authority from (?:the )?$")
# "shall, from the adoption of this resolution, have the mandate": a new mandate now, not a renewal.
NEW_MANDATE: Final = rx(r"\bfrom the (?:date of )?adoption of (?:this|the present) resolution\b")
HAVE_MANDATE: Final = rx(r"\b(?:have|has) (?:the|a|its) (?:following |new |revised )?mandate\b")
# "to deploy, within the overall authorized MONUC ceiling, a reinforced presence": no new strength.
WITHIN_CEILING: Final = rx(
    r"\bwithin (?:the |its )?(?:overall |current |existing )?(?:authori[sz]ed )?(?:[\w-]+ ){0,2}?"
    r"ceilings?\b"
)
# "Authorizes the Force during that period to carry out, in addition, the interim tasks": a task
# added to a renewal (not "the following tasks" of the mandate renewed).
ADDED_TASK: Final = rx(
    r"(?:(?!\bfollowing\b)[^;:])*?\b(?:in addition\b|during (?:that|this|the same) period\b)"
)
# "its mandate": the operation named earlier in the paragraph.
POSSESSIVE_OBJECT: Final = rx(
    r"\bits (?:present |current )?(?:mandate|stationing|deployment|presence)\b"
)
# ", with the intention to renew it for further periods,": an aside, not a condition.
INTENTION_ASIDE: Final = rx(r",(?: with)? the intention (?:to|of) [^,;:]*,")
TERMINATE: Final = rx(r"\bterminat(?:e|es|ion of)\b|\bliquidation of\b|\bnot to (?:renew|extend)\b")
# "X's functions shall end": the operation comes before.
TERMINATE_SUBJECT: Final = rx(
    r"\b(?:shall|will|should) (?:end|terminate|expire|cease|come to an end)\b|\bcome to an end\b"
)
DIRECT: Final = re.compile(r"^(?:'s|’s)?\W*(?:of\s+)?(?:the\s+)?$")
NOT_NEW: Final = rx(
    r"(?:(?!\bto\b)[^;:]){0,80}\bto (?:continue|cooperate|co-operate|report|keep)\b"
)
WITHDRAWAL: Final = rx(r"\bwithdrawal of (?:the )?$")
PASSIVE: Final = rx(r"\b(?:be|is|are|been|being)\s+$")
UNTIL: Final = rx(
    r"(?:until|till|through|ending|ending on|terminating on|expiring on|to|not later than)\W*$"
)

# --- Protection of civilians --------------------------------------------------
# Words that give an operation or force the task of protecting civilians ("to protect civilians
# under imminent threat of physical violence", "ensure the protection of civilians", "To protect,
# without prejudice to ..., the civilian population", "contributing to the security of the
# civilian population", "respond to imminent threats of violence to civilians").
_CIVILIANS = (
    r"(?:the |local |affected )*(?:civilians\b|civilian populations?\b|populations?\b)"
    r"|(?:the )?local communities\b"
)
# fmt: off
POC_PHRASES: Final = (
    ("protect_civilians", rx(
        r"\bprotect(?:s|ing)? (?:the )?(?:[\w-]+ )?(?:" + _CIVILIANS + ")")),
    ("protect_inserted", rx(
        r"\bprotect(?:s|ing)?, [^;:]{1,250}?, (?:" + _CIVILIANS + ")")),
    ("protection_of_civilians", rx(
        r"\bprotection (?:of|to|for) (?:the )?(?:[\w-]+ )?(?:" + _CIVILIANS + ")")),
    ("security_of_civilians", rx(
        r"\b(?:security|safety) (?:of|to|for) (?:the )?(?:[\w-]+ )?"
        r"(?:civilians\b|civilian populations?\b)")),
    ("respond_to_threats", rx(
        r"\b(?:respond\w* to|prevent\w*|deter\w*|stop\w*|engag\w*)(?: [\w-]+){0,8}?,? "
        r"(?:attacks|threats|violence)\b[^;:]{0,200}?\b(?:against|to|on) "
        r"(?:the )?(?:[^;:]{0,160}, or )?(?:civilians\b|civilian populations?\b)")),
)
# fmt: on
# Every POC_PHRASES match contains one of these words: clauses without them are skipped.
POC_ANY: Final = rx(r"civilian|population|communities")
# The noun ("the protection of civilians") is a task only as an item's heading ("(a) Protection
# of civilians"), a list item after a colon, or after a word that gives it ("ensure effective
# protection of civilians", "contribute to the protection", "with regard to the protection",
# "strategic priority shall be protection"); not in lists of topics ("participation of women
# in ... elections, protection of civilians") or as an attribute ("protection of civilians
# strategy").
_GIVING = (
    r"(?:ensur\w*|provid\w*|afford\w*|contribut\w*(?: \w+)? to|regard to|prioriti[sz]\w*"
    r"|responsibilit\w* for|retain\w*|includ\w*|tasked with|charged with|support\w*|assist\w*"
    r"|\bbe|\bis|\bare)"
)
POC_NOUN_LEAD: Final = rx(
    r"(?:^|[:;])\s*(?:\(?[a-z]{1,4}\)\s*)*(?:the )?$"
    rf"|{_GIVING}(?: [\w,-]+){{0,4}} $|{_GIVING}, [^;:]{{1,250}}, (?:the )?$"
)
POC_NOUN_ATTRIBUTE: Final = rx(
    r"\W{0,2}(?:strateg\w*|mandates?|activities|plans?|polic\w*|concerns|needs|advisers?|tools"
    r"|teams?|units?|capacit\w*|architecture|framework|mechanisms?|officers?|components?)\b"
)
# Heads that give a task, and heads that state something (a task only with "the need for X to",
# "that X shall / must / may").
POC_DIRECTIVE: Final = frozenset(
    _words(
        "decides|authorizes|requests|mandates|directs|instructs|entrusts|establishes|extends"
        "|renews|approves|endorses|calls upon|urges|encourages|invites|asks",
        "|",
    )
)
POC_STATING: Final = frozenset(
    _words("underlines|emphasizes|stresses|reaffirms|reiterates|affirms|insists", "|")
)
POC_STATED_TASK: Final = rx(
    r"\b(?:the need|the necessity) for [^;:]{1,80}? to\b"
    r"|\bthat\b[^;:]{1,120}?\b(?:shall|must|should|will)\b"
)
# Right before the words (no comma between): the protection is someone else's or a
# consideration, not the task ("without prejudice to the responsibility of the Government to
# protect civilians", "take fully into account the need to protect civilians", "coordinate
# international efforts towards the protection of civilians").
POC_ASIDE: Final = rx(
    r"(?:\bneed (?:to|for)|\binto account|\baccount of)(?: [\w-]+){0,2} $"
    r"|\b(?:strateg\w*|plans?|polic\w*|capacit\w*|ability|abilities|mechanisms?|framework)\b"
    r"(?: of [^;:,]{1,80}|[^;:,]{0,30}?) (?:to|for|on)(?: [\w-]+)? $"
    r"|\b(?:strateg\w*|plans?|polic\w*|framework)(?: [\w-]+){0,3} (?:which|that) [^;:]*$"
    r"|\bcoordinat\w*(?: [\w-]+){0,3} (?:efforts|activities|action|responses?)(?: [\w-]+){0,2} $"
    r"|\bwithout prejudice to\b[^,;:]*$"
)
# "the role and responsibilities of the authorities to protect civilians" is theirs; but
# "To support the authorities in their primary responsibility to protect the population" gives
# the force a part in it.
POC_THEIRS: Final = rx(
    r"(?:\btheir (?:[\w-]+ )?responsibilit\w*|\bresponsibilit\w* of [^;:,]{1,80}) (?:to|for)"
    r"(?: [\w-]+)? $"
)
POC_SUPPORTING: Final = rx(r"\b(?:support\w*|assist\w*|help\w*|advis\w*)\b[^;:]{0,60}$")
# Between the addressee and the words: the operation is to ask others to protect civilians
# ("to call on the Government ... to ensure the protection of civilians").
POC_ASKING_OTHERS: Final = rx(
    r"\b(?:call(?:s|ing)? (?:on|upon)|urg(?:e|es|ing)|advocat\w*|press(?:es|ing)? for)\b"
)
# Before the words in the clause: a force or task still to be considered ("to examine ... the
# possible establishment of an international force entrusted with ... the protection of the
# civilian population").
POC_HYPOTHETICAL: Final = rx(
    r"\b(?:possible|eventual|prospective|proposed|future|envisaged) (?:establishment|deployment"
    r"|creation|dispatch)\b|\bpossibility of\b|\bexamin\w*|\bexplor\w*|\bstudy\b"
    r"|\bcontingency planning\b|\b(?:would|could|might)\b"
)
# Before the words in the clause: a request to report or advise on protection.
POC_REPORT: Final = rx(
    r"\b(?:(?:his|a|the|its|next|written|regular|special|annual) (?:[\w-]+ ){0,3}reports?"
    r"|report (?:to|on)|reporting|information|observations|recommendations|guidelines|guidance"
    r"|brief\w*|concepts? (?:for|on)|stud(?:y|ies)|(?:proposals?|options) (?:for|on)|lessons"
    r"|best practices?|training)\b"
)
# Statements about missions in general ("peacekeeping missions ... may be mandated", "relevant
# United Nations peacekeeping operations, consistent with their mandates") and the UN system.
POC_GENERAL: Final = rx(
    r"\bmay be mandated\b|\b(?:where|when|if|as) (?:so )?mandated\b"
    r"|\bconsistent with their mandates\b"
    r"|\b(?:peacekeeping|relevant|United Nations|all) (?:[\w-]+ ){0,3}?(?:missions|operations)\b"
)
POC_SYSTEM: Final = rx(r"\bUnited Nations (?:system|country teams?|agencies|funds)\b")
# The subject of "Decides that, without prejudice to ..., MINUSMA is authorized to ...".
POC_MODAL: Final = rx(r"\b(?:shall|should|will|must|may|(?:is|are) (?:hereby )?authori[sz]ed to)\b")
# An operation the register does not know, named by its acronym right after the verb
# ("Decides to authorise ATMIS to ..."); the text spells it out once: "the African Union
# Transition Mission in Somalia (ATMIS)".
POC_ACRONYM: Final = rx(r"\W*(?:the )?(?P<acronym>[A-Z][A-Z-]{2,})\b", case=True)
# A force authorisation covers the mandate it names: "to carry out its mandate", "to fulfil its
# mandate", "to implement its protection mandate"; not "its mandate to support the police".
POC_MANDATE: Final = rx(
    r"\b(?:carry(?:ing)? out|fulfil\w*|discharg\w*|implement\w*|perform\w*|execut\w*"
    r"|(?:performance|discharge|implementation|fulfil?ment|execution) of) "
    r"(?:its|the|their) (?:[\w-]+ )?mandates?\b(?! to \w)"
)
# "paragraphs 16 (a) (i) and (ii), 16 (c)", "paragraph 15 above"; not "paragraph 15 of resolution
# 1769 (2007)" (another text's paragraph).
PARAGRAPH_REFS: Final = rx(
    r"\bparagraphs? (?P<refs>\d{1,3}\b(?:(?: ?\([a-z]{1,4}\))|,? (?:and|to|or) (?:\d{1,3}\b|\([a-z]"
    r"{1,4}\))|, ?\d{1,3}\b)*)(?! (?:\([a-z]{1,4}\) )*of (?:its |Security Council |the Council's )?"
    r"resolution)"
)
