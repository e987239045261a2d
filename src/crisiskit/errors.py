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
