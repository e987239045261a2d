"""Charts: data views of a plan, rendered as Rich renderables, Mermaid, Markdown or JSON.

Each chart module builds plain data first (`build`), so every format shows the same facts.
"""
