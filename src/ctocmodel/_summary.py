"""A readable summary of a dataset: conferences, sessions, figures, meetings, topics."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from ._model import (
    BUILTIN_TOPICS,
    Count,
    Dataset,
    Dialogue,
    Meeting,
    Organization,
    Participant,
    Person,
    ReportedFigure,
    Session,
    pick_text,
)

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_QUALIFIER_WORDS = {
    "exact": "{value}",
    "at_least": "at least {value}",
    "more_than": "more than {value}",
    "about": "about {value}",
    "at_most": "at most {value}",
    "fewer_than": "fewer than {value}",
}

# (singular, plural) nouns and the verb phrase that follows them, per measure.
_MEASURE_WORDS = {
    "participants": ("participant", "participants", ""),
    "participating_organizations": ("organization", "organizations", " took part"),
    "participating_ngos": ("NGO", "NGOs", " took part"),
    "side_events": ("side event", "side events", " {were} held"),
    "side_event_organizers": ("organization", "organizations", " organized side events"),
    "side_event_organizing_ngos": ("NGO", "NGOs", " organized side events"),
    "briefings": ("briefing", "briefings", " {were} held"),
}

_MEETING_HEADINGS = (
    ("briefing", "Briefings"),
    ("special_event", "Special events"),
    ("side_event", "Side events"),
    ("dialogue", "Dialogues"),
)

_ROLE_WORDS = {
    "speaker": "speakers",
    "moderator": "moderators",
    "counterpart": "counterparts",
    "attendee": "attendees",
}


def word_count(count: Count, singular: str, plural: str) -> str:
    """Word a count with its qualifier: "more than 90 participants", "16 NGOs".

    >>> word_count(Count(qualifier="more_than", value=90), "participant", "participants")
    'more than 90 participants'
    >>> word_count(Count(qualifier="exact", value=1), "briefing", "briefings")
    '1 briefing'
    """
    number = _QUALIFIER_WORDS[count.qualifier].format(value=count.value)
    return f"{number} {singular if count.value == 1 else plural}"


def word_dates(start: dt.date, end: dt.date) -> str:
    """Word a range of days: "6 to 10 October 2014".

    >>> word_dates(dt.date(2014, 9, 30), dt.date(2014, 10, 2))
    '30 September to 2 October 2014'
    """

    def day(value: dt.date, month: bool = True, year: bool = True) -> str:
        parts = [str(value.day)]
        if month:
            parts.append(_MONTHS[value.month - 1])
        if year:
            parts.append(str(value.year))
        return " ".join(parts)

    if start == end:
        return day(start)
    if start.year != end.year:
        return f"{day(start)} to {day(end)}"
    if start.month != end.month:
        return f"{day(start, year=False)} to {day(end)}"
    return f"{day(start, month=False, year=False)} to {day(end)}"


def _join(items: Iterable[str]) -> str:
    words = list(items)
    if len(words) <= 2:
        return " and ".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


class _Writer:
    def __init__(self, dataset: Dataset, languages: tuple[str, ...]) -> None:
        self.dataset = dataset
        self.languages = languages
        self.organizations: Mapping[str, Organization] = {o.id: o for o in dataset.organizations}
        self.people: Mapping[str, Person] = {p.id: p for p in dataset.people}
        self.topics = {**BUILTIN_TOPICS, **{t.id: t for t in dataset.topics}}
        self.lines: list[str] = []

    def text(self, value: Mapping[str, str]) -> str:
        return pick_text(value, self.languages)

    def organization(self, organization_id: str) -> str:
        organization = self.organizations[organization_id]
        return self.text(organization.name)

    def topic_list(self, topic_ids: Iterable[str]) -> str:
        return ", ".join(self.text(self.topics[topic_id].label) for topic_id in topic_ids)

    def participant(self, participant: Participant) -> str:
        if participant.person is not None:
            person = self.people[participant.person]
            titles = [self.text(position.title) for position in person.positions]
            return person.name + (f" ({'; '.join(titles)})" if titles else "")
        assert participant.description is not None
        described = self.text(participant.description)
        if participant.count is None:
            return described
        number = _QUALIFIER_WORDS[participant.count.qualifier].format(value=participant.count.value)
        return f"{number} {described}"

    def write(self) -> str:
        dataset = self.dataset
        for conference in dataset.conferences:
            title = self.text(conference.name)
            if conference.acronym:
                title = f"{self.text(conference.acronym)}: {title}"
            self.lines.append(title)
            if conference.secretariat:
                self.lines.append(f"Secretariat: {self.organization(conference.secretariat)}")
            for session in conference.sessions:
                self.session(session)
            self.lines.append("")
        if not dataset.conferences:
            self.lines.append("No conference is recorded in this dataset.")
            self.lines.append("")
        counts = (
            (len(dataset.organizations), "organization", "organizations"),
            (len(dataset.people), "person", "people"),
            (len(dataset.sources), "source", "sources"),
        )
        records = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts)
        self.lines.append(f"Records: {records}.")
        for source in dataset.sources:
            self.lines.append(f"Source {source.id}: {self.text(source.title)} ({source.language})")
        return "\n".join(self.lines) + "\n"

    def session(self, session: Session) -> None:
        lines = self.lines
        lines.append("")
        lines.append(f"Session {session.number}: {word_dates(session.start, session.end)}")
        if session.venue is not None:
            venue = session.venue
            place = [self.text(part) for part in (venue.name, venue.city) if part]
            place += [venue.country] if venue.country else []
            lines.append(f"  Venue: {', '.join(place) or venue.time_zone}")
        for sentence in self.figure_sentences(session.figures):
            lines.append(f"  {sentence}")
        if session.participation:
            lines.append(f"  Organizations listed as taking part: {len(session.participation)}")
        if session.meetings:
            lines.append(f"  Meetings ({len(session.meetings)}):")
        for tag, heading in _MEETING_HEADINGS:
            meetings = [m for m in session.meetings if m.type == tag]
            if meetings:
                lines.append(f"    {heading} ({len(meetings)}):")
                for meeting in meetings:
                    self.meeting(meeting)
        used = {topic for figure in session.figures for topic in figure.topics}
        used.update(topic for meeting in session.meetings for topic in meeting.topics)
        if used:
            labels = sorted(self.text(self.topics[topic].label) for topic in used)
            lines.append(f"  Topics: {', '.join(labels)}")

    def figure_sentences(self, figures: tuple[ReportedFigure, ...]) -> list[str]:
        by_measure = {figure.measure: figure for figure in figures}
        sentences = []
        participants = by_measure.pop("participants", None)
        ngos = by_measure.get("participating_ngos")
        if participants is not None:
            sentence = word_count(participants.count, "participant", "participants")
            if ngos is not None:
                del by_measure["participating_ngos"]
                sentence += " from " + word_count(ngos.count, "NGO", "NGOs")
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
        for measure, figure in by_measure.items():
            singular, plural, verb = _MEASURE_WORDS[measure]
            verb = verb.format(were="was" if figure.count.value == 1 else "were")
            sentence = word_count(figure.count, singular, plural) + verb
            if figure.topics:
                sentence += f", on: {self.topic_list(figure.topics)}"
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
        return sentences

    def meeting(self, meeting: Meeting) -> None:
        lines = self.lines
        when = ""
        if meeting.start is not None:
            when = f" ({meeting.start.isoformat(timespec='minutes')})"
        elif meeting.date is not None:
            when = f" ({meeting.date.isoformat()})"
        lines.append(f"      - {self.text(meeting.title)}{when}")
        if meeting.organizers:
            organizers = _join(self.organization(o) for o in meeting.organizers)
            lines.append(f"        Organized by {organizers}")
        if meeting.co_organizers:
            co_organizers = _join(self.organization(o) for o in meeting.co_organizers)
            lines.append(f"        Co-organized by {co_organizers}")
        for role, words in _ROLE_WORDS.items():
            people = [self.participant(p) for p in meeting.participants if p.role == role]
            if people:
                lines.append(f"        {words.capitalize()}: {_join(people)}")
        if isinstance(meeting, Dialogue) and meeting.questions:
            lines.append("        Questions discussed:")
            lines.extend(f"          * {self.text(question)}" for question in meeting.questions)
        if meeting.summary:
            lines.append(f"        Summary: {self.text(meeting.summary)}")
        if meeting.outcome:
            lines.append(f"        Outcome: {self.text(meeting.outcome)}")


def summarize(dataset: Dataset, languages: Iterable[str] = ("en",)) -> str:
    """Describe *dataset* in a few readable lines, texts taken in the first available language.

    >>> from ctocmodel import examples
    >>> print(summarize(examples.cop7()).splitlines()[3])
      More than 90 participants from more than 50 NGOs.
    """
    return _Writer(dataset, tuple(languages)).write()
