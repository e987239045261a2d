"""Render message templates: Jinja's immutable sandbox, strict variables, confined files.

Templates come from the plan (inline `text:`) or from files inside the plan's
repository. `{% include %}`, `{% import %}` and `{% extends %}` go through the same
confinement, so no template can read a file outside the repository.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from crisiskit.diagnostics.errors import TemplateError
from crisiskit.loader.repository import OutsideRepository, confine, display_path
from crisiskit.loader.tree import WORKING_TREE, Tree
from crisiskit.messages.bounds import MAX_TEMPLATE_BYTES, MAX_VALUE
from crisiskit.model.messages import CONTEXT_NAMES as MODEL_CONTEXT_NAMES
from crisiskit.util.reading import FileTooLarge
from crisiskit.util.timefmt import format_moment, later

if TYPE_CHECKING:
    from jinja2 import Template
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from crisiskit.loader.plan import ValidPlan
    from crisiskit.model.communication import Channel, Severity
    from crisiskit.model.messages import Message, TemplateVariant
    from crisiskit.model.plan import Plan

# Names every template may use besides the message's declared variables.
CONTEXT_NAMES = MODEL_CONTEXT_NAMES
# Rendering cost stays bounded even for hostile variable values.
MAX_OUTPUT_CHARS = MAX_VALUE


def read_template_file(path: Path, tree: Tree = WORKING_TREE) -> str:
    """A template file's text; never blocks on a pipe, never reads past the limit."""
    return tree.read_bytes(path, MAX_TEMPLATE_BYTES).decode("utf-8")


def _unreadable(exc: OSError | UnicodeDecodeError) -> str:
    # The reason only: an OSError's text names the path, a decode error quotes bytes.
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 (byte {exc.start + 1:,})"
    if isinstance(exc, FileTooLarge):
        return f"larger than the limit of {MAX_TEMPLATE_BYTES:,} bytes"
    return exc.strerror or type(exc).__name__


