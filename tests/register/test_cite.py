"""Citations: the register's own entry names its version and data hash; source years match
their versions; BibTeX carries the URLs and DOIs the rows give."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import bluehelmet as bh
from bluehelmet.store import data_hash, query


def _entry(bib: str, key: str) -> str:
    match = re.search(r"@\w+\{" + key + r",.*?\n\}", bib, re.S)
    assert match is not None, key
    return match[0]


def _sources() -> pd.DataFrame:
    return query("SELECT * FROM sources").set_index("key")


def test_register_entry_carries_package_version_and_data_hash() -> None:
    entry = _entry(bh.cite(), "bluehelmet")
    assert f"version = {{{bh.__version__}}}" in entry
    assert f"data hash {data_hash()}" in entry
    assert entry.count("note = {") == 1


@pytest.mark.parametrize("table", ["resolutions", "panels", "votes"])
def test_every_table_cites_the_register(table: str) -> None:
    bib = bh.cite(table)
    assert f"data hash {data_hash()}" in _entry(bib, "bluehelmet")


def test_source_years_match_the_year_their_version_names() -> None:
    """UCDP-style versions name the release year: 20.1 is 2020, 3-2021 is 2021."""
    checked = 0
    for key, row in _sources().iterrows():
        version = str(row["version"])
        dotted = re.match(r"(\d{2})\.\d+\b", version)  # UCDP 20.1
        dashed = re.match(r"v?\d+-(\d{4})\b", version)  # UCDP 3-2021, Bara-Hultman v2-2019
        if dotted or dashed:
            year = 2000 + int(dotted[1]) if dotted else int(dashed[1])  # type: ignore[index]
            assert int(row["year"]) == year, key
            checked += 1
    assert checked >= 4  # GED 20.1, ACD 20.1, Termination 3-2021, Bara-Hultman v2-2019


def test_ucdp_entries_name_their_data_version_and_url() -> None:
    bib = bh.cite()
    for key, version in (("ucdp_ged_20_1", "20.1 (2020)"), ("ucdp_termination_3", "3-2021 (2021)"),
                         ("ucdp_acd_20_1", "20.1 (2020)")):  # fmt: skip
        entry = _entry(bib, key)
        assert f"version {version}" in entry and "url = {https://ucdp.uu.se/downloads/}" in entry


def test_ged_entry_carries_its_articles_doi() -> None:
    """Sundberg & Melander (2013), JPR 50(4): the article the GED rows cite."""
    entry = _entry(bh.cite(), "ucdp_ged_20_1")
    assert "doi = {10.1177/0022343313484347}" in entry


def test_bibtex_carries_each_rows_doi_or_url() -> None:
    """Where a row names a DOI (as its url) the entry has it; otherwise the row's own url."""
    for key, row in _sources().iterrows():
        url, entry = row["url"], str(row["bibtex"])
        if pd.isna(url):
            continue
        doi = str(url).removeprefix("https://doi.org/")
        assert f"doi = {{{doi}}}" in entry or str(url) in entry, key
