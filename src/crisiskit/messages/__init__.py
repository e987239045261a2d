"""crisiskit.messages."""
