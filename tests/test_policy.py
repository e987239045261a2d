"""Configuration and inline suppressions, end to end through validate."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisiskit.diagnostics.errors import ConfigError
from crisiskit.lint.example_plan import BASE_PLAN
from crisiskit.validation.configuration import load_config
from crisiskit.validation.pipeline import validate_paths
from tests.conftest import TODAY

# Rina becomes primary of three critical roles: CK203 fires on the spokesperson role.
OVERLOADED = (
    BASE_PLAN.replace(
        "    primary: sari\n    backups: [rina]\n",
        "    primary: rina\n    backups: [sari]\n    critical: true\n",
    )
    .replace(
        "    primary: dimas\n    backups: [rina]\n", "    primary: rina\n    backups: [dimas]\n"
    )
    .replace("    notify: [crisis-lead]\n", "    notify: [crisis-lead, spokesperson]\n", 1)
)


def _codes(repo: Path, text: str, config_text: str | None = None) -> list[tuple[str, int, str]]:
    plan = repo / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    if config_text is not None:
        (repo / "crisiskit.toml").write_text(config_text, encoding="utf-8")
    config = load_config(start=repo)
    return [
        (f.code, f.line, f.severity.value) for f in validate_paths([plan], TODAY, config).findings
    ]


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_rule_fires_without_config(repo_dir: Path) -> None:
    assert [c for c, _, _ in _codes(repo_dir, OVERLOADED)] == ["CK203"]


def test_threshold_from_config(repo_dir: Path) -> None:
    assert _codes(repo_dir, OVERLOADED, "[thresholds]\nmax-critical-roles-per-person = 3\n") == []


def test_ignore_by_code_prefix_and_name(repo_dir: Path) -> None:
    assert _codes(repo_dir, OVERLOADED, 'ignore = ["CK2"]\n') == []
    assert _codes(repo_dir, OVERLOADED, 'ignore = ["person-overloaded"]\n') == []


def test_select(repo_dir: Path) -> None:
    assert _codes(repo_dir, OVERLOADED, 'select = ["CK1", "CK3"]\n') == []


def test_severity_override(repo_dir: Path) -> None:
    assert [s for _, _, s in _codes(repo_dir, OVERLOADED, '[severity]\nCK203 = "error"\n')] == [
        "error"
    ]


def test_per_file_ignores(repo_dir: Path) -> None:
    assert _codes(repo_dir, OVERLOADED, '[per-file-ignores]\n"*plan.yaml" = ["CK203"]\n') == []


def test_pyproject_table(repo_dir: Path) -> None:
    (repo_dir / "pyproject.toml").write_text('[tool.crisiskit]\nignore = ["CK203"]\n')
    assert _codes(repo_dir, OVERLOADED) == []


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('select = "CK1"\n', "select"),
        ('ignore = ["nonsense code!"]\n', "ignore"),
        ("[thresholds]\nmin-backups = -1\n", "thresholds.min-backups"),
        ("colour = true\n", "colour: unknown key"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_config_names_the_key(repo_dir: Path, text: str, fragment: str) -> None:
    (repo_dir / "crisiskit.toml").write_text(text)
    with pytest.raises(ConfigError, match=fragment.replace(".", r"\.")):
        load_config(start=repo_dir)


def test_suppression_with_reason(repo_dir: Path) -> None:
    text = OVERLOADED.replace(
        "    primary: rina\n    backups: [sari]\n",
        '    # crisiskit: ignore[CK203] reason="Rina covers until Sari returns" until=2027-03-01\n'
        "    primary: rina\n    backups: [sari]\n",
    )
    assert _codes(repo_dir, text) == []


def test_trailing_suppression(repo_dir: Path) -> None:
    text = OVERLOADED.replace(
        "    primary: rina\n    backups: [sari]\n",
        '    primary: rina  # crisiskit: ignore[person-overloaded] reason="ok"\n    backups: [sari]\n',
    )
    assert _codes(repo_dir, text) == []


def test_suppression_without_reason_is_a_finding(repo_dir: Path) -> None:
    text = OVERLOADED.replace(
        "  - id: spokesperson\n", "  - id: spokesperson  # crisiskit: ignore[CK203]\n"
    )
    assert [c for c, _, _ in _codes(repo_dir, text)] == ["CK021", "CK203"]


def test_expired_suppression_no_longer_suppresses(repo_dir: Path) -> None:
    text = OVERLOADED.replace(
        "  - id: spokesperson\n",
        '  - id: spokesperson  # crisiskit: ignore[CK203] reason="temporary" until=2026-01-01\n',
    )
    line = _line(text, "until=2026-01-01")
    assert sorted(_codes(repo_dir, text)) == [
        ("CK023", line, "warning"),
        ("CK203", line + 3, "warning"),
    ]


def test_unused_suppression(repo_dir: Path) -> None:
    text = BASE_PLAN.replace("locales:\n", 'locales:  # crisiskit: ignore[CK301] reason="old"\n')
    assert _codes(repo_dir, text) == [("CK022", _line(text, "crisiskit: ignore"), "warning")]


def test_unknown_code_in_suppression(repo_dir: Path) -> None:
    text = BASE_PLAN.replace("locales:\n", 'locales:  # crisiskit: ignore[CK999] reason="x"\n')
    assert [c for c, _, _ in _codes(repo_dir, text)] == ["CK021"]


def test_core_threats_waiver_on_the_threats_key(repo_dir: Path) -> None:
    text = BASE_PLAN.replace("    kind: viral-negative-content\n", "    kind: customer-complaint\n")
    assert [c for c, _, _ in _codes(repo_dir, text)] == ["CK106"]
    waived = text.replace(
        "threats:\n",
        '# crisiskit: ignore[CK106] reason="B2B brand, no public audience"\nthreats:\n',
    )
    assert _codes(repo_dir, waived) == []


def test_file_level_suppression(repo_dir: Path) -> None:
    text = '# crisiskit: ignore-file[CK203] reason="small team"\n' + OVERLOADED
    assert _codes(repo_dir, text) == []


def test_suppressions_are_not_called_unused_when_the_plan_was_not_linted(
    repo_dir: Path,
) -> None:
    suppressed = OVERLOADED.replace(
        "    primary: rina\n    backups: [sari]\n",
        '    # crisiskit: ignore[CK203] reason="Rina covers until Sari returns"\n'
        "    primary: rina\n    backups: [sari]\n",
    )
    assert _codes(repo_dir, suppressed) == []
    # A schema error stops linting: CK203 was never computed, so the comment is not unused.
    typo = suppressed.replace("    name: Rina", "    nam: Rina", 1)
    assert sorted(c for c, _, _ in _codes(repo_dir, typo)) == ["CK011", "CK012"]
    unparsable = suppressed + "oops: [\n"
    assert [c for c, _, _ in _codes(repo_dir, unparsable)] == ["CK001"]


@pytest.mark.parametrize("where", ["root", "subdirectory", "elsewhere"])
def test_per_file_ignores_are_relative_to_the_configuration(
    repo_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    archive = repo_dir / "plans" / "archive"
    archive.mkdir(parents=True)
    (archive / "old.yaml").write_text(OVERLOADED, encoding="utf-8")
    (repo_dir / "crisiskit.toml").write_text('[per-file-ignores]\n"plans/archive/*" = ["CK2"]\n')
    config = load_config(start=repo_dir)
    cwd = {
        "root": repo_dir,
        "subdirectory": archive,
        "elsewhere": tmp_path_factory.mktemp("elsewhere"),
    }[where]
    monkeypatch.chdir(cwd)
    target = (
        archive if where == "elsewhere" else Path(".") if where == "subdirectory" else Path("plans")
    )
    assert validate_paths([target], TODAY, config).findings == []
