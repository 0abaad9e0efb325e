"""Shared builders for the model tests: a small, valid dataset to vary one field at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from ctocmodel import Conference, Dataset, Organization, Person, Position, Session, Source
from ctocmodel._model import specs

# Shared CI machines are slow and noisy: no per-example deadline, no speed health check.
settings.register_profile(
    "ctocmodel", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("ctocmodel")

SESSION_START = dt.date(2014, 10, 6)
SESSION_END = dt.date(2014, 10, 10)


def build_dataset(
    *,
    session: Mapping[str, Any] | None = None,
    extra_sources: tuple[Source, ...] = (),
    extra_organizations: tuple[Organization, ...] = (),
    extra_people: tuple[Person, ...] = (),
    **fields: Any,
) -> Dataset:
    """Build a valid Dataset: source 'news', organization 'unodc', person 'jane-doe', one session.

    *session* overrides fields of the only session ('ctoc-cop-7', 6 to 10 October 2014,
    conference 'ctoc-cop'); the ``extra_*`` records are appended to the minimal ones;
    other keyword arguments (schema_version, topics, ...) are Dataset fields.
    """
    source = Source(
        id="news", title={"fr": "Participation des ONG"}, language="fr", publisher="unodc"
    )
    unodc = Organization(
        id="unodc",
        name={"en": "United Nations Office on Drugs and Crime"},
        kind="un_entity",
        sources=("news",),
    )
    person = Person(
        id="jane-doe",
        name="Jane Doe",
        positions=(Position(title={"en": "Director"}, organization="unodc"),),
        sources=("news",),
    )
    the_session = Session(
        **{
            "id": "ctoc-cop-7",
            "number": 7,
            "start": SESSION_START,
            "end": SESSION_END,
            "sources": ("news",),
            **(session or {}),
        }
    )
    conference = Conference(
        id="ctoc-cop",
        name={"en": "Conference of the Parties"},
        secretariat="unodc",
        sessions=(the_session,),
        sources=("news",),
    )
    return Dataset(
        **{
            "sources": (source, *extra_sources),
            "organizations": (unodc, *extra_organizations),
            "people": (person, *extra_people),
            "conferences": (conference,),
            **fields,
        }
    )


@pytest.fixture
def minimal_dataset() -> Callable[..., Dataset]:
    """The `build_dataset` function (see its docstring)."""
    return build_dataset


@pytest.fixture(scope="session")
def record_classes() -> frozenset[type]:
    """Every record class a dataset can hold, found from the declarations down from Dataset."""
    found: set[type] = set()
    todo: list[type] = [Dataset]
    while todo:
        cls = todo.pop()
        if cls not in found:
            found.add(cls)
            todo += [inner for spec in specs(cls) for inner in spec.records]
    return frozenset(found)
