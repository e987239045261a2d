"""Render message templates: Jinja's immutable sandbox, strict variables, confined files.

Templates come from the plan (inline `text:`) or from files inside the plan's
repository. `{% include %}`, `{% import %}` and `{% extends %}` go through the same
confinement, so no template can read a file outside the repository.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from crisiskit.diagnostics.errors import TemplateError
from crisiskit.loader.repository import OutsideRepository, confine, display_path
from crisiskit.loader.tree import WORKING_TREE, Tree
from crisiskit.util.timefmt import format_moment

if TYPE_CHECKING:
    from jinja2 import Template
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from crisiskit.loader.plan import ValidPlan
    from crisiskit.model.communication import Channel, Severity
    from crisiskit.model.messages import Message, TemplateVariant

# Names every template may use besides the message's declared variables.
CONTEXT_NAMES = frozenset(
    {"org", "spokesperson", "now", "next_update", "locale", "channel", "severity"}
)
# Rendering cost stays bounded even for hostile variable values.
MAX_OUTPUT_CHARS = 200_000


def _environment(root: Path, tree: Tree) -> ImmutableSandboxedEnvironment:
    from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class ConfinedLoader(BaseLoader):
        """Loads `{% include %}`d templates by path relative to the repository root."""

        def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
            try:
                path = confine(root, template, root, tree)
            except OutsideRepository as exc:
                raise TemplateNotFound(f"{template} ({exc})") from None
            if not tree.is_file(path):
                raise TemplateNotFound(template)
            text = tree.read_bytes(path).decode("utf-8")
            version = tree.version(path)
            return text, str(path), lambda: tree.is_file(path) and tree.version(path) == version

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        """The immutable sandbox, also refusing `'x' * 10**9` and `2 ** 10**8`."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            from jinja2.exceptions import SecurityError

            if operator == "**" and isinstance(right, int) and abs(right) > 1000:
                raise SecurityError("exponent too large for a message template")
            if operator == "*":
                for sized, times in ((left, right), (right, left)):
                    if (
                        isinstance(sized, str | list | tuple)
                        and isinstance(times, int)
                        and len(sized) * times > MAX_OUTPUT_CHARS
                    ):
                        raise SecurityError("repetition too large for a message template")
            return super().call_binop(context, operator, left, right)

    return BoundedSandbox(
        loader=ConfinedLoader(),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@dataclass
class Renderer:
    """Compiles each template once per run; one renderer per repository root and tree."""

    root: Path
    tree: Tree = WORKING_TREE
    _environment: ImmutableSandboxedEnvironment | None = None
    # Keyed by the text alone: an agency's client plans share their inline templates.
    _compiled: dict[str, Template] = field(default_factory=dict)
    _names: dict[str, set[str]] = field(default_factory=dict)
    _files: dict[Path, tuple[object, str]] = field(default_factory=dict)

    @staticmethod
    @lru_cache(maxsize=64)
    def for_root(root: Path, tree: Tree = WORKING_TREE) -> Renderer:
        """The renderer shared by every plan of a repository (and revision) in one process."""
        return Renderer(root, tree)

    @property
    def environment(self) -> ImmutableSandboxedEnvironment:
        if self._environment is None:
            self._environment = _environment(self.root, self.tree)
        return self._environment

    def source(self, loaded: ValidPlan, variant: TemplateVariant) -> tuple[str, str]:
        """The template text and a name to report it by (the file, or the plan)."""
        if variant.text is not None:
            return variant.text, f"{loaded.file} (inline {variant.locale})"
        assert variant.file is not None
        try:
            path = confine(loaded.path.parent, variant.file, loaded.root, self.tree)
        except OutsideRepository as exc:
            raise TemplateError(str(exc), variant.file) from None
        try:
            version = self.tree.version(path)
            # Every draft, the variable rules and CK507 ask for the same files: read once,
            # again only if the file changed.
            cached = self._files.get(path)
            if cached is None or cached[0] != version:
                cached = version, self.tree.read_bytes(path).decode("utf-8")
                self._files[path] = cached
            return cached[1], display_path(path)
        except FileNotFoundError:
            raise TemplateError("template file does not exist", variant.file) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateError(f"template file cannot be read: {exc}", variant.file) from None

    def compile(self, text: str, name: str) -> Template:
        from jinja2 import TemplateSyntaxError

        compiled = self._compiled.get(text)
        if compiled is None:
            try:
                compiled = self.environment.from_string(text)
            except TemplateSyntaxError as exc:
                raise TemplateError(exc.message or "syntax error", name, exc.lineno) from None
            self._compiled[text] = compiled
        return compiled

    def render(self, text: str, name: str, context: Mapping[str, Any]) -> str:
        from jinja2 import TemplateError as JinjaError
        from jinja2 import UndefinedError
        from jinja2.exceptions import SecurityError

        template = self.compile(text, name)
        try:
            output = template.render(context)
        except UndefinedError as exc:
            raise TemplateError(f"undefined variable: {exc.message}", name) from None
        except SecurityError as exc:
            raise TemplateError(f"refused by the sandbox: {exc}", name) from None
        except JinjaError as exc:
            raise TemplateError(exc.message or type(exc).__name__, name) from None
        except (TypeError, ValueError, ArithmeticError, OverflowError) as exc:
            raise TemplateError(f"{type(exc).__name__}: {exc}", name) from None
        if len(output) > MAX_OUTPUT_CHARS:
            raise TemplateError(f"the draft is over {MAX_OUTPUT_CHARS:,} characters", name)
        return output.strip()

    def names_used(self, text: str, name: str) -> set[str]:
        """Top-level names the template reads (declared variables or context names)."""
        from jinja2 import meta

        names = self._names.get(text)
        if names is None:
            try:
                parsed = self.environment.parse(text)
            except Exception as exc:  # a syntax error is reported when rendering
                raise TemplateError(str(exc), name) from None
            names = self._names[text] = set(meta.find_undeclared_variables(parsed))
        return set(names)


def pick_variant(message: Message, locale: str, channel: str | None) -> TemplateVariant | None:
    """The channel-specialised variant for the locale if any, else the locale's default."""
    general = None
    for variant in message.templates:
        if variant.locale != locale:
            continue
        if variant.channel == channel and channel is not None:
            return variant
        if variant.channel is None and general is None:
            general = variant
    return general


# CLDR has no English abbreviation for many zones (Asia/Jakarta is "+0700" in English);
# the one people there use (WIB) is in their own locale's data.
def build_context(
    loaded: ValidPlan,
    message: Message,
    locale: str,
    channel: Channel | None,
    variables: Mapping[str, str],
    now: datetime,
    update_every: timedelta | None,
    severity: Severity | None = None,
) -> dict[str, Any]:
    """What a template sees: its variables plus the plan's facts for this locale/channel."""
    plan = loaded.plan
    declared = next((x for x in plan.locales if x.id == locale), None)
    # Times are for the audience: the channel's zone, else the locale's, else the plan's.
    zone = ZoneInfo(
        (channel.timezone if channel else None)
        or (declared.timezone if declared else None)
        or plan.organization.default_timezone
    )
    local_now = now.astimezone(zone)
    spokesperson_role = (channel.spokesperson if channel else None) or (
        declared.spokesperson if declared else None
    )
    role = next((r for r in plan.roles if r.id == spokesperson_role), None)
    person = next((p for p in plan.people if role and p.id == role.primary), None)
    # In absolute time: "in 30 minutes" across a clock change is not 30 minutes of wall clock.
    next_update = (now.astimezone(UTC) + (update_every or timedelta(hours=1))).astimezone(zone)
    organization = plan.organization
    return {
        **variables,
        "org": {
            "name": organization.name,
            "handles": dict(organization.handles),
            "help_url": organization.help_url or organization.website or "",
            "website": organization.website or "",
        },
        "spokesperson": {
            "name": person.name if person else "",
            "title": (person.title or "") if person else "",
            "role": role.name if role else "",
        },
        "now": format_moment(local_now, locale, with_date=True),
        "next_update": format_moment(
            next_update, locale, with_date=next_update.date() != local_now.date()
        ),
        "locale": locale,
        "channel": {
            "id": channel.id if channel else "",
            "platform": channel.platform.value if channel else "",
            "handle": (channel.handle or "") if channel else "",
        },
        "severity": {
            "id": severity.id if severity else "",
            "name": severity.name if severity else "",
            "level": severity.level if severity else None,
        },
    }
