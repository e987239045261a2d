"""The offline crisis handbook: everything a team needs when the tools are down."""
