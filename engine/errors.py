"""One exception family: every error the toolkit raises on purpose derives from RdhError.

Each subclass also derives from the matching builtin, so callers that catch ValueError or
FileNotFoundError keep working.
"""


class RdhError(Exception):
    """Base of every error the toolkit raises on purpose."""


class InputNotFoundError(RdhError, FileNotFoundError):
    """An input file or layer does not exist."""


class SchemaError(RdhError, ValueError):
    """A source table breaks its schema; carries the file, and the rows and columns at fault."""

    def __init__(self, message, *, path=None, failures=None):
        super().__init__(message)
        self.path = path
        self.failures = failures


class CRSError(RdhError, ValueError):
    """A layer's CRS is missing or unsuitable for the operation."""


class NodeError(RdhError, KeyError):
    """Node ids that are not in the graph."""

    def __str__(self):  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


class ParameterError(RdhError, ValueError):
    """An option or parameter value is out of range or inconsistent with others."""


class OutputError(RdhError, OSError):
    """An output cannot be written (full disk, read-only folder, a folder in the way...); the
    previous output, if any, is intact."""

    def __str__(self):  # OSError would prefix an errno
        return str(self.args[0]) if self.args else ""


class OutputExistsError(OutputError, FileExistsError):
    """An output exists and the toolkit did not write it: replaced only with --overwrite."""


class EmptyResultError(RdhError, ValueError):
    """An analysis has nothing to compute: every input falls outside the data, or nothing can be
    routed. The message says which inputs and why; nothing is written."""
