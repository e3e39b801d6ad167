"""Developer tools that run on CPython: TypeScript declarations and the app checker."""
