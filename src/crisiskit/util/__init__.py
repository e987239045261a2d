"""crisiskit.util."""
