"""How each platform counts a post: one module per counting rule (docs/channels.md).

``rules`` holds the data types every caller shares; the counting modules import their
libraries (twitter-text, regex) only when a count needs them.
"""
