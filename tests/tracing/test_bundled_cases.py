"""The bundled example cases: they load, and their links, citations and dates check out.

Expected values come from the register tables and the UN meetings pages, never from the
tracing engine; the docs test compares docs/tracing.md with a fresh run.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.register.query import operations, resolutions
from bluehelmet.tracing import Case, load_case, trace
from bluehelmet.tracing.load import CASES_DIR

FILES = ["sierra_leone_1999", "drc_2000_2003", "haiti_2004", "us_io_endorsement"]
DOCS = Path(__file__).parents[2] / "docs" / "tracing.md"
RESOLUTION_REF = re.compile(r"S/RES/(\d+) \((\d{4})\)")
MEETING_REF = re.compile(r"S/PV\.(\d+)")


@pytest.fixture(scope="module")
def cases() -> dict[str, Case]:
    return {name: load_case(CASES_DIR / f"{name}.yaml") for name in FILES}


@pytest.fixture(scope="module")
def register_resolutions() -> pd.DataFrame:
    return resolutions().set_index("number")


def _texts(case: Case) -> list[str]:
    """Every citation and description in the case, plus its outcome and note."""
    texts = [case.info.outcome, case.info.note or ""]
    return texts + [t for e in case.evidence for t in (e.citation, e.description)]


def test_case_ids_are_unique(cases: dict[str, Case]) -> None:
    ids = [case.id for case in cases.values()]
    assert len(set(ids)) == len(ids) == 4


@pytest.mark.parametrize("name", FILES)
def test_every_item_is_cited_and_judged(cases: dict[str, Case], name: str) -> None:
    case = cases[name]
    assert 5 <= len(case.evidence) <= 9
    for item in case.evidence:
        assert item.citation.strip(), item.id
        assert (item.judgement or "").startswith("Authors' judgement"), item.id
        assert set(item.likelihoods) == set(case.hypothesis_ids), item.id


@pytest.mark.parametrize("name", FILES)
def test_each_case_declares_a_dependence_group(cases: dict[str, Case], name: str) -> None:
    evidence_ids = {e.id for e in cases[name].evidence}
    groups = cases[name].groups
    assert groups
    assert all(set(g.members) <= evidence_ids for g in groups)


@pytest.mark.parametrize("name", FILES)
def test_links_resolve_in_the_register(
    cases: dict[str, Case], register_resolutions: pd.DataFrame, name: str
) -> None:
    links = cases[name].info.links
    acronyms = set(operations()["acronym"].astype(str))
    assert links.resolutions and links.operations and links.meetings
    assert set(links.resolutions) <= set(register_resolutions.index.astype(int))
    assert set(links.operations) <= acronyms


@pytest.mark.parametrize("name", FILES)
def test_cited_resolutions_have_the_register_year(
    cases: dict[str, Case], register_resolutions: pd.DataFrame, name: str
) -> None:
    refs = [m for text in _texts(cases[name]) for m in RESOLUTION_REF.findall(text)]
    assert refs
    for number, year in refs:
        assert int(register_resolutions.loc[int(number), "year"]) == int(year), number


@pytest.mark.parametrize("name", FILES)
def test_items_citing_a_resolution_first_carry_its_date(
    cases: dict[str, Case], register_resolutions: pd.DataFrame, name: str
) -> None:
    checked = 0
    for item in cases[name].evidence:
        first = RESOLUTION_REF.match(item.citation.strip())
        if first and item.date is not None:
            adopted = register_resolutions.loc[int(first.group(1)), "date"]
            assert pd.Timestamp(adopted).date() == item.date, item.id
            checked += 1
    assert checked >= 1


@pytest.mark.parametrize("name", FILES)
def test_cited_meetings_exist(cases: dict[str, Case], name: str, shared_data: Path) -> None:
    pages = " ".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in (shared_data / "unsc" / "meetings_tables_html").glob("scact*_table_en.html")
    )
    known = set(MEETING_REF.findall(pages))
    case = cases[name]
    texts = [*_texts(case), *case.info.links.meetings]
    cited = {m for text in texts for m in MEETING_REF.findall(text)}
    assert cited
    assert cited <= known, sorted(cited - known)


def _docs_result(case_id: str) -> tuple[str, float]:
    """The leading hypothesis and posterior docs/tracing.md gives for one bundled case."""
    section = DOCS.read_text(encoding="utf-8").split("## Bundled cases", 1)[1]
    block = next(b for b in section.split("\n### ") if f"bluehelmet trace {case_id}\n" in b)
    found = re.search(r"leading hypothesis `(\w+)`, posterior (\d\.\d{3})", block)
    assert found, f"no result line for {case_id} in docs/tracing.md"
    return found.group(1), float(found.group(2))


@pytest.mark.parametrize("name", FILES)
def test_docs_report_the_current_leader(cases: dict[str, Case], name: str) -> None:
    result = trace(cases[name])
    leader, posterior = _docs_result(cases[name].id)
    assert leader == result.leader
    computed = result.result.set_index("hypothesis").loc[leader, "posterior"]
    assert posterior == pytest.approx(computed, abs=5e-4)
