"""The dataset: schema version, unique ids, references, and rules spanning several records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

import ctocmodel
from ctocmodel import (
    Briefing,
    Conference,
    Count,
    Dataset,
    Dialogue,
    Organization,
    Participant,
    Participation,
    Person,
    Position,
    ReportedFigure,
    Session,
    SideEvent,
    Source,
    Topic,
    examples,
)
from ctocmodel.testing import problems_of as problems

SESSION = "/conferences/0/sessions/0"


def organization(org_id: str, kind: str = "ngo", **fields) -> Organization:
    return Organization(
        id=org_id, name={"en": org_id.replace("-", " ").title()}, kind=kind, **fields
    )


def side_event(event_id: str, **fields) -> SideEvent:
    return SideEvent(id=event_id, title={"en": "Side event"}, date=dt.date(2014, 10, 7), **fields)


def figure(measure: str, qualifier: str, value: int, source: str = "news") -> ReportedFigure:
    return ReportedFigure(
        measure=measure, count=Count(qualifier=qualifier, value=value), source=source
    )


def ngos(count: int) -> tuple[Organization, ...]:
    return tuple(organization(f"ngo-{n:02d}") for n in range(1, count + 1))


# The dataset as a whole


def test_empty_dataset_is_valid_and_uses_the_current_schema_version():
    """A Dataset with nothing in it is valid and declares the current schema version, 1.1."""
    empty = Dataset()
    assert (empty.schema_version, empty.sources, empty.conferences) == ("1.1", (), ())


def test_minimal_dataset_is_valid(minimal_dataset):
    """The shared minimal dataset builds: one source, organization, person and session."""
    dataset = minimal_dataset()
    assert [len(dataset.sources), len(dataset.organizations), len(dataset.people)] == [1, 1, 1]
    assert dataset.conferences[0].sessions[0].id == "ctoc-cop-7"


def test_bundled_cop7_example_is_a_valid_dataset():
    """The CTOC/COP7 record loads as a Dataset with session 7 and its three figures."""
    cop7 = examples.cop7()
    session = cop7.conferences[0].sessions[0]
    assert (session.number, len(session.figures)) == (7, 3)
    assert attrs.evolve(cop7) == cop7


def test_records_must_be_tuples_of_model_objects():
    """Each collection is a tuple of the right model class; problems are located."""
    found = problems(
        lambda: Dataset(
            sources={"news": Source(id="news", title={"fr": "Nouvelles"}, language="fr")},
            organizations=(organization("ngo-a"), "ngo-b"),
        )
    )
    assert found["/sources"] == "expected a tuple (an array in JSON), got an object"
    assert found["/organizations/1"].endswith("Organization, got a string ('ngo-b')")
    assert set(found) == {"/sources", "/organizations/1"}


# Schema version


@pytest.mark.parametrize("version", ["1.0", "1.7", "1.12"])
def test_minor_versions_of_the_major_version_are_accepted(version):
    """Every 1.x schema version is read."""
    assert Dataset(schema_version=version).schema_version == version


def test_newer_major_version_is_refused_with_advice_to_upgrade():
    """A 2.0 document is refused with a message telling to upgrade ctocmodel."""
    assert problems(lambda: Dataset(schema_version="2.0")) == {
        "/schema_version": "this document uses schema version '2.0', which this ctocmodel does "
        "not read (it reads 1.x); upgrade ctocmodel to read it"
    }


@pytest.mark.parametrize("version", ["v1", "1", "1.0.0", "01.0", "1.", ""])
def test_malformed_schema_version_is_refused(version):
    """A version that is not MAJOR.MINOR is refused with an example."""
    assert problems(lambda: Dataset(schema_version=version)) == {
        "/schema_version": f"{version!r} is not a schema version of the form MAJOR.MINOR, "
        "such as '1.1'"
    }


def test_schema_version_must_be_a_string():
    """The number 1.0 is not the string '1.0'."""
    assert problems(lambda: Dataset(schema_version=1.0)) == {
        "/schema_version": "expected a schema version such as '1.1', got a number (1.0)"
    }


def test_schema_version_with_a_trailing_newline_is_refused():
    """'1.0\\n' is not of the form MAJOR.MINOR."""
    found = problems(lambda: Dataset(schema_version="1.0\n"))
    assert "is not a schema version of the form MAJOR.MINOR" in found["/schema_version"]


# Unique ids


def test_duplicate_organization_id_is_reported_at_the_duplicate(minimal_dataset):
    """A second organization with an existing id is refused at its /id, naming the first."""
    found = problems(
        lambda: minimal_dataset(extra_organizations=(organization("ngo-a"), organization("unodc")))
    )
    assert found == {
        "/organizations/2/id": "the organization id 'unodc' is already used by /organizations/0"
    }


@pytest.mark.parametrize(
    ("field", "extra", "path", "message"),
    [
        (
            "extra_sources",
            (Source(id="news", title={"en": "Other"}, language="en"),),
            "/sources/1/id",
            "the source id 'news' is already used by /sources/0",
        ),
        (
            "extra_people",
            (Person(id="jane-doe", name="Another Jane Doe"),),
            "/people/1/id",
            "the person id 'jane-doe' is already used by /people/0",
        ),
        (
            "topics",
            (Topic(id="wildlife", label={"en": "Wildlife"}),) * 2,
            "/topics/1/id",
            "the topic id 'wildlife' is already used by /topics/0",
        ),
    ],
)
def test_duplicate_ids_are_refused_per_kind(minimal_dataset, field, extra, path, message):
    """Sources, people and topics each have unique ids; the duplicate's /id is reported."""
    assert problems(lambda: minimal_dataset(**{field: extra})) == {path: message}


