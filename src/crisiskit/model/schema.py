"""The JSON Schema (2020-12) of the plan format, generated from the models."""

from __future__ import annotations

from typing import Any

from crisiskit import __version__

SCHEMA_ID = "https://crisiskit.dev/schema/plan-1.json"
FRAGMENT_SCHEMA_ID = "https://crisiskit.dev/schema/fragment-1.json"


def plan_json_schema() -> dict[str, Any]:
    """The plan's JSON Schema, with every field's description."""
    from crisiskit.model.plan import Plan

    schema = Plan.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "crisiskit plan",
        "description": f"A social-media crisis plan (format 1, crisiskit {__version__}).",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def fragment_json_schema() -> dict[str, Any]:
    """The schema of a fragment: only the sections a plan can include, none required.

    An agency's shared `agency-team.yaml` has no `crisiskit:` or `organization:`; with the
    plan schema an editor would flag it from the first line.
    """
    from crisiskit.model.plan import FRAGMENT_SECTIONS

    plan = plan_json_schema()
    return {
        **plan,
        "$id": FRAGMENT_SCHEMA_ID,
        "title": "crisiskit plan fragment",
        "description": "Sections shared by several plans (e.g. an agency's team), pulled "
        f"in with a plan's `include:` (format 1, crisiskit {__version__}).",
        "properties": {k: v for k, v in plan["properties"].items() if k in FRAGMENT_SECTIONS},
        "required": [],
        "additionalProperties": False,
    }
