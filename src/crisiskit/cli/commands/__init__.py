"""crisiskit.cli.commands."""