def test_duplicate_conference_id_is_refused(minimal_dataset):
    """Two conferences with the same id are refused at the second one's /id."""
    base = minimal_dataset()
    other = Conference(id="ctoc-cop", name={"en": "Another"})
    found = problems(lambda: attrs.evolve(base, conferences=(*base.conferences, other)))
    assert found == {
        "/conferences/1/id": "the conference id 'ctoc-cop' is already used by /conferences/0"
    }


def test_session_ids_are_unique_across_conferences(minimal_dataset):
    """A session id used in another conference is refused at the session's /id."""
    base = minimal_dataset()
    twin = Session(id="ctoc-cop-7", number=1, start=dt.date(2015, 1, 1), end=dt.date(2015, 1, 2))
    other = Conference(id="other-cop", name={"en": "Another"}, sessions=(twin,))
    found = problems(lambda: attrs.evolve(base, conferences=(*base.conferences, other)))
    assert found == {
        "/conferences/1/sessions/0/id": "the session id 'ctoc-cop-7' is already used by "
        "/conferences/0/sessions/0"
    }


def test_meeting_ids_are_unique_across_the_dataset(minimal_dataset):
    """A meeting id used twice in a session is refused at the second meeting's /id."""
    found = problems(
        lambda: minimal_dataset(session={"meetings": (side_event("se-1"), side_event("se-1"))})
    )
    assert found == {
        f"{SESSION}/meetings/1/id": f"the meeting id 'se-1' is already used by {SESSION}/meetings/0"
    }


def test_the_same_id_in_two_kinds_is_fine(minimal_dataset):
    """Ids are unique per kind: a source, an organization, a person and a topic may share one."""
    shared = "unodc"
    dataset = minimal_dataset(
        extra_sources=(Source(id=shared, title={"en": "UNODC website"}, language="en"),),
        extra_people=(Person(id=shared, name="Someone"),),
        topics=(Topic(id=shared, label={"en": "UNODC"}),),
        session={"meetings": (side_event(shared),)},
    )
    assert dataset.sources[1].id == dataset.organizations[0].id == dataset.people[1].id == shared


# References


