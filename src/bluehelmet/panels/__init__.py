"""Conflict and deployment panels: importers (one module per source) and the panel builder."""
