"""Two MINUSMA mandates written by hand (tests only): 2164 (2014) repeats one of the two
operative paragraphs of 2100 (2013) and adds a new one, so its shares can be counted here."""

from __future__ import annotations

from pathlib import Path

KEPT = (
    "Requests the Secretary-General to ensure close coordination between the mission, the "
    "United Nations country team and the humanitarian agencies operating in the northern "
    "regions, and to report every ninety days on the protection of civilians there"
)
OLD = (
    "Welcomes the appointment of the special envoy for the Sahel and calls on the regional "
    "partners to convene a ministerial conference on border management before the rainy season"
)
NEW = (
    "Expresses deep concern at the closure of schools across the central regions and urges the "
    "transitional authorities to reopen them with the support of the relevant agencies soon"
)
#: 2164's share from 2100: the repeated paragraph's characters over both of its paragraphs'
#: (their numbers and final ";" aside, hence the tolerance the tests allow).
SHARE_PREVIOUS = len(KEPT) / (len(KEPT) + len(NEW))
SHARES = ["share_previous", "share_other_mandates", "share_other_earlier", "share_new"]


def _text(number: int, year: int, day: str, paragraphs: list[str]) -> str:
    body = "\n\n".join(f"{i}. {p};" for i, p in enumerate(paragraphs, 1))
    return (
        f"RESOLUTION {number} ({year})\n\nAdopted by the Security Council at its 9999th meeting, "
        f"on {day} {year}\n\nThe Security Council,\n\n{body}\n"
    )


def write_two_mandates(folder: Path) -> Path:
    """Write MINUSMA's 2100 and 2164 into ``folder`` (created); return it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "S_RES_2100_2013_EN.txt").write_text(_text(2100, 2013, "25 April", [KEPT, OLD]))
    (folder / "S_RES_2164_2014_EN.txt").write_text(_text(2164, 2014, "25 June", [KEPT, NEW]))
    return folder
