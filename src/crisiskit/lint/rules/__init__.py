"""Lint rules, one module each. A module registers its rule with ``@rule``.

Codes are grouped by hundreds per plan stage: CK1xx threats, CK2xx team,
CK3xx communication and escalation, CK4xx messages, CK5xx drills and review.
(CK0xx are the loader's checks in :mod:`crisiskit.diagnostics.checks`.)
"""