def _with_source(make, **fields):
    """The minimal dataset with fields of its source 'news' replaced."""
    base = make()
    return attrs.evolve(base, sources=(attrs.evolve(base.sources[0], **fields),))


def _with_conference(make, **fields):
    """The minimal dataset with fields of its conference 'ctoc-cop' replaced."""
    base = make()
    return attrs.evolve(base, conferences=(attrs.evolve(base.conferences[0], **fields),))


def _with_person(make, *, organization="unodc", sources=("news",)):
    """The minimal dataset plus a person 'john-doe' holding a position in *organization*."""
    position = Position(title={"en": "Officer"}, organization=organization)
    person = Person(id="john-doe", name="John Doe", positions=(position,), sources=sources)
    return make(extra_people=(person,))


def _with_meeting(**fields):
    """A builder of the minimal dataset whose session holds one side event with *fields*."""
    return lambda make: make(session={"meetings": (side_event("se-1", **fields),)})


BROKEN_REFERENCES = {
    "source publisher": (
        lambda make: _with_source(make, publisher="ghost"),
        "/sources/0/publisher",
        "organization",
    ),
    "organization parent": (
        lambda make: make(extra_organizations=(organization("ngo-a", parent="ghost"),)),
        "/organizations/1/parent",
        "organization",
    ),
    "organization sources": (
        lambda make: make(extra_organizations=(organization("ngo-a", sources=("news", "ghost")),)),
        "/organizations/1/sources/1",
        "source",
    ),
    "person position organization": (
        lambda make: _with_person(make, organization="ghost"),
        "/people/1/positions/0/organization",
        "organization",
    ),
    "person sources": (
        lambda make: _with_person(make, sources=("ghost",)),
        "/people/1/sources/0",
        "source",
    ),
    "topic broader": (
        lambda make: make(topics=(Topic(id="wildlife", label={"en": "W"}, broader="ghost"),)),
        "/topics/0/broader",
        "topic",
    ),
    "conference secretariat": (
        lambda make: _with_conference(make, secretariat="ghost"),
        "/conferences/0/secretariat",
        "organization",
    ),
    "conference sources": (
        lambda make: _with_conference(make, sources=("news", "ghost")),
        "/conferences/0/sources/1",
        "source",
    ),
    "session sources": (
        lambda make: make(session={"sources": ("news", "ghost")}),
        f"{SESSION}/sources/1",
        "source",
    ),
    "participation organization": (
        lambda make: make(session={"participation": (Participation(organization="ghost"),)}),
        f"{SESSION}/participation/0/organization",
        "organization",
    ),
    "participation sources": (
        lambda make: make(
            session={"participation": (Participation(organization="unodc", sources=("ghost",)),)}
        ),
        f"{SESSION}/participation/0/sources/0",
        "source",
    ),
    "figure source": (
        lambda make: make(session={"figures": (figure("participants", "exact", 3, "ghost"),)}),
        f"{SESSION}/figures/0/source",
        "source",
    ),
    "figure topics": (
        lambda make: make(
            session={
                "figures": (
                    attrs.evolve(figure("side_events", "about", 3), topics=("corruption", "ghost")),
                )
            }
        ),
        f"{SESSION}/figures/0/topics/1",
        "topic",
    ),
    "meeting organizers": (
        _with_meeting(organizers=("unodc", "ghost")),
        f"{SESSION}/meetings/0/organizers/1",
        "organization",
    ),
    "meeting co_organizers": (
        _with_meeting(organizers=("unodc",), co_organizers=("ghost",)),
        f"{SESSION}/meetings/0/co_organizers/0",
        "organization",
    ),
    "participant person": (
        _with_meeting(participants=(Participant(role="speaker", person="ghost"),)),
        f"{SESSION}/meetings/0/participants/0/person",
        "person",
    ),
    "participant organization": (
        _with_meeting(
            participants=(
                Participant(role="speaker", person="jane-doe", organization="unodc"),
                Participant(role="attendee", description={"en": "NGOs"}, organization="ghost"),
            )
        ),
        f"{SESSION}/meetings/0/participants/1/organization",
        "organization",
    ),
    "meeting topics": (
        _with_meeting(topics=("small-arms", "ghost")),
        f"{SESSION}/meetings/0/topics/1",
        "topic",
    ),
    "meeting sources": (
        _with_meeting(sources=("ghost",)),
        f"{SESSION}/meetings/0/sources/0",
        "source",
    ),
}


