"""The aspects register's pages, one module per area."""
