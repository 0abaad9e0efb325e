"""A readable summary of a dataset: conferences, sessions, figures, meetings, topics.

The summary is worded in English, French or Spanish. Every fixed phrase comes from
the phrasebook of that language (`PHRASEBOOKS`: one dict per language, all with the
same keys); numbers, plurals and month names follow CLDR through Babel for French and
Spanish (``pip install babel``, or the extra ``i18n``); English needs nothing beyond ctocmodel.
The texts of the data are taken in the summary's language when they have it, else in
the fallback order of `pick_text`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from ._model import (
    BUILTIN_MEASURES,
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
from ._model.text import primary_language
from ._optional import require
from ._privacy import Privacy, redact
from ._reconcile import Interval, Reconciled, history, reconcile, series

__all__ = [
    "PHRASEBOOKS",
    "ROLE_WORDS",
    "SUMMARY_LANGUAGES",
    "Writer",
    "join_words",
    "summarize",
    "summarize_series",
    "word_count",
    "word_dates",
]

_NBSP = "\u00a0"  # French typography: a no-break space before ':' and ';'

# Placeholders: {n} a number already worded with its qualifier; {names} a list joined
# with "and"; {text} a text of the data. Keys ending in .one / .other are the CLDR
# plural forms, chosen by the number counted.
_EN: dict[str, str] = {
    "conference.none": "No conference is recorded in this dataset.",
    "conference.title": "{acronym}: {name}",
    "conference.secretariat": "Secretariat: {name}",
    "session.heading": "Session {number}: {dates}",
    "session.venue": "Venue: {place}",
    "session.participation": "Organizations listed as taking part: {n}",
    "session.meetings": "Meetings ({n}):",
    "session.topics": "Topics: {topics}",
    "heading.briefing": "Briefings ({n}):",
    "heading.special_event": "Special events ({n}):",
    "heading.side_event": "Side events ({n}):",
    "heading.dialogue": "Dialogues ({n}):",
    "meeting.organizers.one": "Organized by {names}",
    "meeting.organizers.other": "Organized by {names}",
    "meeting.co_organizers.one": "Co-organized by {names}",
    "meeting.co_organizers.other": "Co-organized by {names}",
    "meeting.questions": "Questions discussed:",
    "meeting.summary": "Summary: {text}",
    "meeting.outcome": "Outcome: {text}",
    "role.speaker": "Speakers: {names}",
    "role.moderator": "Moderators: {names}",
    "role.counterpart": "Counterparts: {names}",
    "role.attendee": "Attendees: {names}",
    "person.titles": "{name} ({titles})",
    "person.titles.separator": "; ",
    "qualifier.exact": "{n}",
    "qualifier.at_least": "at least {n}",
    "qualifier.more_than": "more than {n}",
    "qualifier.about": "about {n}",
    "qualifier.at_most": "at most {n}",
    "qualifier.fewer_than": "fewer than {n}",
    "count.participant.one": "{n} participant",
    "count.participant.other": "{n} participants",
    "count.ngo.one": "{n} NGO",
    "count.ngo.other": "{n} NGOs",
    "count.organization.one": "{n} organization",
    "count.organization.other": "{n} organizations",
    "count.person.one": "{n} person",
    "count.person.other": "{n} people",
    "count.source.one": "{n} source",
    "count.source.other": "{n} sources",
    "figure.participants_from_ngos.one": "{participants} from {ngos}",
    "figure.participants_from_ngos.other": "{participants} from {ngos}",
    "figure.participating_organizations.one": "{n} organization took part",
    "figure.participating_organizations.other": "{n} organizations took part",
    "figure.participating_ngos.one": "{n} NGO took part",
    "figure.participating_ngos.other": "{n} NGOs took part",
    "figure.side_events.one": "{n} side event was held",
    "figure.side_events.other": "{n} side events were held",
    "figure.side_event_organizers.one": "{n} organization organized side events",
    "figure.side_event_organizers.other": "{n} organizations organized side events",
    "figure.side_event_organizing_ngos.one": "{n} NGO organized side events",
    "figure.side_event_organizing_ngos.other": "{n} NGOs organized side events",
    "figure.briefings.one": "{n} briefing was held",
    "figure.briefings.other": "{n} briefings were held",
    "figure.topics": "{figure}, on: {topics}",
    "records": "Records: {records}.",
    "source": "Source {id}: {title} ({language})",
    "list.and": "{first} and {last}",
    "list.and_before_i": "{first} and {last}",
    "dates.range": "{start} to {end}",
    "dates.day_month_year": "{day} {month} {year}",
    "dates.day_month": "{day} {month}",
    "dates.first_day": "1",
    "time.of_day": "{hour}:{minute}",
    "time.same_day": "{date}, {start}\u2013{end}",
    "time.two_days": "{date}, {start} \u2013 {end_date}, {end}",
    "time.start": "{date}, {start}",
    "time.zone": "{when}, {city} time",
    "time.offset": "{when}, UTC{offset}",
    "figure.generic": "{n} {what}",
    "figure.scoped": "{figure} ({scope})",
    "scope.day": "on {date}",
    "scope.meeting": "at {meeting}",
    "scope.expected": "expected",
    "interval.exact": "{n} {what}",
    "interval.between": "between {low} and {high} {what}",
    "interval.at_least": "{low} or more {what}",
    "interval.at_most": "at most {high} {what}",
    "interval.unknown": "an unknown number of {what}",
    "reconciled.line": "Reconciled: {text}.",
    "reconciled.per": "{figure}, per {sources}",
    "reconciled.sources.one": "one source",
    "reconciled.sources.other": "{n} sources",
    "reconciled.listed": "the records listed",
    "reconciled.contradiction": (
        "contradictory figures of {what}: {above} at least {low}, {below} at most {high}"
    ),
    "series.heading": "Series of {what} ({conference}):",
    "series.session": "Session {number} ({year}): {figure}",
    "series.none": "no figure",
    "history.heading": "Organizations across sessions:",
    "history.line": "{name}: {facts}",
    "history.attended.one": "took part in session {sessions}",
    "history.attended.other": "took part in sessions {sessions}",
    "history.organized.one": "organized meetings at session {sessions}",
    "history.organized.other": "organized meetings at sessions {sessions}",
    "number.2": "two",
    "number.3": "three",
    "number.4": "four",
    "number.5": "five",
    "number.6": "six",
    "number.7": "seven",
    "number.8": "eight",
    "number.9": "nine",
    "number.10": "ten",
}

_FR: dict[str, str] = {
    "conference.none": "Aucune conférence n'est enregistrée dans ce jeu de données.",
    "conference.title": "{acronym}\u00a0: {name}",
    "conference.secretariat": "Secrétariat\u00a0: {name}",
    "session.heading": "Session {number}\u00a0: {dates}",
    "session.venue": "Lieu\u00a0: {place}",
    "session.participation": "Organisations recensées comme participantes\u00a0: {n}",
    "session.meetings": "Réunions ({n})\u00a0:",
    "session.topics": "Thèmes\u00a0: {topics}",
    "heading.briefing": "Séances d'information ({n})\u00a0:",
    "heading.special_event": "Manifestations spéciales ({n})\u00a0:",
    "heading.side_event": "Manifestations parallèles ({n})\u00a0:",
    "heading.dialogue": "Dialogues ({n})\u00a0:",
    "meeting.organizers.one": "Organisateur\u00a0: {names}",
    "meeting.organizers.other": "Organisateurs\u00a0: {names}",
    "meeting.co_organizers.one": "Coorganisateur\u00a0: {names}",
    "meeting.co_organizers.other": "Coorganisateurs\u00a0: {names}",
    "meeting.questions": "Questions abordées\u00a0:",
    "meeting.summary": "Résumé\u00a0: {text}",
    "meeting.outcome": "Résultat\u00a0: {text}",
    "role.speaker": "Intervenants\u00a0: {names}",
    "role.moderator": "Modérateurs\u00a0: {names}",
    "role.counterpart": "Interlocuteurs\u00a0: {names}",
    "role.attendee": "Participants\u00a0: {names}",
    "person.titles": "{name} ({titles})",
    "person.titles.separator": "\u00a0; ",
    "qualifier.exact": "{n}",
    "qualifier.at_least": "au moins {n}",
    "qualifier.more_than": "plus de {n}",
    "qualifier.about": "environ {n}",
    "qualifier.at_most": "au plus {n}",
    "qualifier.fewer_than": "moins de {n}",
    "count.participant.one": "{n} participant",
    "count.participant.other": "{n} participants",
    "count.ngo.one": "{n} ONG",
    "count.ngo.other": "{n} ONG",
    "count.organization.one": "{n} organisation",
    "count.organization.other": "{n} organisations",
    "count.person.one": "{n} personne",
    "count.person.other": "{n} personnes",
    "count.source.one": "{n} source",
    "count.source.other": "{n} sources",
    "figure.participants_from_ngos.one": "{participants} issu de {ngos}",
    "figure.participants_from_ngos.other": "{participants} issus de {ngos}",
    "figure.participating_organizations.one": "{n} organisation a participé",
    "figure.participating_organizations.other": "{n} organisations ont participé",
    "figure.participating_ngos.one": "{n} ONG a participé",
    "figure.participating_ngos.other": "{n} ONG ont participé",
    "figure.side_events.one": "{n} manifestation parallèle a eu lieu",
    "figure.side_events.other": "{n} manifestations parallèles ont eu lieu",
    "figure.side_event_organizers.one": "{n} organisation a organisé des manifestations parallèles",
    "figure.side_event_organizers.other": (
        "{n} organisations ont organisé des manifestations parallèles"
    ),
    "figure.side_event_organizing_ngos.one": "{n} ONG a organisé des manifestations parallèles",
    "figure.side_event_organizing_ngos.other": "{n} ONG ont organisé des manifestations parallèles",
    "figure.briefings.one": "{n} séance d'information a eu lieu",
    "figure.briefings.other": "{n} séances d'information ont eu lieu",
    "figure.topics": "{figure} sur les thèmes suivants\u00a0: {topics}",
    "records": "Fiches\u00a0: {records}.",
    "source": "Source {id}\u00a0: {title} ({language})",
    "list.and": "{first} et {last}",
    "list.and_before_i": "{first} et {last}",
    "dates.range": "du {start} au {end}",
    "dates.day_month_year": "{day} {month} {year}",
    "dates.day_month": "{day} {month}",
    "dates.first_day": "1er",
    "time.of_day": "{hour}\u00a0h\u00a0{minute}",
    "time.same_day": "{date}, {start}\u2013{end}",
    "time.two_days": "{date}, {start} \u2013 {end_date}, {end}",
    "time.start": "{date}, {start}",
    "time.zone": "{when}, heure de {city}",
    "time.offset": "{when}, UTC{offset}",
    "figure.generic": "{n} {what}",
    "figure.scoped": "{figure} ({scope})",
    "scope.day": "le {date}",
    "scope.meeting": "à {meeting}",
    "scope.expected": "attendus",
    "interval.exact": "{n} {what}",
    "interval.between": "entre {low} et {high} {what}",
    "interval.at_least": "{low} {what} ou plus",
    "interval.at_most": "au plus {high} {what}",
    "interval.unknown": "un nombre inconnu de {what}",
    "reconciled.line": "Rapprochement\u00a0: {text}.",
    "reconciled.per": "{figure}, selon {sources}",
    "reconciled.sources.one": "une source",
    "reconciled.sources.other": "{n} sources",
    "reconciled.listed": "les fiches recensées",
    "reconciled.contradiction": (
        "chiffres contradictoires de {what}\u00a0: {above} au moins {low}, {below} au plus {high}"
    ),
    "series.heading": "Série des {what} ({conference})\u00a0:",
    "series.session": "Session {number} ({year})\u00a0: {figure}",
    "series.none": "aucun chiffre",
    "history.heading": "Organisations d'une session à l'autre\u00a0:",
    "history.line": "{name}\u00a0: {facts}",
    "history.attended.one": "a participé à la session {sessions}",
    "history.attended.other": "a participé aux sessions {sessions}",
    "history.organized.one": "a organisé des réunions à la session {sessions}",
    "history.organized.other": "a organisé des réunions aux sessions {sessions}",
    "number.2": "deux",
    "number.3": "trois",
    "number.4": "quatre",
    "number.5": "cinq",
    "number.6": "six",
    "number.7": "sept",
    "number.8": "huit",
    "number.9": "neuf",
    "number.10": "dix",
}

_ES: dict[str, str] = {
    "conference.none": "Este conjunto de datos no registra ninguna conferencia.",
    "conference.title": "{acronym}: {name}",
    "conference.secretariat": "Secretaría: {name}",
    "session.heading": "{number}.º período de sesiones: {dates}",
    "session.venue": "Lugar: {place}",
    "session.participation": "Organizaciones registradas como participantes: {n}",
    "session.meetings": "Reuniones ({n}):",
    "session.topics": "Temas: {topics}",
    "heading.briefing": "Sesiones informativas ({n}):",
    "heading.special_event": "Actos especiales ({n}):",
    "heading.side_event": "Actos paralelos ({n}):",
    "heading.dialogue": "Diálogos ({n}):",
    "meeting.organizers.one": "Organizador: {names}",
    "meeting.organizers.other": "Organizadores: {names}",
    "meeting.co_organizers.one": "Coorganizador: {names}",
    "meeting.co_organizers.other": "Coorganizadores: {names}",
    "meeting.questions": "Cuestiones tratadas:",
    "meeting.summary": "Resumen: {text}",
    "meeting.outcome": "Resultado: {text}",
    "role.speaker": "Oradores: {names}",
    "role.moderator": "Moderadores: {names}",
    "role.counterpart": "Interlocutores: {names}",
    "role.attendee": "Asistentes: {names}",
    "person.titles": "{name} ({titles})",
    "person.titles.separator": "; ",
    "qualifier.exact": "{n}",
    "qualifier.at_least": "al menos {n}",
    "qualifier.more_than": "más de {n}",
    "qualifier.about": "alrededor de {n}",
    "qualifier.at_most": "un máximo de {n}",
    "qualifier.fewer_than": "menos de {n}",
    "count.participant.one": "{n} participante",
    "count.participant.other": "{n} participantes",
    "count.ngo.one": "{n} ONG",
    "count.ngo.other": "{n} ONG",
    "count.organization.one": "{n} organización",
    "count.organization.other": "{n} organizaciones",
    "count.person.one": "{n} persona",
    "count.person.other": "{n} personas",
    "count.source.one": "{n} fuente",
    "count.source.other": "{n} fuentes",
    "figure.participants_from_ngos.one": "{participants} de {ngos}",
    "figure.participants_from_ngos.other": "{participants} de {ngos}",
    "figure.participating_organizations.one": "{n} organización participó",
    "figure.participating_organizations.other": "{n} organizaciones participaron",
    "figure.participating_ngos.one": "{n} ONG participó",
    "figure.participating_ngos.other": "{n} ONG participaron",
    "figure.side_events.one": "se celebró {n} acto paralelo",
    "figure.side_events.other": "se celebraron {n} actos paralelos",
    "figure.side_event_organizers.one": "{n} organización organizó actos paralelos",
    "figure.side_event_organizers.other": "{n} organizaciones organizaron actos paralelos",
    "figure.side_event_organizing_ngos.one": "{n} ONG organizó actos paralelos",
    "figure.side_event_organizing_ngos.other": "{n} ONG organizaron actos paralelos",
    "figure.briefings.one": "se celebró {n} sesión informativa",
    "figure.briefings.other": "se celebraron {n} sesiones informativas",
    "figure.topics": "{figure} sobre los temas siguientes: {topics}",
    "records": "Registros: {records}.",
    "source": "Fuente {id}: {title} ({language})",
    "list.and": "{first} y {last}",
    "list.and_before_i": "{first} e {last}",
    "dates.range": "del {start} al {end}",
    "dates.day_month_year": "{day} de {month} de {year}",
    "dates.day_month": "{day} de {month}",
    "dates.first_day": "1",
    "time.of_day": "{hour}:{minute}",
    "time.same_day": "{date}, {start}\u2013{end}",
    "time.two_days": "{date}, {start} \u2013 {end_date}, {end}",
    "time.start": "{date}, {start}",
    "time.zone": "{when}, hora de {city}",
    "time.offset": "{when}, UTC{offset}",
    "figure.generic": "{n} {what}",
    "figure.scoped": "{figure} ({scope})",
    "scope.day": "el {date}",
    "scope.meeting": "en {meeting}",
    "scope.expected": "previstos",
    "interval.exact": "{n} {what}",
    "interval.between": "entre {low} y {high} {what}",
    "interval.at_least": "{low} {what} o más",
    "interval.at_most": "como máximo {high} {what}",
    "interval.unknown": "un número desconocido de {what}",
    "reconciled.line": "Conciliación: {text}.",
    "reconciled.per": "{figure}, según {sources}",
    "reconciled.sources.one": "una fuente",
    "reconciled.sources.other": "{n} fuentes",
    "reconciled.listed": "los registros listados",
    "reconciled.contradiction": (
        "cifras contradictorias de {what}: {above} al menos {low}, {below} como máximo {high}"
    ),
    "series.heading": "Serie de {what} ({conference}):",
    "series.session": "{number}.º período de sesiones ({year}): {figure}",
    "series.none": "ninguna cifra",
    "history.heading": "Organizaciones a lo largo de los períodos de sesiones:",
    "history.line": "{name}: {facts}",
    "history.attended.one": "participó en el período de sesiones {sessions}",
    "history.attended.other": "participó en los períodos de sesiones {sessions}",
    "history.organized.one": "organizó reuniones en el período de sesiones {sessions}",
    "history.organized.other": "organizó reuniones en los períodos de sesiones {sessions}",
    "number.2": "dos",
    "number.3": "tres",
    "number.4": "cuatro",
    "number.5": "cinco",
    "number.6": "seis",
    "number.7": "siete",
    "number.8": "ocho",
    "number.9": "nueve",
    "number.10": "diez",
}

PHRASEBOOKS: Mapping[str, Mapping[str, str]] = {"en": _EN, "fr": _FR, "es": _ES}
"""The fixed phrases of the summary, per language; every phrasebook has the same keys."""

SUMMARY_LANGUAGES: tuple[str, ...] = tuple(PHRASEBOOKS)
"""The languages a summary can be worded in: ``en``, ``fr``, ``es``."""

# English needs no Babel: its month names are built in.
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

_MEETING_TYPES = ("briefing", "special_event", "side_event", "dialogue")
_ROLES = ("speaker", "moderator", "counterpart", "attendee")

# English plural role words, as the iCalendar export writes them ("Speakers: ...").
ROLE_WORDS = {role: _EN[f"role.{role}"].split(":")[0].lower() for role in _ROLES}

# French elides "de" before a vowel: "issus d'environ 50 ONG", "d'au moins 50".
_ELISION = {"fr": re.compile(r"\b([dD])e (?=[aeiouyàâéèêëîïôûAEIOUYÀÂÉÈÊÎÔ])")}
# Spanish writes "e" for "y" before a word that starts with the sound /i/ ("e Italia").
_SPANISH_I = re.compile(r"h?[iíIÍ](?![aeiouáéíóúAEIOUÁÉÍÓÚ])")


def _check_language(language: str) -> str:
    """The phrasebook language of *language* (``fr`` for ``fr-CA``), or ValueError."""
    if not isinstance(language, str):
        raise TypeError(f"language is one tag such as 'fr', not {language!r}")
    primary = primary_language(language)
    if primary not in PHRASEBOOKS:
        raise ValueError(
            f"no summary phrasebook for {language!r}; choose one of " + ", ".join(SUMMARY_LANGUAGES)
        )
    return primary


class _Words:
    """The phrases, numbers, plurals and month names of one language."""

    def __init__(self, language: str) -> None:
        self.language = _check_language(language)
        self.phrases = PHRASEBOOKS[self.language]
        self._elision = _ELISION.get(self.language)
        # Country and city names come from CLDR when Babel is there; English does without.
        self._names: Any = _english_names() if self.language == "en" else None
        if self.language == "en":
            self.months: tuple[str, ...] = _MONTHS
            self._locale: Any = None
            self._numbers: Any = None
        else:
            babel: Any = require(
                "babel", package="babel", extra="i18n", feature="A summary in French or Spanish"
            )
            self._numbers = require(
                "babel.numbers",
                package="babel",
                extra="i18n",
                feature="A summary in French or Spanish",
            )
            self._locale = babel.Locale.parse(self.language)
            self._names = self._locale
            wide = self._locale.months["format"]["wide"]
            self.months = tuple(str(wide[month]) for month in range(1, 13))

    def country(self, code: str) -> str:
        """The name of the country with the ISO 3166 *code* (the code itself without Babel)."""
        if self._names is None:
            return code
        return str(self._names.territories.get(code, code))

    def city_of(self, zone: str) -> str:
        """The city that names the IANA time zone *zone*: "Vienna", "Vienne"."""
        if self._names is not None:
            dates: Any = require(
                "babel.dates", package="babel", extra="i18n", feature="Names of time zones"
            )
            return str(
                dates.get_timezone_location(
                    dates.get_timezone(zone), locale=self._names, return_city=True
                )
            )
        return zone.rsplit("/", 1)[-1].replace("_", " ")

    def clock(self, value: dt.datetime) -> str:
        return self("time.of_day", hour=str(value.hour), minute=f"{value.minute:02d}")

    def when(self, start: dt.datetime, end: dt.datetime | None, zone: str | None) -> str:
        """A meeting's time in words: "18 October 2016, 13:15–14:45, Vienna time"."""
        day = self.date(start.date())
        if end is None:
            when = self("time.start", date=day, start=self.clock(start))
        elif end.date() == start.date():
            when = self("time.same_day", date=day, start=self.clock(start), end=self.clock(end))
        else:
            when = self(
                "time.two_days",
                date=day,
                start=self.clock(start),
                end_date=self.date(end.date()),
                end=self.clock(end),
            )
        if zone is not None and "/" in zone and not zone.startswith("Etc/"):
            return self.elide(self("time.zone", when=when, city=self.city_of(zone)))
        offset = start.utcoffset() or dt.timedelta(0)
        minutes = int(offset.total_seconds()) // 60
        shown = "" if minutes == 0 else f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:"
        shown += "" if minutes == 0 else f"{abs(minutes) % 60:02d}"
        return self("time.offset", when=when, offset=shown)

    def __call__(self, key: str, **values: str) -> str:
        return self.phrases[key].format(**values)

    def number(self, value: int) -> str:
        """*value* with the language's digit grouping (CLDR): 1,200; 1 200; 1.200."""
        if self._numbers is None:
            return f"{value:,}"
        return str(self._numbers.format_decimal(value, locale=self._locale))

    def is_one(self, value: int) -> bool:
        """Whether *value* takes the singular (CLDR "one"): 1 in English, 0 and 1 in French."""
        if self._locale is None:
            return value == 1
        return bool(self._locale.plural_form(value) == "one")

    def form(self, key: str, value: int) -> str:
        """The key of the plural form of *key* for *value*: ``key.one`` or ``key.other``."""
        return f"{key}.one" if self.is_one(value) else f"{key}.other"

    def qualified(self, count: Count) -> str:
        """The number of *count* with its qualifier: "more than 90", "plus de 90"."""
        return self(f"qualifier.{count.qualifier}", n=self.number(count.value))

    def counted(self, noun: str, count: Count) -> str:
        """A qualified count of the noun *noun* (a ``count.*`` key): "more than 50 NGOs"."""
        return self(self.form(f"count.{noun}", count.value), n=self.qualified(count))

    def elide(self, text: str) -> str:
        return text if self._elision is None else self._elision.sub(r"\1'", text)

    def join(self, items: Iterable[str]) -> str:
        """Join *items* with the language's "and": "A, B and C", "A, B et C", "A, B e Italia"."""
        words = list(items)
        if len(words) <= 1:
            return "".join(words)
        last = words[-1]
        key = "list.and"
        if self.language == "es" and _SPANISH_I.match(last):
            key = "list.and_before_i"
        return self(key, first=", ".join(words[:-1]), last=last)

    def date(self, value: dt.date, month: bool = True, year: bool = True) -> str:
        day = self("dates.first_day") if value.day == 1 else str(value.day)
        if not month:
            return day
        name = self.months[value.month - 1]
        if not year:
            return self("dates.day_month", day=day, month=name)
        return self("dates.day_month_year", day=day, month=name, year=str(value.year))

    def dates(self, start: dt.date, end: dt.date) -> str:
        if start == end:
            return self.date(start)
        if start.year != end.year:
            first = self.date(start)
        elif start.month != end.month:
            first = self.date(start, year=False)
        else:
            first = self.date(start, month=False, year=False)
        return self("dates.range", start=first, end=self.date(end))


