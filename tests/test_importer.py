"""reference import: statistics files in their real layouts → valid fact tables."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from claimcheck.cli import cli
from claimcheck.errors import ConfigError, ReferenceTableError
from claimcheck.reference.importer import COLUMNS, import_tables
from claimcheck.reference.layouts import iso_period, sniff
from claimcheck.reference.tables import validate

FIX = Path(__file__).parent / "fixtures" / "statistics"


def rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {r["id"]: r for r in csv.DictReader(fh)}


def imported(tmp_path: Path, name: str, mapping: str | None = None) -> dict[str, dict[str, str]]:
    out = tmp_path / "table.csv"
    import_tables([str(FIX / name)], str(out), str(FIX / mapping) if mapping else None)
    problems, _ = validate([out])
    assert problems == []
    return rows(out)


# --------------------------------------------------------------------------- layouts


@pytest.mark.parametrize("text,expected", [
    ("2023", "2023"), ("2023-A1", "2023"), ("2023-Q1", "2023-01/2023-03"),
    ("2023Q4", "2023-10/2023-12"), ("2023-M07", "2023-07"), ("2023-07", "2023-07"),
    ("2023-S2", "2023-07/2023-12"), ("2024-02-29", "2024-02-29"), ("2024-W01", "2024-01-01/2024-01-07"),
    # negatives
    ("2023-Q5", None), ("2023-13", None), ("2023-02-30", None), ("FY2023", None), ("", None),
])
def test_iso_period(text: str, expected: str | None) -> None:
    assert iso_period(text) == expected


@pytest.mark.parametrize("name,layout", [
    ("API_worldbank_excerpt.csv", "worldbank"), ("databank_excerpt.csv", "databank"),
    ("imf_weo_sdmx_excerpt.csv", "sdmx"), ("oecd_sdmx_labels_excerpt.csv", "sdmx"),
    ("eurostat_sdmx_excerpt.csv", "sdmx"), ("dos_jordan_long_excerpt.csv", None),
    ("dos_jordan_long_excerpt.toml", None),
])
def test_layout_is_recognised_from_the_file(name: str, layout: str | None) -> None:
    assert sniff(str(FIX / name)) == layout


# --------------------------------------------------------------------------- World Bank


def test_world_bank_bulk_csv(tmp_path: Path) -> None:
    t = imported(tmp_path, "API_worldbank_excerpt.csv")
    eg = t["wb_SP.POP.TOTL_EGY_2023"]
    assert eg["value"] == "112716598" and eg["unit"] == "" and eg["period"] == "2023"
    assert eg["entity"].split("|")[0] == "مصر" and eg["metric"] == "عدد السكان"
    assert "World Bank" in eg["source"] and "SP.POP.TOTL" in eg["source"]
    assert t["wb_NY.GDP.MKTP.CN_EGY_2023"]["unit"] == "EGP"   # LCU → the country's currency
    assert t["wb_NY.GDP.MKTP.CN_JOR_2023"]["unit"] == "JOD"
    assert t["wb_NY.GDP.MKTP.CD_JOR_2023"]["unit"] == "USD"
    assert t["wb_FP.CPI.TOTL.ZG_JOR_2023"]["value"] == "2.08"
    assert t["wb_SP.POP.TOTL_ARB_2023"]["entity"].startswith("جامعة الدول العربية")
    assert not any("HIC" in k for k in t)                      # an income group: no entity
    assert not any("SP.POP.65UP" in k for k in t)              # not in the catalogue
    assert all(r["source"] for r in t.values())
    assert len(t) == 45


def test_world_bank_zip_download_is_read_as_it_comes(tmp_path: Path) -> None:
    """The indicator page's download is a zip: the data CSV and two Metadata_*.csv."""
    import zipfile

    z = tmp_path / "API_SP.POP.TOTL_DS2_en_csv_v2_1.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.write(FIX / "API_worldbank_excerpt.csv", "API_SP.POP.TOTL_DS2_en_csv_v2_1.csv")
        zf.writestr("Metadata_Country_API_SP.POP.TOTL_DS2_en_csv_v2_1.csv",
                    '"Country Code","Region","IncomeGroup"\n"EGY","Middle East","Lower middle income"\n')
        zf.writestr("Metadata_Indicator_API_SP.POP.TOTL_DS2_en_csv_v2_1.csv",
                    '"INDICATOR_CODE","INDICATOR_NAME"\n"SP.POP.TOTL","Population, total"\n')
    out = tmp_path / "t.csv"
    summary = import_tables([str(z)], str(out))
    assert summary.written == 45 and validate([out])[0] == []
    assert "::API_SP.POP.TOTL_DS2_en_csv_v2_1.csv" in next(iter(summary.layouts))
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("readme.txt", "nothing")
    with pytest.raises(ReferenceTableError, match="no CSV"):
        import_tables([str(empty)], str(out))