@pytest.mark.parametrize(
    ("build", "path", "kind"), BROKEN_REFERENCES.values(), ids=BROKEN_REFERENCES
)
def test_broken_reference_is_reported_at_its_exact_path(minimal_dataset, build, path, kind):
    """A reference to an id that no record of the right kind has is reported where it is written."""
    assert problems(lambda: build(minimal_dataset)) == {
        path: f"no {kind} has the id 'ghost' in this dataset"
    }


def test_all_broken_references_are_reported_at_once(minimal_dataset):
    """Broken references all over the dataset are reported together, each at its path."""
    found = problems(
        lambda: minimal_dataset(
            extra_organizations=(organization("ngo-a", parent="ghost-1", sources=("ghost-2",)),),
            topics=(Topic(id="wildlife", label={"en": "W"}, broader="ghost-3"),),
            session={
                "participation": (Participation(organization="ghost-4"),),
                "figures": (figure("participants", "exact", 3, "ghost-5"),),
                "meetings": (
                    Dialogue(
                        id="d-1",
                        title={"en": "Dialogue"},
                        organizers=("ghost-6",),
                        participants=(Participant(role="counterpart", person="ghost-7"),),
                        topics=("ghost-8",),
                    ),
                ),
            },
        )
    )
    assert found == {
        "/organizations/1/parent": "no organization has the id 'ghost-1' in this dataset",
        "/organizations/1/sources/0": "no source has the id 'ghost-2' in this dataset",
        "/topics/0/broader": "no topic has the id 'ghost-3' in this dataset",
        f"{SESSION}/participation/0/organization": "no organization has the id 'ghost-4' in "
        "this dataset",
        f"{SESSION}/figures/0/source": "no source has the id 'ghost-5' in this dataset",
        f"{SESSION}/meetings/0/organizers/0": "no organization has the id 'ghost-6' in this "
        "dataset",
        f"{SESSION}/meetings/0/participants/0/person": "no person has the id 'ghost-7' in this "
        "dataset",
        f"{SESSION}/meetings/0/topics/0": "no topic has the id 'ghost-8' in this dataset",
    }


def test_near_miss_reference_gets_a_did_you_mean_suggestion(minimal_dataset):
    """A reference close to an existing id suggests it."""
    found = problems(lambda: _with_person(minimal_dataset, organization="unodcc"))
    assert found == {
        "/people/1/positions/0/organization": "no organization has the id 'unodcc' in this "
        "dataset (did you mean 'unodc'?)"
    }


def test_near_miss_topic_suggests_a_builtin_topic(minimal_dataset):
    """A misspelt topic suggests the built-in topic it resembles."""
    build = _with_meeting(topics=("organised-crime",))
    found = problems(lambda: build(minimal_dataset))
    assert found == {
        f"{SESSION}/meetings/0/topics/0": "no topic has the id 'organised-crime' in this dataset "
        "(did you mean 'organized-crime'?)"
    }


# Topics


def test_builtin_and_declared_topics_can_be_referenced(minimal_dataset):
    """Meetings may use built-in topic ids and topics the dataset declares."""
    wildlife = Topic(
        id="wildlife-crime", label={"en": "Wildlife crime"}, broader="environmental-crime"
    )
    dataset = minimal_dataset(
        topics=(wildlife,),
        session={"meetings": (side_event("se-1", topics=("wildlife-crime", "corruption")),)},
    )
    assert dataset.conferences[0].sessions[0].meetings[0].topics == ("wildlife-crime", "corruption")


