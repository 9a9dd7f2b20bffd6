"""Compare the curated register of UN peacekeeping operations with other lists.

Reads ``data-raw/curated/operations_un.csv`` (the register) and three public
lists of UN peacekeeping operations from the shared data folder
(``$BLUEHELMET_SHARED_DATA``, default ``../shared/data`` relative to the
repository root):

* ``operations/un_pko_list_dppa_2024.csv`` -- UN DPPA/DPO data hub, day-level
  dates (source key ``un_dppa_2024``);
* ``operations/pact_pko_start_end.Rds`` -- PACT, start and end *month*
  (``pact``; read with pyreadr);
* ``operations/pkoc_mission_start.csv`` -- peacekeeping operations corpus,
  start *month* only (``pkoc``).

Writes ``src/bluehelmet/data/operation_date_checks.csv`` with one row per
disagreement: acronym, field (start_date/end_date), register_value,
other_source, other_value, difference_days, reason.

Comparison rules
----------------
* Day-level source (DPPA): a disagreement is any difference in the ISO date,
  including one side empty (empty end = still active), except where the register
  knows the date only to the month (``start_precision``/``end_precision`` = month)
  and DPPA's date falls in that month. DPPA gives the first of the month for most
  operations: where the register has the day from a Council text, the row's reason
  says so.
* Month-level sources (PACT, pkoc): the register agrees when its date falls in
  the month given. Otherwise ``difference_days`` is the distance from the
  register date to the nearest day of that month (negative: the register is
  earlier). ``other_value`` is written as ``YYYY-MM`` (or ``Present``).
* ``difference_days`` is empty when one side has no date.
* ``reason`` comes from ``KNOWN`` (specific cases) or, failing that, from the
  generic rules in ``generic_reason``.

Rows of the other lists that are not UN peacekeeping operations, or are
aggregates/aliases, are listed in ``EXCLUDED`` / ``ALIASES`` with the reason;
these are the register's documented exclusions.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import sys
from pathlib import Path

import pandas as pd

from bluehelmet.register.load import write_table

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("BLUEHELMET_SHARED_DATA", ROOT.parent / "shared" / "data"))
if not SHARED.is_absolute():
    SHARED = (ROOT / SHARED).resolve()
REGISTER = ROOT / "data-raw" / "curated" / "operations_un.csv"
OUT = ROOT / "src" / "bluehelmet" / "data" / "operation_date_checks.csv"
COLUMNS = [
    "acronym",
    "field",
    "register_value",
    "other_source",
    "other_value",
    "difference_days",
    "reason",
]

# Rows in the other lists that are not UN peacekeeping operations (not in the
# register). This is the register's list of exclusions.
EXCLUDED = {
    "UNSMA": "United Nations Special Mission to Afghanistan: a special political mission",
    "UNOHCI": "Office of the Humanitarian Coordinator in Iraq: humanitarian office",
    "UNGCI": (
        "United Nations Guards Contingent in Iraq: guards for humanitarian staff, "
        "not a peacekeeping operation"
    ),
    "UNSCOB": "Special Committee on the Balkans (1947-1951): a General Assembly committee",
    "UNFOR": (
        "United Nations Force: a label for the forces in the former Yugoslavia, "
        "not a separate operation"
    ),
    "MICAH": "International Civilian Support Mission in Haiti: a General Assembly mission",
    "IPTF": "International Police Task Force: a component of UNMIBH",
    "UNPF": (
        "United Nations Peace Forces (1995-1996): the theatre headquarters in Zagreb over UNCRO, "
        "UNPROFOR (in Bosnia and Herzegovina) and UNPREDEP; the UN's list of 71 operations "
        "does not count it separately"
    ),
    "UNEF": "aggregate row of UNEF I and UNEF II",
    "UNAVEM": (
        "aggregate row of UNAVEM I and UNAVEM II (DPPA); in pkoc it means UNAVEM I (see ALIASES)"
    ),
    "UNOSOM": (
        "aggregate row of UNOSOM I and UNOSOM II (DPPA); in pkoc it means UNOSOM I (see ALIASES)"
    ),
    # special political and peacebuilding missions that appear in pkoc only
    "BINUB": "political/peacebuilding office",
    "BNUB": "political office",
    "BONUCA": "peacebuilding office",
    "LBB": "UN Logistics Base at Brindisi",
    "UNAMA": "special political mission",
    "UNAMET": "political mission (1999 popular consultation)",
    "UNAMI": "special political mission",
    "UNIOGBIS": "peacebuilding office",
    "UNIOSIL": "peacebuilding office",
    "UNMA": "political mission",
    "UNMC": "special political mission (Colombia)",
    "UNMIN": "special political mission",
    "UNOA": "political office",
    "UNOTIL": "political office",
    "UNOWAS": "regional political office",
    "UNSOM": "special political mission",
    "UNVMC": "special political mission (Colombia)",
}
# (source, acronym in that source) -> register acronym
ALIASES = {
    ("un_dppa_2024", "UNCPSG"): "UNPSG",  # DPPA lists the police support group twice
    ("pact", "UNCPSG"): "UNPSG",
    ("pkoc", "UNAVEM"): "UNAVEM I",
    ("pkoc", "UNOSOM"): "UNOSOM I",
    ("pkoc", "ONUCI"): "UNOCI",  # pkoc has both ONUCI and UNOCI for the same mission
}

R_ROUND = "month-level rounding: one source gives the first of the month, the other the exact day"
R_AUTH = "different notion of start: authorising resolution vs deployment or operational start"
R_END = "different notion of end: mandate end vs completion of withdrawal or liquidation"
R_SNAP = "the other list is an older snapshot (mission ended after it was compiled)"
R_ALIAS = "second row for the same operation in the other list"
R_GAP = (
    "register leaves the date empty (not in DPPA; not verified); the other list gives a month only"
)
R_DEV = "register deviates from DPPA on purpose (see the note in operations_un.csv)"
R_TEXT_DAY = (
    "month-level rounding in DPPA (the first of the month); the register's day is from a "
    "Security Council text cited in the note"
)

# (acronym, field, other_source) -> reason, for the known cases
KNOWN = {
    ("MINUSMA", "end_date", "un_dppa_2024"): R_DEV
    + ": DPPA still lists MINUSMA as active; S/RES/2690 (2023) set withdrawal by "
    "31 December 2023",
    ("UNPROFOR", "end_date", "pact"): R_DEV
    + ": PACT, like DPPA, ends UNPROFOR at the March 1995 restructuring",
    ("UNPROFOR", "end_date", "un_dppa_2024"): R_DEV
    + ": DPPA's March 1995 is the restructuring into UNCRO, UNPREDEP and UNPROFOR in Bosnia "
    "and Herzegovina, which served until the transfer of authority to IFOR (S/RES/1031)",
    ("MINUSMA", "end_date", "pact"): R_SNAP,
    ("UNPSG", "start_date", "un_dppa_2024"): R_ALIAS
    + " (UNCPSG): resolution date (19 Dec 1997) vs start of operations "
    "(January 1998, after UNTAES ended)",
    ("UNPSG", "end_date", "un_dppa_2024"): R_ALIAS + " (UNCPSG); " + R_ROUND,
    ("UNPSG", "start_date", "pact"): R_ALIAS
    + " (UNCPSG): resolution date (19 Dec 1997) vs start of operations "
    "(January 1998, after UNTAES ended)",
    ("UNTMIH", "start_date", "pact"): R_AUTH + " (register: S/RES/1123 of 30 July 1997)",
    ("UNTMIH", "start_date", "pkoc"): R_AUTH + " (register: S/RES/1123 of 30 July 1997)",
    ("UNOCI", "end_date", "un_dppa_2024"): (
        "different notion of end: DPPA's May 2017 is the start of the closing phase; S/RES/2284 "
        "(2016) para 18 made completing the closure UNOCI's mandate from 1 May to 30 June 2017 "
        "(the register's end, and PACT's June 2017)"
    ),
    ("UNCRO", "start_date", "pact"): R_AUTH + " (register/DPPA: S/RES/981 of 31 March 1995)",
    ("UNCRO", "start_date", "pkoc"): R_AUTH + " (register/DPPA: S/RES/981 of 31 March 1995)",
    ("UNMOP", "start_date", "pact"): R_AUTH
    + " (S/RES/1038 of 15 January 1996; DPPA gives February 1996)",
    ("UNMOP", "start_date", "pkoc"): R_AUTH
    + " (S/RES/1038 of 15 January 1996; DPPA gives February 1996)",
    ("UNDOF", "start_date", "pact"): R_AUTH + " (register/DPPA: S/RES/350 of 31 May 1974)",
    ("UNDOF", "start_date", "pkoc"): R_AUTH + " (register/DPPA: S/RES/350 of 31 May 1974)",
    ("UNFICYP", "start_date", "pkoc"): (
        "unexplained month offset: register/DPPA date 27 March 1964 is the day UNFICYP became "
        "operational (established by S/RES/186 of 4 March 1964); pkoc gives April 1964"
    ),
    ("UNAMID", "start_date", "pkoc"): (
        "pkoc's month precedes UNAMID's establishing resolution S/RES/1769 (31 July 2007); "
        "it coincides with S/RES/1706 (31 August 2006), which extended UNMIS's mandate to Darfur"
    ),
    ("UNSMIH", "start_date", "pkoc"): R_AUTH
    + " (S/RES/1063 of 28 June 1996; DPPA gives July 1996)",
}


def generic_reason(
    acronym: str, field: str, source: str, reg: str, other: str, precision: str = ""
) -> str:
    if other == "Present":
        return R_SNAP
    if not reg:
        return (
            "register has no date (empty end = still active, per DPPA)"
            if field == "end_date"
            else R_GAP
        )
    if not other:
        return "other list has no date"
    if precision == "day" and other.endswith("-01") and reg[:7] == other[:7]:
        return R_TEXT_DAY
    return "unexplained"


def month_bounds(ym: str) -> tuple[dt.date, dt.date]:
    y, m = int(ym[:4]), int(ym[5:7])
    return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])


def diff_day(reg: str, other: str) -> str:
    if not reg or not other or other == "Present":
        return ""
    return str((dt.date.fromisoformat(reg) - dt.date.fromisoformat(other)).days)


def diff_month(reg: str, ym: str) -> int | None:
    """0 if reg falls in month ym, else signed distance to the nearest day of that month."""
    d = dt.date.fromisoformat(reg)
    lo, hi = month_bounds(ym)
    if d < lo:
        return (d - lo).days
    if d > hi:
        return (d - hi).days
    return 0


MONTHS = {m: i for i, m in enumerate(calendar.month_name) if m}


def pact_month(text: str) -> str:
    text = (text or "").strip()
    if not text or text == "Present":
        return "Present" if text == "Present" else ""
    name, year = text.split()
    return f"{int(year):04d}-{MONTHS[name]:02d}"


def load_sources() -> dict[str, dict[str, dict[str, str | None]]]:
    """source -> register acronym -> {'start_date', 'end_date'}; alias rows under 'acr@alias'."""
    out: dict[str, dict[str, dict[str, str | None]]] = {"un_dppa_2024": {}, "pact": {}, "pkoc": {}}

    def put(source: str, acr: str, start: str, end: str | None) -> None:
        target = ALIASES.get((source, acr))
        key = acr if target is None else f"{target}@{acr}"
        if target is None and acr in EXCLUDED:
            return
        out[source][key] = {"start_date": start, "end_date": end}

    dppa = pd.read_csv(
        SHARED / "operations" / "un_pko_list_dppa_2024.csv", dtype=str, keep_default_na=False
    )
    for r in dppa.itertuples():
        put("un_dppa_2024", r.mission_acronym.strip(), r.start_date.strip(), r.end_date.strip())

    import pyreadr  # optional dependency, only needed here

    pact = next(
        iter(pyreadr.read_r(str(SHARED / "operations" / "pact_pko_start_end.Rds")).values())
    )
    for r in pact.itertuples(index=False):
        put("pact", str(r[0]).strip(), pact_month(r[2]), pact_month(r[3]))

    pkoc = pd.read_csv(
        SHARED / "operations" / "pkoc_mission_start.csv", dtype=str, keep_default_na=False
    )
    for r in pkoc.itertuples():
        put("pkoc", r.mission.strip(), f"{int(r.year):04d}-{int(r.month):02d}", None)
    # pkoc's ONUCI duplicates its UNOCI row; keep the UNOCI row only
    out["pkoc"].pop("UNOCI@ONUCI", None)
    return out


def compare(register: pd.DataFrame, sources: dict) -> list[dict]:
    rows = []
    for source, table in sources.items():
        for key, vals in sorted(table.items()):
            acr = key.split("@")[0]
            alias = key.split("@")[1] if "@" in key else None
            if acr not in register.index:
                continue  # not in the register and not excluded: reported by main()
            for field in ("start_date", "end_date"):
                other = vals[field]
                if other is None:  # pkoc has no end dates
                    continue
                reg = register.at[acr, field]
                precision = register.at[acr, field.replace("_date", "_precision")]
                if source == "un_dppa_2024":
                    if reg == other or (precision == "month" and reg[:7] == other[:7]):
                        continue
                    diff = diff_day(reg, other)
                else:
                    if other == "Present" or not other:
                        if not reg:
                            continue
                        diff = ""
                    elif not reg:
                        diff = ""
                    else:
                        n = diff_month(reg, other)
                        if n == 0:
                            continue
                        diff = str(n)
                reason = KNOWN.get((acr, field, source)) or generic_reason(
                    acr, field, source, reg, other, precision
                )
                if alias and not KNOWN.get((acr, field, source)):
                    reason = f"{R_ALIAS} ({alias}); {reason}"
                rows.append(
                    {
                        "acronym": acr,
                        "field": field,
                        "register_value": reg,
                        "other_source": source if not alias else f"{source}:{alias}",
                        "other_value": other,
                        "difference_days": diff,
                        "reason": reason,
                    }
                )
    order = {a: i for i, a in enumerate(register.index)}
    rows.sort(key=lambda r: (order[r["acronym"]], r["field"], r["other_source"]))
    return rows


def main() -> int:
    if not SHARED.is_dir():
        print(
            f"shared data folder not found: {SHARED} (set BLUEHELMET_SHARED_DATA)", file=sys.stderr
        )
        return 1
    register = pd.read_csv(REGISTER, dtype=str, keep_default_na=False).set_index("acronym")
    sources = load_sources()
    unknown = sorted({k.split("@")[0] for t in sources.values() for k in t} - set(register.index))
    if unknown:
        print(
            "in another list but neither in the register nor excluded:",
            ", ".join(unknown),
            file=sys.stderr,
        )
    missing = {
        s: sorted(set(register.index) - {k.split("@")[0] for k in t}) for s, t in sources.items()
    }
    for s, m in missing.items():
        if m:
            print(f"register operations absent from {s}: {', '.join(m)}")
    rows = compare(register, sources)
    write_table(pd.DataFrame(rows, columns=COLUMNS), "operation_date_checks", OUT)
    print(f"wrote {len(rows)} disagreements to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
