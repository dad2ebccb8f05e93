"""Small cross-cutting helpers that every domain app may use (no models, no views)."""