def test_declared_topic_may_be_broader_than_another_declared_topic(minimal_dataset):
    """A declared topic's broader may name another declared topic, in any order."""
    narrow = Topic(id="ivory-trade", label={"en": "Ivory trade"}, broader="wildlife-crime")
    wide = Topic(id="wildlife-crime", label={"en": "Wildlife crime"})
    assert minimal_dataset(topics=(narrow, wide)).topics[0].broader == "wildlife-crime"


def test_declaring_a_builtin_topic_is_refused(minimal_dataset):
    """A declared topic whose id is a built-in topic's is refused at its /id."""
    found = problems(
        lambda: minimal_dataset(
            topics=(
                Topic(id="wildlife", label={"en": "W"}),
                Topic(id="corruption", label={"en": "C"}),
            )
        )
    )
    assert found == {
        "/topics/1/id": "'corruption' is a built-in topic; use its id without declaring it"
    }


# Organization hierarchy


def test_parent_chain_is_accepted(minimal_dataset):
    """A unit of a unit of a UN entity is a valid hierarchy."""
    division = organization("unodc-division", "un_entity_unit", parent="unodc")
    team = organization("unodc-team", "un_entity_unit", parent="unodc-division")
    dataset = minimal_dataset(extra_organizations=(team, division))
    assert [o.parent for o in dataset.organizations] == [None, "unodc-division", "unodc"]


def test_parent_loop_is_reported_for_each_organization_in_it(minimal_dataset):
    """Organizations whose parents form a loop are each reported, with the loop spelt out."""
    found = problems(
        lambda: minimal_dataset(
            extra_organizations=(
                organization("ngo-a", parent="ngo-b"),
                organization("ngo-b", parent="ngo-a"),
                organization("ngo-c", parent="ngo-a"),
            )
        )
    )
    assert found == {
        "/organizations/1/parent": "the parent organizations form a loop: ngo-a → ngo-b → ngo-a",
        "/organizations/2/parent": "the parent organizations form a loop: ngo-b → ngo-a → ngo-b",
    }


def test_three_organization_loop_is_reported(minimal_dataset):
    """A loop through three organizations is spelt out in full."""
    found = problems(
        lambda: minimal_dataset(
            extra_organizations=(
                organization("ngo-a", parent="ngo-b"),
                organization("ngo-b", parent="ngo-c"),
                organization("ngo-c", parent="ngo-a"),
            )
        )
    )
    assert found["/organizations/1/parent"] == (
        "the parent organizations form a loop: ngo-a → ngo-b → ngo-c → ngo-a"
    )
    assert set(found) == {f"/organizations/{i}/parent" for i in (1, 2, 3)}


def test_un_entity_unit_whose_parent_is_an_ngo_is_refused(minimal_dataset):
    """A unit of a UN entity belongs to a UN entity or unit, not to an NGO."""
    found = problems(
        lambda: minimal_dataset(
            extra_organizations=(
                organization("ngo-a"),
                organization("ngo-a-team", "un_entity_unit", parent="ngo-a"),
            )
        )
    )
    assert found == {
        "/organizations/2/parent": "a unit of a UN entity belongs to a UN entity, but 'ngo-a' "
        "is of kind 'ngo'"
    }


def test_ngo_may_belong_to_an_ngo_federation(minimal_dataset):
    """Parents are not restricted for other kinds: an NGO may name its federation."""
    dataset = minimal_dataset(
        extra_organizations=(
            organization("ngo-alliance", "ngo_federation"),
            organization("ngo-a", parent="ngo-alliance"),
        )
    )
    assert dataset.organizations[2].parent == "ngo-alliance"


# Participation basis


