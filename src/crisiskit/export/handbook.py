"""The handbook's content, built once from a valid plan; the HTML and Markdown writers read it.

Never prints, reads the environment or exits. Every text that comes from the plan is kept
as written here; each writer escapes it for its own format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from crisiskit.charts import escalation, roles
from crisiskit.charts.escalation import SeverityLadder
from crisiskit.charts.people import PersonView, person_view
from crisiskit.charts.roles import RoleView
from crisiskit.config.settings import Config
from crisiskit.diagnostics.errors import TemplateError
from crisiskit.export.words import WORDS, count_words, hours_words, limit_words, value_word
from crisiskit.loader.plan import ValidPlan
from crisiskit.messages.drafts import Draft, example_variables, render_draft
from crisiskit.messages.incident_log import plan_commit
from crisiskit.messages.service import cadence_for
from crisiskit.messages.templates import Renderer
from crisiskit.model.communication import Severity
from crisiskit.model.plan import Plan
from crisiskit.model.team import Role
from crisiskit.model.threats import Threat
from crisiskit.model.types import format_duration
from crisiskit.oncall.coverage import WeekCoverage, week_coverage
from crisiskit.oncall.escalation import ladder


@dataclass(frozen=True, slots=True)
class RoleContacts:
    """A role someone may call, with its primary and backups (names, phones, hours)."""

    role: str
    primary: PersonView | None
    backups: list[PersonView]


@dataclass(frozen=True, slots=True)
class SeverityContacts:
    """Whom to call for a severity, in order: `T+0m Social media lead`, `notify DPO`."""

    id: str
    name: str
    first_response: str | None
    update_every: str | None
    order: list[str]


@dataclass(frozen=True, slots=True)
class DraftView:
    message_name: str
    channel: str
    locale: str
    text: str | None  # None when the template does not render
    length: str
    over_limit: bool
    error: str | None = None
    title: str | None = None  # the rendered title (e-mail subject, status page heading)
    title_length: str = ""


@dataclass(frozen=True, slots=True)
class OpenFinding:
    level: str
    code: str
    where: str  # file:line
    message: str


@dataclass(frozen=True, slots=True)
class StepView:
    action: str
    role: str | None
    within: str | None
    regulator: str | None


@dataclass(frozen=True, slots=True)
class ThreatView:
    name: str
    severity: str | None
    owner: str | None
    likelihood: str
    impact: str
    signals: list[str]
    steps: list[StepView]
    drafts: list[DraftView]
    # The threat's own communication rules, in the handbook's language.
    rules: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Approval:
    message: str
    approvers: list[str]


@dataclass(frozen=True, slots=True)
class DrillLine:
    date: str
    scenario: str
    time_to_first_statement: str | None


@dataclass(slots=True)
class Handbook:
    organization: str
    language: str
    generated: date
    commit: str | None
    commit_date: str | None
    uncommitted: bool | None
    review_due: date | None
    overdue: bool
    findings: list[OpenFinding]
    contacts: list[SeverityContacts] = field(default_factory=list)
    people: list[RoleContacts] = field(default_factory=list)
    roles: list[RoleView] = field(default_factory=list)
    ladders: list[SeverityLadder] = field(default_factory=list)
    coverage: list[WeekCoverage] = field(default_factory=list)
    threats: list[ThreatView] = field(default_factory=list)
    approvals: list[Approval] = field(default_factory=list)
    drill_cadence: str | None = None
    next_drill: date | None = None
    scenarios: list[str] = field(default_factory=list)
    last_drills: list[DrillLine] = field(default_factory=list)


def build_handbook(
    loaded: ValidPlan, config: Config, today: date, language: str, findings: list[OpenFinding]
) -> Handbook:
    """Everything the handbook shows, from a valid plan as of ``today``."""
    plan = loaded.plan
    head = plan_commit(loaded.path)
    due = plan.review.last_reviewed + plan.review.cadence if plan.review else None
    book = Handbook(
        organization=plan.organization.name,
        language=language,
        generated=today,
        commit=head.commit[:12] if head.commit else None,
        commit_date=head.date,
        uncommitted=head.uncommitted,
        review_due=due,
        overdue=due is not None and due < today,
        findings=findings,
    )
    book.contacts, book.people = _contacts(plan, language)
    book.roles = roles.build(plan, config.thresholds.max_critical_roles_per_person)
    book.ladders = escalation.build(plan)
    zone = ZoneInfo(plan.organization.default_timezone)
    book.coverage = [week_coverage(plan, r, zone, today) for r in plan.roles if r.critical]
    book.threats = [_threat(loaded, config, today, i, language) for i in range(len(plan.threats))]
    book.approvals = _approvals(plan)
    _drills(plan, book)
    return book


def _contacts(plan: Plan, language: str) -> tuple[list[SeverityContacts], list[RoleContacts]]:
    """Each severity's call order, and every role in those orders with its holders once.

    One table of people and one line per severity fit a printed page; a table per
    severity repeats the same people and does not.
    """
    people = {p.id: p for p in plan.people}
    roles_by_id = {r.id: r for r in plan.roles}
    severities: list[SeverityContacts] = []
    called: dict[str, Role] = {}
    for severity in sorted(plan.severities, key=lambda s: s.level):
        order: dict[str, str] = {}
        for rung in ladder(plan, severity):
            order.setdefault(rung.role, f"T+{format_duration(rung.after)}")
        for role_id in [*severity.notify, *severity.approvers]:
            order.setdefault(role_id, "notify" if role_id in severity.notify else "approve")
        # The handbook's words say these in its language; times stay as written.
        steps = []
        for role_id, when in order.items():
            role = roles_by_id.get(role_id)
            if role is not None:
                called.setdefault(role_id, role)
                steps.append(f"{when} {role.name}")
        severities.append(
            SeverityContacts(
                severity.id,
                severity.name,
                format_duration(severity.first_response) if severity.first_response else None,
                format_duration(severity.update_every) if severity.update_every else None,
                steps,
            )
        )
    hours = hours_words(language)
    holders = [
        RoleContacts(
            role.name,
            person_view(people[role.primary], plan, hours) if role.primary in people else None,
            [person_view(people[b], plan, hours) for b in role.backups if b in people],
        )
        for role in called.values()
    ]
    return severities, holders


def _threat(
    loaded: ValidPlan, config: Config, today: date, index: int, language: str
) -> ThreatView:
    plan = loaded.plan
    threat = plan.threats[index]
    role_names = {r.id: r.name for r in plan.roles}
    severity = next((s for s in plan.severities if s.id == threat.severity), None)
    steps = [
        StepView(
            s.action,
            role_names.get(s.role, s.role) if s.role else None,
            format_duration(s.within) if s.within else None,
            s.regulator,
        )
        for s in threat.first_steps
    ]
    return ThreatView(
        name=threat.name,
        severity=severity.name if severity else threat.severity,
        owner=role_names.get(threat.owner, threat.owner) if threat.owner else None,
        likelihood=value_word(language, threat.likelihood.value),
        impact=value_word(language, threat.impact.value),
        signals=list(threat.signals),
        steps=steps,
        drafts=_drafts(loaded, config, today, threat, severity, language),
        rules=_rules(threat, role_names, language),
    )


def _rules(threat: Threat, role_names: dict[str, str], language: str) -> list[str]:
    """`codename Bramble (internal only)`, `need to know: …`, the hold and the channels it
    never uses: what the team must remember about this threat."""
    w = WORDS[language]
    rules = threat.rules
    found = [w["codename"].format(name=rules.codename)] if rules.codename else []
    if rules.need_to_know is not None:
        names = ", ".join(role_names.get(r, r) for r in rules.need_to_know) or w["none"]
        found.append(w["need_to_know"].format(roles=names))
    if rules.first_response is not None:
        kind = "first_internal_response" if rules.holds_public else "first_response"
        found.append(f"{w[kind]} {format_duration(rules.first_response)}")
    if rules.holds_public:
        found.append(w["hold_public"])
    never = [*rules.forbidden_channels, *(p.value for p in rules.forbidden_platforms)]
    if never:
        found.append(w["not_on"].format(channels=", ".join(never)))
    return found


def _drafts(
    loaded: ValidPlan,
    config: Config,
    today: date,
    threat: Threat,
    severity: Severity | None,
    language: str,
) -> list[DraftView]:
    """Each message of a threat, rendered with its example values, per channel and locale
    (none on a channel the threat forbids; its codename where a template asks for it)."""
    plan = loaded.plan
    renderer = Renderer.for_root(loaded.root)
    channels = {c.id: c for c in plan.channels}
    zone = ZoneInfo(plan.organization.default_timezone)
    # A fixed moment of the day the handbook is made, so two exports of a day agree.
    now = datetime(today.year, today.month, today.day, 9, 0, tzinfo=zone)
    severity_id = severity.id if severity else None
    views = []
    rules = threat.rules
    for message in (m for m in plan.messages if m.id in threat.messages):
        values = example_variables(message)
        # As first published: the audience's cadence in the severity's first phase.
        cadence = cadence_for(plan, severity_id, message, timedelta(0), rules.first_response)
        for locale in message.locales or [x.id for x in plan.locales]:
            for channel_id in message.channels:
                channel = channels.get(channel_id)
                if rules.forbids(channel_id, channel.platform if channel else None):
                    continue
                try:
                    draft = render_draft(
                        loaded,
                        renderer,
                        message,
                        locale,
                        channels.get(channel_id),
                        values,
                        now,
                        cadence,
                        config,
                        severity=severity_id,
                        codename=rules.codename or "",
                    )
                except TemplateError as exc:
                    views.append(
                        DraftView(message.name, channel_id, locale, None, "", True, str(exc))
                    )
                    continue
                if draft is None:
                    continue
                views.append(
                    DraftView(
                        message.name,
                        channel_id,
                        locale,
                        draft.text,
                        f"{count_words(language, draft.measurement.length)}/"
                        f"{limit_words(language, draft.limit)}",
                        draft.over_limit or draft.title_refused,
                        title=draft.title,
                        title_length=_title_length(draft, language),
                    )
                )
    return views


def _title_length(draft: Draft, language: str) -> str:
    length = count_words(language, draft.title_length or 0)
    limit = draft.title_limit
    return f"{length}/{count_words(language, limit)}" if limit else length


def _approvals(plan: Plan) -> list[Approval]:
    role_names = {r.id: r.name for r in plan.roles}
    result = [
        Approval(f"{s.name}", [role_names.get(a, a) for a in s.approvers])
        for s in sorted(plan.severities, key=lambda s: s.level)
    ]
    result += [
        Approval(m.name, [role_names.get(a, a) for a in m.approvers])
        for m in plan.messages
        if m.approvers
    ]
    return result


def _drills(plan: Plan, book: Handbook) -> None:
    names = {s.id: s.name for s in plan.drills.scenarios}
    book.drill_cadence = format_duration(plan.drills.cadence) if plan.drills.cadence else None
    held = [r.date for r in plan.drills.log if r.date <= book.generated]
    if plan.drills.cadence is not None and held:
        book.next_drill = max(held) + plan.drills.cadence
    book.scenarios = [s.name for s in plan.drills.scenarios]
    recent = sorted(plan.drills.log, key=lambda r: r.date, reverse=True)[:5]
    book.last_drills = [
        DrillLine(
            r.date.isoformat(),
            names.get(r.scenario, r.scenario),
            format_duration(r.time_to_first_statement) if r.time_to_first_statement else None,
        )
        for r in recent
    ]


def failed_drafts(book: Handbook) -> int:
    """Drafts in the handbook that did not render: a handbook to be trusted has none."""
    return sum(1 for threat in book.threats for draft in threat.drafts if draft.text is None)
