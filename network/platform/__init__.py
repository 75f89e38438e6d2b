"""The bottom floor: cross-cutting machinery and shared primitives, nothing domain-specific.
It imports no app above it (STYLE.md practice 1)."""
