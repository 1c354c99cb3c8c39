"""Re-exports of the libraries the mock is built on, so tests import from one place."""
