"""Mirror models of the ctocmodel JSON format in msgspec and pydantic, for benchmarks only."""
