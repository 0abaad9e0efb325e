"""The tables are derived from the model: every field of every record has its place."""

from __future__ import annotations

import attrs
import pytest

from ctocmodel import MEETING_TYPES, Dataset, Meeting, Organization, Person, Session, SideEvent
from ctocmodel._model import FieldSpec, specs
from ctocmodel._model._checks import integer
from ctocmodel.exports import _tables


def reachable() -> dict[type, str]:
    """Every record class reachable from Dataset, with the table that holds its fields."""
    found: dict[type, str] = {}
    for table in _tables.layout():
        for cls in table.classes:
            found[cls] = table.name
    return found


def places(table: _tables.Table) -> set[tuple[str, ...]]:
    return {column.path for column in table.columns} | {(child.field,) for child in table.children}


def test_every_field_of_every_record_has_a_column_or_a_table() -> None:
    """attrs.fields of each class: a column, a column per language, spread columns or a table."""
    tables = {table.name: table for table in _tables.layout()}
    missing = []
    for cls, name in reachable().items():
        table = tables[name]
        for field in attrs.fields(cls):
            covered = {path[0] for path in places(table) if path}
            if field.name not in covered and not (field.name == "type" and table.polymorphic):
                missing.append(f"{cls.__name__}.{field.name}")
    assert missing == []


def test_records_held_in_one_field_are_spread_over_columns() -> None:
    """A session's venue and a figure's count become venue_* and count_* columns."""
    sessions = _tables.table_named("sessions")
    venue_fields = {f.name for f in attrs.fields(_venue())}
    assert {c.path for c in sessions.columns if c.path[0] == "venue"} == {
        ("venue", name) for name in venue_fields
    }
    figures = _tables.table_named("figures")
    assert [c.name for c in figures.columns if c.path[0] == "count"] == [
        "count_qualifier",
        "count_value",
    ]


def _venue() -> type:
    from ctocmodel import Venue

    return Venue


def test_closed_lists_come_from_literal_types() -> None:
    """The choices of a column are the values of its Literal type, meeting types included."""
    participants = _tables.table_named("participants")
    [role] = [c for c in participants.columns if c.name == "role"]
    assert role.choices == ("speaker", "moderator", "counterpart", "attendee")
    meetings = _tables.table_named("meetings")
    assert meetings.classes == tuple(MEETING_TYPES.values())
    assert meetings.columns[0].choices == tuple(MEETING_TYPES)


def test_a_field_only_some_meetings_have_is_a_table_of_those() -> None:
    """Dialogue.questions is the table questions, whose rows name their meeting."""
    questions = _tables.table_named("questions")
    assert questions.keys == ("meeting",)
    assert questions.texts_only
    assert issubclass(questions.parents[0].classes[0], Meeting)


def test_a_list_without_a_column_is_refused_by_name() -> None:
    """A field holding a list of plain values (not ids) stops the layout with its name."""
    sizes = FieldSpec(name="sizes", kind=integer(0), many=True)
    with pytest.raises(TypeError, match=r"sizes: no spreadsheet column for a list of integer"):
        _tables._scalar(sizes, ("sizes",), False)


def _spec(cls: type, name: str) -> FieldSpec:
    return next(spec for spec in specs(cls) if spec.name == name)


def test_kinds_of_value_map_to_kinds_of_column() -> None:
    """Each kind of value the model declares has its kind of column, choices listed."""
    fields = [
        (Person, "name", "text"),
        (Session, "number", "int"),
        (Session, "start", "date"),
        (SideEvent, "start", "datetime"),
        (Organization, "kind", "choice"),
        (Organization, "sources", "refs"),
        (Organization, "name", "texts"),
    ]
    for cls, name, kind in fields:
        assert _tables._scalar(_spec(cls, name), (name,), False).kind == kind, (cls, name)
    country = _tables._scalar(_spec(Organization, "country"), ("country",), True)
    assert (country.kind, "AT" in country.choices) == ("text", True)


def test_the_dataset_table_holds_the_dataset_fields() -> None:
    """dataset.csv has a column per field of Dataset that is not a list of records."""
    root = _tables.layout()[0]
    assert root.name == "dataset"
    assert [c.name for c in root.columns] == [
        f.name for f in attrs.fields(Dataset) if f.name not in {t.field for t in root.children}
    ]
