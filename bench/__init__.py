"""ClaimTracker's scale benchmark (`make bench`, `python -m bench.run`; see README.md)."""
