"""crisiskit.output."""
