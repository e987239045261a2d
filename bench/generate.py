"""Generate realistic synthetic crisis plans for the benchmarks (deterministic, seeded).

Writes into bench/out/:

* ``brand/plan.yaml``: a typical single-brand plan (~15 people, ~8 roles, 4 severities,
  ~10 threats, ~8 messages with inline templates, drills);
* ``agency/``: ``agency-team.yaml`` (the agency's shared people and roles) and 300
  client plans that include it;
* ``plan-1mb.yaml``, ``plan-5mb.yaml`` and ``plan-10mb.yaml``: one brand with a very
  large team, many threats and messages (sized to about 1, 5 and 10 MB);
* the varied shape (``varied.py``): ``varied-1mb.yaml``, ``varied-5mb.yaml``,
  ``varied-10mb.yaml`` (eight locales, mostly non-ASCII text, an X variant of every
  public message, hundreds of critical roles, a large team) and ``agency-varied/`` (300
  clients of an agency whose roles are all critical, a quarter of the templates in files).

Every plan is built from the plan format's semantics (crisiskit.model): ids are unique,
every reference resolves, critical roles are covered around the clock, data-leak threats
carry a regulator deadline, message templates use exactly their declared variables.

Usage: python bench/generate.py [--seed 7] [--out bench/out] [--clients 300]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import shutil
from pathlib import Path
from typing import Any

OUT = Path(__file__).parent / "out"

FIRST = [
    "Ayu",
    "Bima",
    "Citra",
    "Dewi",
    "Eko",
    "Fajar",
    "Gita",
    "Hendra",
    "Intan",
    "Joko",
    "Kartika",
    "Lestari",
    "Made",
    "Nadia",
    "Oki",
    "Putri",
    "Rina",
    "Sari",
    "Tono",
    "Umi",
    "Wulan",
    "Yusuf",
    "Olivia",
    "Tom",
    "Maria",
    "Wei",
    "James",
    "Priya",
    "Sam",
    "Emma",
    "Liam",
    "Noah",
    "Ava",
    "Mia",
    "Lucas",
    "Chloe",
    "Daniel",
    "Grace",
    "Henry",
    "Isla",
    "Jack",
    "Leo",
    "Ruby",
    "Theo",
    "Zara",
]
LAST = [
    "Lestari",
    "Saputra",
    "Maharani",
    "Anggraini",
    "Prasetyo",
    "Wijaya",
    "Kusuma",
    "Permatasari",
    "Santoso",
    "Hidayat",
    "Nugroho",
    "Siregar",
    "Bennett",
    "Clarke",
    "Alvarez",
    "Okafor",
    "Shah",
    "Whitfield",
    "Turner",
    "Hughes",
    "Patel",
    "Murphy",
    "Walsh",
    "Evans",
    "Foster",
    "Reid",
    "Tan",
    "Lim",
    "Wong",
    "Nguyen",
]
TITLES = (
    "Social Media Manager",
    "Community Manager",
    "Night Community Manager",
    "Head of Communications",
    "Crisis Communications Director",
    "Account Director",
    "Legal Counsel",
    "Data Protection Officer",
    "Chief Executive Officer",
    "Customer Care Lead",
    "Content Producer",
    "Security Engineer",
)
ZONES = ("Asia/Jakarta", "Asia/Makassar", "Europe/London", "Asia/Singapore")
ALL_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
# Three shifts that together cover the clock, every day (critical roles need it).
SHIFTS = (
    [{"days": ALL_DAYS, "start": "07:00", "end": "16:00"}],
    [{"days": ALL_DAYS, "start": "15:00", "end": "24:00"}],
    [{"days": ALL_DAYS, "start": "23:00", "end": "08:00"}],
)
OFFICE_HOURS = [{"days": ALL_DAYS[:5], "start": "08:00", "end": "18:00"}]

CHANNELS = [
    {"id": "x", "platform": "x", "handle": "@{brand}"},
    {"id": "instagram", "platform": "instagram", "handle": "@{brand}"},
    {"id": "tiktok", "platform": "tiktok", "handle": "@{brand}"},
    {"id": "facebook", "platform": "facebook", "handle": "{Brand}"},
    {"id": "linkedin", "platform": "linkedin", "handle": "{brand}"},
    {"id": "bluesky", "platform": "bluesky", "handle": "@{brand}.example.com"},
    {"id": "customer-email", "platform": "email", "name": "E-mail to affected customers"},
    {"id": "staff-chat", "platform": "chat", "name": "Staff chat", "audience": "internal"},
]
PUBLIC_CHANNELS = ["x", "instagram", "tiktok", "facebook", "linkedin", "bluesky"]

THREAT_KINDS = (
    ("account-takeover", "Brand account taken over", "severe", "possible"),
    ("data-leak", "Customer data exposed", "severe", "unlikely"),
    ("viral-negative-content", "Complaint video goes viral", "major", "likely"),
    ("offensive-post", "Mistimed or insensitive post", "moderate", "possible"),
    ("partner-scandal", "Ambassador in a scandal", "moderate", "possible"),
    ("misinformation", "False rumour about the brand", "moderate", "possible"),
    ("customer-complaint", "Delivery complaints pile up", "minor", "likely"),
    ("product-safety", "Product safety concern", "major", "unlikely"),
    ("employee-conduct", "Employee misconduct on video", "moderate", "unlikely"),
    ("cyber-attack", "Website or app down after an attack", "major", "unlikely"),
)

# kind, audience, variables (name, description, example), English and Indonesian text.
MESSAGE_KINDS: tuple[tuple[str, str, list[tuple[str, str, str]], str, str], ...] = (
    (
        "holding-statement",
        "public",
        [("issue", "What people are seeing, in neutral words", "reports of late deliveries")],
        "We know about {{ issue }}. We are looking into it now and will share an update "
        "within the hour. Questions: {{ help_url }}",
        "Kami mengetahui {{ issue }}. Kami sedang menanganinya dan akan memberi kabar "
        "dalam satu jam. Bantuan: {{ help_url }}",
    ),
    (
        "update",
        "public",
        [
            ("known", "What we know now", "the delay affects orders from Jakarta"),
            ("doing", "What we are doing about it", "we are adding couriers"),
        ],
        "Update: {{ known }}. What we are doing: {{ doing }}. Next update in 30 minutes; "
        "help at {{ help_url }}",
        "Kabar terbaru: {{ known }}. Yang kami lakukan: {{ doing }}. Kabar berikutnya "
        "dalam 30 menit; bantuan di {{ help_url }}",
    ),
    (
        "resolution",
        "public",
        [("outcome", "How it was resolved", "every late order has now been delivered")],
        "Resolved: {{ outcome }}. Thank you for your patience. If you still need help, "
        "visit {{ help_url }}",
        "Selesai: {{ outcome }}. Terima kasih atas kesabaran Anda. Jika masih perlu "
        "bantuan, kunjungi {{ help_url }}",
    ),
    (
        "apology",
        "public",
        [
            ("mistake", "What went wrong, plainly", "our post was insensitive"),
            ("fix", "What we are changing", "every scheduled post is now reviewed twice"),
        ],
        "We are sorry: {{ mistake }}. We have removed it and {{ fix }}. Tell us what you "
        "think at {{ help_url }}",
        "Kami mohon maaf: {{ mistake }}. Kami sudah menghapusnya dan {{ fix }}. "
        "Sampaikan pendapat Anda di {{ help_url }}",
    ),
    (
        "internal-alert",
        "internal",
        [("summary", "One short line on what happened", "X account posted a crypto scam")],
        "Incident declared: {{ summary }}. Join the war room now; do not post anything "
        "until the crisis lead approves.",
        "Insiden diumumkan: {{ summary }}. Segera bergabung ke ruang krisis; jangan "
        "mengunggah apa pun sebelum disetujui.",
    ),
)

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.'()/_-]*$")
# Dates, durations and URLs are written unquoted, as people write them.
_PLAIN_OTHER = re.compile(r"^(?:\d{4}-\d{2}-\d{2}|\d+[wdhm]|https?://[^\s#]+)$")
_RESERVED = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED and not text.endswith(" "):
        return text
    if _PLAIN_OTHER.match(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def emit(value: Any, indent: int = 0) -> list[str]:
    """Block-style YAML, with flow lists for short lists of ids (as people write them)."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict):
                lines.append(f"{pad}{key}:")
                lines.extend(emit(item, indent + 2))
            elif isinstance(item, list) and item and all(_is_id(x) for x in item):
                lines.append(f"{pad}{key}: [{', '.join(item)}]")
            elif isinstance(item, list):
                lines.append(f"{pad}{key}:" if item else f"{pad}{key}: []")
                lines.extend(emit(item, indent + 2))
            else:
                lines.append(f"{pad}{key}: {scalar(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                inner = emit(item, indent + 2)
                lines.append(f"{pad}- {inner[0].lstrip()}")
                lines.extend(inner[1:])
            else:
                lines.append(f"{pad}- {scalar(item)}")
    return lines


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[a-z0-9][a-z0-9_-]*", value) is not None


class Brand:
    """Builds one plan's sections; ``n`` sets how many items each section gets."""

    def __init__(self, rng: random.Random, slug: str, name: str, phone_base: int) -> None:
        self.rng = rng
        self.slug = slug
        self.name = name
        self.phone = phone_base

    def people(self, count: int, prefix: str = "") -> list[dict[str, Any]]:
        people = []
        for i in range(count):
            first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
            pid = f"{prefix}{first.lower()}-{i + 1}"
            self.phone += 1
            number = self.phone
            # Shift workers live in the plan's timezone, so that three shifts cover the clock.
            zone = self.rng.choice(ZONES) if not i % 5 else "Asia/Jakarta"
            phone = (
                f"+44 7911 {number % 1_000_000:06d}"
                if zone == "Europe/London"
                else f"+62 812-{number // 10_000 % 10_000:04d}-{number % 10_000:04d}"
            )
            people.append(
                {
                    "id": pid,
                    "name": f"{first} {last}",
                    "title": self.rng.choice(TITLES),
                    "phone": phone,
                    "email": f"{pid}@{self.slug}.example.com",
                    "chat": f"@{pid}",
                    "timezone": zone,
                    "locales": ["en", "id"] if i % 3 else ["id"],
                    "working_hours": SHIFTS[i % 3] if i % 5 else OFFICE_HOURS,
                }
            )
        return people

    def roles(
        self, people: list[dict[str, Any]], count: int, prefix: str = "", critical: bool = True
    ) -> list[Any]:
        names = (
            ("crisis-lead", "Crisis lead", True, True),
            ("social-lead", "Social media lead", True, False),
            ("spokesperson", "Spokesperson", False, False),
            ("executive", "Executive sponsor", False, True),
            ("legal", "Legal counsel", False, False),
            ("dpo", "Data protection officer", False, False),
            ("care-lead", "Customer care lead", False, False),
            ("security", "Security lead", False, False),
        )
        roles = []
        # People in shifts 0/1/2 cover the clock together: a role takes one of each, in
        # turn, so that everyone holds a role; office-hours people are extra backups.
        by_shift = [
            [p["id"] for j, p in enumerate(people) if j % 3 == s and j % 5] for s in range(3)
        ]
        office = [p["id"] for j, p in enumerate(people) if not j % 5]
        for i in range(count):
            base, title, is_critical, decider = names[i % len(names)]
            rid = f"{prefix}{base}" if i < len(names) else f"{prefix}{base}-{i // len(names)}"
            primary, b1, b2 = (shift[i % len(shift)] for shift in by_shift)
            extra = [office[i]] if i < len(office) else []
            role: dict[str, Any] = {
                "id": rid,
                "name": title if i < len(names) else f"{title} {i // len(names) + 1}",
                "responsibilities": [
                    f"Own the {title.lower()} duties during an incident",
                    "Hand over to the backup when going off shift",
                ],
                "primary": primary,
                "backups": [b1, b2, *extra],
            }
            if is_critical and critical and i < len(names):
                role["critical"] = True
            if decider:
                role["decision_maker"] = True
            roles.append(role)
        return roles

    def severities(self, roles: list[str]) -> list[dict[str, Any]]:
        lead, social, exec_ = roles[0], roles[1], roles[3]
        table = (
            ("SEV1 — Critical", "15m", "30m", [lead, exec_], [lead, exec_]),
            ("SEV2 — High", "30m", "1h", [lead], [lead]),
            ("SEV3 — Medium", "2h", "4h", [lead], [lead]),
            ("SEV4 — Low", "1d", "1d", [social], [social]),
        )
        return [
            {
                "id": f"sev{i + 1}",
                "name": name,
                "level": i + 1,
                "criteria": [f"Criterion {i + 1} for {self.name}: public impact level {i + 1}"],
                "first_response": first,
                "update_every": every,
                "responder": social,
                "notify": notify,
                "approvers": approvers,
            }
            for i, (name, first, every, notify, approvers) in enumerate(table)
        ]

    @staticmethod
    def escalation(roles: list[str]) -> list[dict[str, Any]]:
        lead, social, exec_ = roles[0], roles[1], roles[3]
        return [
            {"from": social, "to": lead, "after": "10m", "severities": ["sev1"]},
            {"from": social, "to": lead, "after": "30m", "severities": ["sev2", "sev3", "sev4"]},
            {"from": lead, "to": exec_, "after": "30m", "severities": ["sev1"]},
            {"from": lead, "to": exec_, "after": "4h", "severities": ["sev2"]},
        ]

    def messages(self, count: int, approver: str) -> list[dict[str, Any]]:
        messages = []
        for i in range(count):
            kind, audience, variables, en, id_ = MESSAGE_KINDS[i % len(MESSAGE_KINDS)]
            mid = kind if i < len(MESSAGE_KINDS) else f"{kind}-{i // len(MESSAGE_KINDS) + 1}"
            if audience == "internal":
                channels = ["staff-chat"]
            else:
                channels = self.rng.sample(PUBLIC_CHANNELS, 4)
                if kind == "apology":
                    channels.append("customer-email")
            declared = [*variables, ("help_url", "Where people get help", "https://x.example")]
            used = [v for v in declared if "{{ " + v[0] + " }}" in en]
            templates = [{"locale": "en", "text": en}, {"locale": "id", "text": id_}]
            messages.append(
                {
                    "id": mid,
                    "name": f"{kind.replace('-', ' ').capitalize()} {i + 1}",
                    "kind": kind,
                    **({"audience": "internal"} if audience == "internal" else {}),
                    "channels": channels,
                    **({"approvers": [approver]} if audience == "public" else {}),
                    "variables": [{"name": n, "description": d, "example": e} for n, d, e in used],
                    "templates": templates,
                }
            )
        return messages

    def threats(
        self, count: int, roles: list[str], messages: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        by_kind: dict[str, list[str]] = {}
        for m in messages:
            by_kind.setdefault(m["kind"], []).append(m["id"])
        threats = []
        for i in range(count):
            kind, name, impact, likelihood = THREAT_KINDS[i % len(THREAT_KINDS)]
            tid = kind if i < len(THREAT_KINDS) else f"{kind}-{i // len(THREAT_KINDS) + 1}"
            severity = {"severe": "sev1", "major": "sev1", "moderate": "sev2"}.get(impact, "sev3")
            steps: list[Any] = [
                {
                    "action": f"Get the facts about {name.lower()}",
                    "role": roles[0],
                    "within": "30m",
                },
                "Pause scheduled posts on every channel",
            ]
            if kind == "data-leak":
                steps.append(
                    {
                        "action": "Notify the data protection authority (UU No. 27/2022 art. 46)",
                        "role": roles[5 % len(roles)],
                        "regulator": "Komdigi",
                        "within": "72h",
                    }
                )
            pick = lambda k: self.rng.choice(by_kind[k])  # noqa: E731
            threats.append(
                {
                    "id": tid,
                    "name": name if i < len(THREAT_KINDS) else f"{name} ({i + 1})",
                    "kind": kind,
                    "description": f"{name} for {self.name}; scenario number {i + 1}.",
                    "likelihood": likelihood,
                    "impact": impact,
                    "severity": severity,
                    "owner": roles[i % 2],
                    "signals": [
                        f"Mentions of {self.name} with '{kind}' keywords double within an hour",
                        "Journalists or influencers ask for comment",
                    ],
                    "first_steps": steps,
                    "messages": [
                        pick("holding-statement"),
                        pick("internal-alert"),
                        pick("update"),
                        pick("resolution"),
                    ],
                }
            )
        return threats

    def drills(
        self, threats: list[str], people: list[str], count: int, lead: str
    ) -> dict[str, Any]:
        """A scenario per given (SEV1) threat, each drilled at least once; ``count`` drills."""
        scenarios = [
            {
                "id": f"{threat}-tabletop",
                "name": f"Tabletop: {threat.replace('-', ' ')}",
                "threat": threat,
                "severity": "sev1",
                "injects": [
                    {"at": "0m", "text": "A customer posts a screenshot that goes viral."},
                    {"at": "20m", "text": "A national newspaper asks for comment."},
                    {"at": "1h", "text": "The team confirms the facts.", "channel": "x"},
                ],
            }
            for threat in threats
        ]
        log = [
            {
                "date": f"2026-{10 - i % 6:02d}-{1 + i % 27:02d}",
                "scenario": scenarios[i % len(scenarios)]["id"],
                "participants": [lead, *self.rng.sample([p for p in people if p != lead], 3)],
                "time_to_first_statement": f"{12 + i % 9}m",
                "findings": ["The X variant was over the limit; we added a short one"],
                "follow_ups": [
                    {
                        "action": "Add a weekend contact to the plan",
                        "owner": people[i % len(people)],
                        "due": "2026-12-15",
                    }
                ],
            }
            for i in range(max(count, len(scenarios)))
        ]
        return {"cadence": "90d", "scenarios": scenarios, "log": log}

    def header(self, owner: str, speaker: str, agency: str | None = None) -> dict[str, Any]:
        org: dict[str, Any] = {
            "name": self.name,
            "id": self.slug,
            "default_timezone": "Asia/Jakarta",
            "default_region": "ID",
            "owner": owner,
            "website": f"https://{self.slug}.example.com",
            "help_url": f"https://{self.slug}.example.com/help",
            "handles": {"x": f"@{self.slug}", "instagram": f"@{self.slug}"},
            "coordination": {
                "war_room": f"Slack #crisis-{self.slug}",
                "bridge": f"https://meet.example.com/{self.slug}",
                "backup": "Signal group (if Slack or the brand accounts are compromised)",
            },
        }
        if agency:
            org["agency"] = agency
        return {
            "crisiskit": 1,
            "organization": org,
            "review": {"last_reviewed": "2026-10-20", "cadence": "90d", "owner": owner},
            "locales": [
                {"id": "id", "name": "Bahasa Indonesia", "spokesperson": speaker},
                {"id": "en", "name": "English", "spokesperson": speaker},
            ],
            "channels": [
                {k: v.format(brand=self.slug, Brand=self.slug.title()) for k, v in c.items()}
                for c in CHANNELS
            ],
        }


def brand_plan(
    rng: random.Random,
    slug: str,
    scale: tuple[int, int, int, int, int],
    phone_base: int,
) -> str:
    """A whole single-brand plan: (people, roles, threats, messages, drills) counts."""
    n_people, n_roles, n_threats, n_messages, n_drills = scale
    brand = Brand(rng, slug, slug.replace("-", " ").title(), phone_base)
    people = brand.people(n_people)
    roles = brand.roles(people, n_roles)
    role_ids = [r["id"] for r in roles]
    messages = brand.messages(n_messages, role_ids[0])
    threats = brand.threats(n_threats, role_ids, messages)
    plan = brand.header(people[0]["id"], role_ids[2])
    plan.update(
        people=people,
        roles=roles,
        severities=brand.severities(role_ids),
        escalation=brand.escalation(role_ids),
        threats=threats,
        messages=messages,
        drills=brand.drills(
            [t["id"] for t in threats if t["severity"] == "sev1"],
            [p["id"] for p in people],
            n_drills,
            roles[0]["primary"],
        ),
    )
    return (
        f"# Synthetic crisis plan for {brand.name} (bench/generate.py).\n"
        + "\n".join(emit(plan))
        + "\n"
    )


def agency(rng: random.Random, out: Path, clients: int) -> None:
    """An agency team fragment and ``clients`` client plans that include it."""
    out.mkdir(parents=True, exist_ok=True)
    team = Brand(rng, "kirana-agency", "Kirana Agency", 10_000_000)
    staff = team.people(12, prefix="ag-")
    staff_roles = team.roles(staff, 8)
    fragment = {"people": staff, "roles": staff_roles}
    (out / "agency-team.yaml").write_text(
        "# The agency's shared crisis team; every client plan includes it.\n"
        + "\n".join(emit(fragment))
        + "\n",
        encoding="utf-8",
    )
    role_ids = [r["id"] for r in staff_roles]
    for c in range(clients):
        slug = f"client-{c + 1:03d}"
        brand = Brand(rng, slug, f"Client {c + 1:03d}", 20_000_000 + c * 100)
        people = brand.people(4, prefix="cl-")
        client_roles = brand.roles(people, 2, prefix="cl-", critical=False)
        messages = brand.messages(6, role_ids[0])
        threats = brand.threats(6, role_ids, messages)
        plan = brand.header(staff[0]["id"], role_ids[2], agency="Kirana Agency")
        plan["include"] = ["agency-team.yaml"]
        plan.update(
            people=people,
            roles=client_roles,
            severities=brand.severities(role_ids),
            escalation=brand.escalation(role_ids),
            threats=threats,
            messages=messages,
            drills=brand.drills(
                [t["id"] for t in threats if t["severity"] == "sev1"],
                [p["id"] for p in staff + people],
                2,
                staff_roles[0]["primary"],
            ),
        )
        text = f"# Crisis plan for {brand.name}, run by Kirana Agency.\n" + "\n".join(emit(plan))
        (out / f"{slug}.yaml").write_text(text + "\n", encoding="utf-8")


def sized_plan(rng_seed: int, slug: str, target_bytes: int) -> str:
    """A plan of at least ``target_bytes`` (within a unit): counts scale from a measured unit."""

    def build(k: int) -> str:
        scale = (60 * k, 24 * k, 40 * k, 30 * k, 10 * k)
        return brand_plan(random.Random(rng_seed), slug, scale, 1_000_000)

    unit = len(build(1).encode())
    k = max(1, math.ceil(target_bytes / unit))
    text = build(k)
    while len(text.encode()) < target_bytes:  # a unit holds fixed overhead too
        k += 1
        text = build(k)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--clients", type=int, default=300)
    args = parser.parse_args()
    out: Path = args.out
    if out.exists():
        shutil.rmtree(out)
    (out / "brand").mkdir(parents=True)
    rng = random.Random(args.seed)
    (out / "brand" / "plan.yaml").write_text(
        brand_plan(rng, "nusa-coffee", (15, 8, 10, 8, 3), 5_000_000), encoding="utf-8"
    )
    agency(rng, out / "agency", args.clients)
    from varied import sized_varied_plan, varied_agency

    sizes = (("1mb", 1_000_000), ("5mb", 5_000_000), ("10mb", 10_000_000))
    for name, size in sizes:
        (out / f"plan-{name}.yaml").write_text(
            sized_plan(args.seed, "mega-retail", size), encoding="utf-8"
        )
        (out / f"varied-{name}.yaml").write_text(
            sized_varied_plan(args.seed, "siam-retail", size), encoding="utf-8"
        )
    varied_agency(random.Random(args.seed + 1), out / "agency-varied", args.clients)
    for path in sorted(out.glob("*.yaml")):
        print(f"{path.relative_to(out)}: {path.stat().st_size:,} bytes")
    for directory in ("agency", "agency-varied"):
        files = [p for p in (out / directory).rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        print(f"{directory}/: {len(files)} files, {size:,} bytes")


if __name__ == "__main__":
    main()
