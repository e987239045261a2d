"""Writing plans: canonical formatting and the starter plan."""
