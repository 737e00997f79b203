"""Benchmarks: quality, latency and memory figures, printed (``make bench``), never asserted in tests."""
