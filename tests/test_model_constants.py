"""Model instances the modules construct at import, without validation, are exactly what
validation makes of the same input: the same values of the same types, the same fields set."""

from __future__ import annotations

from pydantic import BaseModel

from crisiskit.model import threats
from crisiskit.model.communication import BUILT_IN_AUDIENCES, AudienceDefinition


def _shape(model: BaseModel) -> tuple[object, ...]:
    values = {name: (type(v), v) for name, v in model.__dict__.items()}
    return (type(model), values, model.model_fields_set, model.__pydantic_extra__)


def test_built_in_audiences_are_what_validation_makes() -> None:
    assert [a.id for a in BUILT_IN_AUDIENCES][:3] == ["public", "internal", "customers"]
    for audience in BUILT_IN_AUDIENCES:
        data = {"id": audience.id, "name": audience.name, "reach": audience.reach.value}
        validated = AudienceDefinition.model_validate(data)
        assert audience == validated
        assert _shape(audience) == _shape(validated)


def test_no_overrides_is_what_validation_makes() -> None:
    constructed = threats.ThreatCommunication.model_construct()
    validated = threats.ThreatCommunication.model_validate({})
    assert _shape(constructed) == _shape(validated)
    # A threat without a communication block reads every default.
    assert _shape(threats._NO_OVERRIDES) == _shape(validated)
