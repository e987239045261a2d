"""Review: what a change to the plans means, between two revisions."""