def _environment(root: Path, tree: Tree) -> ImmutableSandboxedEnvironment:
    from jinja2 import BaseLoader, TemplateNotFound

    from crisiskit.messages.sandbox import BoundedSandbox
    from crisiskit.messages.undefined import ExplainingUndefined

    class ConfinedLoader(BaseLoader):
        """Loads `{% include %}`d templates by path relative to the repository root."""

        def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
            try:
                path = confine(root, template, root, tree)
                text = read_template_file(path, tree)
                version = tree.version(path)
            except OutsideRepository as exc:
                raise TemplateNotFound(f"{template} ({exc})") from None
            except (OSError, UnicodeDecodeError) as exc:
                raise TemplateNotFound(f"{template} ({_unreadable(exc)})") from None
            return text, str(path), lambda: tree.is_file(path) and tree.version(path) == version

    return BoundedSandbox(
        loader=ConfinedLoader(),
        undefined=ExplainingUndefined,
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
    _files: dict[Path, tuple[object, str, str]] = field(default_factory=dict)
    # (plan file, path as written) -> the confined path, or why it was refused.
    # An agency names the same template file from every plan, channel and rule: each is
    # resolved and proved inside the repository once (a realpath of every component).
    # Kept for one run: validate makes a renderer per run, services call forget_paths().
    _confined: dict[tuple[Path, str], Path | str] = field(default_factory=dict)
    # Templates that ran out of time or recursed without end once: every channel and
    # locale renders the same text, and running it again would only multiply the cost.
    _too_slow: dict[str, str] = field(default_factory=dict)
    # A template's output is a function of its text and the values of the names it reads
    # (see _pure_names): every channel of a message, the codename probe of CK112 and an
    # agency's clients render the same text with the same values again and again.
    _pure: dict[str, tuple[str, ...] | None] = field(default_factory=dict)
    _outputs: dict[tuple[str, tuple[object, ...]], str] = field(default_factory=dict)
    _remembered: int = 0  # characters held in _outputs (MAX_REMEMBERED_CHARACTERS)

    @staticmethod
    @lru_cache(maxsize=64)
    def for_root(root: Path, tree: Tree = WORKING_TREE) -> Renderer:
        """The renderer shared by every plan of a repository (and revision) in one process."""
        return Renderer(root, tree)

    def forget_paths(self) -> None:
        """Confine template paths again (a long session may outlive a symlink's change)."""
        self._confined.clear()

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
        key = (loaded.path, variant.file)  # the plan fixes the directory and the root
        path = self._confined.get(key)
        if path is None:
            try:
                path = confine(loaded.path.parent, variant.file, loaded.root, self.tree)
            except OutsideRepository as exc:
                path = str(exc)
            self._confined[key] = path
        if isinstance(path, str):
            raise TemplateError(path, variant.file)
        try:
            version = self.tree.version(path)
            # Every draft, the variable rules and CK507 ask for the same files: read once,
            # again only if the file changed.
            cached = self._files.get(path)
            if cached is None or cached[0] != version:
                cached = version, read_template_file(path, self.tree), display_path(path)
                self._files[path] = cached
            return cached[1], cached[2]
        except FileNotFoundError:
            raise TemplateError("template file does not exist", variant.file) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateError(
                f"template file cannot be read: {_unreadable(exc)}", variant.file
            ) from None

    def compile(self, text: str, name: str) -> Template:
        from jinja2 import TemplateSyntaxError

        compiled = self._compiled.get(text)
        if compiled is None:
            try:
                compiled = self.environment.from_string(text)
            except TemplateSyntaxError as exc:
                raise TemplateError(exc.message or "syntax error", name, exc.lineno) from None
            except (SyntaxError, RecursionError, MemoryError):
                # `{{ a.b.c… }}` 200 deep: Python's own compiler gives up on the code
                raise TemplateError("template too deeply nested", name) from None
            except ValueError as exc:  # `{{ 9999…9 }}` (5,000 digits)
                raise TemplateError(f"cannot compile: {_quoted(str(exc))}", name) from None
            self._compiled[text] = compiled
        return compiled

    def render(self, text: str, name: str, context: Mapping[str, Any]) -> str:
        from jinja2 import TemplateError as JinjaError
        from jinja2 import UndefinedError
        from jinja2.exceptions import SecurityError

        from crisiskit.messages.sandbox import TemplateTimeout, bounded_render

        template = self.compile(text, name)
        if text in self._too_slow:
            raise TemplateError(self._too_slow[text], name)
        key = self._output_key(text, context)
        if key is not None:
            known = self._outputs.get(key)
            if known is not None:
                return known
        try:
            output = bounded_render(lambda: template.generate(context))
        except UndefinedError as exc:
            explained = self._explain_undefined(text, _quoted(exc.message), context)
            raise TemplateError(explained, name) from None
        except SecurityError as exc:
            message = f"refused by the sandbox: {exc}"
            if isinstance(exc, TemplateTimeout):
                self._too_slow[text] = message
            raise TemplateError(message, name) from None
        except JinjaError as exc:
            raise TemplateError(_quoted(exc.message) or type(exc).__name__, name) from None
        except RecursionError:
            self._too_slow[text] = "the template calls itself without end"
            raise TemplateError(self._too_slow[text], name) from None
        except MemoryError:
            raise TemplateError("the template needs too much memory", name) from None
        except Exception as exc:
            # `'{x}'.format()`, `'a'.encode('rot13')`, `1 / 0`: the template's mistake.
            raise TemplateError(f"{type(exc).__name__}: {_quoted(str(exc))}", name) from None
        output = output.strip()
        if key is not None and len(output) <= MAX_REMEMBERED_OUTPUT:
            if self._remembered + len(output) > MAX_REMEMBERED_CHARACTERS:
                self._outputs.clear()  # bounded memory: a run of many plans starts again
                self._remembered = 0
            self._outputs[key] = output
            self._remembered += len(output) + _ENTRY_COST
        return output

    def _output_key(
        self, text: str, context: Mapping[str, Any]
    ) -> tuple[str, tuple[object, ...]] | None:
        """What a render of ``text`` depends on, or None when it cannot be told: the text
        and the values of the names it reads, every one of them given by ``context``."""
        if text in self._pure:
            names = self._pure[text]
        else:
            names = self._pure[text] = _pure_names(self.environment, text)
        if names is None:
            return None
        try:
            return text, tuple(_frozen(context[name]) for name in names)
        except (KeyError, _Unfrozen):
            return None  # a global (range, cycler) or undefined name, or an unusual value

    def _explain_undefined(self, text: str, message: str, context: Mapping[str, Any]) -> str:
        from crisiskit.messages.undefined import explain

        try:
            parsed = self.environment.parse(text)
        except Exception:  # it compiled a moment ago; a parse that fails names nothing
            parsed = None
        return explain(message, parsed, [str(k) for k in context], context)

    def names_used(self, text: str, name: str) -> set[str]:
        """Top-level names the template reads (declared variables or context names)."""
        from jinja2 import meta

        names = self._names.get(text)
        if names is None:
            try:
                parsed = self.environment.parse(text)
                found = set(meta.find_undeclared_variables(parsed))
            except (RecursionError, MemoryError):
                # `{{ a.b.c… }}` 250 deep: Jinja's tree walk runs out of stack (3.12+)
                raise TemplateError("template too deeply nested", name) from None
            except Exception as exc:  # a syntax error is reported when rendering
                raise TemplateError(str(exc), name) from None
            names = self._names[text] = found
        return set(names)


# What one renderer (a run) remembers before it starts again, in characters (an entry
# counted with its key's share), and the longest output it remembers: an agency's drafts
# are many short texts, while a template may write up to MAX_VALUE characters each time
# (a plan in a pull request could make every render a large one).
MAX_REMEMBERED_CHARACTERS = 16_000_000
MAX_REMEMBERED_OUTPUT = 8_192
_ENTRY_COST = 64


def _pure_names(environment: ImmutableSandboxedEnvironment, text: str) -> tuple[str, ...] | None:
    """The top-level names ``text`` reads, when they alone decide its output.

    Not so for a template that loads another (`include`, `import`, `extends`: that file
    decides too) or draws at random (the `random` filter; `lipsum` and the other globals
    are among the names, and as the context does not give them, _output_key refuses).
    """
    from jinja2 import meta, nodes

    try:
        parsed = environment.parse(text)
        loads = any(
            parsed.find(kind) is not None
            for kind in (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)
        )
        draws = any(_may_draw(f) for f in parsed.find_all(nodes.Filter))
        if loads or draws:
            return None
        # Jinja leaves the environment's globals out of the undeclared names: they count
        # too (and, unless the context gives them, keep the render from being remembered).
        read = {n.name for n in parsed.find_all(nodes.Name) if n.ctx == "load"}
        names = meta.find_undeclared_variables(parsed) | (read & set(environment.globals))
        return tuple(sorted(names))
    except Exception:  # a template that does not parse renders to its error every time
        return None


# Filters that apply another filter named by their first argument (`map('random')`).
_APPLYING = frozenset(("map", "select", "reject", "selectattr", "rejectattr"))


def _may_draw(node: Any) -> bool:
    """Whether a filter call may draw at random: `random` itself, or a filter applying
    one that is named `random` or by anything but a constant."""
    from jinja2 import nodes

    if node.name == "random":
        return True
    if node.name not in _APPLYING:
        return False
    return any(not isinstance(arg, nodes.Const) or arg.value == "random" for arg in node.args)


class _Unfrozen(Exception):
    """A context value whose equality does not decide how a template shows it."""


def _frozen(value: Any) -> object:
    """``value`` as a key equal to another's only when a template shows both alike: each
    container and non-string scalar tagged with its type (1, True and "1" differ)."""
    kind = type(value)
    if kind is str:
        return value
    if value is None or kind is int or kind is bool:
        return kind, value
    if kind is dict:
        return dict, tuple((_frozen(k), _frozen(v)) for k, v in value.items())
    if kind is list or kind is tuple:
        return kind, tuple(_frozen(item) for item in value)
    # A float (-0.0 equals 0.0 but prints apart), a model, a date: rendered every time.
    raise _Unfrozen


_NO_ATTRIBUTE = re.compile(r"(?s)(.*has no attribute )'(.*)'")


def _quoted(message: str | None) -> str:
    """An error message that does not echo what the template built or read.

    A short, one-line name is kept (`'dict object' has no attribute 'helpurl'`); a long
    one is what `{{ org[c] }}` makes of an included file, and is only counted.
    """
    if not message:
        return ""
    missing = _NO_ATTRIBUTE.fullmatch(message)
    if missing and (len(missing[2]) > 40 or "\\" in missing[2]):
        return f"{missing[1]}of {len(missing[2]):,} characters (not shown)"
    if len(message) > 160 or "\n" in message or "\\n" in message:
        return re.split(r"\n|\\n", message, maxsplit=1)[0][:100] + " … (cut short)"
    return message


def variant_index(message: Message, variant: TemplateVariant) -> int:
    """Where ``variant`` is in the message's templates, found by identity.

    ``list.index`` compares models field by field: a quarter of the time of a large plan.
    """
    return next(i for i, item in enumerate(message.templates) if item is variant)


def pick_variant(message: Message, locale: str, channel: str | None) -> TemplateVariant | None:
    """The variant serving the channel for the locale if any, else the locale's general one."""
    general = None
    for variant in message.templates:
        if variant.locale != locale:
            continue
        if channel is not None and channel in variant.served_channels:
            return variant
        if variant.general and general is None:
            general = variant
    return general


def title_source(message: Message, variant: TemplateVariant) -> str | None:
    """The title template of a variant: its own, else its locale's general variant's."""
    if variant.title is not None or variant.general:
        return variant.title
    for other in message.templates:
        if other.locale == variant.locale and other.general:
            return other.title
    return None


def _published(plan: Plan, message: Message) -> bool:
    from crisiskit.model.communication import Reach
    from crisiskit.model.index import message_reach

    return message_reach(plan, message) is Reach.PUBLIC


def codename_allowed(plan: Plan, message: Message, channel: Channel | None) -> bool:
    """Whether a draft may carry the threat's codename: an internal message on an internal
    channel (or none). Every renderer goes through here, so no path can publish it."""
    from crisiskit.model.communication import Reach
    from crisiskit.model.index import channel_reach, reach_of

    # Per draft: an internal message's draft on the incident room keeps the codename even
    # when the same message also goes to a public platform, whose draft does not.
    if reach_of(plan, message.audience) is not Reach.INTERNAL:
        return False
    return channel is None or channel_reach(plan, channel) is Reach.INTERNAL


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
    codename: str = "",
) -> dict[str, Any]:
    """What a template sees: its variables plus the plan's facts for this locale/channel.

    A message's own variable named `codename` (declared before the name was the
    threat's) wins over the threat's codename. The threat's codename reaches only an
    internal message on an internal channel: blank anywhere it could be published.
    """
    plan = loaded.plan
    parts = _ContextParts.of(plan)
    declared = parts.index.locales.get(locale)
    # Times are for the audience: the channel's zone, else the locale's, else the plan's.
    zone = (
        (channel.timezone if channel else None)
        or (declared.timezone if declared else None)
        or plan.organization.default_timezone
    )
    spokesperson_role = (channel.spokesperson if channel else None) or (
        declared.spokesperson if declared else None
    )
    now_text, next_update = parts.moments(now, update_every, zone, locale)
    if severity is not None and severity.internal_only and _published(plan, message):
        next_update = ""  # no public updates at this level: none is promised
    return {
        "codename": codename if parts.codename_allowed(message, channel) else "",
        **variables,
        "org": parts.org,
        "spokesperson": parts.spokesperson(spokesperson_role),
        "now": now_text,
        "next_update": next_update,
        "locale": locale,
        "channel": parts.channel(channel),
        "severity": parts.severity(severity),
    }


