"""Piped, the approval chain is written without Rich: the same bytes Rich writes, proved.

`print_plainly` writes a Text's characters only when Rich could not write anything
else; every other text (tabs, control characters, escapes) and every environment that
could make Rich see a terminal goes to Rich. Hypothesis draws approvers from hostile
text and compares both ways byte for byte.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from crisiskit.cli import app, plainprint
from crisiskit.cli.console import stderr_console
from crisiskit.cli.guard import UNSAFE, GuardedStream
from crisiskit.messages.drafts import Approver, Contact
from crisiskit.output.drafts import approvals_plain, approvals_text
from tests.conftest import REPO

# Plan text at its worst: escapes, bidi overrides, tabs, CR, colons at a line start,
# wide characters, trailing spaces and non-breaking spaces, line breaks.
_PIECES = st.sampled_from(
    ["\x1b[31m", "\u202e", "\t", "\r", "\x07", "::", " ", "\xa0", "\n", "テント", "é", "ä"]
)
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=6).map("".join)
_CONTACT = st.builds(
    Contact,
    person=st.just("p"),
    name=_TEXT,
    phone=st.none() | _TEXT,
    available=st.none() | st.booleans(),
)
_APPROVER = st.builds(
    Approver,
    role=st.just("r"),
    role_name=_TEXT,
    person=st.none() | st.just("p"),
    person_name=st.none() | _TEXT,
    phone=st.none() | _TEXT,
    backups=st.lists(_CONTACT, max_size=2).map(tuple),
    available=st.none() | st.booleans(),
    moved_up=st.booleans(),
)


def _no_terminal_hints(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in plainprint._TERMINAL_OVERRIDES:
        monkeypatch.delenv(name, raising=False)


def _stderr_bytes(monkeypatch: pytest.MonkeyPatch, write: object) -> tuple[str, object]:
    raw = io.StringIO()
    monkeypatch.setattr(sys, "stderr", GuardedStream(raw))  # as every command runs
    result = write() if callable(write) else None
    sys.stderr.flush()
    return raw.getvalue(), result


@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(approvers=st.lists(_APPROVER, max_size=3))
def test_plain_approvals_are_the_bytes_rich_writes(
    monkeypatch: pytest.MonkeyPatch, approvers: list[Approver]
) -> None:
    _no_terminal_hints(monkeypatch)
    by_rich, _ = _stderr_bytes(
        monkeypatch, lambda: stderr_console().print(approvals_text(approvers))
    )
    plain, took = _stderr_bytes(
        monkeypatch, lambda: plainprint.print_plainly(approvals_plain(approvers), stderr=True)
    )
    if took:
        assert plain == by_rich
    else:  # declined: nothing written, Rich prints it
        assert plain == ""
        text = approvals_plain(approvers)
        assert "\t" in text or "\r" in text or UNSAFE.search(text)


def test_plain_text_is_taken_and_hostile_text_declined(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_terminal_hints(monkeypatch)
    monkeypatch.setattr(sys, "stderr", GuardedStream(io.StringIO()))
    assert plainprint.rich_prints_plainly("Crisis lead: Sam (+44 7911 123405)\n", stderr=True)
    for hostile in ("a\tb", "a\rb", "\x1b[2J", "\u202eabc"):
        assert not plainprint.rich_prints_plainly(hostile, stderr=True)
    monkeypatch.setenv("TTY_INTERACTIVE", "1")  # declined to be safe, as entry.py does
    assert not plainprint.rich_prints_plainly("plain", stderr=True)


@pytest.mark.parametrize(("name", "value"), [("FORCE_COLOR", "1"), ("TTY_COMPATIBLE", "1")])
def test_anything_that_makes_rich_see_a_terminal_goes_to_rich(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    raw = io.StringIO()
    monkeypatch.setattr(sys, "stderr", GuardedStream(raw))
    assert not plainprint.print_plainly("Approve before publishing\n", stderr=True)
    assert raw.getvalue() == ""
    # Rich does colour this pipe: the plain bytes would have been wrong.
    approver = Approver("r", "Lead", "p", "Sam", None, ())
    stderr_console().print(approvals_text([approver]))
    assert "\x1b[" in raw.getvalue()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_goes_to_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_terminal_hints(monkeypatch)
    monkeypatch.setattr(sys, "stderr", GuardedStream(_Terminal()))
    assert not plainprint.rich_prints_plainly("plain", stderr=True)


_README_RUN = [
    "render-message",
    "--plan",
    str(REPO / "plans/harbor-outdoor.yaml"),
    "holding-statement",
    "--at",
    "2026-11-28T23:00",
    "--var",
    "issue=reports that some Ridgeline tents collapse in strong wind",
    "--no-input",
]


@pytest.mark.parametrize(
    "channels", [["--channel", "x"], ["--channel", "x", "--channel", "bluesky"]]
)
def test_render_message_piped_writes_what_rich_wrote(
    monkeypatch: pytest.MonkeyPatch, channels: list[str]
) -> None:
    _no_terminal_hints(monkeypatch)
    runner = CliRunner()
    taken: list[bool] = []
    plainly = plainprint.print_plainly

    def spy(text: str, *, stderr: bool) -> bool:
        taken.append(plainly(text, stderr=stderr))
        return taken[-1]

    monkeypatch.setattr(plainprint, "print_plainly", spy)
    fast = runner.invoke(app, [*_README_RUN, *channels])
    assert taken == [True]
    monkeypatch.setattr(plainprint, "rich_prints_plainly", lambda text, stderr: False)
    through_rich = runner.invoke(app, [*_README_RUN, *channels])
    assert fast.exit_code == through_rich.exit_code == 0
    assert fast.stdout == through_rich.stdout
    assert fast.stderr == through_rich.stderr
    assert "Approve before publishing, in order:\n  1. Crisis lead:" in fast.stderr


def test_piped_render_message_does_not_import_rich() -> None:
    script = (
        "import sys\n"
        "from crisiskit.entry import main\n"
        f"sys.argv = ['crisiskit', *{[*_README_RUN, '--channel', 'x']!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('rich' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in plainprint._TERMINAL_OVERRIDES}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.splitlines()[-1] == "False"


def test_approvals_keep_their_styles_for_a_terminal() -> None:
    text = approvals_text([Approver("r", "Lead", "p", "Sam", "+44 7911 123405", ())])
    assert text.style == "bold"  # the whole chain is bold on a terminal, as it was
    assert text.plain == approvals_plain([Approver("r", "Lead", "p", "Sam", "+44 7911 123405", ())])
    nobody = approvals_text([])
    assert [(s.start, s.end, s.style) for s in nobody.spans] == [
        (len("Approve before publishing, in order:\n"), len(nobody.plain), "red")
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")
def test_a_piped_draft_with_its_approvals_on_a_terminal() -> None:
    """`crisiskit render-message … | pbcopy`: the draft goes to the pipe, the approval
    chain to the terminal, where Rich still styles it."""
    import pty
    import select

    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in plainprint._TERMINAL_OVERRIDES}
    env.update(TERM="xterm-256color", COLUMNS="100")
    process = subprocess.Popen(
        [sys.executable, "-m", "crisiskit", *_README_RUN, "--channel", "x"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
        cwd=REPO,
        env=env,
    )
    os.close(slave)
    stdout, _ = process.communicate(timeout=120)
    screen = b""
    while select.select([master], [], [], 0.5)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    os.close(master)
    assert process.returncode == 0
    assert stdout.decode().startswith("We're aware of reports that some Ridgeline tents")
    assert b"\x1b[1mApprove before publishing, in order:" in screen
