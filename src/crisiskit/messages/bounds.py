"""How far a message template may go: the sandbox's bounds, in one place."""

from __future__ import annotations

# A draft is at most this long, and so is any one string or list a template builds.
MAX_VALUE = 200_000
# All the text one render may produce, counting every intermediate value.
MAX_WORK = 10_000_000
# Loop iterations of one render, over all loops.
MAX_ITERATIONS = 1_000_000
# About 3,000 decimal digits.
MAX_INT_BITS = 10_000
# Widths, counts and paragraph numbers given to filters and string methods.
MAX_WIDTH = 10_000
# How long one render may take.
RENDER_SECONDS = 1.0
# A message template is a few paragraphs; a larger file is a mistake or an attack.
MAX_TEMPLATE_BYTES = 256 * 1024
