"""People's privacy: what exports and summaries show of the people a dataset names.

Each `Person` has a *visibility*: ``public`` (named), ``organization`` (shown only as a
representative of their organization) or ``private`` (shown only in a count of their
organization's participants). `redact` returns the dataset as a reader may see it, and
every export and the summary go through it, so that none can name someone it should
not. `Privacy` says how: as each person's visibility allows (the default), public
people only, with stable pseudonyms for the people listed by organization, or, for a
working copy that its keepers alone use, everyone.

Visibility covers the person records and every reference to them (meeting
participants, statements); a name written into free text (a meeting's summary, say)
is not looked for.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from typing import Any

import attrs

from ._model import Count, Dataset, Participant, Person, specs
from ._model.text import Text

__all__ = ["MIN_KEY_BYTES", "Privacy", "pseudonym", "redact"]

MIN_KEY_BYTES = 16
"""The shortest key `pseudonym` accepts: 128 bits, so that pseudonyms cannot be guessed."""

_PSEUDONYM_PREFIX = "pseudonym-"
# Kept apart from any other use of the same key by a context of its own.
_CONTEXT = b"ctocmodel person pseudonym v1\x00"

# How a participant the reader may not see by name is described, one or several.
_ONE_UNNAMED = Text(
    {
        "en": "participant whose name is not published",
        "fr": "participant dont le nom n'est pas publié",
        "es": "participante cuyo nombre no se publica",
    }
)
_UNNAMED = Text(
    {
        "en": "participants whose names are not published",
        "fr": "participants dont le nom n'est pas publié",
        "es": "participantes cuyo nombre no se publica",
    }
)


@attrs.frozen(kw_only=True)
class Privacy:
    """How an export treats the people a dataset names.

    By default each person is shown as their *visibility* allows. *public_only*
    shows public people only: the others become counts of their organization's
    participants. *pseudonym_key* (bytes the user keeps secret, at least
    `MIN_KEY_BYTES` long; there is no default key) gives each person listed by
    organization a stable pseudonym instead of no id at all, the same in every export
    made with the same key, so that analyses across sessions still join. *everyone*
    shows every name: a working copy for the dataset's keepers, never to publish.

    >>> Privacy(public_only=True).public_only
    True
    >>> Privacy(pseudonym_key=b"short")
    Traceback (most recent call last):
    ...
    ValueError: a pseudonym key has at least 16 bytes, this one has 5; make one with
    secrets.token_bytes(32)
    """

    public_only: bool = False
    pseudonym_key: bytes | None = attrs.field(default=None, repr=False)
    everyone: bool = False

    def __attrs_post_init__(self) -> None:
        key = self.pseudonym_key
        if key is not None:
            if not isinstance(key, bytes | bytearray):
                raise TypeError(f"a pseudonym key is bytes, got {type(key).__name__}")
            if len(key) < MIN_KEY_BYTES:
                raise ValueError(
                    f"a pseudonym key has at least {MIN_KEY_BYTES} bytes, this one has "
                    f"{len(key)}; make one with secrets.token_bytes(32)"
                )
        if self.everyone and (self.public_only or key is not None):
            raise ValueError(
                "everyone shows every name: it goes with neither public_only nor a key"
            )
        if self.public_only and key is not None:
            raise ValueError(
                "public_only shows no one but public people: a pseudonym key has nothing to do"
            )


def pseudonym(person_id: str, key: bytes) -> str:
    """The pseudonym of the person *person_id* under *key*: HMAC-SHA256, as an id.

    The same id and key always give the same pseudonym; without the key, it cannot be
    told from the id, nor guessed from a list of names.

    >>> key = bytes(range(32))
    >>> pseudonym("jane-doe", key) == pseudonym("jane-doe", key), len(pseudonym("jane-doe", key))
    (True, 42)
    """
    Privacy(pseudonym_key=key)  # the same checks of the key
    digest = hmac.new(bytes(key), _CONTEXT + person_id.encode("utf-8"), hashlib.sha256)
    return _PSEUDONYM_PREFIX + digest.hexdigest()[:32]


def redact(dataset: Dataset, privacy: Privacy | None = None) -> Dataset:
    """Return *dataset* as *privacy* lets a reader see it (default: as each visibility allows).

    People not shown by name leave ``people``; their places in meetings become
    counts of their organization's participants (or, when listed by organization,
    one representative each, with a pseudonym if a key is given); their statements
    stay their organization's. Consent notes are dropped.

    >>> from ctocmodel import Person, examples
    >>> cop7 = examples.cop7()
    >>> redact(cop7) == cop7
    True
    >>> hidden = attrs.evolve(cop7, people=tuple(
    ...     attrs.evolve(person, visibility="private") for person in cop7.people))
    >>> redact(hidden).people
    ()
    """
    if not isinstance(dataset, Dataset):
        raise TypeError(f"expected a Dataset, got {type(dataset).__name__}")
    privacy = Privacy() if privacy is None else privacy
    if privacy.everyone:
        return dataset
    if all(p.visibility == "public" and p.consent is None for p in dataset.people):
        return dataset
    return _Redaction(dataset, privacy).dataset()


class _Redaction:
    """One dataset redacted: what becomes of each person, applied to every record."""

    def __init__(self, dataset: Dataset, privacy: Privacy) -> None:
        self.source = dataset
        key = privacy.pseudonym_key
        self.people: dict[str, Person] = {p.id: p for p in dataset.people}
        # Each person not shown by name: a pseudonym, "representative" or "counted".
        self.fate: dict[str, str] = {}
        for person in dataset.people:
            if person.visibility == "public":
                continue
            if person.visibility == "organization" and not privacy.public_only:
                self.fate[person.id] = pseudonym(person.id, key) if key else "representative"
            else:
                self.fate[person.id] = "counted"

    def dataset(self) -> Dataset:
        kept: list[Person] = []
        for person in self.source.people:
            fate = self.fate.get(person.id)
            if fate is None:
                kept.append(_evolve(person, consent=None) if person.consent else person)
            elif fate.startswith(_PSEUDONYM_PREFIX):
                kept.append(
                    Person(id=fate, name=fate, sources=person.sources, visibility="organization")
                )
        # One new dataset, checked once its people and the references to them agree.
        changes = self.changes(self.source)
        changes["people"] = tuple(kept)
        redacted: Dataset = _evolve(self.source, **changes)
        return redacted

    def record(self, record: Any) -> Any:
        """*record* with every reference to a person redacted, itself if nothing changes."""
        changes = self.changes(record)
        return _evolve(record, **changes) if changes else record

    def changes(self, record: Any) -> dict[str, Any]:
        """The fields of *record* that redacting references to people changes."""
        changes: dict[str, Any] = {}
        for spec in specs(type(record)):
            value = getattr(record, spec.name)
            if spec.target == "person":
                new = self.reference(value, spec.many, spec.optional, type(record), spec.name)
            elif spec.records == (Participant,) and spec.many:
                items = self.participants(value)
                new = items if items != value else value
            elif spec.records and spec.many:
                items = tuple(self.record(item) for item in value)
                new = items if any(a is not b for a, b in zip(items, value, strict=True)) else value
            elif spec.records and value is not None:
                new = self.record(value)
            else:
                continue
            if new is not value:
                changes[spec.name] = new
        return changes

    def reference(self, value: Any, many: bool, optional: bool, owner: type, name: str) -> Any:
        if many:
            kept = tuple(self.shown(item) for item in value if self.shown(item) is not None)
            return value if kept == value else kept
        if value is None or value not in self.fate:
            return value
        shown = self.shown(value)
        if shown is None and not optional:
            raise TypeError(f"{owner.__name__}.{name} names a person and cannot be left out")
        return shown

    def shown(self, person_id: str) -> str | None:
        """The id under which *person_id* may be shown: itself, a pseudonym, or None."""
        fate = self.fate.get(person_id)
        if fate is None:
            return person_id
        return fate if fate.startswith(_PSEUDONYM_PREFIX) else None

    def participants(self, participants: tuple[Participant, ...]) -> tuple[Participant, ...]:
        """A meeting's participants, people not shown by name as counts or representatives."""
        result: list[Participant | tuple[str, str | None]] = []
        counted: dict[tuple[str, str | None], int] = {}
        for participant in participants:
            fate = self.fate.get(participant.person) if participant.person else None
            if fate is None:
                result.append(participant)
                continue
            organization = participant.organization or self.organization_of(participant.person)
            if fate.startswith(_PSEUDONYM_PREFIX):
                result.append(
                    Participant(role=participant.role, person=fate, organization=organization)
                )
            elif fate == "representative":
                result.append(
                    Participant(
                        role=participant.role, organization=organization, description=_ONE_UNNAMED
                    )
                )
            else:
                group = (participant.role, organization)
                if group not in counted:
                    result.append(group)
                counted[group] = counted.get(group, 0) + 1
        return tuple(
            item if isinstance(item, Participant) else _counted(*item, counted[item])
            for item in result
        )

    def organization_of(self, person_id: str | None) -> str | None:
        """The one organization a person holds positions in, if one (who they represent)."""
        person = self.people.get(person_id or "")
        held = {position.organization for position in person.positions} if person else set()
        return held.pop() if len(held) == 1 else None


def _counted(role: Any, organization: str | None, count: int) -> Participant:
    return Participant(
        role=role,
        organization=organization,
        description=_ONE_UNNAMED if count == 1 else _UNNAMED,
        count=Count(qualifier="exact", value=count),
    )


# attrs.evolve through one name, typed loosely: the records are attrs classes made by
# `record`, which mypy's attrs plugin does not know.
_evolve: Callable[..., Any] = attrs.evolve