BASIS_ACCEPTED = [
    ("ecosoc_general", "ngo"),
    ("ecosoc_special", "ngo_federation"),
    ("ecosoc_roster", "ngo"),
    ("observer_under_rules_of_procedure", "ngo"),
    ("un_entity", "un_entity"),
    ("un_entity", "un_entity_unit"),
    ("intergovernmental_organization", "intergovernmental_organization"),
    ("state_party", "member_state"),
    ("signatory_state", "member_state"),
    ("other", "ngo"),
    ("other", "member_state"),
    ("other", "other"),
]


@pytest.mark.parametrize(("basis", "kind"), BASIS_ACCEPTED)
def test_participation_basis_matching_the_organization_kind_is_accepted(
    minimal_dataset, basis, kind
):
    """Each basis is accepted for the kinds of organization it applies to."""
    extra = organization("member", kind, parent="unodc" if kind == "un_entity_unit" else None)
    dataset = minimal_dataset(
        extra_organizations=(extra,),
        session={"participation": (Participation(organization="member", basis=basis),)},
    )
    assert dataset.conferences[0].sessions[0].participation[0].basis == basis


BASIS_REFUSED = [
    ("ecosoc_special", "un_entity"),
    ("ecosoc_general", "member_state"),
    ("observer_under_rules_of_procedure", "intergovernmental_organization"),
    ("un_entity", "ngo"),
    ("intergovernmental_organization", "member_state"),
    ("state_party", "ngo"),
    ("signatory_state", "un_entity"),
]


@pytest.mark.parametrize(("basis", "kind"), BASIS_REFUSED)
def test_participation_basis_not_matching_the_organization_kind_is_refused(
    minimal_dataset, basis, kind
):
    """A basis that does not apply to the organization's kind is refused at /basis."""
    found = problems(
        lambda: minimal_dataset(
            extra_organizations=(organization("member", kind),),
            session={"participation": (Participation(organization="member", basis=basis),)},
        )
    )
    assert found == {
        f"{SESSION}/participation/0/basis": f"{basis!r} does not apply to 'member', an "
        f"organization of kind {kind!r}"
    }


def test_ecosoc_basis_may_differ_from_the_current_status(minimal_dataset):
    """A past session's ECOSOC basis may differ from the NGO's recorded (undated) status."""
    dataset = minimal_dataset(
        extra_organizations=(organization("ngo-a", ecosoc_status="special"),),
        session={"participation": (Participation(organization="ngo-a", basis="ecosoc_general"),)},
    )
    participation = dataset.conferences[0].sessions[0].participation[0]
    assert participation.basis == "ecosoc_general"


@pytest.mark.parametrize(
    ("status", "basis"), [("special", "ecosoc_special"), (None, "ecosoc_roster")]
)
def test_ecosoc_basis_agreeing_with_or_without_known_status_is_accepted(
    minimal_dataset, status, basis
):
    """An ecosoc basis must match the NGO's status when known; any one goes when it is not."""
    dataset = minimal_dataset(
        extra_organizations=(organization("ngo-a", ecosoc_status=status),),
        session={"participation": (Participation(organization="ngo-a", basis=basis),)},
    )
    assert dataset.conferences[0].sessions[0].participation[0].basis == basis


# Figures against listed records


def cop7_with(*, organizing_ngos: int = 0, participating_ngos: int = 0) -> Dataset:
    """The COP7 example plus NGOs that each organize a side event or take part in the session."""
    cop7 = examples.cop7()
    conference = cop7.conferences[0]
    session = conference.sessions[0]
    organizers = ngos(organizing_ngos)
    events = tuple(side_event(f"cop7-se-{o.id}", organizers=(o.id,)) for o in organizers)
    participants = tuple(
        organization(f"participant-{n:02d}") for n in range(1, participating_ngos + 1)
    )
    session = attrs.evolve(
        session,
        meetings=(*session.meetings, *events),
        participation=tuple(Participation(organization=o.id) for o in participants),
    )
    return attrs.evolve(
        cop7,
        organizations=(*cop7.organizations, *organizers, *participants),
        conferences=(attrs.evolve(conference, sessions=(session,)),),
    )


