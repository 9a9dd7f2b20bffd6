"""Resolution documents: read text, PDF and HTML files into paragraphs; load a corpus."""

from __future__ import annotations

from bluehelmet.documents.corpus import CorpusResult, load_corpus
from bluehelmet.documents.model import Paragraph, Resolution
from bluehelmet.documents.read import read_resolution

__all__ = ["CorpusResult", "Paragraph", "Resolution", "load_corpus", "read_resolution"]
