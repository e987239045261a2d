"""Threat kinds the format knows, including a service outage."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from crisiskit.model.schema import plan_json_schema
from crisiskit.model.threats import Threat, ThreatKind

THREAT = {
    "id": "checkout-down",
    "name": "Checkout down",
    "likelihood": "possible",
    "impact": "major",
}


def test_a_service_outage_is_a_threat_kind() -> None:
    threat = Threat.model_validate({**THREAT, "kind": "service-outage"})
    assert threat.kind is ThreatKind.SERVICE_OUTAGE
    kinds = plan_json_schema()["$defs"]["ThreatKind"]["enum"]
    assert "service-outage" in kinds


def test_an_unknown_kind_is_still_refused() -> None:
    with pytest.raises(ValidationError, match="service-outage"):
        Threat.model_validate({**THREAT, "kind": "outage"})