def _english_names() -> Any:
    """Babel's English locale when Babel is installed, else None (codes stay codes)."""
    try:
        import babel
    except ImportError:
        return None
    return babel.Locale.parse("en")


def word_count(count: Count, singular: str, plural: str, *, language: str = "en") -> str:
    """Word a count with its qualifier: "more than 90 participants", "16 NGOs".

    The noun is *singular* or *plural* by the plural rule of *language* (French
    counts 0 as singular).

    >>> word_count(Count(qualifier="more_than", value=90), "participant", "participants")
    'more than 90 participants'
    >>> word_count(Count(qualifier="exact", value=1), "briefing", "briefings")
    '1 briefing'
    """
    words = _Words(language)
    noun = singular if words.is_one(count.value) else plural
    return f"{words.qualified(count)} {noun}"


def word_dates(start: dt.date, end: dt.date, *, language: str = "en") -> str:
    """Word a range of days: "6 to 10 October 2014", "du 6 au 10 octobre 2014".

    Month names for French and Spanish come from CLDR, through Babel.

    >>> word_dates(dt.date(2014, 9, 30), dt.date(2014, 10, 2))
    '30 September to 2 October 2014'
    """
    return _Words(language).dates(start, end)


def join_words(items: Iterable[str], language: str = "en") -> str:
    """Join *items* as "A, B and C" (in English unless *language* says otherwise)."""
    return _Words(language).join(items)


