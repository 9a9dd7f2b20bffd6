"""How a table cell is laid out on the web and in the report, so that no column is squeezed.

A short cell (an id, a date, a count, a code) never wraps; a cell of longer text wraps but
keeps its column at least :data:`MIN_COLUMN` characters wide, and prose keeps it wider. The
style sheets give the classes their widths; wide tables scroll inside their own box.
"""

from __future__ import annotations

import html

import pandas as pd

#: The narrowest a column of longer text is drawn, in characters.
MIN_COLUMN = 12
#: Text longer than this (in characters) is prose: its column gets room for whole phrases.
PROSE = 80
#: A word (no spaces) up to this long is an id or a code: kept on one line.
LONG_WORD = 24


def cell_class(text: str) -> str:
    """``short`` (kept on one line), ``text`` (wraps, 12 characters at least) or ``prose``.

    >>> cell_class("1999-10-22"), cell_class("EUCAP-SAHEL-MLI"), cell_class("cite the article")
    ('short', 'short', 'text')
    >>> cell_class("word " * 20)
    'prose'
    """
    text = text.strip()
    if len(text) <= MIN_COLUMN or (len(text) <= LONG_WORD and not any(c.isspace() for c in text)):
        return "short"
    return "prose" if len(text) > PROSE else "text"


def html_table(df: pd.DataFrame) -> str:
    """``df`` as an HTML table (class ``data``, cells classed by :func:`cell_class`, missing
    values empty) in a box that scrolls sideways when the table is wider than the page.

    >>> print(html_table(pd.DataFrame({"date": ["1999-10-22"], "n": [None]})))
    <div class="table-wrap"><table class="data">
    <thead><tr><th class="short">date</th><th class="short">n</th></tr></thead>
    <tbody>
    <tr><td class="short">1999-10-22</td><td class="short"></td></tr>
    </tbody></table></div>
    """
    shown = df.astype(object).where(df.notna(), "")
    head = "".join(_cell("th", str(col)) for col in df.columns)
    rows = [
        "<tr>" + "".join(_cell("td", str(v)) for v in row) + "</tr>"
        for row in shown.itertuples(index=False)
    ]
    body = "\n".join([*rows, ""])
    return (
        '<div class="table-wrap"><table class="data">\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody></table></div>"
    )


def _cell(tag: str, text: str) -> str:
    return f'<{tag} class="{cell_class(text)}">{html.escape(text)}</{tag}>'
