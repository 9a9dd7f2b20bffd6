"""The reuse explorer: clause families of the configured corpus and pairs side by side."""
