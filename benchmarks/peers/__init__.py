"""Peer models of diplomev's schema (pydantic v2, msgspec), for benchmarks/bench_codec.py only."""
