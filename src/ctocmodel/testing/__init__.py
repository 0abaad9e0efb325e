"""Helpers for test suites and benchmarks that use ctocmodel.

`synthetic_dataset` builds a deterministic, valid and clearly synthetic dataset of
a chosen size; `synthetic_sources` several, from several synthetic sources that
disagree about the same sessions, to merge and reconcile; `synthetic_archive` a list
of datasets, one session each, as a JSON Lines archive holds. Hypothesis strategies
live in `ctocmodel.testing.strategies`, which needs the optional ``hypothesis``
dependency (``pip install hypothesis``).

>>> from ctocmodel.testing import synthetic_dataset
>>> dataset = synthetic_dataset(seed=1, size=1)
>>> dataset.sources[0].title["en"].startswith("Synthetic data")
True
>>> synthetic_dataset(seed=1, size=1) == dataset
True
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import ValidationError
from ._synthetic import synthetic_archive, synthetic_dataset, synthetic_sources

__all__ = ["problems_of", "synthetic_archive", "synthetic_dataset", "synthetic_sources"]


def problems_of(build: Callable[[], object]) -> dict[str, str]:
    """Call *build*, which must raise `ValidationError`; map each problem's path to its message.

    Raises `AssertionError` when *build* raises nothing, so it reads well in tests.

    >>> from ctocmodel import Topic
    >>> problems_of(lambda: Topic(id="corruption", label={}))
    {'/label': 'multilingual text needs at least one language'}
    """
    try:
        build()
    except ValidationError as error:
        return {problem.path: problem.message for problem in error.errors}
    raise AssertionError("expected a ValidationError, but nothing was raised")