def test_databank_export_skips_dots_and_the_footer(tmp_path: Path) -> None:
    t = imported(tmp_path, "databank_excerpt.csv")
    assert t["wb_SL.UEM.1524.ZS_MAR_2022"]["value"] == "27.5"
    assert "wb_SL.UEM.1524.ZS_MAR_2023" not in t          # ".." is no value
    assert t["wb_SL.UEM.TOTL.ZS_TUN_2021"]["metric"] == "معدل البطالة"
    assert len(t) == 9


# --------------------------------------------------------------------------- SDMX


def test_sdmx_csv_unit_mult_and_units(tmp_path: Path) -> None:
    t = imported(tmp_path, "imf_weo_sdmx_excerpt.csv")
    assert t["sdmx_EGY.A.NGDPD_2023"]["value"] == "396000000000"     # UNIT_MULT 9
    assert t["sdmx_EGY.A.NGDPD_2023"]["unit"] == "USD"
    assert t["sdmx_EGY.A.NGDP_2023"]["unit"] == "EGP"                # XDC: domestic currency
    assert t["sdmx_JOR.A.LP_2023"]["value"] == "11500000"            # UNIT_MULT 6
    assert t["sdmx_JOR.A.PCPIPCH_2023"]["unit"] == "percent"
    assert "IMF.RES:WEO" in t["sdmx_JOR.A.PCPIPCH_2023"]["source"]
    assert "sdmx_JOR.A.PCPIPCH_2024" not in t                        # NaN
    assert len(t) == 16


def test_sdmx_with_labels_quarters_and_a_mapping(tmp_path: Path) -> None:
    t = imported(tmp_path, "oecd_sdmx_labels_excerpt.csv", "oecd_sdmx_labels_excerpt.toml")
    q = t["sdmx_TUR.Q.UNE_LF.PT_LF_SUB_2023-10_2023-12"]
    assert q["period"] == "2023-10/2023-12" and q["value"] == "9" and q["unit"] == "percent"
    assert q["entity"].split("|")[0] == "تركيا"
    assert t["sdmx_ISR.M.UNE_LF.PT_LF_SUB_2024-03"]["period"] == "2024-03"


