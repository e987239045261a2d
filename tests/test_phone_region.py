"""A person's own phone region, and the warning for a national number from abroad.

The expected numbers are the phonenumbers library's readings (the reference crisiskit
dials by), written beside each: e.g. phonenumbers.parse("(212) 555-0101", "US") is
+1 212-555-0101, and phonenumbers.parse("(212) 555-0101", "ID") is +62 21 25550101.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from crisiskit.lint.example_plan import example_plan_text
from crisiskit.model.types import region_problem
from crisiskit.util.countries import zone_country
from tests.conftest import REPO

runner = CliRunner()

# The example plan reads national numbers in ID; rina is its social lead (called first).
NEW_YORK = """\
people:
  - id: rina
    name: Rina Wijaya
{region}    phone: "(212) 555-0101"
    timezone: America/New_York
    working_hours:
      - days: [mon, tue, wed, thu, fri, sat, sun]
        start: "00:00"
        end: "24:00"
"""
LONDON = """\
people:
  - id: rina
    name: Rina Wijaya
{region}    phone: "020 7946 0958"
    timezone: Europe/London
"""


def _plan(repo_dir: Path, patch: str) -> Path:
    path = repo_dir / "plan.yaml"
    path.write_text(example_plan_text(patch), encoding="utf-8")
    return path


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args])
    return result.exit_code, result.stdout + result.stderr


def test_zone_countries_come_from_the_tz_database() -> None:
    assert zone_country("America/New_York") == "US"
    assert zone_country("US/Eastern") == "US"  # an alias, through tzdata's links
    assert zone_country("Europe/London") == "GB"
    assert zone_country("Asia/Jakarta") == "ID"
    assert zone_country("UTC") is None


@pytest.mark.parametrize(
    "alias",
    # Each links to a zone that serves several countries (zone1970.tab): Iceland →
    # Africa/Abidjan (CI, …, IS), Jan_Mayen → Europe/Berlin (DE, …, SJ), Truk and Yap →
    # Pacific/Port_Moresby (PG, AQ, FM), Ponape → Pacific/Guadalcanal (SB, FM); EST and
    # HST name a rule of time (→ America/Panama, Pacific/Honolulu), Etc/* an offset.
    [
        "Iceland", "Atlantic/Jan_Mayen", "Pacific/Truk", "Pacific/Yap", "Pacific/Ponape",
        "EST", "HST", "EET", "Etc/GMT+7", "Etc/UTC",
    ],
)  # fmt: skip
def test_an_alias_of_another_countrys_zone_has_no_country(alias: str) -> None:
    assert zone_country(alias) is None


def test_aliases_of_a_one_country_zone_keep_its_country() -> None:
    assert zone_country("Asia/Calcutta") == "IN"  # → Asia/Kolkata (IN only)
    assert zone_country("Atlantic/Reykjavik") == "IS"  # zone.tab names it itself
    assert zone_country("Europe/Amsterdam") == "NL"  # zone.tab, though it links to Brussels


def test_a_us_person_on_est_is_not_told_to_write_a_panama_number(repo_dir: Path) -> None:
    patch = NEW_YORK.format(region="").replace("America/New_York", "EST")
    code, out = _run("validate", "--today", "2026-11-24", str(_plan(repo_dir, patch)))
    assert code == 0, out
    assert "CK210" not in out and "Panama" not in out


def test_new_york_number_without_region_is_a_warning_naming_the_dialled_number(
    repo_dir: Path,
) -> None:
    plan = _plan(repo_dir, NEW_YORK.format(region=""))
    code, out = _run("validate", "--today", "2026-11-24", str(plan))
    assert code == 0, out  # a warning does not fail the run
    assert "CK210" in out and "phone-region-mismatch" in out
    # phonenumbers.parse("(212) 555-0101", "ID") -> +62 21 25550101
    assert "'rina' has the national number '(212) 555-0101'" in out
    assert "dialled as +62 21 25550101 (default_region ID)" in out
    # phonenumbers.parse("(212) 555-0101", "US") -> +1 212-555-0101; the country is a guess
    assert (
        "if rina lives in United States (by timezone America/New_York), add `region: US` "
        'to the person, or write the number as "+1 212-555-0101"'
    ) in out


def test_new_york_number_with_region_is_dialled_in_the_us(repo_dir: Path) -> None:
    plan = _plan(repo_dir, NEW_YORK.format(region="    region: US\n"))
    code, out = _run("validate", "--today", "2026-11-24", str(plan))
    assert code == 0 and "CK210" not in out, out
    code, out = _run(
        "who", "--plan", str(plan), "--severity", "sev1", "--at", "2026-11-24T12:00",
        "--format", "json",
    )  # fmt: skip
    assert code == 0, out
    calls = [c for c in json.loads(out)["calls"] if c["person"] == "rina"]
    assert calls and {(c["phone"], c["tel"]) for c in calls} == {
        ("+1 212-555-0101", "tel:+12125550101")
    }


def test_export_contact_sheet_reads_the_person_region(repo_dir: Path) -> None:
    plan = _plan(repo_dir, NEW_YORK.format(region="    region: US\n"))
    code, out = _run("export", "--plan", str(plan), "--format", "markdown", "--today", "2026-11-24")
    assert code == 0, out
    assert "+1 212-555-0101" in out
    assert "+62 21 25550101" not in out


def test_london_number_is_an_error_in_an_indonesian_plan_until_its_region_is_given(
    repo_dir: Path,
) -> None:
    plan = _plan(repo_dir, LONDON.format(region=""))
    code, out = _run("validate", "--today", "2026-11-24", str(plan))
    # phonenumbers.parse("020 7946 0958", "ID") -> +62 207 9460958, not a valid number
    assert code == 1
    assert "'020 7946 0958' is not a valid phone number in ID" in out
    # phonenumbers.parse("020 7946 0958", "GB") -> +44 20 7946 0958, from her timezone
    assert (
        "if this person lives in Britain (UK) (by timezone Europe/London), it is "
        '+44 20 7946 0958 there: add `region: GB` to the person, or write "+44 20 7946 0958"'
    ) in out
    plan = _plan(repo_dir, LONDON.format(region="    region: GB\n"))
    code, out = _run(
        "who", "--plan", str(plan), "--severity", "sev1", "--at", "2026-11-24T12:00",
        "--format", "json",
    )  # fmt: skip
    assert code == 0, out
    # phonenumbers.parse("020 7946 0958", "GB") -> +44 20 7946 0958
    assert {c["phone"] for c in json.loads(out)["calls"] if c["person"] == "rina"} == {
        "+44 20 7946 0958"
    }


def test_jakarta_number_in_a_jakarta_plan_is_quiet(repo_dir: Path) -> None:
    patch = NEW_YORK.format(region="").replace("(212) 555-0101", "021 2345 6789")
    plan = _plan(repo_dir, patch.replace("America/New_York", "Asia/Jakarta"))
    code, out = _run("validate", "--today", "2026-11-24", str(plan))
    assert code == 0 and "CK210" not in out, out


@pytest.mark.parametrize(
    ("region", "says"),
    [
        ("us", "country codes are uppercase; write 'US'"),
        ("UK", "the United Kingdom's is 'GB'"),
        ("Indonesia", "Indonesia is 'ID'"),
        ("XQ", "'XQ' is not an ISO 3166 two-letter country code, e.g. ID, US or GB"),
    ],
)
def test_region_typos_are_explained(repo_dir: Path, region: str, says: str) -> None:
    plan = _plan(repo_dir, NEW_YORK.format(region=f"    region: {region}\n"))
    code, out = _run("validate", "--today", "2026-11-24", str(plan))
    assert code == 1
    assert says in out
    lines = plan.read_text(encoding="utf-8").splitlines()
    line = lines.index(f"  region: {region}") + 1
    # the finding stands at the person's region, by line and column and by path
    assert f"plan.yaml:{line}:11  error   CK013 people[0].region: '{region}'" in out


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("USA", "US"), ("America", "US"), ("Amerika", "US"), ("Amerika Serikat", "US"),
        ("England", "GB"), ("Scotland", "GB"), ("Britain", "GB"), ("Inggris", "GB"),
        ("GBR", "GB"), ("Korea", "KR"), ("South Korea", "KR"), ("Korea Selatan", "KR"),
        ("Holland", "NL"), ("Belanda", "NL"), ("Czechia", "CZ"), ("Burma", "MM"),
        ("IDN", "ID"), ("Timor-Leste", "TL"), ("Jerman", "DE"), ("Indonesai", "ID"),
    ],
)  # fmt: skip
def test_a_country_written_by_name_or_alpha3_gets_its_own_code(written: str, code: str) -> None:
    problem = region_problem(written)
    assert problem is not None and problem.endswith(f" is '{code}'"), problem


@pytest.mark.parametrize("written", ["Narnia", "Atlantis", "Europe", "Asia"])
def test_a_name_of_no_country_gets_no_country_suggested(written: str) -> None:
    assert region_problem(written) == (
        f"'{written}' is not an ISO 3166 two-letter country code, e.g. ID, US or GB"
    )


def test_a_region_written_usa_is_explained_in_validate(repo_dir: Path) -> None:
    plan = _plan(repo_dir, NEW_YORK.format(region="    region: USA\n"))
    code, out = _run("validate", "--today", "2026-11-24", str(plan))
    assert code == 1
    assert "'USA' is not an ISO 3166 two-letter country code; United States is 'US'" in out
    assert "Russia" not in out


def test_default_region_is_checked_the_same_way(repo_dir: Path) -> None:
    plan = _plan(repo_dir, "")
    text = plan.read_text(encoding="utf-8").replace("default_region: ID", "default_region: id")
    plan.write_text(text, encoding="utf-8")
    code, out = _run("validate", "--today", "2026-11-24", str(plan))
    assert code == 1
    assert "country codes are uppercase; write 'ID'" in out


def test_readme_shows_the_real_warning(repo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("  plan.yaml:80:10  warning CK210")
    shown = [line.strip() for line in readme[start:].split("```")[0].strip().splitlines()]
    _plan(
        repo_dir,
        'people:\n  - id: rina\n    name: Rina Wijaya\n    phone: "(212) 555-0101"\n'
        "    timezone: America/New_York\n",
    )
    monkeypatch.chdir(repo_dir)
    code, out = _run("validate", "--today", "2026-11-24", "plan.yaml")
    assert code == 0, out
    lines = [line.strip() for line in out.splitlines()]
    at = lines.index(shown[0])
    assert lines[at : at + 2] == shown


def test_a_short_national_number_is_not_sent_abroad(repo_dir: Path) -> None:
    plan = _plan(repo_dir, LONDON.format(region="").replace("020 7946 0958", "0812-34"))
    code, out = _run("validate", "--today", "2026-11-24", str(plan))
    assert code == 1
    assert (
        "'0812-34' is not a valid phone number in ID; check its digits, or write it with its "
        "country code"
    ) in out


def test_respond_calls_and_asks_approval_on_the_us_number(repo_dir: Path) -> None:
    plan = _plan(repo_dir, NEW_YORK.format(region="    region: US\n"))
    code, out = _run(
        "respond", "account-takeover", "--plan", str(plan), "--at", "2026-11-24T12:00",
        "--var", "issue=x",
    )  # fmt: skip
    assert code == 0, out
    # the call list, and the approval chain of the drafts (rina backs up the crisis lead)
    assert "Rina Wijaya              +1 212-555-0101" in out
    assert "backups: Rina Wijaya (+1 212-555-0101, on duty)" in out
    assert "+62 21 25550101" not in out


@pytest.mark.parametrize("short", ["112", "911", "110"])
def test_an_emergency_number_is_not_sent_to_another_region(repo_dir: Path, short: str) -> None:
    plan = _plan(repo_dir, LONDON.format(region="").replace("020 7946 0958", short))
    code, out = _run("validate", "--today", "2026-11-24", str(plan))
    assert code == 1
    assert f"'{short}' is not a valid phone number in ID; it is an emergency or short" in out
    assert "cannot reach a person from a call list" in out
    assert "`region:`" not in out


@pytest.mark.parametrize(
    ("written", "meant"),
    # phonenumbers.parse("+62 812 3456 7890") -> +62 812-3456-7890; ("+1 212 555 0101") ->
    # +1 212-555-0101. ID's own international prefixes (phonenumbers' metadata) are 008/009.
    [("0062 812 3456 7890", "+62 812-3456-7890"), ("001 212 555 0101", "+1 212-555-0101")],
)
def test_a_number_with_00_is_told_its_plus_form(repo_dir: Path, written: str, meant: str) -> None:
    plan = _plan(repo_dir, LONDON.format(region="").replace("020 7946 0958", written))
    code, out = _run("validate", "--today", "2026-11-24", str(plan))
    assert code == 1
    assert f'if 00 is meant as the international prefix, write it with a "+": "{meant}"' in out
    assert "check its digits" not in out
