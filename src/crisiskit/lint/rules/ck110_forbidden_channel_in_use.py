"""CK110 forbidden-channel-in-use."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.model.index import plan_index


@rule("CK110", "forbidden-channel-in-use", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A threat's message goes out only on channels the threat forbids.

    A threat's `communication.forbidden_channels` and `forbidden_platforms` (no SMS
    for a security incident: texts get forwarded) leave those channels out of its
    response. A message the threat links whose every channel is forbidden can never
    go out for it; a message channel that every threat using the message forbids is
    never used at all.

    Failing example:
    ```yaml
    threats:
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
        communication:
          forbidden_platforms: [x]
    ```

    Passing example:
    ```yaml
    threats:
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
        communication:
          forbidden_platforms: [sms]
    ```
    """
    platforms = {c.id: c.platform for c in ctx.plan.channels}
    for i, threat in enumerate(ctx.plan.threats):
        rules = threat.communication
        if rules is None:
            continue
        for j, message_id in enumerate(threat.messages):
            message = ctx.messages.get(message_id)
            if message is not None and all(
                rules.forbids(c, platforms.get(c)) for c in message.channels
            ):
                yield Violation(
                    ("threats", i, "messages", j),
                    f"threat '{threat.id}' forbids every channel of '{message_id}' "
                    f"({', '.join(message.channels)})",
                    "link a message on a channel the threat allows, or drop this one",
                )
    yield from _unused_channels(ctx)


def _unused_channels(ctx: LintContext) -> Iterator[Violation]:
    """A channel of a message that each threat using the message forbids (the message
    serves some other channel for them, else the finding above names the threat)."""
    platforms = {c.id: c.platform for c in ctx.plan.channels}
    users = plan_index(ctx.plan).threats_using
    for i, message in enumerate(ctx.plan.messages):
        threats = users.get(message.id, [])
        if not threats:
            continue
        for j, channel in enumerate(message.channels):
            forbidding = [t for t in threats if t.rules.forbids(channel, platforms.get(channel))]
            every_channel = all(
                t.rules.forbids(c, platforms.get(c)) for t in forbidding for c in message.channels
            )
            if len(forbidding) == len(threats) and not every_channel:
                yield Violation(
                    ("messages", i, "channels", j),
                    f"'{message.id}' is published on '{channel}', which every threat using "
                    f"it forbids ({', '.join(t.id for t in threats)})",
                    "remove the channel from the message",
                )
