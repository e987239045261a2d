"""crisiskit.diagnostics."""