def _sort_key(label: str) -> tuple[str, str]:
    """Order labels without regard to accents and case: "Économie" among the E."""
    decomposed = unicodedata.normalize("NFKD", label)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.casefold(), label


class Writer:
    def __init__(self, dataset: Dataset, languages: tuple[str, ...], language: str = "en") -> None:
        self.dataset = dataset
        self.languages = languages
        self.words = _Words(language)
        self.organizations: Mapping[str, Organization] = {o.id: o for o in dataset.organizations}
        self.people: Mapping[str, Person] = {p.id: p for p in dataset.people}
        self.topics = {**BUILTIN_TOPICS, **{t.id: t for t in dataset.topics}}
        self.measures = {**BUILTIN_MEASURES, **{m.id: m for m in dataset.measures}}
        self.lines: list[str] = []
        self._reconciled: dict[str, list[Reconciled]] | None = None

    def what(self, measure: str) -> str:
        """The label of *measure*, a plural noun phrase: "participants"."""
        return self.text(self.measures[measure].label)

    def how_many(self, value: int) -> str:
        """A small number in words ("two"), a larger one in figures."""
        key = f"number.{value}"
        return self.words(key) if key in self.words.phrases else self.words.number(value)

    def interval(self, interval: Interval, what: str) -> str:
        """An interval of counts in words: "between 91 and 120 participants"."""
        words = self.words
        low, high = words.number(interval.low), interval.high
        if high is None:
            if interval.low == 0:
                return words("interval.unknown", what=what)
            return words("interval.at_least", low=low, what=what)
        if interval.low == high:
            return words("interval.exact", n=low, what=what)
        if interval.low == 0:
            return words("interval.at_most", high=words.number(high), what=what)
        return words("interval.between", low=low, high=words.number(high), what=what)

    def reconciled(self, item: Reconciled) -> str:
        """A reconciled figure in words, with its sources, or the contradiction."""
        words = self.words
        what = self.what(item.measure)
        if item.interval is None:
            low = max(e.interval.low for e in item.evidence)
            high = min(e.interval.high for e in item.evidence if e.interval.high is not None)
            text = words(
                "reconciled.contradiction",
                what=what,
                above=self.who(item.above),
                below=self.who(item.below),
                low=words.number(low),
                high=words.number(high),
            )
        else:
            count = len(item.sources)
            sources = (
                [
                    words("reconciled.sources.one")
                    if count == 1
                    else words("reconciled.sources.other", n=self.how_many(count))
                ]
                if count
                else []
            )
            if len(item.sources) < len(item.evidence):
                sources.append(words("reconciled.listed"))
            text = words(
                "reconciled.per",
                figure=self.interval(item.interval, what),
                sources=words.join(sources),
            )
        return words.elide(text)

    def who(self, evidence: Iterable[Any]) -> str:
        """The sources of *evidence* by id, and the listed records."""
        names = [
            e.source if e.source is not None else self.words("reconciled.listed") for e in evidence
        ]
        return self.words.join(dict.fromkeys(names))

    def scope_words(self, figure: ReportedFigure) -> str:
        words = self.words
        parts = []
        if figure.day is not None:
            parts.append(words("scope.day", date=words.date(figure.day)))
        if figure.meeting is not None:
            parts.append(words("scope.meeting", meeting=figure.meeting))
        if figure.status == "expected":
            parts.append(words("scope.expected"))
        return ", ".join(parts)

    def text(self, value: Mapping[str, str]) -> str:
        return pick_text(value, self.languages)

    def organization(self, organization_id: str) -> str:
        organization = self.organizations[organization_id]
        return self.text(organization.name)

    def topic_list(self, topic_ids: Iterable[str]) -> str:
        return ", ".join(self.text(self.topics[topic_id].label) for topic_id in topic_ids)

    def participant(self, participant: Participant) -> str:
        """A person with their titles, or people described and counted; and whom they represent."""
        words = self.words
        separator = words("person.titles.separator")
        if participant.person is not None:
            person = self.people[participant.person]
            titles = [self.text(position.title) for position in person.positions]
            held = {position.organization for position in person.positions}
            titles += self.represented(participant, [person.name, *titles], held)
            if not titles:
                return person.name
            return words("person.titles", name=person.name, titles=separator.join(titles))
        assert participant.description is not None
        described = self.text(participant.description)
        if participant.count is not None:
            described = f"{words.qualified(participant.count)} {described}"
        represents = self.represented(participant, [described], set())
        if represents:
            return words("person.titles", name=described, titles=represents[0])
        return described

    def represented(self, participant: Participant, said: list[str], held: set[str]) -> list[str]:
        """The organization a participant represents, unless a title already says it."""
        if participant.organization is None or participant.organization in held:
            return []
        organization = self.organizations[participant.organization]
        label = self.text(organization.acronym or organization.name)
        if any(label in text for text in said):
            return []
        return [label]

    def write(self) -> str:
        dataset, words = self.dataset, self.words
        for conference in dataset.conferences:
            title = self.text(conference.name)
            if conference.acronym:
                title = words("conference.title", acronym=self.text(conference.acronym), name=title)
            self.lines.append(title)
            if conference.secretariat:
                name = self.organization(conference.secretariat)
                self.lines.append(words("conference.secretariat", name=name))
            for session in conference.sessions:
                self.session(session)
            self.lines.append("")
        if not dataset.conferences:
            self.lines.append(words("conference.none"))
            self.lines.append("")
        counts = (
            ("organization", len(dataset.organizations)),
            ("person", len(dataset.people)),
            ("source", len(dataset.sources)),
        )
        records = ", ".join(
            words(words.form(f"count.{noun}", n), n=words.number(n)) for noun, n in counts
        )
        self.lines.append(words("records", records=records))
        for source in dataset.sources:
            title = self.text(source.title)
            self.lines.append(words("source", id=source.id, title=title, language=source.language))
        return "\n".join(self.lines) + "\n"

    def session(self, session: Session) -> None:
        lines, words = self.lines, self.words
        lines.append("")
        dates = words.dates(session.start, session.end)
        lines.append(words("session.heading", number=str(session.number), dates=dates))
        if session.venue is not None:
            venue = session.venue
            place = [self.text(part) for part in (venue.name, venue.city) if part]
            place += [words.country(venue.country)] if venue.country else []
            # A venue has at least one of its fields: the time zone when nothing else.
            where = ", ".join(place) or venue.time_zone or ""
            lines.append("  " + words("session.venue", place=where))
        for sentence in self.figure_sentences(session.figures):
            lines.append(f"  {sentence}")
        for sentence in self.reconciled_lines(session):
            lines.append(f"  {sentence}")
        if session.participation:
            listed = words.number(len(session.participation))
            lines.append("  " + words("session.participation", n=listed))
        if session.meetings:
            lines.append("  " + words("session.meetings", n=words.number(len(session.meetings))))
        for tag in _MEETING_TYPES:
            meetings = [m for m in session.meetings if m.type == tag]
            if meetings:
                lines.append("    " + words(f"heading.{tag}", n=words.number(len(meetings))))
                zone = session.venue.time_zone if session.venue else None
                for meeting in meetings:
                    self.meeting(meeting, zone)
        used = {topic for figure in session.figures for topic in figure.topics}
        used.update(topic for meeting in session.meetings for topic in meeting.topics)
        if used:
            labels = sorted((self.text(self.topics[topic].label) for topic in used), key=_sort_key)
            lines.append("  " + words("session.topics", topics=", ".join(labels)))

    def figure_sentences(self, figures: tuple[ReportedFigure, ...]) -> list[str]:
        words = self.words
        # A measure reported by several sources is stated once, reconciled.
        reported: dict[tuple[object, ...], list[ReportedFigure]] = {}
        for figure in figures:
            scope = (figure.measure, figure.day, figure.meeting, figure.status)
            reported.setdefault(scope, []).append(figure)
        by_measure = {
            figure.measure: figure
            for figure in figures
            if figure.whole_session and len(reported[(figure.measure, None, None, "actual")]) == 1
        }
        sentences = []
        participants = by_measure.pop("participants", None)
        ngos = by_measure.get("participating_ngos")
        if participants is not None:
            sentence = words.counted("participant", participants.count)
            if ngos is not None:
                del by_measure["participating_ngos"]
                key = words.form("figure.participants_from_ngos", participants.count.value)
                sentence = words(key, participants=sentence, ngos=words.counted("ngo", ngos.count))
            sentences.append(_sentence(words.elide(sentence)))
        for measure, figure in by_measure.items():
            if f"figure.{measure}.one" in words.phrases:
                key = words.form(f"figure.{measure}", figure.count.value)
                sentence = words.elide(words(key, n=words.qualified(figure.count)))
            else:
                sentence = self.generic(figure)
            if figure.topics:
                topics = self.topic_list(figure.topics)
                sentence = words("figure.topics", figure=sentence, topics=topics)
            sentences.append(_sentence(sentence))
        for group in reported.values():
            figure = group[0]
            if len(group) == 1 and not figure.whole_session:
                sentence = words(
                    "figure.scoped", figure=self.generic(figure), scope=self.scope_words(figure)
                )
                sentences.append(_sentence(words.elide(sentence)))
        return sentences

    def generic(self, figure: ReportedFigure) -> str:
        """A figure of any measure: "more than 300 participants from NGOs"."""
        words = self.words
        return words.elide(
            words("figure.generic", n=words.qualified(figure.count), what=self.what(figure.measure))
        )

    def reconciled_lines(self, session: Session) -> list[str]:
        """The figures that several sources report, reconciled, as sentences."""
        if self._reconciled is None:
            self._reconciled = {}
            for item in reconcile(self.dataset):
                self._reconciled.setdefault(item.session, []).append(item)
        lines = []
        for item in self._reconciled.get(session.id, ()):
            if len(item.sources) < 2:
                continue
            text = self.reconciled(item)
            if item.scope.day or item.scope.meeting or item.scope.status != "actual":
                probe = next(
                    f
                    for f in session.figures
                    if f.measure == item.measure
                    and (f.day, f.meeting, f.status)
                    == (item.scope.day, item.scope.meeting, item.scope.status)
                )
                text = self.words("figure.scoped", figure=text, scope=self.scope_words(probe))
            lines.append(self.words("reconciled.line", text=text))
        return lines

    def meeting(self, meeting: Meeting, zone: str | None = None) -> None:
        lines, words = self.lines, self.words
        when = ""
        if meeting.start is not None:
            when = f" ({words.when(meeting.start, meeting.end, zone)})"
        elif meeting.date is not None:
            when = f" ({words.date(meeting.date)})"
        lines.append(f"      - {self.text(meeting.title)}{when}")
        for field, organizers in (
            ("organizers", meeting.organizers),
            ("co_organizers", meeting.co_organizers),
        ):
            if organizers:
                names = words.join(self.organization(o) for o in organizers)
                key = words.form(f"meeting.{field}", len(organizers))
                lines.append("        " + words(key, names=names))
        for role in _ROLES:
            people = [self.participant(p) for p in meeting.participants if p.role == role]
            if people:
                lines.append("        " + words(f"role.{role}", names=words.join(people)))
        if isinstance(meeting, Dialogue) and meeting.questions:
            lines.append("        " + words("meeting.questions"))
            lines.extend(f"          * {self.text(question)}" for question in meeting.questions)
        if meeting.summary:
            lines.append("        " + words("meeting.summary", text=self.text(meeting.summary)))
        if meeting.outcome:
            lines.append("        " + words("meeting.outcome", text=self.text(meeting.outcome)))


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] + "."


