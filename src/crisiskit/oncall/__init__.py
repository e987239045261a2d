"""crisiskit.oncall."""
