"""`crisiskit export`: the handbook in both formats, escaped, written safely, and printed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from crisiskit.cli import app
from tests.conftest import FIXTURES, REPO

runner = CliRunner()
PLANS = sorted(
    p
    for p in (REPO / "plans").rglob("*.yaml")
    if p.read_text(encoding="utf-8").startswith(("#", "crisiskit"))
    and "crisiskit:" in p.read_text(encoding="utf-8")
)
HARBOR = REPO / "plans" / "harbor-outdoor.yaml"
TRICKY = FIXTURES / "charts" / "tricky-plan.yaml"


def _export(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["export", "--today", "2026-11-24", *args])
    return result.exit_code, result.stdout, result.stderr


class _Tags(HTMLParser):
    """Every start tag and attribute name in a document, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.hrefs: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        self.hrefs += [(name, value or "") for name, value in attrs if name in ("href", "src")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_every_bundled_plan_exports_in_both_formats(plan: Path) -> None:
    code, html, err = _export("--plan", str(plan))
    assert (code, err) == (0, "")
    from crisiskit.loader import load_plan

    model = load_plan(plan).plan
    assert model is not None
    parsed = _parse(html)
    text = "".join(parsed.text)
    assert model.organization.name in text
    for threat in model.threats:
        assert threat.name in text
    assert "script" not in parsed.tags and "link" not in parsed.tags  # nothing fetched or run
    assert parsed.tags >= {"svg", "table", "style"}
    code, markdown, err = _export("--plan", str(plan), "--format", "markdown")
    assert (code, err) == (0, "")
    assert "```mermaid" in markdown
    assert all(threat.name in markdown for threat in model.threats)


def test_plan_text_cannot_inject_html_or_script(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    plan = tmp_path / "plan.yaml"
    hostile = (
        "<script>alert(1)</script><img src=x onerror=alert(2)> [Call us](https://evil.example) "
        "![x](https://evil.example/p.png) https://a.example/<b>B</b>"
    )
    text = TRICKY.read_text(encoding="utf-8").replace("R&D", f"R&D {hostile}", 1)
    # The same text in a role name too: table cells, lists and lines all carry it.
    text = text.replace("name: 'Lead ", f"name: '{hostile} Lead ", 1)
    plan.write_text(text, encoding="utf-8")
    code, html, err = _export("--plan", str(plan))
    assert code == 0, err
    parsed = _parse(html)
    assert not parsed.tags & {"script", "img", "iframe", "object", "i", "b", "crit"}
    assert "evil.example" not in " ".join(v for _, v in parsed.hrefs)
    assert not any(name.startswith("on") for name in parsed.attributes)
    assert hostile in "".join(parsed.text)  # shown as text, exactly
    code, markdown, _ = _export("--plan", str(plan), "--format", "markdown")
    assert code == 0
    # As GitHub would read it (CommonMark): the plan's tags stay text.
    rendered = _parse(MarkdownIt("commonmark").enable("table").render(markdown))
    assert not rendered.tags & {"script", "img", "i", "b", "crit"}
    assert "evil.example" not in " ".join(v for _, v in rendered.hrefs)
    assert not any(name.startswith("on") for name in rendered.attributes)


def test_the_interface_language_follows_locale() -> None:
    english = _export("--plan", str(HARBOR))[1]
    indonesian = _export("--plan", str(HARBOR), "--locale", "id")[1]
    assert "Contact sheet" in english and "Lembar kontak" in indonesian
    assert 'lang="id"' in indonesian
    # The plan's own data stays as written.
    assert "Harbor Outdoor" in indonesian
    assert "Lembar kontak" in _export("--plan", str(HARBOR), "--locale", "id-ID")[1]
    code, out, err = _export("--plan", str(HARBOR), "--locale", "jv")
    assert (code, out) == (2, "")
    assert "--locale: unknown handbook language 'jv'; choose from: en, id" in err


def test_the_handbooks_own_words_for_days_scales_and_units_follow_locale() -> None:
    # Translations from KBBI / common Indonesian usage: Sen(in)…Min(ggu), "parah" (severe).
    english = _export("--plan", str(HARBOR), "--format", "markdown", "--locale", "en")[1]
    indonesian = _export("--plan", str(HARBOR), "--format", "markdown", "--locale", "id")[1]
    assert "Mon–Fri 08:00–18:00" in english and "Sen–Jum 08:00–18:00" in indonesian
    assert "Mon–Sun 10:00–22:00" in english and "Sen–Min 10:00–22:00" in indonesian
    assert "Impact: severe" in english and "Dampak: parah" in indonesian
    assert "/280 weighted characters" in english and "/280 karakter berbobot" in indonesian
    assert "/300 graphemes" in english and "/300 grafem" in indonesian
    assert "Mon–" not in indonesian and "weighted characters" not in indonesian
    # The coverage heat map's rows in the HTML are the same weekdays.
    html = _export("--plan", str(HARBOR), "--locale", "id")[1]
    rows = re.findall(r'<text x="0" y="\d+" font-size="9">(\w+)</text>', html)
    assert rows[:7] == ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"]
    assert "<title>Sen 00:00</title>" in html and "<title>Mon 00:00</title>" not in html
    # The Mermaid coverage chart's own words too (its time axis is Mermaid's).
    assert "title Cakupan peran penting (Europe/London)" in indonesian
    assert "  utama :2026-" in indonesian and "  primary :" not in indonesian
    assert "title Coverage of critical roles (Europe/London)" in english


def test_a_draft_that_does_not_render_fails_the_export(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    plan = tmp_path / "plan.yaml"
    text = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    plan.write_text(text.replace("Kami sedang memeriksa.", "'{{ 1 / 0 }}'"), encoding="utf-8")
    target = tmp_path / "handbook.html"
    code, _, err = _export("--plan", str(plan), "--output", str(target))
    assert code == 1
    assert "1 draft in the handbook does not render" in err
    assert "does not render" in target.read_text(encoding="utf-8")


def test_the_output_cannot_be_the_plan_itself(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    plan = tmp_path / "plan.yaml"
    shutil.copy(FIXTURES / "valid" / "minimal.yaml", plan)
    before = plan.read_bytes()
    code, out, err = _export("--plan", str(plan), "--output", str(plan), "--force")
    assert (code, out) == (2, "")
    assert "is the plan or one of its fragments" in err
    assert plan.read_bytes() == before


def test_never_overwrites_without_force_and_writes_atomically(tmp_path: Path) -> None:
    target = tmp_path / "handbook.html"
    target.write_text("keep me", encoding="utf-8")
    code, out, err = _export("--plan", str(HARBOR), "--output", str(target))
    assert (code, out) == (2, "")
    assert "already exists" in err and target.read_text(encoding="utf-8") == "keep me"
    code, _, err = _export("--plan", str(HARBOR), "--output", str(target), "--force")
    assert code == 0 and f"wrote the handbook to {target}" in err
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["handbook.html"]  # no temp file left


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} not found; CI=true, so .ci/run must install it")
        pytest.skip(f"{name} not installed")
    return found


def _pages(pdf: Path) -> list[str]:
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True)
    count = int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )
    return [
        subprocess.run(
            [_tool("pdftotext"), "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


def print_to_pdf(html: Path, pdf: Path, profile: Path) -> None:
    """Print ``html`` to ``pdf`` with Debian's headless Chromium, offline."""
    subprocess.run(
        [
            _tool("chromium"),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_printed_in_chromium_the_contact_sheet_is_one_a4_page(plan: Path, tmp_path: Path) -> None:
    html, pdf = tmp_path / "handbook.html", tmp_path / "handbook.pdf"
    assert _export("--plan", str(plan), "--locale", "en", "--output", str(html))[0] == 0
    print_to_pdf(html, pdf, tmp_path / "profile")
    pages = _pages(pdf)
    from crisiskit.loader import load_plan

    model = load_plan(plan).plan
    assert model is not None
    sheet = [i for i, text in enumerate(pages) if text.lstrip().startswith("Contact sheet")]
    assert len(sheet) == 1, "the contact sheet starts a page of its own"
    page = pages[sheet[0]]
    # Everything of the sheet is on that page: the roles it lists and every severity's order.
    for severity in model.severities:
        assert severity.name in page
    assert pages[sheet[0] + 1].lstrip().startswith("Roles and responsibilities")
    # Each threat starts a page of its own.
    for threat in model.threats:
        heading = " ".join(f"Threat: {threat.name}".split())
        # Joined words: a long heading wraps onto a second line in the PDF's text.
        starts = [t for t in pages if " ".join(t.split()).startswith(heading)]
        assert len(starts) == 1, threat.name


def _git(directory: Path, *args: str) -> str:
    environment = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2026-10-05T10:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-10-05T10:00:00+00:00",
    }
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args]
    return subprocess.run(
        command, cwd=directory, env=environment, capture_output=True, text=True, check=True
    ).stdout


def test_the_cover_names_the_commit_its_date_and_uncommitted_changes(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(FIXTURES / "valid" / "minimal.yaml", plan)
    code, out, _ = _export("--plan", str(plan), "--format", "markdown", "--locale", "en")
    assert code == 0, out
    assert "not in a git repository" in out

    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "plan.yaml")
    _git(tmp_path, "commit", "-q", "-m", "plan")
    commit = _git(tmp_path, "rev-parse", "HEAD").strip()
    code, out, _ = _export("--plan", str(plan), "--format", "markdown", "--locale", "en")
    assert f"{commit[:12]} (committed 2026-10-05)" in out
    assert "with changes not yet committed" not in out

    plan.write_text(plan.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    code, out, _ = _export("--plan", str(plan), "--format", "markdown", "--locale", "en")
    assert f"{commit[:12]} (committed 2026-10-05) (with changes not yet committed)" in out
