"""Write small text PDFs for tests with matplotlib's PDF backend (nothing is downloaded)."""

from __future__ import annotations

from pathlib import Path

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure


def write_pdf(path: Path, pages: list[list[str]]) -> Path:
    """Write one A4 page per list of lines, each line as real (extractable) text."""
    with PdfPages(path) as pdf:
        for lines in pages:
            figure = Figure(figsize=(8.27, 11.69))
            for i, line in enumerate(lines):
                figure.text(0.08, 0.95 - i * 0.025, line, fontsize=10)
            pdf.savefig(figure)
    return path


RESOLUTION_PAGES = [
    [
        "United Nations S/RES/9002 (1994)",
        "Security Council Distr.: General",
        "4 May 1994",
        "94-12345 (E)",
        "Resolution 9002 (1994)",
        "Adopted by the Security Council at its 3999th meeting, on 4 May 1994",
        "The Security Council,",
        "Recalling its earlier resolutions on the question,",
        "Acting under Chapter VII of the Charter of the United Nations,",
        "1. Decides to extend the mandate of the peace-",
        "keeping operation until 31 October 1994 and to increase its strength",
        "by 500 troops;",
    ],
    [
        "S/RES/9002 (1994)",
        "2",
        "2. Requests the Secretary-General to report on the implementa-",
        "tion of this resolution;",
        "3. Decides to remain seized of the matter.",
    ],
]
