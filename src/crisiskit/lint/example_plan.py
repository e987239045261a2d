"""The base plan that rule examples are written against.

A rule's docstring shows only what matters to it; each example is merged into
the base plan (see :func:`example_plan_text`) and the result is linted. The base
plan itself is clean under every rule (a test proves it).
"""

from __future__ import annotations

import re

from crisiskit.model.plan import ID_SECTIONS

BASE_PLAN = """\
crisiskit: 1
organization:
  name: Example Coffee
  default_timezone: Asia/Jakarta
  default_region: ID
  handles: {x: "@examplecoffee", instagram: "@examplecoffee"}
  help_url: https://example.com/help
  owner: rina
  coordination:
    war_room: "Slack #crisis"
    backup: Signal group "Crisis team"
review:
  last_reviewed: 2026-10-01
  cadence: 90d
  owner: rina
locales:
  - id: en
    name: English
    spokesperson: spokesperson
channels:
  - id: x
    platform: x
    handle: "@examplecoffee"
  - id: team-chat
    platform: chat
    audience: internal
people:
  - id: rina
    name: Rina Wijaya
    phone: "+62 812-3456-7890"
    email: rina@example.com
    working_hours:
      - days: [mon, tue, wed, thu, fri, sat, sun]
        start: "00:00"
        end: "12:00"
  - id: dimas
    name: Dimas Pratama
    phone: "+62 813-1111-2222"
    email: dimas@example.com
    working_hours:
      - days: [mon, tue, wed, thu, fri, sat, sun]
        start: "12:00"
        end: "24:00"
  - id: sari
    name: Sari Putri
    phone: "+62 811-2222-3333"
    email: sari@example.com
    working_hours:
      - days: [mon, tue, wed, thu, fri, sat, sun]
        start: "00:00"
        end: "24:00"
roles:
  - id: social-lead
    name: Social media lead
    responsibilities: [Watch the channels and declare incidents]
    primary: rina
    backups: [dimas]
    critical: true
  - id: crisis-lead
    name: Crisis lead
    responsibilities: [Decide on the response and approve statements]
    primary: dimas
    backups: [rina]
    critical: true
    decision_maker: true
  - id: spokesperson
    name: Spokesperson
    responsibilities: [Speak for the company]
    primary: sari
    backups: [rina]
severities:
  - id: sev1
    name: SEV1 - Critical
    level: 1
    criteria: [Public harm or executive attention]
    first_response: 15m
    update_every: 30m
    responder: social-lead
    notify: [crisis-lead]
    approvers: [crisis-lead]
  - id: sev2
    name: SEV2 - High
    level: 2
    criteria: [Spreading complaints]
    first_response: 1h
    update_every: 2h
    responder: social-lead
    notify: [crisis-lead]
    approvers: [crisis-lead]
escalation:
  - from: social-lead
    to: crisis-lead
    after: 15m
threats:
  - id: account-takeover
    name: Account takeover
    kind: account-takeover
    likelihood: possible
    impact: severe
    severity: sev1
    owner: social-lead
    signals: [Posts nobody on the team wrote]
    first_steps: [Reset passwords and revoke sessions]
    messages: [holding-statement]
  - id: data-leak
    name: Customer data leak
    kind: data-leak
    likelihood: unlikely
    impact: severe
    severity: sev1
    owner: crisis-lead
    signals: [Customer data offered online]
    first_steps:
      - Contain the leak
      - action: Notify the data protection authority
        regulator: Komdigi
        within: 72h
    messages: [holding-statement]
  - id: viral-complaint
    name: Viral negative post
    kind: viral-negative-content
    likelihood: likely
    impact: moderate
    severity: sev2
    owner: social-lead
    signals: [A complaint passes 1,000 shares]
    first_steps: [Acknowledge the complaint publicly]
    messages: [holding-statement]
messages:
  - id: holding-statement
    name: Holding statement
    kind: holding-statement
    channels: [x]
    variables:
      - name: issue
        description: What happened, in a few words
        example: a problem with our app
    templates:
      - locale: en
        text: >-
          We know about {{ issue }} and are looking into it now.
          Next update by {{ next_update }}; help: {{ org.help_url }}
drills:
  cadence: 90d
  scenarios:
    - id: takeover-drill
      name: Account takeover tabletop
      threat: account-takeover
      severity: sev1
      injects:
        - at: 0m
          text: Strange posts appear on X
    - id: leak-drill
      name: Data leak tabletop
      threat: data-leak
      severity: sev1
      injects:
        - at: 0m
          text: A journalist asks about leaked data
  log:
    - date: 2026-10-15
      scenario: takeover-drill
      participants: [rina, dimas, sari]
      time_to_first_statement: 20m
      findings: [The password manager had the recovery codes]
    - date: 2026-10-15
      scenario: leak-drill
      participants: [rina, dimas, sari]
      time_to_first_statement: 35m
"""


_REPLACE = re.compile(r"^#\s*replace:\s*(.+)$", re.MULTILINE)


def example_plan_text(example: str) -> str:
    """The base plan with the example merged in, as YAML text.

    Items of id sections replace the base item with the same id, or are added.
    Mappings are merged one level deep (`drills: {log: [...]}` replaces the log).
    Anything else, and the sections named in a `# replace: threats` comment,
    replace the base section whole.
    """
    from io import StringIO

    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    base = yaml.load(BASE_PLAN)
    patch = yaml.load(example) or {}
    replace = {
        name.strip()
        for match in _REPLACE.findall(example)
        for name in match.split(",")
        if name.strip()
    }
    for key, value in patch.items():
        current = base.get(key)
        if key in replace or current is None:
            base[key] = value
        elif key in ID_SECTIONS and isinstance(value, list) and isinstance(current, list):
            merged = {item.get("id"): item for item in current if isinstance(item, dict)}
            for item in value:
                merged[item.get("id") if isinstance(item, dict) else id(item)] = item
            base[key] = list(merged.values())
        elif isinstance(value, dict) and isinstance(current, dict):
            base[key] = {**current, **value}
        else:
            base[key] = value
    yaml.default_flow_style = False
    out = StringIO()
    yaml.dump(base, out)
    return out.getvalue()
