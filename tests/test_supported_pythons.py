"""The Python versions said to be supported are the ones CI tests, in every place they are said."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import REPO

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
CLASSIFIER = re.compile(r"Programming Language :: Python :: (3\.\d+)")
CLASSIFIED = [m[1] for c in PROJECT["classifiers"] if (m := CLASSIFIER.fullmatch(c))]


def _minor(version: str) -> int:
    return int(version.split(".")[1])


def test_classifiers_run_from_requires_python_without_gaps() -> None:
    oldest = PROJECT["requires-python"].removeprefix(">=")
    newest = CLASSIFIED[-1]
    expected = [f"3.{minor}" for minor in range(_minor(oldest), _minor(newest) + 1)]
    assert expected == CLASSIFIED


def test_ci_tests_every_classified_version() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    [default] = re.findall(r"\$\{CI_PYTHONS:-([\d. ]+)\}", script)
    assert default.split() == CLASSIFIED


def test_readme_names_the_supported_versions() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    setup = " ".join(readme.split("## Set-up", 1)[1].split("```", 1)[0].split())
    assert f"Python {', '.join(CLASSIFIED[:-1])} or {CLASSIFIED[-1]}" in setup
