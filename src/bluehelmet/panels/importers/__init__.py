"""Importers: one module per source; each validates its layout and records its coverage."""
