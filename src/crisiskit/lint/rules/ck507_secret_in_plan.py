"""CK507 secret-in-plan."""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from crisiskit.diagnostics.errors import TemplateError
from crisiskit.diagnostics.findings import Level, Span
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.loader.sourcemap import DataPath
from crisiskit.loader.tree import Tree

SECRET_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "a password",
        re.compile(
            r"(?i)\b(password|passwd|pwd|passcode|kata ?sandi|sandi|pin)\b"
            r"\s*(is|adalah)?\s*[:=]\s*\S{4,}"
        ),
    ),
    (
        "an API token",
        re.compile(r"(?i)\b(api[_ -]?key|token|secret)\b\s*[:=]\s*[A-Za-z0-9_\-]{12,}"),
    ),
    ("an AWS access key", re.compile(r"\bAKIA[0-9A-Z]{16}\b")),
    ("a GitHub token", re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b")),
    ("a Slack token", re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}")),
    ("a Google API key", re.compile(r"\bAIza[0-9A-Za-z_\-]{35}\b")),
    ("a JSON web token", re.compile(r"\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}")),
    ("a private key", re.compile(r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----")),
    (
        "recovery codes",
        re.compile(
            r"(?i)\b(recovery|backup|kode pemulihan)\b[^:\n]{0,20}[:=]\s*"
            r"(?:[a-z0-9]{4,8}[- ]?[a-z0-9]{4,8}[ ,;]+){2,}"
        ),
    ),
)


# One scan per text: the kinds as named alternatives, in the order above.
_ANY_SECRET = re.compile(
    "|".join(
        f"(?P<k{i}>{pattern.pattern.removeprefix('(?i)')})"
        if not pattern.pattern.startswith("(?i)")
        else f"(?P<k{i}>(?i:{pattern.pattern.removeprefix('(?i)')}))"
        for i, (_, pattern) in enumerate(SECRET_PATTERNS)
    )
)


# Every pattern above needs one of these markers, or ':' or '=' after one of these
# words; most texts have neither and skip the regexes.
_MARKERS = ("AKIA", "gh", "xox", "AIza", "eyJ", "-----BEGIN")
_WORDS = ("pass", "pwd", "sandi", "pin", "api", "token", "secret", "recovery", "backup", "kode")


@lru_cache(maxsize=65536)  # fragments shared by many plans repeat their texts
def _secret(text: str) -> tuple[str, str] | None:
    """The first kind of secret in ``text`` (by the order above) and its masked match."""
    if not any(marker in text for marker in _MARKERS):
        if ":" not in text and "=" not in text:
            return None
        lowered = text.lower()
        if not any(word in lowered for word in _WORDS):
            return None
    if _ANY_SECRET.search(text) is None:
        return None
    for kind, pattern in SECRET_PATTERNS:
        match = pattern.search(text)
        if match:
            return kind, _mask(match.group(0))
    return None  # pragma: no cover - the combined pattern matched one of them


@cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """(attribute, name as written) of each field; pydantic's lookup is slow per value."""
    return tuple((name, info.alias or name) for name, info in model.model_fields.items())


def _secrets(root: BaseModel) -> list[tuple[DataPath, str, str]]:
    """(data path as written, kind, masked match) for every text that holds a secret."""
    found: list[tuple[DataPath, str, str]] = []
    path: list[str | int] = []

    def visit(value: Any) -> None:
        if isinstance(value, BaseModel):
            items: Any = ((shown, getattr(value, name)) for name, shown in _fields(type(value)))
        elif isinstance(value, dict):
            items = value.items()
        elif isinstance(value, list | tuple):
            items = enumerate(value)
        else:
            return
        for key, item in items:
            # Texts and other leaves are checked here, not in a call each: a large plan
            # (or an agency's shared team, once per client plan) has hundreds of thousands.
            # Sorted by type (isinstance on a model class is slow, and most leaves are not).
            kind = _KINDS.get(type(item))
            if kind is None:
                kind = _kind(type(item))
            if kind is _TEXT:
                secret = _secret(item)
                if secret is not None:
                    found.append(((*path, key), *secret))
            elif kind is _NESTED:
                path.append(key)
                visit(item)
                path.pop()

    if isinstance(root, str):
        secret = _secret(root)
        return [((), *secret)] if secret is not None else []
    visit(root)
    return found


_CONTAINERS = (BaseModel, dict, list, tuple)
_TEXT, _NESTED, _OTHER = "text", "nested", "other"
_KINDS: dict[type, str] = {}


def _kind(kind: type) -> str:
    """What a value of this type is to the walk: a text (str and its subclasses, such as
    the enums), something to walk into, or anything else."""
    found = _TEXT if issubclass(kind, str) else _NESTED if issubclass(kind, _CONTAINERS) else _OTHER
    _KINDS[kind] = found
    return found


def _comment(line: str) -> int | None:
    """Where the line's YAML comment starts: `#` first or after a space, outside quotes."""
    quote: str | None = None
    index = 0
    while index < len(line):
        char = line[index]
        if quote is not None:
            if char == "\\" and quote == '"':
                index += 1  # an escaped character, perhaps a quote
            elif char == quote:
                if quote == "'" and line[index + 1 : index + 2] == "'":
                    index += 1  # '' is a quote inside single quotes
                else:
                    quote = None
        elif char in "\"'" and (index == 0 or line[index - 1] in " \t[{,:-?"):
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return index
        index += 1
    return None


# A fragment shared by many plans is scanned once per content version.
_SCANNED: dict[tuple[Path, Hashable], tuple[tuple[int, int, int, str, str], ...]] = {}


def _secrets_in_comments(tree: Tree, path: Path) -> tuple[tuple[int, int, int, str, str], ...]:
    """(line, start column, end column, kind, masked) of each secret in the file's comments."""
    try:
        key = (path, tree.version(path))
    except OSError:
        return ()
    cached = _SCANNED.get(key)
    if cached is not None:
        return cached
    found = []
    try:
        for number, raw in enumerate(tree.lines(path), start=1):
            if "#" not in raw:
                continue
            line = raw.rstrip("\r\n")
            start = _comment(line)
            secret = _secret(line[start + 1 :]) if start is not None else None
            if start is not None and secret is not None:
                found.append((number, start + 1, len(line) + 1, *secret))
    except (OSError, UnicodeDecodeError):
        return ()  # the loader has reported it
    if len(_SCANNED) > 1024:
        _SCANNED.clear()
    _SCANNED[key] = result = tuple(found)
    return result


def _comment_secrets(ctx: LintContext) -> Iterator[Violation]:
    """Secrets in the comments of the plan and of the fragments it includes."""
    from crisiskit.loader.repository import display_path

    hint = "remove the comment and rotate the credential: git history keeps the old text"
    files = [(ctx.loaded.path, ctx.loaded.file)]
    files += [(path, display_path(path)) for path in ctx.loaded.fragments]
    for path, shown in files:
        for line, start, end, kind, masked in _secrets_in_comments(ctx.loaded.tree, path):
            yield Violation(
                (),
                f"this comment looks like {kind} ('{masked}')",
                hint,
                at=(shown, Span(line, start, line, end)),
            )


def _mask(text: str) -> str:
    return text[:3] + "…" if len(text) > 3 else "…"


@rule("CK507", "secret-in-plan", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A password, token, private key or recovery code is written into the plan.

    Plans live in git and are shared with agencies and printed for drills. Keep
    credentials in a password manager and write only where to find them
    ("recovery codes: in the 'Brand accounts' vault"). Template files and YAML
    comments are read too: what is in them may be published, and git keeps them.

    Failing example:
    ```yaml
    threats:
      - id: account-takeover
        name: Account takeover
        kind: account-takeover
        likelihood: possible
        impact: severe
        severity: sev1
        owner: social-lead
        signals: [Posts nobody on the team wrote]
        first_steps: ["Log in with password: Kopi2026!Senja"]
        messages: [holding-statement]
    ```

    Passing example:
    ```yaml
    threats:
      - id: account-takeover
        name: Account takeover
        kind: account-takeover
        likelihood: possible
        impact: severe
        severity: sev1
        owner: social-lead
        signals: [Posts nobody on the team wrote]
        first_steps: [Log in with the credentials from the 'Brand accounts' vault]
        messages: [holding-statement]
    ```
    """
    yield from _comment_secrets(ctx)
    hint = "remove it from the plan and rotate it; write where to find it instead"
    for path, kind, masked in _secrets(ctx.plan):
        yield Violation(path, f"this looks like {kind} ('{masked}')", hint)
    for i, message in enumerate(ctx.plan.messages):
        for j, variant in enumerate(message.templates):
            if variant.file is None:
                continue  # inline text is a plan value, checked above
            try:
                text, shown = ctx.template_source(variant)
            except TemplateError:
                continue  # CK403 reports a template that cannot be read
            for line_number, line in enumerate(text.splitlines(), start=1):
                found = _secret(line)
                if found is not None:
                    kind, masked = found
                    yield Violation(
                        ("messages", i, "templates", j, "file"),
                        f"{shown} line {line_number} looks like {kind} ('{masked}')",
                        hint,
                    )
