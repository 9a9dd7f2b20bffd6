"""The local web application: pages, a JSON API and CSV downloads over the read-only register.

>>> from bluehelmet.web import create_app
>>> create_app().title
'bluehelmet'
"""

from __future__ import annotations

from bluehelmet.web.app import create_app

__all__ = ["create_app"]
