"""Codebooks on the web: ``/codebook`` and ``/api/codebook``."""
