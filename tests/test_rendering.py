"""Template context: the next-update time across daylight-saving changes."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from crisiskit.messages.templates import build_context
from tests.conftest import REPO, load_valid

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("now", "shown_now", "next_update"),
    [
        # Clocks go back at 02:00 BST: half an hour after 01:45 BST is 01:15 GMT.
        (datetime(2026, 10, 25, 1, 45, tzinfo=LONDON), "1:45 AM BST", "1:15 AM GMT"),
        # Clocks go forward at 01:00 GMT: half an hour after 00:45 GMT is 02:15 BST.
        (datetime(2026, 3, 29, 0, 45, tzinfo=LONDON), "12:45 AM GMT", "2:15 AM BST"),
    ],
)
def test_next_update_is_the_cadence_in_absolute_time(
    now: datetime, shown_now: str, next_update: str
) -> None:
    loaded = load_valid(REPO / "plans" / "harbor-outdoor.yaml")
    message = loaded.plan.messages[0]
    context = build_context(loaded, message, "en", None, {}, now, timedelta(minutes=30))
    assert context["now"].endswith(shown_now)
    assert context["next_update"] == next_update


def test_a_template_file_is_read_again_after_it_changes(repo_dir: Path) -> None:
    from crisiskit.messages.templates import Renderer

    shutil.copytree(REPO / "plans", repo_dir / "plans")
    shutil.copytree(REPO / "templates", repo_dir / "templates")
    loaded = load_valid(repo_dir / "plans" / "harbor-outdoor.yaml")
    variant = next(v for m in loaded.plan.messages for v in m.templates if v.file)
    renderer = Renderer(loaded.root)
    text, name = renderer.source(loaded, variant)
    path = repo_dir / "templates" / "harbor-outdoor" / Path(name).name
    assert renderer.source(loaded, variant)[0] == text
    path.write_text(text + "\nEdited during the incident.", encoding="utf-8")
    assert renderer.source(loaded, variant)[0].endswith("Edited during the incident.")
