"""The one country resolver: names in their variants, ISO3, GW and COW numbers, suggestions."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import bluehelmet as bh
from bluehelmet.cli import app
from bluehelmet.errors import NotFoundError
from bluehelmet.register.council import member_iso3
from bluehelmet.register.lookup import ALIASES, name_iso3, resolve_country, suggestions

runner = CliRunner()


@pytest.mark.parametrize(
    ("given", "iso3"),
    [
        ("DR Congo", "COD"),
        ("Democratic Republic of the Congo", "COD"),
        ("Congo, The Democratic Republic of the", "COD"),
        ("Zaire", "COD"),
        ("Congo", "COG"),
        ("Republic of the Congo", "COG"),
        ("Cote d'Ivoire", "CIV"),
        ("CÔTE D’IVOIRE", "CIV"),
        ("Ivory Coast", "CIV"),
        ("Bosnia", "BIH"),
        ("Bosnia and Herzegovina", "BIH"),
        ("Republic of Korea", "KOR"),
        ("South Korea", "KOR"),
        ("Korea, Republic of", "KOR"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("North Korea", "PRK"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("Guinea", "GIN"),
        ("Guinea-Bissau", "GNB"),
        ("Equatorial Guinea", "GNQ"),
        ("Papua New Guinea", "PNG"),
        ("Sudan", "SDN"),
        ("South Sudan", "SSD"),
        ("Dominica", "DMA"),
        ("Dominican Republic", "DOM"),
        ("Russian Federation", "RUS"),
        ("Viet Nam", "VNM"),
        ("Vietnam", "VNM"),
        ("Burma", "MMR"),
        ("Timor-Leste", "TLS"),
        ("East Timor", "TLS"),
        ("Cape Verde", "CPV"),
        ("Cabo Verde", "CPV"),
        ("Türkiye", "TUR"),
        ("Western Sahara", "ESH"),
        ("sle", "SLE"),
        (" COD ", "COD"),
    ],
)
def test_names_and_codes_resolve_to_iso3(given: str, iso3: str) -> None:
    assert resolve_country(given) == iso3


def test_ambiguous_korea_is_not_guessed_but_suggested() -> None:
    with pytest.raises(NotFoundError, match="did you mean") as caught:
        resolve_country("Korea")
    assert "North Korea (PRK)" in str(caught.value) and "South Korea (KOR)" in str(caught.value)
    assert name_iso3("Korea") is None


def test_misspelling_gets_did_you_mean_not_a_guess() -> None:
    with pytest.raises(NotFoundError, match=r"no country 'Nigera'.*did you mean.*Nigeria"):
        resolve_country("Nigera")
    assert "Sierra Leone (SLE)" in suggestions("Sierra Leon")


def test_gw_numbers_by_default_and_cow_numbers_when_asked() -> None:
    assert resolve_country("490") == resolve_country(490) == "COD"
    assert resolve_country("451") == "SLE"
    assert resolve_country("255", "cown") == "DEU"  # COW 255: united Germany
    with pytest.raises(NotFoundError, match="no state with GW number 255"):
        resolve_country("255")


def test_numbers_on_a_date_follow_the_crosswalk() -> None:
    assert resolve_country("345", date="1999-06-10") == "SRB"  # GW 345: Yugoslavia until 2006
    with pytest.raises(NotFoundError, match="GW number 345 on 2010-01-01"):
        resolve_country("345", date="2010-01-01")
    assert resolve_country("345", "cown", date="2010-01-01") == "SRB"
    assert resolve_country("260", "cown", date="1985-01-01") == "DEU"  # West Germany
    with pytest.raises(NotFoundError, match="COW number 260 on 1995-01-01"):
        resolve_country("260", "cown", date="1995-01-01")


def test_aliases_are_only_variants_the_library_and_crosswalk_lack() -> None:
    from bluehelmet.register import lookup

    lookup._index.cache_clear()
    saved = dict(ALIASES)
    try:
        ALIASES.clear()
        names, _ = lookup._index()
        assert not {alias for alias in saved if alias in names}
    finally:
        ALIASES.update(saved)
        lookup._index.cache_clear()


def test_council_member_names_use_the_same_resolver() -> None:
    assert member_iso3("UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND") == "GBR"
    assert member_iso3("LICHTENSTEIN") == "LIE"  # a misspelling in the UN's metadata
    assert member_iso3("BY THE SECRETARY-GENERAL") is None


def test_operations_filter_takes_every_form_and_fails_on_nothing() -> None:
    civ = bh.operations(country="CIV").acronym.tolist()
    assert {"UNOCI", "MINUCI"} <= set(civ)
    for given in ("Ivory Coast", "Cote d'Ivoire", "437"):
        assert bh.operations(country=given).acronym.tolist() == civ
    drc = bh.operations(country="COD").acronym.tolist()
    assert "MONUSCO" in drc and bh.operations(country="DR Congo").acronym.tolist() == drc
    assert "MONUSCO" not in bh.operations(country="Congo").acronym.tolist()
    with pytest.raises(NotFoundError, match="did you mean"):
        bh.operations(country="Ivory Coats")


def test_cli_unknown_country_exits_non_zero_with_did_you_mean() -> None:
    result = runner.invoke(app, ["operations", "--country", "Bosnia Herzegovna"])
    assert result.exit_code == 2
    assert "did you mean" in result.stderr and "Bosnia and Herzegovina (BIH)" in result.stderr
    assert result.stdout == ""


def test_cli_countries_converts_names_and_numbers() -> None:
    result = runner.invoke(app, ["countries", "DR Congo", "Ivory Coast", "Bosnia", "-f", "csv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == ["COD,490", "CIV,437", "BIH,346"]
    failed = runner.invoke(app, ["countries", "Korea"])
    assert failed.exit_code == 2 and "did you mean" in failed.stderr
