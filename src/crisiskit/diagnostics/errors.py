"""The exception hierarchy.

Problems in a plan are findings (data), never exceptions. Exceptions are for the
situations where no plan could be read at all, or the user asked for something
impossible; the CLI maps each class to an exit code.
"""


class CrisiskitError(Exception):
    """Base class for every error crisiskit raises on purpose."""


class UsageError(CrisiskitError):
    """The command line asks for something that cannot be done (exit code 2)."""


class ConfigError(UsageError):
    """The configuration file is invalid (exit code 2)."""


class PathError(UsageError):
    """A path given by the user is missing or unreadable (exit code 2)."""


class TemplateError(CrisiskitError):
    """A message template cannot be loaded or rendered."""

    def __init__(self, message: str, template: str | None = None, line: int | None = None):
        super().__init__(message)
        self.template = template
        self.line = line

    def __str__(self) -> str:
        where = self.template or ""
        if where and self.line:
            where += f":{self.line}"
        return f"{where}: {self.args[0]}" if where else str(self.args[0])


class RevisionError(UsageError):
    """A git revision cannot be read: unknown, or missing from a shallow clone (exit 2)."""
