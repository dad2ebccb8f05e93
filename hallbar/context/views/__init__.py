"""The context pages, one module per part: the landing page, interested parties, the environmental scan
and the scope."""
