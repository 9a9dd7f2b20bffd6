"""Process tracing: the bundled cases, their evidence ledgers and sensitivity."""
