"""crisiskit.config."""
