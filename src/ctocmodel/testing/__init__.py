"""Helpers for test suites and benchmarks that use ctocmodel.

`synthetic_dataset` builds a deterministic, valid and clearly synthetic dataset of
a chosen size. Hypothesis strategies live in `ctocmodel.testing.strategies`, which
needs the optional ``hypothesis`` dependency (``pip install 'ctocmodel[hypothesis]'``).

>>> from ctocmodel.testing import synthetic_dataset
>>> dataset = synthetic_dataset(seed=1, size=1)
>>> dataset.sources[0].title["en"].startswith("Synthetic data")
True
>>> synthetic_dataset(seed=1, size=1) == dataset
True
"""

from __future__ import annotations

from ._synthetic import synthetic_dataset

__all__ = ["synthetic_dataset"]
