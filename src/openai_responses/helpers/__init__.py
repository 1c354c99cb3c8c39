"""Builders (SDK objects from requests or partials) and mergers (a partial over an SDK object)."""
