"""crisiskit: a social-media crisis plan kept as version-controlled YAML."""

__version__ = "0.1.0"
