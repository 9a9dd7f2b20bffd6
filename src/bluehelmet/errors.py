"""One exception hierarchy; the CLI turns each into a one-line message and an exit code."""

from __future__ import annotations


class BluehelmetError(Exception):
    """Base class of every error bluehelmet raises on purpose."""

    exit_code = 1


class DataFormatError(BluehelmetError):
    """A file or table does not have the layout or values expected."""

    exit_code = 65


class ValidationError(BluehelmetError):
    """A packaged table breaks its schema or a cross-check."""

    exit_code = 65


class NotFoundError(BluehelmetError):
    """A named object (operation, resolution, table) does not exist."""

    exit_code = 2


class UsageError(BluehelmetError):
    """Bad arguments: unknown format or column, impossible year range, unsafe query."""

    exit_code = 2
