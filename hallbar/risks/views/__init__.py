"""The risk pages, one module per area."""
