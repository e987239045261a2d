"""crisiskit.validation."""
