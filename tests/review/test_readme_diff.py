"""The README's `diff` example is the command's real output, and its workflow is valid."""

from __future__ import annotations

import re

from ruamel.yaml import YAML

from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## Review plan changes") : README.index("## Rules")]


def test_the_proposed_example_is_the_bundled_plan_with_two_edits() -> None:
    """The README's two-file example stays a two-change diff of the bundled plan."""
    bundled = (REPO / "plans" / "harbor-outdoor.yaml").read_text(encoding="utf-8")
    proposed = (REPO / "examples" / "harbor-outdoor-proposed.yaml").read_text(encoding="utf-8")
    edited = bundled.replace("    first_response: 15m", "    first_response: 1h", 1).replace(
        "    backups: [sam]", "    backups: []", 1
    )
    assert proposed.split("\n", 3)[3] == edited.split("\n", 1)[1], (
        "examples/harbor-outdoor-proposed.yaml is stale: copy plans/harbor-outdoor.yaml over "
        "it below its three comment lines, make the two edits again, and rerun the README example"
    )


def test_workflow_uses_the_actions_inputs() -> None:
    block = re.search(r"```yaml\n(# \.github/workflows/.*?)```", SECTION, re.S)
    assert block is not None
    workflow = YAML(typ="safe").load(block.group(1))
    action = YAML(typ="safe").load((REPO / "action.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["crisiskit"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    ours = next(step for step in steps if "/crisiskit@" in step["uses"])
    assert set(ours["with"]) <= set(action["inputs"])
    assert workflow["permissions"]["pull-requests"] == "write"