def test_sdmx_without_a_mapping_skips_unknown_series(tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    with pytest.raises(ReferenceTableError, match="nothing to import.*UNE_LF"):
        import_tables([str(FIX / "oecd_sdmx_labels_excerpt.csv")], str(out))
    assert not out.exists()


def test_eurostat_dataflow_is_the_indicator(tmp_path: Path) -> None:
    t = imported(tmp_path, "eurostat_sdmx_excerpt.csv", "eurostat_sdmx_excerpt.toml")
    eu = t["sdmx_EU27_2020.A.PER.SY.T.TOTAL.FRST_2023"]
    assert eu["value"] == "181200" and eu["entity"].startswith("الاتحاد الأوروبي")
    assert t["sdmx_DE.A.PER.SY.T.TOTAL.FRST_2023"]["entity"] == "ألمانيا"
    assert len(t) == 3                                              # EL's value is confidential


def test_budget_deficit_is_written_as_a_deficit(tmp_path: Path) -> None:
    src = tmp_path / "weo.csv"
    src.write_text("DATAFLOW,FREQ,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\n"
                   "IMF.RES:WEO(6.0.0),A,JOR,GGXCNL_NGDP,2023,-5.2\n"
                   "IMF.RES:WEO(6.0.0),A,KWT,GGXCNL_NGDP,2023,3.1\n", encoding="utf-8")
    out = tmp_path / "t.csv"
    import_tables([str(src)], str(out))
    t = rows(out)
    assert t["sdmx_JOR.A.GGXCNL_NGDP_2023"]["value"] == "5.2"
    assert t["sdmx_KWT.A.GGXCNL_NGDP_2023"]["value"] == "-3.1"      # a surplus


# --------------------------------------------------------------------------- mapping files


def test_long_csv_through_a_mapping(tmp_path: Path) -> None:
    t = imported(tmp_path, "dos_jordan_long_excerpt.csv", "dos_jordan_long_excerpt.toml")
    assert t["mapped_العاصمة_2023"]["value"] == "4755800"           # thousands
    assert t["mapped_العاصمة_2023"]["entity"] == "محافظة العاصمة|محافظة عمان"
    assert t["mapped_المملكة_2023"]["entity"].split("|")[0] == "الأردن"
    assert t["mapped_المملكة_2023"]["metric"] == "عدد السكان"


def test_wide_xlsx_through_a_mapping(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Inflation by country, annual average (%)"])
    ws.append(["Country", 2021, 2022, 2023])
    ws.append(["Egypt", 5.2, 13.9, 33.9])
    ws.append(["الأردن", 1.3, 4.2, 2.1])
    ws.append(["المغرب", 1.4, 6.6, None])
    wb.save(tmp_path / "cpi.xlsx")
    (tmp_path / "cpi.toml").write_text(
        'source = "Regional CPI summary (a sheet written for the tests)"\n'
        '[table]\nlayout = "wide"\nsheet = "Data"\nheader_row = 2\nentity_column = "Country"\n'
        '[indicator]\nkey = "inflation"\n', encoding="utf-8")
    out = tmp_path / "t.csv"
    import_tables([str(tmp_path / "cpi.xlsx")], str(out), str(tmp_path / "cpi.toml"))
    assert validate([out])[0] == []
    t = rows(out)
    assert t["mapped_Egypt_2023"]["value"] == "33.9" and t["mapped_Egypt_2023"]["unit"] == "percent"
    assert t["mapped_Egypt_2023"]["entity"].startswith("مصر")          # CLDR's English name
    assert t["mapped_الأردن_2022"]["entity"].startswith("الأردن")      # an Arabic name
    assert "mapped_المغرب_2023" not in t and len(t) == 8


def test_windows_1256_csv_through_a_mapping(tmp_path: Path) -> None:
    src = tmp_path / "sheet.csv"
    src.write_bytes("البلد,السنة,القيمة\nالعراق,2023,45.5\n".encode("cp1256"))
    (tmp_path / "m.toml").write_text(
        'source = "A sheet saved by an old Excel"\n[table]\nentity_column = "البلد"\n'
        'period_column = "السنة"\nvalue_column = "القيمة"\nencoding = "windows-1256"\n'
        '[indicator]\nkey = "population"\nscale = 1000000\n', encoding="utf-8")
    out = tmp_path / "t.csv"
    import_tables([str(src)], str(out), str(tmp_path / "m.toml"))
    assert rows(out)["mapped_العراق_2023"]["value"] == "45500000"


@pytest.mark.parametrize("toml,message", [
    ('[indicator]\nkey = "population"\n', "source"),
    ('source = "x"\n[indicator]\nkey = "population"\n', "table"),
    ('source = "x"\n[table]\nentity = "JO"\n[indicator]\nkey = "population"\n', "period_column"),
    ('source = "x"\n[table]\nentity = "JO"\nlayout = "tall"\n[indicator]\nkey = "x"\n', "layout"),
    ('source = "x"\n[table]\nentity = "JO"\n', "indicator"),
    ('source = "x"\n[table]\nentity = "JO"\ncolour = 1\n[indicator]\nkey = "x"\n', "colour"),
    ('source = "x"\n[indicator]\nunit = ""\n', "metric"),
    ("source = \n", "TOML"),
], ids=["no-source", "no-table", "long-needs-columns", "bad-layout", "no-indicator",
        "unknown-key", "no-metric", "bad-toml"])
def test_bad_mapping_files(tmp_path: Path, toml: str, message: str) -> None:
    m = tmp_path / "m.toml"
    m.write_text(toml, encoding="utf-8")
    src = tmp_path / "s.csv"
    src.write_text("Year,Value\n2023,1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        import_tables([str(src)], str(tmp_path / "t.csv"), str(m))


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("body,row,column,message", [
    ("A,EGY,LP,2023,abc\n", 2, None, "unreadable value"),
    ("A,EGY,LP,FY23,1\n", 2, "TIME_PERIOD", "unreadable period"),
    ("A,EGY,LP,2023,1\nA,EGY,LP,2024,2\nA,EGY,LP,2023,3\n", 4, None, "given twice"),
], ids=["value", "period", "duplicate"])
def test_errors_name_file_row_and_column(tmp_path: Path, body: str, row: int,
                                         column: str | None, message: str) -> None:
    src = tmp_path / "bad.csv"
    src.write_text("FREQ,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\n" + body, encoding="utf-8")
    out = tmp_path / "t.csv"
    out.write_text("previous content", encoding="utf-8")
    with pytest.raises(ReferenceTableError, match=message) as e:
        import_tables([str(src)], str(out))
    assert (e.value.file, e.value.row, e.value.column) == (str(src), row, column)
    assert out.read_text(encoding="utf-8") == "previous content"   # whole or not at all


def test_unrecognised_file_asks_for_a_mapping(tmp_path: Path) -> None:
    src = tmp_path / "x.csv"
    src.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ReferenceTableError, match="mapping"):
        import_tables([str(src)], str(tmp_path / "t.csv"))


def test_output_columns_are_the_spec_columns_first() -> None:
    assert COLUMNS[:10] == ("id", "entity", "metric", "value", "unit", "period", "qualifier",
                            "tolerance", "keywords", "source")


# --------------------------------------------------------------------------- CLI


def test_cli_import_then_validate(tmp_path: Path) -> None:
    from click.testing import CliRunner

    out = tmp_path / "wb.csv"
    r = CliRunner().invoke(cli, ["reference", "import", str(FIX / "API_worldbank_excerpt.csv"),
                                 "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "wrote 45 facts" in r.output and "HIC" in r.output
    r = CliRunner().invoke(cli, ["reference", "validate", str(out)])
    assert r.exit_code == 0 and "ok: 45 facts" in r.output


def test_cli_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    import subprocess
    import sys

    bad = tmp_path / "bad.csv"
    bad.write_text("REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\nEGY,LP,2023,1,5\nEGY,LP,20x,1\n",
                   encoding="utf-8")
    for args in ([str(bad)], [str(tmp_path / "missing.csv")], [str(bad), "--mapping", str(bad)]):
        p = subprocess.run([sys.executable, "-m", "claimcheck.cli", "reference", "import", *args,
                            "-o", str(tmp_path / "t.csv")], capture_output=True, text=True)
        assert p.returncode == 2, p.stderr
        lines = p.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), p.stderr
        assert "Traceback" not in p.stderr
