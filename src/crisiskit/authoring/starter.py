"""`crisiskit init`: a starter plan that validates clean and takes minutes to finish.

The templates ship inside the package (``authoring/starter/<language>/``), so a user who
ran ``pip install crisiskit`` has them with no repository around. What a person answers
goes into the YAML only through :func:`yaml_scalar`, never as raw text.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from crisiskit.diagnostics.errors import UsageError

LANGUAGES = ("en", "id")
LOCALE_NAMES = {"en": "English", "id": "Bahasa Indonesia"}
# Public channels the starter's messages fit (SMS and e-mail need messages of their own).
CHANNELS = (
    "x",
    "threads",
    "bluesky",
    "mastodon",
    "instagram",
    "tiktok",
    "linkedin",
    "facebook",
    "youtube",
    "whatsapp",
)
DEFAULT_CHANNELS = ("x", "instagram", "facebook")
TEAM_FILE = "team.yaml"


@dataclass(frozen=True, slots=True)
class Defaults:
    """What the starter assumes in one language when nobody answers."""

    organization: str
    agency: str
    region: str
    timezone: str
    # Numbers nobody answers: 555-01xx is reserved for fiction in North America;
    # Indonesia has no such range, so these are marked CHECK in the plan.
    people: tuple[tuple[str, str], ...]


DEFAULTS = {
    "en": Defaults(
        "Example Organization",
        "Example Agency",
        "US",
        "America/New_York",
        (("Alex Morgan", "+1 212-555-0101"), ("Sam Taylor", "+1 212-555-0102")),
    ),
    "id": Defaults(
        "Contoh Organisasi",
        "Contoh Agensi",
        "ID",
        "Asia/Jakarta",
        (("Dewi Lestari", "+62 812-0000-0001"), ("Bima Saputra", "+62 812-0000-0002")),
    ),
}
_NOT_TEXT = frozenset(("null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf"))
_REGULATORS = {"ID": "Komdigi / Lembaga PDP", "GB": "ICO", "US": "State attorney general"}


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    phone: str


@dataclass(frozen=True, slots=True)
class StarterAnswers:
    """Everything `init` asks, checked by :meth:`check`."""

    language: str
    organization: str
    region: str
    timezone: str
    people: tuple[Person, ...]
    help_url: str
    today: date
    locales: tuple[str, ...] = ()
    channels: tuple[str, ...] = DEFAULT_CHANNELS
    agency: str | None = None  # the agency's name: a shared team and one client plan

    def check(self) -> None:
        """Raise UsageError naming the first answer the plan could not use."""
        check_language(self.language)
        check_name(self.organization, "organization")
        if self.agency is not None:
            check_name(self.agency, "agency")
        check_region(self.region)
        check_timezone(self.timezone)
        for locale in self.locales:
            check_locale(locale)
        if not self.channels:
            raise UsageError("channels: give at least one, e.g. x,instagram")
        for channel in self.channels:
            check_channel(channel)
        if len(self.people) < 2:
            raise UsageError("people: give at least two, so that every role has a backup")
        for person in self.people:
            check_name(person.name, "person")
            check_phone(person.phone, self.region)
        check_url(self.help_url)


def check_language(value: str) -> str:
    if value not in LANGUAGES:
        raise UsageError(f"--locale: '{value}' is not one of {', '.join(LANGUAGES)}")
    return value


def check_locale(value: str) -> str:
    if value not in LANGUAGES:
        raise UsageError(
            f"locales: init writes messages in {' and '.join(LANGUAGES)}; '{value}' is not "
            "one of them (add other locales to the plan afterwards)"
        )
    return value


def check_name(value: str, what: str) -> str:
    if not value.strip():
        raise UsageError(f"{what}: the name is empty")
    if any(unicodedata.category(c).startswith("C") for c in value):
        raise UsageError(f"{what}: the name holds control characters")
    return value.strip()


def check_region(value: str) -> str:
    if not re.fullmatch(r"[A-Z]{2}", value):
        raise UsageError(f"region: '{value}' is not a two-letter country code, e.g. ID or GB")
    return value


def check_timezone(value: str) -> str:
    from crisiskit.model.types import check_timezone as check

    try:
        return check(value)
    except ValueError as exc:
        raise UsageError(f"timezone: {exc}") from None


def check_channel(value: str) -> str:
    if value not in CHANNELS:
        from crisiskit.util.suggest import did_you_mean

        hint = did_you_mean(value, CHANNELS)
        raise UsageError(
            f"channels: '{value}' is not one of {', '.join(CHANNELS)}{'; ' + hint if hint else ''}"
        )
    return value


def check_phone(value: str, region: str) -> str:
    from crisiskit.model.types import phone_problem

    problem = phone_problem(value, region)
    if problem is not None:
        raise UsageError(f"phone: {problem}")
    return value


def check_url(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s\"'<>]+", value):
        raise UsageError(f"help URL: '{value}' is not a web address, e.g. https://example.com/help")
    return value


def slug(name: str, fallback: str) -> str:
    """An id from a name: `Warung Rasa` → `warung-rasa` (``fallback`` if no letter is left)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    found = "-".join(words)[:40].strip("-")
    # An id YAML would read as something else than text (`null`, `no`, `1`) is no id.
    if not found or found in _NOT_TEXT or re.fullmatch(r"[0-9-]+", found):
        return fallback
    return found


def yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar that reads back as exactly this string."""
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 .,()/_-]*[A-Za-z0-9.)]", value) and value.lower() not in (
        "yes",
        "no",
        "on",
        "off",
        "true",
        "false",
        "null",
    ):
        return value
    quoted = json.dumps(value, ensure_ascii=False)
    # JSON leaves some characters YAML will not read raw; escape them the same way.
    return "".join(c if c.isprintable() or c == " " else _escape(c) for c in quoted)


def _escape(character: str) -> str:
    code = ord(character)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _person_ids(people: tuple[Person, ...]) -> list[str]:
    ids: list[str] = []
    for number, person in enumerate(people, start=1):
        words = person.name.split()
        base = slug(words[0] if words else "", f"person-{number}")
        candidate, suffix = base, 2
        while candidate in ids:
            candidate, suffix = f"{base}-{suffix}", suffix + 1
        ids.append(candidate)
    return ids


def _team_context(people: tuple[Person, ...]) -> dict[str, Any]:
    """People with hours that cover the clock, and roles that each have a backup.

    The first two people share the day (07:00-19:00 and 19:00-07:00) and hold both
    critical roles, so a critical role is never left uncovered; everyone else holds a
    role too.
    """
    ids = _person_ids(people)
    first, second, rest = ids[0], ids[1], ids[2:]
    hours = [("07:00", "19:00"), ("19:00", "07:00")] + [("09:00", "17:00")] * len(rest)
    return {
        "people": [
            {"id": i, "name": p.name, "phone": p.phone, "start": h[0], "end": h[1]}
            for i, p, h in zip(ids, people, hours, strict=True)
        ],
        "roles": {
            "crisis_lead": {"primary": first, "backups": [second]},
            "social_lead": {"primary": second, "backups": [first, *rest[1:]]},
            "spokesperson": {
                "primary": rest[0] if rest else first,
                "backups": [first if rest else second],
            },
        },
    }


def _messages(
    language: str, locales: tuple[str, ...]
) -> tuple[list[dict[str, Any]], dict[str, dict[str, str]]]:
    """The messages' descriptions in the plan's language, and their texts per locale."""
    from ruamel.yaml import YAML

    def catalogue(locale: str) -> dict[str, dict[str, Any]]:
        text = _starter_file(locale, "messages.yaml")
        loaded: dict[str, dict[str, Any]] = YAML(typ="safe", pure=True).load(text)
        return loaded

    described = catalogue(language)
    texts: dict[str, dict[str, str]] = {}
    for locale in locales:
        for message_id, message in catalogue(locale).items():
            texts.setdefault(message_id, {})[locale] = message["text"]
    messages = [{"id": key, "internal": False, **value} for key, value in described.items()]
    return messages, texts


def _starter_file(language: str, name: str) -> str:
    return (
        resources.files("crisiskit.authoring")
        .joinpath("starter", language, name)
        .read_text(encoding="utf-8")
    )


def _block(text: str, indent: int) -> str:
    """A folded (`>-`) block: the text wrapped at spaces, which folding reads back as one."""
    import textwrap

    # A Jinja expression stays on one line: `{{ next_update }}` reads better whole.
    glued = re.sub(r"\{\{.*?\}\}", lambda m: m.group().replace(" ", "\x00"), " ".join(text.split()))
    lines = textwrap.wrap(
        glued, width=max(40, 88 - indent), break_long_words=False, break_on_hyphens=False
    )
    return "\n".join(" " * indent + line.replace("\x00", " ") for line in lines)


def _render(language: str, template: str, context: dict[str, Any]) -> str:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: _starter_file(language, name)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    environment.filters["q"] = yaml_scalar
    environment.filters["block"] = _block
    return environment.get_template(template).render(context)


def starter_files(answers: StarterAnswers) -> dict[str, str]:
    """The files of the starter, by path relative to the directory `init` fills."""
    from crisiskit.authoring.fmt import format_text

    answers.check()
    language = answers.language
    locales = answers.locales or (language,)
    messages, texts = _messages(language, locales)
    organization_id = slug(answers.organization, "organization")
    context: dict[str, Any] = {
        "org": {
            "name": answers.organization,
            "id": organization_id,
            "agency": answers.agency,
            "timezone": answers.timezone,
            "region": answers.region,
            "help_url": answers.help_url,
        },
        "today": answers.today.isoformat(),
        "drill_due": (answers.today + timedelta(days=30)).isoformat(),
        "locales": [{"id": locale, "name": LOCALE_NAMES[locale]} for locale in locales],
        "channels": list(answers.channels),
        "messages": messages,
        "texts": texts,
        "regulator": _REGULATORS.get(answers.region, "Data protection authority"),
        "agency": answers.agency is not None,
        "team_file": TEAM_FILE,
        "fragment": False,
        **_team_context(answers.people),
    }
    if answers.agency is None:
        files = {f"plans/{organization_id}.yaml": _render(language, "plan.yaml.j2", context)}
    else:
        folder = f"plans/{slug(answers.agency, 'agency')}"
        team = _render(language, "team.yaml.j2", {**context, "fragment": True})
        plan = _render(language, "plan.yaml.j2", context)
        files = {f"{folder}/{TEAM_FILE}": team, f"{folder}/{organization_id}.yaml": plan}
    return {path: format_text(text, path) for path, text in files.items()}


ROOT_MARKER = "crisiskit.toml"
ROOT_MARKER_TEXT = """\
# crisiskit settings (README: "Configuration"). This file also marks the top of the
# plans' repository: includes and templates may not leave this directory.
"""


def _inside_repository(directory: Path) -> bool:
    from crisiskit.loader.repository import ROOT_MARKERS

    start = directory.resolve()
    return any(
        (folder / marker).exists() for folder in (start, *start.parents) for marker in ROOT_MARKERS
    )


def write_starter(directory: Path, files: dict[str, str]) -> list[Path]:
    """Write ``files`` under ``directory``; nothing at all if any of them exists.

    Outside any repository a `crisiskit.toml` marks ``directory`` as the plans' root, so
    includes and templates are confined to it (and validate does not warn, CK024).
    """
    from crisiskit.util.atomic import write_atomic

    if not _inside_repository(directory):
        files = {ROOT_MARKER: ROOT_MARKER_TEXT, **files}
    targets = [directory / relative for relative in files]
    existing = [str(target) for target in targets if target.exists() or target.is_symlink()]
    if existing:
        raise UsageError(
            f"{', '.join(existing)} already exist{'s' if len(existing) == 1 else ''}; "
            "init never overwrites a file (choose another directory)"
        )
    for target, text in zip(targets, files.values(), strict=True):
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"{target.parent}: cannot create: {exc.strerror or exc}") from None
        write_atomic(target, text)
    return targets
