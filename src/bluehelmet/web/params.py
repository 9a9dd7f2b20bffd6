"""Request parameters: form values checked once, with one-line messages that say what to give.

Form fields arrive as text (an empty field means "any"); every function here returns a clean
value or raises UsageError, which the app turns into a 422 page or JSON answer.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from bluehelmet.errors import NotFoundError, UsageError
from bluehelmet.options import message
from bluehelmet.register import vocab
from bluehelmet.register.lookup import resolve_country

MAX_TEXT = 100
STATUS_CHOICES = ("active", "ended")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def text(name: str, raw: str | None) -> str | None:
    """Trimmed free text, None when empty; no control characters, at most 100 characters.

    >>> text("q", "  Sierra "), text("q", "")
    ('Sierra', None)
    """
    value = (raw or "").strip()
    if not value:
        return None
    if len(value) > MAX_TEXT:
        raise UsageError(f"{name}: at most {MAX_TEXT} characters, got {len(value)}")
    if _CONTROL.search(value):
        raise UsageError(f"{name}: control characters are not allowed")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(f"{name}: not valid text (unpaired surrogate)") from None
    return value


def year(name: str, raw: str | None) -> int | None:
    """A four-digit year from a form field, None when empty.

    >>> year("from", "1999"), year("from", " ")
    (1999, None)
    >>> year("from", "99")
    Traceback (most recent call last):
    ...
    bluehelmet.errors.UsageError: from: '99' is not a year; give four digits, e.g. 1999
    """
    value = (raw or "").strip()
    if not value:
        return None
    if not re.fullmatch(r"\d{4}", value):
        raise UsageError(f"{name}: {value!r} is not a year; give four digits, e.g. 1999")
    return int(value)


def choice(name: str, raw: str | None, allowed: tuple[str, ...]) -> str | None:
    """One of ``allowed`` (case-insensitive, returned as spelled there), None when empty.

    >>> choice("org", "ecowas", vocab.ORG_FILTERS)
    'ECOWAS'
    """
    value = (raw or "").strip()
    if not value:
        return None
    by_lower = {a.lower(): a for a in allowed}
    if value.lower() not in by_lower:
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise UsageError(message(name, shown, allowed))
    return by_lower[value.lower()]


@dataclass(frozen=True)
class OperationFilters:
    """The operations list's filters: organisation, host, status, years, type and search words."""

    org: str | None = None
    country: str | None = None
    status: str | None = None
    start: int | None = None
    end: int | None = None
    type: str | None = None
    q: str | None = None

    @property
    def active(self) -> bool | None:
        """True for ``active``, False for ``ended``, None for any."""
        return None if self.status is None else self.status == "active"

    def query_string(self) -> str:
        """The filters as a URL query (empty ones left out), for links such as the CSV download.

        >>> OperationFilters(org="UN", start=1990).query_string()
        'org=UN&start=1990'
        """
        return urlencode({k: v for k, v in asdict(self).items() if v is not None})


def host_country(raw: str | None) -> str | None:
    """A host-country field as given, once it names a country (ISO3, GW number or name).

    >>> host_country(" Ivory Coast "), host_country("")
    ('Ivory Coast', None)
    """
    value = text("country", raw)
    if value is not None:
        try:
            resolve_country(value)
        except NotFoundError as exc:
            raise UsageError(f"country: {exc}") from None
    return value


def operation_filters(
    org: str | None = None,
    country: str | None = None,
    status: str | None = None,
    start: str | None = None,
    end: str | None = None,
    type: str | None = None,
    q: str | None = None,
) -> OperationFilters:
    """Check the operations list's form fields.

    >>> operation_filters(org="un", status="active").active
    True
    """
    return OperationFilters(
        org=choice("org", org, vocab.ORG_FILTERS),
        country=host_country(country),
        status=choice("status", status, STATUS_CHOICES),
        start=year("start", start),
        end=year("end", end),
        type=choice("type", type, vocab.OPERATION_TYPES),
        q=text("q", q),
    )
