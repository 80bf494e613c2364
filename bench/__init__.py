"""Benchmarks (`make bench`): they print numbers; they assert nothing about speed."""
