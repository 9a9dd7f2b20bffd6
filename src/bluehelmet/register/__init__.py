"""The register: operations, mandate events and resolutions — load, validate, query."""
