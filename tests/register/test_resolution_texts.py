"""The packaged resolutions index against the CR-UNSC texts of 1946-1994."""

from __future__ import annotations

from pathlib import Path

import pytest

from bluehelmet.register.load import read_table
from tests.texts import text_date

# Text and UN table disagree and we could not settle which is right.
KNOWN_DISAGREEMENTS = {29, 278}
# These files hold the text of another resolution (538 and 773).
FAULTY_TEXTS = {542, 778}


@pytest.mark.shared
def test_index_dates_agree_with_the_texts(texts_dir: Path) -> None:
    index = read_table("resolutions").set_index("number")["date"]
    checked, wrong = 0, []
    for path in sorted(texts_dir.glob("S_RES_*_EN_GOLD.txt")):
        number = int(path.name.split("_")[2])
        printed = text_date(path)
        if printed is None or number in FAULTY_TEXTS | KNOWN_DISAGREEMENTS:
            continue
        checked += 1
        if index[number].date() != printed:
            wrong.append((number, str(index[number].date()), str(printed)))
    assert checked > 890
    assert wrong == []
