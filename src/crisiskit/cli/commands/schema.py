"""`crisiskit schema`: the JSON Schema of the plan format."""

from __future__ import annotations

from typing import Annotated

import typer

from crisiskit.cli.boundary import boundary
from crisiskit.cli.options import DebugOption, ForceOption, OutputFileOption


@boundary
def schema_command(
    output: OutputFileOption = None,
    force: ForceOption = False,
    fragment: Annotated[
        bool,
        typer.Option(
            "--fragment", help="The schema of an included fragment (no required sections)."
        ),
    ] = False,
    debug: DebugOption = False,
) -> None:
    """Print the JSON Schema (2020-12) of the plan format, for editors and validators.

    \b
    Example:
      crisiskit schema --output plan.schema.json --force
    """
    import json
    import sys

    from crisiskit.model.schema import fragment_json_schema, plan_json_schema

    schema = fragment_json_schema() if fragment else plan_json_schema()
    text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        print(text, end="")
        return
    from crisiskit.util.atomic import write_atomic

    write_atomic(output, text, overwrite=force)
    print(f"wrote {output}", file=sys.stderr)
