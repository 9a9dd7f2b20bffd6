"""The register's pages and JSON API: home, operations, resolutions, the mandates figure."""
