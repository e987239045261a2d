"""Lint rules over a valid plan: registry, context, engine and catalog."""
