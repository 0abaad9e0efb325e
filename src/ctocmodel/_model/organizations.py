"""Organizations: NGOs, their federations, UN entities and their units, States, others."""

from __future__ import annotations

from typing import Literal, TypeAlias, get_args

from ._checks import COUNTRY, ID, SCHEME, TRIMMED_TEXT, URL
from ._record import Record, field, record, rule, stated
from .citations import Citation, cites_own_fields
from .text import MultilingualText

OrganizationKind: TypeAlias = Literal[
    "ngo",
    "ngo_federation",
    "un_entity",
    "un_entity_unit",
    "intergovernmental_organization",
    "member_state",
    "other",
]
"""What an organization is. ``ngo_federation`` covers alliances and networks of NGOs;
``un_entity_unit`` a division, section or team of a UN entity (it names its parent)."""

ORGANIZATION_KINDS: tuple[str, ...] = get_args(OrganizationKind)
NGO_KINDS: frozenset[str] = frozenset({"ngo", "ngo_federation"})
UN_KINDS: frozenset[str] = frozenset({"un_entity", "un_entity_unit"})

EcosocStatus: TypeAlias = Literal["general", "special", "roster"]
"""Consultative status with the UN Economic and Social Council (ECOSOC)."""

ECOSOC_STATUSES: tuple[str, ...] = get_args(EcosocStatus)


@record
class Identifier(Record):
    """An identifier of an organization in an external register, org-id.guide style.

    *scheme* is an org-id.guide list code such as ``XI-WIKIDATA`` or ``GB-CHC``.

    >>> Identifier(scheme="XI-WIKIDATA", id="Q1234").scheme
    'XI-WIKIDATA'
    """

    scheme: str = field(SCHEME)
    id: str = field(TRIMMED_TEXT, doc="The id in that register, without spaces around it.")
    RULES = ()


@rule("An organization is not its own parent.", path="/parent", needs=("id", "parent"))
def _not_own_parent(organization: Organization) -> str | None:
    if organization.parent == organization.id:
        return "an organization cannot be its own parent"
    return None


@rule(
    "A unit of a UN entity names its parent.",
    path="/parent",
    needs=("kind", "parent"),
    schema={
        "if": {"required": ["kind"], "properties": {"kind": {"const": "un_entity_unit"}}},
        "then": stated("parent"),
    },
)
def _unit_has_parent(organization: Organization) -> str | None:
    if organization.kind == "un_entity_unit" and organization.parent is None:
        return "a unit of a UN entity names its parent organization (such as 'unodc')"
    return None


@rule(
    "ECOSOC status is given for NGOs and NGO federations only.",
    path="/ecosoc_status",
    needs=("kind", "ecosoc_status"),
    schema={
        "if": stated("ecosoc_status"),
        "then": {"properties": {"kind": {"enum": sorted(NGO_KINDS)}}},
    },
)
def _status_of_ngos(organization: Organization) -> str | None:
    if organization.ecosoc_status is not None and organization.kind not in NGO_KINDS:
        return (
            "only NGOs and NGO federations hold ECOSOC consultative status; "
            f"this organization is of kind {organization.kind!r}"
        )
    return None


@record(noun="organization")
class Organization(Record):
    """An organization: an NGO, a federation of NGOs, a UN entity or unit, a State...

    *parent* is the id of the organization this one belongs to (the UNODC Civil
    Society Team is a unit of UNODC); *country* an ISO 3166-1 alpha-2 code;
    *ecosoc_status* applies to NGOs only.

    >>> unodc = Organization(id="unodc", name={"en": "UNODC"}, kind="un_entity")
    >>> unodc.parent is None
    True
    """

    id: str = field(ID)
    name: MultilingualText = field()
    kind: OrganizationKind = field()
    acronym: MultilingualText | None = field(default=None)
    parent: str | None = field(ref="organization", default=None)
    country: str | None = field(COUNTRY, default=None)
    ecosoc_status: EcosocStatus | None = field(default=None)
    identifiers: tuple[Identifier, ...] = field(unique=True, default=())
    website: str | None = field(URL, default=None)
    sources: tuple[str, ...] = field(ref="source", default=())
    citations: tuple[Citation, ...] = field(default=())
    RULES = (_not_own_parent, _unit_has_parent, _status_of_ngos, cites_own_fields)