def summarize(
    dataset: Dataset,
    languages: Iterable[str] | None = None,
    *,
    language: str = "en",
    privacy: Privacy | None = None,
) -> str:
    """Describe *dataset* in a few readable lines, worded in *language* (en, fr or es).

    Every fixed phrase, number, plural and date is in *language* (French and Spanish
    need Babel: ``pip install babel``). The texts of the data are taken in
    the first of *languages* they have (by default *language*), then in the fallback
    order of `pick_text`. ``summarize(dataset, ["fr"])``, as before *language*
    existed, gives an English summary of the French texts. *privacy* says what the
    summary shows of the people the dataset names (default: what each person's
    visibility allows; see `Privacy`).

    >>> from ctocmodel import examples
    >>> print(summarize(examples.cop7()).splitlines()[3])
      More than 90 participants from more than 50 NGOs.
    >>> print(summarize(examples.cop7(), language="fr").splitlines()[3])
      Plus de 90 participants issus de plus de 50 ONG.
    """
    words_language = _check_language(language)
    if isinstance(languages, str):
        raise TypeError(
            f"languages is a sequence of tags such as ({languages!r},), not a string; "
            f"to word the summary in another language use language={languages!r}"
        )
    preferred = (language,) if languages is None else tuple(languages)
    return Writer(redact(dataset, privacy), preferred, words_language).write()