def test_cop7_figure_of_16_organizing_ngos_is_exact_16():
    """The COP7 example reports exactly 16 NGOs organizing side events, as figure 2."""
    reported = examples.cop7().conferences[0].sessions[0].figures[2]
    assert (reported.measure, reported.count) == (
        "side_event_organizing_ngos",
        Count(qualifier="exact", value=16),
    )


def test_more_listed_organizers_than_an_exact_figure_is_refused():
    """17 listed NGO side-event organizers contradict 'exactly 16' at the figure's count."""
    found = problems(lambda: cop7_with(organizing_ngos=17))
    assert found == {
        f"{SESSION}/figures/2/count": "the session lists 17 records for "
        "'side_event_organizing_ngos', more than this figure allows (exact 16, reported by "
        "'unodc-news-cop7-ngo-participation'); correct the figure or the list"
    }


@pytest.mark.parametrize("listed", [16, 10, 0])
def test_as_many_or_fewer_listed_than_an_exact_figure_is_fine(listed):
    """16 listed organizers agree with 'exactly 16'; 10 is partial data, also fine."""
    session = cop7_with(organizing_ngos=listed).conferences[0].sessions[0]
    side_events = [m for m in session.meetings if m.type == "side_event"]
    assert len(side_events) == listed


def test_more_listed_than_a_more_than_figure_is_fine():
    """60 participating NGOs agree with 'more than 50 NGOs'."""
    session = cop7_with(participating_ngos=60).conferences[0].sessions[0]
    assert len(session.participation) == 60
    assert session.figures[1].count == Count(qualifier="more_than", value=50)


def test_more_listed_than_an_at_most_figure_is_refused(minimal_dataset):
    """'at most 5 side events' with 6 listed is a contradiction."""
    found = problems(
        lambda: minimal_dataset(
            session={
                "figures": (figure("side_events", "at_most", 5),),
                "meetings": tuple(side_event(f"se-{n}") for n in range(6)),
            }
        )
    )
    assert list(found) == [f"{SESSION}/figures/0/count"]
    assert found[f"{SESSION}/figures/0/count"].startswith(
        "the session lists 6 records for 'side_events', more than this figure allows (at most 5"
    )


def test_more_listed_than_a_fewer_than_figure_is_refused(minimal_dataset):
    """'fewer than 3 briefings' with 3 listed is a contradiction."""
    briefings = tuple(Briefing(id=f"b-{n}", title={"en": "Briefing"}) for n in range(3))
    found = problems(
        lambda: minimal_dataset(
            session={"figures": (figure("briefings", "fewer_than", 3),), "meetings": briefings}
        )
    )
    assert list(found) == [f"{SESSION}/figures/0/count"]
    assert "(fewer than 3, reported by 'news')" in found[f"{SESSION}/figures/0/count"]


@pytest.mark.parametrize("value", [0, 2, 100])
def test_about_figure_never_contradicts_a_listing(minimal_dataset, value):
    """'about N' side events agrees with 5 listed side events, whatever N."""
    dataset = minimal_dataset(
        session={
            "figures": (figure("side_events", "about", value),),
            "meetings": tuple(side_event(f"se-{n}") for n in range(5)),
        }
    )
    assert dataset.conferences[0].sessions[0].figures[0].count.value == value


def test_participants_figure_is_never_checked_against_lists(minimal_dataset):
    """'exactly 1 participant' is not compared with the organizations or people listed."""
    members = ngos(3)
    dataset = minimal_dataset(
        extra_organizations=members,
        session={
            "figures": (figure("participants", "exact", 1),),
            "participation": tuple(Participation(organization=o.id) for o in members),
            "meetings": (
                side_event(
                    "se-1",
                    participants=(
                        Participant(role="speaker", person="jane-doe"),
                        Participant(
                            role="attendee",
                            description={"en": "NGO representatives"},
                            count=Count(qualifier="exact", value=40),
                        ),
                    ),
                ),
            ),
        },
    )
    assert len(dataset.conferences[0].sessions[0].participation) == 3


