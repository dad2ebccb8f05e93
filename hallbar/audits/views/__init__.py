"""The internal audit pages, one module per area."""