class _ContextParts:
    """What the render context takes from the plan, made once per plan and shared by
    every draft: the organisation, each spokesperson, channel and severity as templates
    see them, and each moment as written. Templates cannot change them (the sandbox is
    immutable) and nothing else writes to a context's values."""

    def __init__(self, plan: Plan) -> None:
        from crisiskit.model.index import plan_index

        self.plan = plan
        self.index = plan_index(plan)
        organization = plan.organization
        self.org = {
            "name": organization.name,
            "handles": dict(organization.handles),
            "help_url": organization.help_url or organization.website or "",
            "website": organization.website or "",
        }
        self._speakers: dict[str | None, dict[str, str]] = {}
        # By identity (the plan holds each item, so an id is never reused meanwhile).
        self._channels: dict[int, tuple[Channel | None, dict[str, str]]] = {}
        self._severities: dict[int, tuple[Severity | None, dict[str, Any]]] = {}
        self._codename: dict[tuple[str, int], tuple[Channel | None, bool]] = {}
        self._moments: dict[tuple[object, ...], tuple[str, str]] = {}

    @staticmethod
    def of(plan: Plan) -> _ContextParts:
        from crisiskit.model.index import plan_index

        derived = plan_index(plan).derived
        parts = derived.get(_ContextParts)
        if not isinstance(parts, _ContextParts):
            parts = derived[_ContextParts] = _ContextParts(plan)
        return parts

    def spokesperson(self, role_id: str | None) -> dict[str, str]:
        shown = self._speakers.get(role_id)
        if shown is None:
            role = self.index.roles.get(role_id) if role_id else None
            person = self.index.people.get(role.primary) if role else None
            shown = self._speakers[role_id] = {
                "name": person.name if person else "",
                "title": (person.title or "") if person else "",
                "role": role.name if role else "",
            }
        return shown

    def channel(self, channel: Channel | None) -> dict[str, str]:
        known = self._channels.get(id(channel))
        if known is None or known[0] is not channel:
            known = self._channels[id(channel)] = (
                channel,
                {
                    "id": channel.id if channel else "",
                    "platform": channel.platform.value if channel else "",
                    "handle": (channel.handle or "") if channel else "",
                },
            )
        return known[1]

    def severity(self, severity: Severity | None) -> dict[str, Any]:
        known = self._severities.get(id(severity))
        if known is None or known[0] is not severity:
            known = self._severities[id(severity)] = (
                severity,
                {
                    "id": severity.id if severity else "",
                    "name": severity.name if severity else "",
                    "level": severity.level if severity else None,
                },
            )
        return known[1]

    def codename_allowed(self, message: Message, channel: Channel | None) -> bool:
        key = (message.audience, id(channel))
        known = self._codename.get(key)
        if known is None or known[0] is not channel:
            known = self._codename[key] = (
                channel,
                codename_allowed(self.plan, message, channel),
            )
        return known[1]

    def moments(
        self, now: datetime, update_every: timedelta | None, zone: str, locale: str
    ) -> tuple[str, str]:
        """`now` and `next_update` as the locale writes them in ``zone``."""
        key = (now, now.tzinfo, update_every, zone, locale)
        known = self._moments.get(key)
        if known is None:
            place = ZoneInfo(zone)
            local_now = now.astimezone(place)
            # In absolute time: "in 30 minutes" across a clock change is not 30 minutes
            # of wall clock.
            upcoming = later(now, update_every or timedelta(hours=1))
            next_update = upcoming.astimezone(place) if upcoming is not None else None
            known = self._moments[key] = (
                format_moment(local_now, locale, with_date=True),
                format_moment(next_update, locale, with_date=next_update.date() != local_now.date())
                if next_update is not None
                else "",
            )
        return known
