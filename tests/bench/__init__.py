"""The benchmark: `python -m tests.bench [--quick]` measures pages, the nudge sweep, sending
and the catalog load on PostgreSQL and Redis, and writes docs/benchmarks.md."""
