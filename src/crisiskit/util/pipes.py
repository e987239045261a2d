"""When the reader of standard output goes away (`crisiskit … | head`)."""

from __future__ import annotations

import os
import sys

# As a shell reports a command cut off by `| head`: 128 + SIGPIPE (13). The output was
# cut short by its reader, which is neither a finding nor a crash.
EXIT_BROKEN_PIPE = 141


def reader_gone() -> int:
    """Silence standard output for the rest of the run and return the exit code.

    Python flushes stdout again at exit; pointed at /dev/null, that flush cannot raise
    a second BrokenPipeError with its "Exception ignored" message.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (a test's captured stdout)
        pass
    return EXIT_BROKEN_PIPE
