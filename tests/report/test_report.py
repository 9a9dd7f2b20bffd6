"""The HTML report: self-contained, with every section, and the same bytes on every run."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import bluehelmet as bh


def test_report_is_self_contained_and_complete(tmp_path: Path) -> None:
    html = bh.build_report(tmp_path).read_text()
    for anchor in ("register", "mandates", "timeline", "events", "dates", "sources"):
        assert f'id="{anchor}"' in html
    assert html.count("<svg") >= 2
    # nothing fetched from elsewhere: no external scripts, styles or images
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?:', html)
    assert "1270" in html and "UNAMSIL" in html
    assert "passes every schema and cross-check" in html


def test_report_is_deterministic(tmp_path: Path) -> None:
    a = bh.build_report(tmp_path / "a").read_bytes()
    b = bh.build_report(tmp_path / "b").read_bytes()
    assert a == b
    names = sorted(p.name for p in (tmp_path / "a" / "figures").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b" / "figures").iterdir())
    for name in names:  # no dates or random ids in the figure files either
        assert (tmp_path / "a/figures" / name).read_bytes() == (
            tmp_path / "b/figures" / name
        ).read_bytes(), name


def test_report_writes_every_figure_with_its_data(tmp_path: Path) -> None:
    from PIL import Image

    from bluehelmet.register.mandates import mandate_basis_counts

    html = bh.build_report(tmp_path).read_text()
    folder = tmp_path / "figures"
    stems = sorted(p.stem for p in folder.glob("*.png"))
    assert len(stems) == html.count("<svg") >= 2  # every figure shown is written
    for stem in stems:
        assert (folder / f"{stem}.pdf").read_bytes().startswith(b"%PDF"), stem
        assert (folder / f"{stem}.svg").read_text().lstrip().startswith("<?xml"), stem
        dpi = Image.open(folder / f"{stem}.png").info["dpi"]
        assert round(dpi[0]) == round(dpi[1]) == 300, stem
        tables = [folder / f"{stem}.csv", *folder.glob(f"{stem}-*.csv")]
        assert any(t.exists() and len(pd.read_csv(t)) > 0 for t in tables), stem
    counts = mandate_basis_counts()
    written = pd.read_csv(folder / "mandates.csv").set_index("year")
    assert written[list(counts.columns)].to_numpy().tolist() == counts.to_numpy().tolist()
    assert written.index.tolist() == counts.index.tolist()
    assert "texts" in written.columns  # which years' basis comes from texts


def test_report_without_figures_writes_only_the_page(tmp_path: Path) -> None:
    html = bh.build_report(tmp_path, figures=False).read_text()
    assert not (tmp_path / "figures").exists() and "<svg" in html
    assert "in <code>figures/</code>" not in html


def _text(number: int, year: int, day: str, operative: str) -> str:
    return (
        f"RESOLUTION {number} ({year})\n\nAdopted by the Security Council at its 9999th meeting, "
        f"on {day} {year}\n\nThe Security Council,\n\nActing under Chapter VII of the Charter,"
        f"\n\n1. {operative}\n"
    )


def test_force_section_appears_when_a_corpus_is_configured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1952 adopted two resolutions (97 and 98): with both texts, the year is covered
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "S_RES_0097_1952_EN.txt").write_text(
        _text(97, 1952, "30 January", "Authorizes Member States to use all necessary means;")
    )
    (corpus / "S_RES_0098_1952_EN.txt").write_text(
        _text(
            98,
            1952,
            "23 December",
            "Demands that all parties take all necessary measures "
            "to ensure the safety of United Nations personnel;",
        )
    )
    html = bh.build_report(tmp_path / "out").read_text()
    assert 'id="force"' not in html
    monkeypatch.setenv("BLUEHELMET_CORPUS", str(corpus))
    html = bh.build_report(tmp_path / "out2").read_text()
    assert 'id="force"' in html and "read 2 resolutions" in html
    table = html.split('id="force"')[1].split("</table>")[0]
    table = re.sub(r' class="(?:short|text|prose)"', "", table)  # cells' layout classes
    cells = re.findall(r"<td>([^<]*)</td>", table.split("<td>1952</td>")[1].split("</tr>")[0])
    # un_operation, member_states, regional_organisation, adopted, with_text
    assert cells == ["0", "1", "0", "2", "2"]  # the demand on the parties is no authorisation
    # 1953 has no text: it is listed with blank counts, never a zero
    after = re.findall(r"<td>([^<]*)</td>", table.split("<td>1953</td>")[1].split("</tr>")[0])
    assert after[:3] == ["", "", ""] and after[4] == "0"


def test_partnership_section_follows_the_shared_data(
    shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = bh.build_report(tmp_path / "with").read_text()
    assert 'id="partnership"' in html and "troop_lag1000:regional_pko" in html
    assert "un_troops_lag1:non_un_troops_lag1" in html and "HKS dyads translated" in html
    monkeypatch.setenv("BLUEHELMET_SHARED_DATA", str(tmp_path / "nowhere"))
    assert 'id="partnership"' not in bh.build_report(tmp_path / "without").read_text()
