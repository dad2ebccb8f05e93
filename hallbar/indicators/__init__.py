"""Indicators: definitions, values per organisation/unit and period, and target status."""