def test_participating_ngos_count_only_ngos_and_federations(minimal_dataset):
    """'exactly 2 NGOs' agrees with 2 NGOs and federations taking part beside a UN entity."""
    dataset = minimal_dataset(
        extra_organizations=(organization("ngo-a"), organization("alliance", "ngo_federation")),
        session={
            "figures": (figure("participating_ngos", "exact", 2),),
            "participation": tuple(
                Participation(organization=o) for o in ("unodc", "ngo-a", "alliance")
            ),
        },
    )
    assert len(dataset.conferences[0].sessions[0].participation) == 3


def test_participating_organizations_count_every_organization(minimal_dataset):
    """'exactly 2 organizations' is contradicted by 3 organizations of any kind."""
    found = problems(
        lambda: minimal_dataset(
            extra_organizations=(organization("ngo-a"), organization("austria", "member_state")),
            session={
                "figures": (figure("participating_organizations", "exact", 2),),
                "participation": tuple(
                    Participation(organization=o) for o in ("unodc", "ngo-a", "austria")
                ),
            },
        )
    )
    assert list(found) == [f"{SESSION}/figures/0/count"]
    assert (
        "lists 3 records for 'participating_organizations'" in found[f"{SESSION}/figures/0/count"]
    )


def test_side_event_counts_ignore_other_meetings(minimal_dataset):
    """Briefings are not side events: 'exactly 1 side event' agrees with 1 event and 2 briefings."""
    dataset = minimal_dataset(
        session={
            "figures": (figure("side_events", "exact", 1),),
            "meetings": (
                side_event("se-1"),
                Briefing(id="b-1", title={"en": "Briefing"}),
                Briefing(id="b-2", title={"en": "Briefing"}),
            ),
        }
    )
    assert len(dataset.conferences[0].sessions[0].meetings) == 3


def test_side_event_organizers_are_counted_once_with_co_organizers(minimal_dataset):
    """Distinct organizers and co-organizers of side events count: 3 exceed 'exactly 2'."""
    found = problems(
        lambda: minimal_dataset(
            extra_organizations=ngos(2),
            session={
                "figures": (figure("side_event_organizers", "exact", 2),),
                "meetings": (
                    side_event("se-1", organizers=("ngo-01",), co_organizers=("unodc",)),
                    side_event("se-2", organizers=("ngo-01", "ngo-02")),
                ),
            },
        )
    )
    assert list(found) == [f"{SESSION}/figures/0/count"]
    assert "lists 3 records for 'side_event_organizers'" in found[f"{SESSION}/figures/0/count"]


def test_side_event_organizing_ngos_count_only_ngos(minimal_dataset):
    """'exactly 2 organizing NGOs' agrees with 2 NGOs organizing beside a UN entity."""
    dataset = minimal_dataset(
        extra_organizations=ngos(2),
        session={
            "figures": (figure("side_event_organizing_ngos", "exact", 2),),
            "meetings": (
                side_event("se-1", organizers=("ngo-01",), co_organizers=("unodc",)),
                side_event("se-2", organizers=("ngo-01", "ngo-02")),
            ),
        },
    )
    assert len(dataset.conferences[0].sessions[0].meetings) == 2


def test_order_of_lists_is_part_of_equality():
    """Records listed in another order make another dataset, as docs/format.md says."""
    first, second = organization("ngo-a"), organization("ngo-b")
    forward = Dataset(organizations=(first, second))
    backward = Dataset(organizations=(second, first))
    assert forward != backward
    assert ctocmodel.dumps(forward) != ctocmodel.dumps(backward)
    text = (Path(__file__).parents[1] / "docs" / "format.md").read_text(encoding="utf-8")
    assert "the order is part of a" in text
    assert "order carries no meaning" not in text
