"""One country resolver: ISO3 codes, GW or COW numbers and names in their common variants.

Names are matched exactly after :func:`normalise_name` (never fuzzily: a fuzzy match reads
"Republic of Korea" as North Korea and "Niger" as Nigeria) against, in this order:

1. the names in the packaged ``gw_states.csv`` (current rows first),
2. the ISO 3166 short, official and common names that ``pycountry`` ships,
3. :data:`ALIASES`: the variants neither has (the UN's spellings, common English forms).

Numbers are GW numbers unless the caller says COW; ``gw_states.csv`` stays the authority for
which state a number names on a date. Nothing matching raises NotFoundError with the closest
known names.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from bluehelmet.errors import NotFoundError
from bluehelmet.paths import PACKAGE_DATA

if TYPE_CHECKING:
    import datetime as dt

    import pandas as pd

Number = Literal["gwno", "cown"]
#: Variants (normalised, see :func:`normalise_name`) that neither ``gw_states.csv`` nor
#: ``pycountry`` has: the UN's official short forms and misspellings in the Council's
#: metadata, and common English forms. An ambiguous name ("Korea") is left out on purpose:
#: it gets suggestions instead.
ALIASES = {
    "bahamas the": "BHS",
    "bosnia": "BIH",
    "britain": "GBR",
    "great britain": "GBR",
    "burma": "MMR",
    "cape verde": "CPV",
    "chiles": "CHL",
    "congo brazzaville": "COG",
    "republic of congo": "COG",
    "congo kinshasa": "COD",
    "dr congo": "COD",
    "drc": "COD",
    "democratic republic of congo": "COD",
    "zaire": "COD",
    "east timor": "TLS",
    "ivory coast": "CIV",
    "netherlands kingdom of the": "NLD",
    "libya arab jamahiriya": "LBY",
    "libyan arab jamahiriya": "LBY",
    "lichtenstein": "LIE",
    "republic of korea": "KOR",
    "macedonia": "MKD",
    "the former yugoslav republic of macedonia": "MKD",
    "swaziland": "SWZ",
    "uk": "GBR",
}


def normalise_name(name: str) -> str:
    """Lower case ASCII words of a country name, for matching.

    >>> normalise_name("CÔTE D’IVOIRE"), normalise_name("TÜRKİYE")
    ('cote d ivoire', 'turkiye')
    """
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z]+", " ", letters.lower()).strip()


@lru_cache(maxsize=1)
def _gw_states() -> list[dict[str, str]]:
    import csv

    with (PACKAGE_DATA / "gw_states.csv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["iso3"]]
    return sorted(rows, key=lambda r: r["current"] != "true")  # current rows first


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str], dict[str, str]]:
    """(normalised name -> ISO3, ISO3 -> display name), the earlier source winning."""
    import pycountry

    names: dict[str, str] = {}
    shown: dict[str, str] = {}
    for row in _gw_states():
        names.setdefault(normalise_name(row["name"]), row["iso3"])
        shown.setdefault(row["iso3"], row["name"])
    for country in pycountry.countries:
        iso = country.alpha_3
        for field in ("name", "official_name", "common_name"):
            if (value := getattr(country, field, None)) is not None:
                names.setdefault(normalise_name(value), iso)
        shown.setdefault(iso, getattr(country, "common_name", country.name))
    for alias, iso in ALIASES.items():
        names.setdefault(alias, iso)
    return names, shown


def name_iso3(name: str) -> str | None:
    """ISO3 of a country name in any known variant; None if it names no country.

    >>> name_iso3("DR Congo"), name_iso3("Congo"), name_iso3("Republic of Korea")
    ('COD', 'COG', 'KOR')
    >>> name_iso3("Korea") is None
    True
    """
    return _index()[0].get(normalise_name(name))


def country_name(iso3: str) -> str:
    """The short name of a country given its ISO3 code (the code itself if unknown).

    >>> country_name("CIV"), country_name("KOR")
    ("Côte d'Ivoire", 'South Korea')
    """
    return _index()[1].get(iso3, iso3)


def suggestions(value: str, limit: int = 5) -> list[str]:
    """Known countries closest to an unmatched value, as ``Name (ISO3)``.

    >>> suggestions("Korea")
    ['North Korea (PRK)', 'South Korea (KOR)']
    """
    names, _ = _index()
    wanted = normalise_name(value)
    containing = [n for n in names if wanted and re.search(rf"\b{re.escape(wanted)}\b", n)]
    close = difflib.get_close_matches(wanted, list(names), n=limit, cutoff=0.75)
    isos = dict.fromkeys(names[n] for n in sorted(containing) + close)
    return [f"{country_name(iso)} ({iso})" for iso in list(isos)[:limit]]


def resolve_country(
    value: str | int,
    number: Number = "gwno",
    date: str | dt.date | pd.Timestamp | None = None,
) -> str:
    """ISO3 of a country given as ISO3, a GW (or, with ``number="cown"``, COW) number or a name.

    A number is read through ``gw_states.csv`` on ``date`` (else its latest period).
    NotFoundError names the closest known countries when nothing matches.

    >>> resolve_country("Ivory Coast"), resolve_country("sle"), resolve_country(490)
    ('CIV', 'SLE', 'COD')
    >>> resolve_country("345", "cown", date="2010-01-01")
    'SRB'
    >>> resolve_country("Atlantis")
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: no country 'Atlantis'; give an ISO3 code, a GW number or a name
    """
    text = str(value).strip()
    if re.fullmatch(r"\d{1,4}", text):
        return _numbered(text, number, date)
    if (iso := name_iso3(text)) is not None:
        return iso
    if text.upper() in _index()[1]:
        return text.upper()
    shown = text if len(text) <= 40 else text[:40] + "…"
    close = suggestions(text)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise NotFoundError(f"no country {shown!r}; give an ISO3 code, a GW number or a name{hint}")


def _numbered(text: str, number: Number, date: str | dt.date | pd.Timestamp | None) -> str:
    import warnings

    import pandas as pd

    from bluehelmet.register.countries import convert_country

    label = "GW" if number == "gwno" else "COW"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        iso = convert_country([text], number, "iso3", date=date).iloc[0]
    if pd.isna(iso):
        when = f" on {date}" if date is not None else ""
        raise NotFoundError(f"no state with {label} number {text}{when} in gw_states")
    return str(iso)