def summarize_series(
    dataset: Dataset, measures: Iterable[str] | None = None, *, language: str = "en"
) -> str:
    """Describe *measures* session by session, reconciled, then what organizations did.

    Without *measures*, every measure the dataset's whole-session figures use. Each
    conference's sessions come in order, each with its reconciled figure and sources
    (see `series`); then each organization's sessions and meetings (see `history`).

    >>> from ctocmodel import examples
    >>> print(summarize_series(examples.cop7(), ["participants"]).splitlines()[1])
      Session 7 (2014): 91 or more participants, per one source.
    """
    writer = Writer(dataset, (language,), _check_language(language))
    words = writer.words
    if measures is None:
        wanted = list(
            dict.fromkeys(
                figure.measure
                for conference in dataset.conferences
                for session in conference.sessions
                for figure in session.figures
                if figure.whole_session
            )
        )
    else:
        wanted = list(measures)
    lines: list[str] = []
    acronyms = {c.id: writer.text(c.acronym or c.name) for c in dataset.conferences}
    for measure in wanted:
        if measure not in writer.measures:
            raise ValueError(f"no measure has the id {measure!r} in this dataset")
        points = series(dataset, measure)
        for conference in dict.fromkeys(point.conference for point in points):
            lines.append(
                words("series.heading", what=writer.what(measure), conference=acronyms[conference])
            )
            for point in points:
                if point.conference != conference:
                    continue
                figure = (
                    words("series.none")
                    if point.reconciled is None
                    else writer.reconciled(point.reconciled)
                )
                line = words(
                    "series.session",
                    number=str(point.number),
                    year=str(point.start.year),
                    figure=figure,
                )
                lines.append(f"  {_sentence(line)}")
    stories = history(dataset)
    if stories:
        lines.append(words("history.heading"))
    for story in stories:
        facts = []
        if story.attended:
            sessions = [
                f"{a.number} ({a.basis})" if a.basis else str(a.number) for a in story.attended
            ]
            key = "history.attended.one" if len(sessions) == 1 else "history.attended.other"
            facts.append(words(key, sessions=words.join(sessions)))
        if story.organized:
            numbers = [str(n) for n in dict.fromkeys(o.number for o in story.organized)]
            key = "history.organized.one" if len(numbers) == 1 else "history.organized.other"
            facts.append(words(key, sessions=words.join(numbers)))
        name = writer.organization(story.organization)
        lines.append("  " + words("history.line", name=name, facts="; ".join(facts)))
    return "\n".join(lines) + "\n"
