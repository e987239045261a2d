"""Every rule fires on a broken copy of a bundled plan, at the line of the broken value.

Each case edits one bundled plan (or its shared fragment, or a template) and names
the text whose line the finding must point at (`anchor`, searched in the edited file).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from crisiskit.lint.registry import all_rules
from crisiskit.validation.pipeline import validate_paths
from tests.conftest import REPO, TODAY

WARUNG = "plans/kirana-social/warung-rasa.yaml"
LESTARI = "plans/kirana-social/lestari-fashion.yaml"
BAYAR = "plans/kirana-social/bayar-cepat.yaml"
AGENCY = "plans/kirana-social/agency-team.yaml"
HARBOR = "plans/harbor-outdoor.yaml"


@dataclass(frozen=True)
class Case:
    code: str
    plan: str
    edit_file: str
    old: str
    new: str
    anchor: str  # text in the edited file at the expected line (after the edit)
    occurrence: int = 1
    also: tuple[tuple[str, str], ...] = ()  # further edits of the same file, old → new


CASES = [
    Case(
        "CK101",
        HARBOR,
        HARBOR,
        "    severity: sev3\n    owner: social-lead\n",
        "    severity: sev3\n",
        "  - id: delivery-complaints",
    ),
    Case(
        "CK102",
        HARBOR,
        HARBOR,
        "    impact: minor\n    severity: sev3\n",
        "    impact: minor\n",
        "  - id: delivery-complaints",
    ),
    Case(
        "CK103",
        HARBOR,
        HARBOR,
        "    signals:\n      - Complaints about late parcels double within a day\n",
        "",
        "  - id: delivery-complaints",
    ),
    Case(
        "CK104",
        HARBOR,
        HARBOR,
        "    first_steps:\n      - Get the courier's status and a realistic estimate\n",
        "",
        "  - id: delivery-complaints",
    ),
    Case(
        "CK105",
        HARBOR,
        HARBOR,
        "    messages: [update]\n\nmessages:",
        "\nmessages:",
        "  - id: delivery-complaints",
    ),
    Case(
        "CK106",
        HARBOR,
        HARBOR,
        "    kind: viral-negative-content\n",
        "    kind: customer-complaint\n",
        "threats:",
    ),
    Case(
        "CK107",
        HARBOR,
        HARBOR,
        "        regulator: ICO\n        regulation: uk-gdpr-art-33\n",
        "        within: 5d\n        regulator: ICO\n        regulation: uk-gdpr-art-33\n",
        "within: 5d",
    ),
    Case(
        "CK108",
        HARBOR,
        HARBOR,
        "    likelihood: likely\n    impact: minor\n    severity: sev3",
        "    likelihood: almost-certain\n    impact: severe\n    severity: sev3",
        "    severity: sev3",
    ),
    Case(
        "CK109",
        HARBOR,
        HARBOR,
        "    messages: [update]\n",
        "    messages: [internal-alert]\n",
        "    messages: [internal-alert]",
    ),
    Case(
        "CK110",
        HARBOR,
        HARBOR,
        "      forbidden_platforms: [sms]\n",
        "      forbidden_platforms: [sms, email]\n",
        "    messages: [holding-statement, update, customer-breach-email, breach-briefing]",
    ),
    Case(
        "CK111",
        HARBOR,
        HARBOR,
        "        role: crisis-lead\n        within: 1h\n",
        "        role: spokesperson\n        within: 1h\n",
        "        role: spokesperson",
    ),
    Case(
        "CK112",
        HARBOR,
        HARBOR,
        "    kind: internal-alert\n    audience: internal\n    channels: [incident-room]\n",
        "    kind: internal-alert\n    channels: [incident-room]\n",
        "        text: >-",
    ),
    Case(
        "CK113",
        HARBOR,
        HARBOR,
        "    impact: minor\n    severity: sev3\n",
        "    impact: minor\n    severity: sev4\n",
        "    messages: [update]",
    ),
    Case(
        "CK201",
        HARBOR,
        HARBOR,
        "    primary: james\n    backups: [olivia]\n",
        "    primary: james\n",
        "  - id: executive",
    ),
    Case(
        "CK202",
        HARBOR,
        HARBOR,
        "    primary: priya\n    backups: [olivia]\n",
        "    primary: priya\n    backups: [olivia, priya]\n",
        "backups: [olivia, priya]",
    ),
    Case(
        "CK203",
        HARBOR,
        HARBOR,
        "    primary: priya\n    backups: [olivia]\n",
        "    primary: olivia\n    backups: [priya]\n    critical: true\n  - id: media-desk\n    name: Media desk\n    responsibilities: [Answer journalists]\n    primary: olivia\n    backups: [tom]\n    critical: true\n",
        "    primary: olivia\n    backups: [tom]",
    ),
    Case(
        "CK204",
        HARBOR,
        HARBOR,
        '    phone: "+44 7911 123404"\n    email: dpo@harbor-outdoor.example.com\n',
        "",
        "  - id: priya",
    ),
    Case(
        "CK205",
        HARBOR,
        HARBOR,
        '        start: "05:00"\n        end: "17:00"\n',
        '        start: "05:00"\n        end: "10:00"\n',
        "  - id: social-lead",
    ),
    Case(
        "CK206",
        HARBOR,
        HARBOR,
        "    responsibilities:\n      - Speak for Harbor Outdoor to media\n",
        "",
        "  - id: spokesperson",
    ),
    Case(
        "CK207",
        HARBOR,
        HARBOR,
        '    working_hours:\n      - days: [mon, tue, wed, thu, fri, sat, sun]\n        start: "05:00"\n        end: "17:00"\n',
        "",
        "  - id: wei",
    ),
    Case(
        "CK208",
        HARBOR,
        HARBOR,
        "people:\n",
        "people:\n  - id: guest\n    name: Guest Speaker\n    email: guest@example.com\n",
        "  - id: guest",
    ),
    # Hendra works from New York now and wrote his US number nationally: in an ID plan
    # it would be dialled in Jakarta.
    Case(
        "CK210",
        WARUNG,
        WARUNG,
        '    phone: "+62 811-2000-3002"\n    email: hendra@warungrasa.example.id\n'
        "    timezone: Asia/Jakarta\n",
        '    phone: "(212) 555-0102"\n    email: hendra@warungrasa.example.id\n'
        "    timezone: America/New_York\n",
        '    phone: "(212) 555-0102"',
    ),
    # Rudi, the spokesperson's backup, alone on duty 07:00-08:00 and 19:00-22:00 on
    # weekdays, now speaks only Bahasa Indonesia: nobody can write the English statement.
    Case(
        "CK209",
        BAYAR,
        BAYAR,
        '        start: "07:00"\n        end: "22:00"\n    locales: [id, en]',
        '        start: "07:00"\n        end: "22:00"\n    locales: [id]',
        "    locales: [id, en]\n  - id: security-lead",
    ),
    Case(
        "CK301",
        HARBOR,
        HARBOR,
        "    name: English\n    spokesperson: spokesperson\n",
        "    name: English\n",
        "  - id: en",
    ),
    Case(
        "CK302",
        HARBOR,
        HARBOR,
        "escalation:\n",
        "escalation:\n  - from: executive\n    to: social-lead\n    after: 2h\n    severities: [sev1]\n",
        "  - from: crisis-lead\n    to: executive\n    after: 30m",
    ),
    Case(
        "CK303",
        HARBOR,
        HARBOR,
        "    backups: [sam]\n    critical: true\n    decision_maker: true\n",
        "    backups: [sam]\n    critical: true\n",
        "    to: crisis-lead\n    after: 30m",
    ),
    Case(
        "CK304",
        HARBOR,
        HARBOR,
        "    primary: olivia\n    backups: [james]\n",
        "    primary: olivia\n    backups: [james]\n    critical: true\n",
        "  - id: spokesperson",
        # SEV1 notifies the spokesperson (whom the breach's need-to-know leaves out).
        also=(
            (
                "    notify: [crisis-lead, executive, dpo, spokesperson]\n",
                "    notify: [crisis-lead, executive, dpo]\n",
            ),
        ),
    ),
    Case(
        "CK305",
        HARBOR,
        HARBOR,
        "    first_response: 2h\n",
        "    first_response: 20m\n",
        "first_response: 20m",
    ),
    Case(
        "CK306",
        HARBOR,
        HARBOR,
        "    first_response: 2h\n    update_every: 4h\n",
        "",
        "  - id: sev3",
    ),
    Case(
        "CK307",
        HARBOR,
        HARBOR,
        "    first_response: 15m\n",
        "    first_response: 3h\n",
        "first_response: 3h",
    ),
    Case(
        "CK308",
        HARBOR,
        HARBOR,
        "    approvers: [crisis-lead]\n",
        "    approvers: []\n",
        "  - id: holding-statement",
    ),
    Case(
        "CK309",
        HARBOR,
        HARBOR,
        '    backup: Signal group "Harbor Incident" (if Microsoft 365 is down or compromised)\n',
        "",
        "  coordination:",
    ),
    Case(
        "CK310",
        HARBOR,
        HARBOR,
        "    criteria:\n      - Complaint gaining traction in one community\n",
        "",
        "  - id: sev3",
    ),
    Case("CK311", HARBOR, HARBOR, "    level: 3\n", "    level: 2\n", "    level: 2", 2),
    Case(
        "CK312",
        HARBOR,
        HARBOR,
        "    to: executive\n    after: 30m\n",
        "    to: executive\n    after: 5m\n",
        "    after: 5m",
    ),
    Case(
        "CK313",
        HARBOR,
        HARBOR,
        "      - {kind: holding-statement, within: 15m}\n",
        "      - {kind: holding-statement, within: 20m}\n",
        "{kind: holding-statement, within: 20m}",
    ),
    Case(
        "CK314",
        HARBOR,
        HARBOR,
        "      - {kind: update, after: 15m}\n",
        "      - {kind: update, within: 10m}\n",
        "{kind: update, within: 10m}",
    ),
    Case(
        "CK315",
        HARBOR,
        HARBOR,
        "      - {kind: update, after: 15m}\n",
        "      - {kind: other, after: 15m}\n",
        "{kind: other, after: 15m}",
    ),
    Case(
        "CK401",
        HARBOR,
        "templates/harbor-outdoor/update.en.j2",
        "Questions: {{ org.help_url }}",
        "Questions: {{ org.help_url }} {{ store }}",
        "file: ../templates/harbor-outdoor/update.en.j2",
    ),
    Case(
        "CK402",
        HARBOR,
        "templates/harbor-outdoor/update.en.j2",
        " What we're doing: {{ doing }}.",
        "",
        "      - name: doing",
    ),
    Case(
        "CK403",
        HARBOR,
        "templates/harbor-outdoor/resolution.en.j2",
        "{{ outcome }}",
        "{{ outcome | nosuchfilter }}",
        "file: ../templates/harbor-outdoor/resolution.en.j2",
    ),
    Case(
        "CK404",
        HARBOR,
        "templates/harbor-outdoor/holding-statement.en.x.j2",
        "are looking into it urgently.",
        "are looking into it urgently, with our product safety team, our suppliers and independent testers, and we will tell you everything we learn as soon as we learn it, because you trust our gear with your safety.",
        "file: ../templates/harbor-outdoor/holding-statement.en.x.j2",
    ),
    Case(
        "CK405",
        WARUNG,
        WARUNG,
        "      - locale: en\n        file: ../../templates/kirana-social/warung-rasa/update.en.j2\n",
        "",
        "    templates:\n      - locale: id\n        file: ../../templates/kirana-social/warung-rasa/update.id.j2",
    ),
    Case(
        "CK406",
        HARBOR,
        "templates/harbor-outdoor/resolution.en.j2",
        "Thank you",
        "Dear [NAME], thank you",
        "file: ../templates/harbor-outdoor/resolution.en.j2",
    ),
    Case(
        "CK407",
        WARUNG,
        "templates/kirana-social/warung-rasa/update.id.j2",
        "Kabar terbaru:",
        "Ini bukan salah kami. Kabar terbaru:",
        "file: ../../templates/kirana-social/warung-rasa/update.id.j2",
    ),
    Case(
        "CK408",
        HARBOR,
        "templates/harbor-outdoor/resolution.en.j2",
        "\n\nIf you still need help, we're here: {{ org.help_url }}",
        "",
        "file: ../templates/harbor-outdoor/resolution.en.j2",
    ),
    Case(
        "CK409",
        HARBOR,
        HARBOR,
        "        channels: [x, bluesky]\n",
        "        channels: [x, bluesky, customer-email]\n",
        "        channels: [x, bluesky, customer-email]",
    ),
    Case(
        "CK410",
        HARBOR,
        HARBOR,
        "    channels: [staff-sms]\n",
        "    channels: [staff-sms, x]\n",
        "    channels: [staff-sms, x]",
    ),
    Case(
        "CK411",
        HARBOR,
        HARBOR,
        '        title: "Important: your {{ org.name }} account information"\n',
        '        title: "Important: your {{ org.name }} account information, what happened, what '
        'we are doing and what you can do now"\n',
        "        title: ",
        also=(("    platform: email\n", "    platform: youtube\n"),),
    ),
    Case(
        "CK501",
        HARBOR,
        HARBOR,
        "  last_reviewed: 2026-09-30\n",
        "  last_reviewed: 2026-01-30\n",
        "last_reviewed: 2026-01-30",
    ),
    Case(
        "CK502",
        LESTARI,
        LESTARI,
        "    - date: 2026-10-28\n",
        "    - date: 2026-06-28\n",
        "  cadence: 90d",
        2,
    ),
    Case(
        "CK503",
        HARBOR,
        HARBOR,
        "    - date: 2026-03-05\n",
        "    - date: 2025-03-05\n",
        "  - id: customer-data-breach",
    ),
    Case(
        "CK504",
        WARUNG,
        WARUNG,
        "          due: 2026-12-15\n",
        "          due: 2026-11-15\n",
        "due: 2026-11-15",
    ),
    Case(
        "CK505",
        WARUNG,
        WARUNG,
        "    - date: 2026-09-18\n",
        "    - date: 2062-09-18\n",
        "date: 2062-09-18",
    ),
    Case(
        "CK506",
        WARUNG,
        WARUNG,
        "      participants: [dewi, eko, gita, intan]\n",
        "      participants: [gita, intan]\n",
        "participants: [gita, intan]",
    ),
    Case(
        "CK507",
        BAYAR,
        BAYAR,
        "      - Contact the customer privately and fix the refund\n",
        '      - "Log in to the admin panel with password: Bayar#2026!"\n',
        "password: Bayar",
    ),
    # Comments are read too, in the plan and in the fragments it includes.
    Case(
        "CK507",
        WARUNG,
        "plans/kirana-social/agency-team.yaml",
        "\npeople:\n",
        "\npeople:  # shared login, password: Kirana#2026!\n",
        "people:  # shared login",
    ),
    # The owner of an open follow-up left the agency (removed from its people).
    Case(
        "CK508",
        WARUNG,
        WARUNG,
        "          owner: intan\n",
        "          owner: wulan\n",
        "owner: wulan",
    ),
    # A hand-edited drill record file times an action its scenario does not expect.
    Case(
        "CK509",
        WARUNG,
        "plans/kirana-social/drills/warung-rasa/2026-11-20-takeover-tabletop.yaml",
        "  - id: pemulihan-akun\n",
        "  - id: pemulihan-akunn\n",
        "id: pemulihan-akunn",
    ),
    # A typo in a participant of a drill record file (someone who left is not reported).
    Case(
        "CK510",
        WARUNG,
        "plans/kirana-social/drills/warung-rasa/2026-11-20-takeover-tabletop.yaml",
        "participants: [bima, dewi, gita, hendra]",
        "participants: [bima, dewi, gtia, hendra]",
        "participants: [bima, dewi, gtia, hendra]",
    ),
    # A template file is read too: what is in it may be published.
    Case(
        "CK507",
        WARUNG,
        "templates/kirana-social/warung-rasa/internal-alert.id.j2",
        "Rapat darurat: lihat kanal krisis.",
        "Rapat darurat: lihat kanal krisis. Kata sandi: Warung!Rasa2026",
        "file: ../../templates/kirana-social/warung-rasa/internal-alert.id.j2",
    ),
]


def _line_of(text: str, anchor: str, occurrence: int) -> int:
    index = -1
    for _ in range(occurrence):
        index = text.index(anchor, index + 1)
    return text[:index].count("\n") + 1 + len(anchor) - len(anchor.lstrip("\n"))


@pytest.fixture
def bundled(repo_dir: Path) -> Path:
    shutil.copytree(REPO / "plans", repo_dir / "plans")
    shutil.copytree(REPO / "templates", repo_dir / "templates")
    return repo_dir


def test_every_rule_has_a_case() -> None:
    assert {c.code for c in CASES} == {r.code for r in all_rules()}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.code)
def test_rule_fires_on_broken_bundled_plan(case: Case, bundled: Path) -> None:
    plan = bundled / case.plan
    assert not [f for f in validate_paths([plan], TODAY).findings if f.code == case.code]
    edited = bundled / case.edit_file
    text = edited.read_text(encoding="utf-8")
    assert case.old in text, f"{case.code}: edit no longer applies to {case.edit_file}"
    text = text.replace(case.old, case.new, 1)
    for old, new in case.also:
        assert old in text, f"{case.code}: edit no longer applies to {case.edit_file}"
        text = text.replace(old, new, 1)
    edited.write_text(text, encoding="utf-8")
    findings = [f for f in validate_paths([plan], TODAY).findings if f.code == case.code]
    # Findings in a template point at the plan line that names the template.
    located = plan if edited.suffix == ".j2" else edited
    expected = _line_of(located.read_text(encoding="utf-8"), case.anchor, case.occurrence)
    assert [(Path(f.file).name, f.line) for f in findings][:1] == [(located.name, expected)], (
        findings
    )
