"""Loading plans: safe YAML, source locations, includes and schema validation."""

from crisiskit.loader.files import FileCache, SourceFile
from crisiskit.loader.plan import LoadedPlan, load_plan

__all__ = ["FileCache", "LoadedPlan", "SourceFile", "load_plan"]
