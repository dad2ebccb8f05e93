"""The action pages, one module per area."""
