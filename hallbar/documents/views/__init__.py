"""The documents pages, one module per area."""
