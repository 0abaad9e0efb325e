r"""CSV export: one table per kind of record, for spreadsheets and data tools.

`to_csv` writes the tables below into a folder, or into a zip archive when the
target ends with ``.zip`` (in any case). Every table is written, with its header row,
even when it has no rows, and its columns always come in this order:

=====================  =======================  ==============================================
file                   one row per              columns
=====================  =======================  ==============================================
``sources.csv``        source                   ``id``, ``title_*``, ``language``,
                                                ``publisher``, ``url``, ``date``
``organizations.csv``  organization             ``id``, ``kind``, ``name_*``, ``acronym_*``,
                                                ``parent``, ``country``, ``ecosoc_status``,
                                                ``website``, ``sources``
``identifiers.csv``    identifier of an         ``organization``, ``scheme``, ``identifier``
                       organization
``people.csv``         person                   ``id``, ``name``, ``sources``
``positions.csv``      position of a person     ``person``, ``organization``, ``title_*``,
                                                ``start``, ``end``
``topics.csv``         topic used or declared   ``id``, ``origin``, ``label_*``, ``broader``
``conferences.csv``    conference               ``id``, ``name_*``, ``acronym_*``,
                                                ``secretariat``, ``sources``
``sessions.csv``       session                  ``id``, ``conference``, ``number``, ``start``,
                                                ``end``, ``venue_name_*``, ``venue_city_*``,
                                                ``venue_country``, ``venue_time_zone``,
                                                ``sources``
``participation.csv``  organization per         ``conference``, ``session``, ``organization``,
                       session                  ``basis``, ``sources``
``figures.csv``        reported figure          ``conference``, ``session``, ``measure``,
                                                ``qualifier``, ``value``, ``source``,
                                                ``quote``, ``topics``
``meetings.csv``       meeting                  ``id``, ``conference``, ``session``, ``type``,
                                                ``title_*``, ``date``, ``start``, ``end``,
                                                ``organizers``, ``co_organizers``,
                                                ``topics``, ``summary_*``, ``outcome_*``,
                                                ``sources``
``participants.csv``   participant of a         ``meeting``, ``role``, ``person``,
                       meeting                  ``organization``, ``description_*``,
                                                ``count_qualifier``, ``count_value``
``questions.csv``      question of a dialogue   ``meeting``, ``text_*``
``documents.csv``      UN document cited by a   ``session``, ``meeting``, ``symbol``,
                       session or a meeting     ``title_*``, ``url``
=====================  =======================  ==============================================

Cells:

- A reference is the id of the record it points to (``conference``, ``session`` and
  ``meeting`` say where a row belongs). A list of references is one cell of ids
  joined by ``|``, in the order of the dataset (ids never contain ``|``); an
  organization's external identifiers, which are free text, have their own table.
- ``topics.csv`` holds the dataset's own topics (``origin`` ``dataset``) and the
  built-in topics (``origin`` ``builtin``) that a meeting or figure uses or that
  another listed topic names as ``broader``, so that every topic id resolves.
- ``field_*`` stands for one column per language, named ``<field>_<tag>``, such as
  ``name_en`` or ``title_zh-Hans``: first the *languages* asked for (by default the six
  UN languages: ar, zh, en, fr, ru, es), then every other language tag that the table
  holds for that field, sorted, so that no text is left out.
- Dates are ``YYYY-MM-DD``; date-times have the canonical form of the JSON format
  (``2014-10-07T13:00:00+02:00``, ``Z`` for UTC); numbers are decimal digits; an
  absent value or an empty list is an empty cell.
- Text from the data (names, titles, quotes, descriptions...; ids, codes and dates
  never start so) that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return, or with apostrophes followed by one of these, gets one more apostrophe in
  front (``=SUM(A1)`` is written ``'=SUM(A1)``), so that spreadsheets do not run it as a
  formula (OWASP's advice on CSV injection). A program reading the tables removes one
  leading apostrophe from every cell that starts with apostrophes followed by one of
  these characters, and gets the text back exactly. The numbers the exporter writes
  (counts, session numbers) are never negative and never changed.

The files are UTF-8 without a byte-order mark, with the ``csv`` module's defaults:
commas, ``"`` around cells that need them, and CRLF (``\r\n``) at the end of each
row. ``excel=True`` adds a byte-order mark, which Excel needs to read non-ASCII text
as UTF-8. Cells may hold line breaks: read the files with ``newline=""``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeAlias, TypeVar

from .._io import write_atomically
from .._model import (
    BUILTIN_TOPICS,
    UN_LANGUAGES,
    Conference,
    Dataset,
    Dialogue,
    Document,
    Identifier,
    Meeting,
    MultilingualText,
    Organization,
    Participant,
    Participation,
    Person,
    Position,
    ReportedFigure,
    Session,
    Source,
    Topic,
)
from .._model._checks import canonical_language_tag
from ..converters import format_datetime

__all__ = ["to_csv"]

_R = TypeVar("_R")
_Value: TypeAlias = str | int | dt.date | tuple[str, ...] | None
"""What a plain column reads from a record: data text, a number, a date, ids, or nothing."""

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Fixed, so that the same dataset always gives the same archive: the earliest zip date.
_ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)


def _neutralise(text: str) -> str:
    """Put an apostrophe before text that a spreadsheet would run as a formula.

    >>> _neutralise("=SUM(A1)"), _neutralise("'=x"), _neutralise("'Ndrangheta")
    ("'=SUM(A1)", "''=x", "'Ndrangheta")
    """
    if text.lstrip("'").startswith(_TRIGGERS):
        return "'" + text
    return text


def _cell(value: _Value) -> str:
    """Write one value of a plain column as a cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _neutralise(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return "|".join(value)


@dataclass(frozen=True)
class _Column(Generic[_R]):
    """One column: its name and what it reads from a record."""

    name: str
    get: Callable[[_R], _Value]


@dataclass(frozen=True)
class _Texts(Generic[_R]):
    """A multilingual field: one column per language."""

    field: str
    get: Callable[[_R], MultilingualText | None]


def _plain(get: Callable[[_R], _Value]) -> Callable[[_R], str]:
    return lambda record: _cell(get(record))


def _in_language(get: Callable[[_R], MultilingualText | None], tag: str) -> Callable[[_R], str]:
    def read(record: _R) -> str:
        text = get(record)
        return "" if text is None or tag not in text else _neutralise(text[tag])

    return read


def _rows(
    columns: Sequence[_Column[_R] | _Texts[_R]], records: Sequence[_R], languages: Sequence[str]
) -> list[list[str]]:
    """The header and the rows of one table."""
    header: list[str] = []
    readers: list[Callable[[_R], str]] = []
    for column in columns:
        if isinstance(column, _Column):
            header.append(column.name)
            readers.append(_plain(column.get))
            continue
        present: set[str] = set()
        for record in records:
            present.update(column.get(record) or ())
        for tag in (*languages, *sorted(present.difference(languages))):
            header.append(f"{column.field}_{tag}")
            readers.append(_in_language(column.get, tag))
    return [header, *([read(record) for read in readers] for record in records)]


def _used_topics(dataset: Dataset) -> list[tuple[Topic, str]]:
    """Built-in topics used (with the broader topics they name), then the dataset's own."""
    declared = {topic.id: topic for topic in dataset.topics}
    wanted = set(declared)
    for conference in dataset.conferences:
        for session in conference.sessions:
            for figure in session.figures:
                wanted.update(figure.topics)
            for meeting in session.meetings:
                wanted.update(meeting.topics)
    pending = list(wanted)
    while pending:
        topic_id = pending.pop()
        topic = declared.get(topic_id) or BUILTIN_TOPICS.get(topic_id)
        if topic is not None and topic.broader is not None and topic.broader not in wanted:
            wanted.add(topic.broader)
            pending.append(topic.broader)
    builtin = [(topic, "builtin") for key, topic in BUILTIN_TOPICS.items() if key in wanted]
    return [*builtin, *((topic, "dataset") for topic in dataset.topics)]


# The records of the tables that are not lists of one kind of record.
_IdentifierRow: TypeAlias = tuple[Organization, Identifier]
_PositionRow: TypeAlias = tuple[Person, Position]
_TopicRow: TypeAlias = tuple[Topic, str]
_SessionRow: TypeAlias = tuple[Conference, Session]
_ParticipationRow: TypeAlias = tuple[Conference, Session, Participation]
_FigureRow: TypeAlias = tuple[Conference, Session, ReportedFigure]
_MeetingRow: TypeAlias = tuple[Conference, Session, Meeting]
_ParticipantRow: TypeAlias = tuple[Meeting, Participant]
_QuestionRow: TypeAlias = tuple[Dialogue, MultilingualText]
_DocumentRow: TypeAlias = tuple[Session, Meeting | None, Document]


def _tables(dataset: Dataset, languages: Sequence[str]) -> list[tuple[str, list[list[str]]]]:
    """Every table, in the documented order, as its header and rows."""
    sessions = [(c, s) for c in dataset.conferences for s in c.sessions]
    meetings = [(c, s, m) for c, s in sessions for m in s.meetings]
    dialogues = [m for _, _, m in meetings if isinstance(m, Dialogue)]
    return [
        (
            "sources.csv",
            _rows(
                [
                    _Column[Source]("id", lambda s: s.id),
                    _Texts[Source]("title", lambda s: s.title),
                    _Column[Source]("language", lambda s: s.language),
                    _Column[Source]("publisher", lambda s: s.publisher),
                    _Column[Source]("url", lambda s: s.url),
                    _Column[Source]("date", lambda s: s.date),
                ],
                dataset.sources,
                languages,
            ),
        ),
        (
            "organizations.csv",
            _rows(
                [
                    _Column[Organization]("id", lambda o: o.id),
                    _Column[Organization]("kind", lambda o: o.kind),
                    _Texts[Organization]("name", lambda o: o.name),
                    _Texts[Organization]("acronym", lambda o: o.acronym),
                    _Column[Organization]("parent", lambda o: o.parent),
                    _Column[Organization]("country", lambda o: o.country),
                    _Column[Organization]("ecosoc_status", lambda o: o.ecosoc_status),
                    _Column[Organization]("website", lambda o: o.website),
                    _Column[Organization]("sources", lambda o: o.sources),
                ],
                dataset.organizations,
                languages,
            ),
        ),
        (
            "identifiers.csv",
            _rows(
                [
                    _Column[_IdentifierRow]("organization", lambda r: r[0].id),
                    _Column[_IdentifierRow]("scheme", lambda r: r[1].scheme),
                    _Column[_IdentifierRow]("identifier", lambda r: r[1].id),
                ],
                [(o, i) for o in dataset.organizations for i in o.identifiers],
                languages,
            ),
        ),
        (
            "people.csv",
            _rows(
                [
                    _Column[Person]("id", lambda p: p.id),
                    _Column[Person]("name", lambda p: p.name),
                    _Column[Person]("sources", lambda p: p.sources),
                ],
                dataset.people,
                languages,
            ),
        ),
        (
            "positions.csv",
            _rows(
                [
                    _Column[_PositionRow]("person", lambda r: r[0].id),
                    _Column[_PositionRow]("organization", lambda r: r[1].organization),
                    _Texts[_PositionRow]("title", lambda r: r[1].title),
                    _Column[_PositionRow]("start", lambda r: r[1].start),
                    _Column[_PositionRow]("end", lambda r: r[1].end),
                ],
                [(p, q) for p in dataset.people for q in p.positions],
                languages,
            ),
        ),
        (
            "topics.csv",
            _rows(
                [
                    _Column[_TopicRow]("id", lambda r: r[0].id),
                    _Column[_TopicRow]("origin", lambda r: r[1]),
                    _Texts[_TopicRow]("label", lambda r: r[0].label),
                    _Column[_TopicRow]("broader", lambda r: r[0].broader),
                ],
                _used_topics(dataset),
                languages,
            ),
        ),
        (
            "conferences.csv",
            _rows(
                [
                    _Column[Conference]("id", lambda c: c.id),
                    _Texts[Conference]("name", lambda c: c.name),
                    _Texts[Conference]("acronym", lambda c: c.acronym),
                    _Column[Conference]("secretariat", lambda c: c.secretariat),
                    _Column[Conference]("sources", lambda c: c.sources),
                ],
                dataset.conferences,
                languages,
            ),
        ),
        (
            "sessions.csv",
            _rows(
                [
                    _Column[_SessionRow]("id", lambda r: r[1].id),
                    _Column[_SessionRow]("conference", lambda r: r[0].id),
                    _Column[_SessionRow]("number", lambda r: r[1].number),
                    _Column[_SessionRow]("start", lambda r: r[1].start),
                    _Column[_SessionRow]("end", lambda r: r[1].end),
                    _Texts[_SessionRow](
                        "venue_name", lambda r: r[1].venue.name if r[1].venue else None
                    ),
                    _Texts[_SessionRow](
                        "venue_city", lambda r: r[1].venue.city if r[1].venue else None
                    ),
                    _Column[_SessionRow](
                        "venue_country", lambda r: r[1].venue.country if r[1].venue else None
                    ),
                    _Column[_SessionRow](
                        "venue_time_zone", lambda r: r[1].venue.time_zone if r[1].venue else None
                    ),
                    _Column[_SessionRow]("sources", lambda r: r[1].sources),
                ],
                sessions,
                languages,
            ),
        ),
        (
            "participation.csv",
            _rows(
                [
                    _Column[_ParticipationRow]("conference", lambda r: r[0].id),
                    _Column[_ParticipationRow]("session", lambda r: r[1].id),
                    _Column[_ParticipationRow]("organization", lambda r: r[2].organization),
                    _Column[_ParticipationRow]("basis", lambda r: r[2].basis),
                    _Column[_ParticipationRow]("sources", lambda r: r[2].sources),
                ],
                [(c, s, p) for c, s in sessions for p in s.participation],
                languages,
            ),
        ),
        (
            "figures.csv",
            _rows(
                [
                    _Column[_FigureRow]("conference", lambda r: r[0].id),
                    _Column[_FigureRow]("session", lambda r: r[1].id),
                    _Column[_FigureRow]("measure", lambda r: r[2].measure),
                    _Column[_FigureRow]("qualifier", lambda r: r[2].count.qualifier),
                    _Column[_FigureRow]("value", lambda r: r[2].count.value),
                    _Column[_FigureRow]("source", lambda r: r[2].source),
                    _Column[_FigureRow]("quote", lambda r: r[2].quote),
                    _Column[_FigureRow]("topics", lambda r: r[2].topics),
                ],
                [(c, s, f) for c, s in sessions for f in s.figures],
                languages,
            ),
        ),
        (
            "meetings.csv",
            _rows(
                [
                    _Column[_MeetingRow]("id", lambda r: r[2].id),
                    _Column[_MeetingRow]("conference", lambda r: r[0].id),
                    _Column[_MeetingRow]("session", lambda r: r[1].id),
                    _Column[_MeetingRow]("type", lambda r: r[2].type),
                    _Texts[_MeetingRow]("title", lambda r: r[2].title),
                    _Column[_MeetingRow]("date", lambda r: r[2].date),
                    _Column[_MeetingRow]("start", lambda r: r[2].start),
                    _Column[_MeetingRow]("end", lambda r: r[2].end),
                    _Column[_MeetingRow]("organizers", lambda r: r[2].organizers),
                    _Column[_MeetingRow]("co_organizers", lambda r: r[2].co_organizers),
                    _Column[_MeetingRow]("topics", lambda r: r[2].topics),
                    _Texts[_MeetingRow]("summary", lambda r: r[2].summary),
                    _Texts[_MeetingRow]("outcome", lambda r: r[2].outcome),
                    _Column[_MeetingRow]("sources", lambda r: r[2].sources),
                ],
                meetings,
                languages,
            ),
        ),
        (
            "participants.csv",
            _rows(
                [
                    _Column[_ParticipantRow]("meeting", lambda r: r[0].id),
                    _Column[_ParticipantRow]("role", lambda r: r[1].role),
                    _Column[_ParticipantRow]("person", lambda r: r[1].person),
                    _Column[_ParticipantRow]("organization", lambda r: r[1].organization),
                    _Texts[_ParticipantRow]("description", lambda r: r[1].description),
                    _Column[_ParticipantRow](
                        "count_qualifier", lambda r: r[1].count.qualifier if r[1].count else None
                    ),
                    _Column[_ParticipantRow](
                        "count_value", lambda r: r[1].count.value if r[1].count else None
                    ),
                ],
                [(m, p) for _, _, m in meetings for p in m.participants],
                languages,
            ),
        ),
        (
            "questions.csv",
            _rows(
                [
                    _Column[_QuestionRow]("meeting", lambda r: r[0].id),
                    _Texts[_QuestionRow]("text", lambda r: r[1]),
                ],
                [(d, q) for d in dialogues for q in d.questions],
                languages,
            ),
        ),
        (
            "documents.csv",
            _rows(
                [
                    _Column[_DocumentRow]("session", lambda r: r[0].id),
                    _Column[_DocumentRow]("meeting", lambda r: r[1].id if r[1] else None),
                    _Column[_DocumentRow]("symbol", lambda r: r[2].symbol),
                    _Texts[_DocumentRow]("title", lambda r: r[2].title),
                    _Column[_DocumentRow]("url", lambda r: r[2].url),
                ],
                _document_rows(sessions, meetings),
                languages,
            ),
        ),
    ]


def _document_rows(
    sessions: Iterable[tuple[Conference, Session]], meetings: Iterable[_MeetingRow]
) -> list[_DocumentRow]:
    rows: list[_DocumentRow] = [(s, None, d) for _, s in sessions for d in s.documents]
    return rows + [(s, m, d) for _, s, m in meetings for d in m.documents]


def _encode(rows: Iterable[Sequence[str]], *, excel: bool) -> bytes:
    """Write *rows* with the csv module's defaults, as UTF-8 (with a BOM for Excel)."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    payload = buffer.getvalue().encode("utf-8")
    return codecs.BOM_UTF8 + payload if excel else payload


def to_csv(
    dataset: Dataset,
    target: str | os.PathLike[str],
    *,
    excel: bool = False,
    languages: Sequence[str] = UN_LANGUAGES,
) -> list[str]:
    """Write *dataset* as CSV tables into the folder or ``.zip`` archive *target*.

    A folder is created when missing, and each table in it is replaced atomically
    (other files are left alone); an archive is written whole, with fixed timestamps,
    so that the same dataset gives the same bytes. Returns the names of the tables
    written; the module documentation describes them. *excel* adds the byte-order
    mark that Excel needs; *languages* are the languages that get a column for each
    multilingual field, before any other language the data holds.

    >>> import tempfile, ctocmodel
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     names = to_csv(ctocmodel.examples.cop7(), folder)
    >>> names[:3]
    ['sources.csv', 'organizations.csv', 'identifiers.csv']
    """
    if not isinstance(dataset, Dataset):
        raise TypeError(f"expected a Dataset, got {type(dataset).__name__}")
    tables = [
        (name, _encode(rows, excel=excel)) for name, rows in _tables(dataset, _validated(languages))
    ]
    path = Path(target)
    if os.fspath(target).lower().endswith(".zip"):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, payload in tables:
                info = zipfile.ZipInfo(name, date_time=_ZIP_TIMESTAMP)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # Unix, whatever the system writing it
                info.external_attr = 0o644 << 16  # rw-r--r--
                archive.writestr(info, payload)
        write_atomically(path, buffer.getvalue())
    else:
        path.mkdir(parents=True, exist_ok=True)
        for name, payload in tables:
            write_atomically(path / name, payload)
    return [name for name, _ in tables]


def _validated(languages: Sequence[str]) -> tuple[str, ...]:
    """Check that *languages* are distinct language tags in canonical case."""
    if isinstance(languages, str):
        raise TypeError(
            f"languages is a sequence of language tags, such as ('en', 'fr'), "
            f"not the string {languages!r}"
        )
    result = tuple(languages)
    for tag in result:
        if not isinstance(tag, str):
            raise TypeError(f"expected a language tag (a string), got {tag!r}")
        canonical = canonical_language_tag(tag)
        if canonical is None:
            raise ValueError(f"{tag!r} is not a BCP 47 language tag, such as 'en' or 'zh-Hans'")
        if canonical != tag:
            raise ValueError(f"write the language tag {tag!r} as {canonical!r}")
    if len(set(result)) != len(result):
        raise ValueError(f"languages lists a language twice: {result!r}")
    return result
