"""Organizations: NGOs, their federations, UN entities and their units, States, others."""

from __future__ import annotations

import re
from typing import Literal, TypeAlias, get_args

import attrs

from ._checks import (
    Found,
    check_choice,
    check_country,
    check_id,
    check_items,
    check_plain_text,
    check_ref,
    check_refs,
    check_text,
    check_url,
    describe,
    explain,
    fail,
    id_ok,
    items_ok,
    plain_text_ok,
    refs_ok,
    text_ok,
    url_ok,
)
from ._countries import COUNTRY_CODES
from .text import MultilingualText, copy_optional_text, copy_text

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
_KIND_SET = frozenset(ORGANIZATION_KINDS)
_STATUS_SET = frozenset(ECOSOC_STATUSES)

IDENTIFIER_SCHEME_PATTERN = r"^[A-Z]{2}-[A-Z0-9]+$"
_SCHEME = re.compile(IDENTIFIER_SCHEME_PATTERN)
_scheme_match = _SCHEME.fullmatch


@attrs.frozen(kw_only=True)
class Identifier:
    """An identifier of an organization in an external register, org-id.guide style.

    *scheme* is an org-id.guide list code such as ``XI-WIKIDATA`` or ``GB-CHC``.

    >>> Identifier(scheme="XI-WIKIDATA", id="Q1234").scheme
    'XI-WIKIDATA'
    """

    scheme: str
    id: str

    def __attrs_post_init__(self) -> None:
        if not (
            type(self.scheme) is str
            and _scheme_match(self.scheme) is not None
            and plain_text_ok(self.id)
            and self.id == self.id.strip()
        ):
            explain(self)

    def _explain(self) -> None:
        found: Found = []
        if type(self.scheme) is not str:
            found.append(("/scheme", f"expected a scheme (a string), got {describe(self.scheme)}"))
        elif not _SCHEME.fullmatch(self.scheme):
            found.append(
                (
                    "/scheme",
                    f"{self.scheme!r} is not an org-id.guide list code such as 'XI-WIKIDATA' "
                    "(two capital letters, '-', then capitals and digits)",
                )
            )
        check_plain_text(found, "/id", self.id)
        if not found and self.id != self.id.strip():
            found.append(("/id", "an identifier must not start or end with spaces"))
        if found:
            fail(found)


def _identifiers_ok(identifiers: tuple[Identifier, ...]) -> bool:
    return items_ok(identifiers, Identifier) and len(set(identifiers)) == len(identifiers)


@attrs.frozen(kw_only=True)
class Organization:
    """An organization: an NGO, a federation of NGOs, a UN entity or unit, a State...

    *parent* is the id of the organization this one belongs to (the UNODC Civil
    Society Team is a unit of UNODC); *country* an ISO 3166-1 alpha-2 code;
    *ecosoc_status* applies to NGOs only.

    >>> unodc = Organization(id="unodc", name={"en": "UNODC"}, kind="un_entity")
    >>> unodc.parent is None
    True
    """

    id: str
    name: MultilingualText = attrs.field(converter=copy_text, hash=False)
    kind: OrganizationKind
    acronym: MultilingualText | None = attrs.field(
        default=None, converter=copy_optional_text, hash=False
    )
    parent: str | None = None
    country: str | None = None
    ecosoc_status: EcosocStatus | None = None
    identifiers: tuple[Identifier, ...] = ()
    website: str | None = None
    sources: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not (
            id_ok(self.id)
            and text_ok(self.name)
            and self.kind in _KIND_SET
            and (self.acronym is None or text_ok(self.acronym))
            and (
                type(self.parent) is str and self.parent != self.id
                if self.parent is not None
                else self.kind != "un_entity_unit"
            )
            and (self.country is None or self.country in COUNTRY_CODES)
            and (
                self.ecosoc_status is None
                or (self.ecosoc_status in _STATUS_SET and self.kind in NGO_KINDS)
            )
            and (self.identifiers == () or _identifiers_ok(self.identifiers))
            and (self.website is None or url_ok(self.website))
            and refs_ok(self.sources)
        ):
            explain(self)

    def _explain(self) -> None:
        found: Found = []
        check_id(found, "/id", self.id)
        check_text(found, "/name", self.name)
        check_choice(found, "/kind", self.kind, ORGANIZATION_KINDS)
        check_text(found, "/acronym", self.acronym, optional=True)
        if self.parent is not None:
            check_ref(found, "/parent", self.parent)
            if self.parent == self.id:
                found.append(("/parent", "an organization cannot be its own parent"))
        elif self.kind == "un_entity_unit":
            found.append(
                ("/parent", "a unit of a UN entity names its parent organization (such as 'unodc')")
            )
        check_country(found, "/country", self.country)
        if self.ecosoc_status is not None:
            check_choice(found, "/ecosoc_status", self.ecosoc_status, ECOSOC_STATUSES)
            if self.kind not in NGO_KINDS:
                found.append(
                    (
                        "/ecosoc_status",
                        "only NGOs and NGO federations hold ECOSOC consultative status; "
                        f"this organization is of kind {self.kind!r}",
                    )
                )
        check_items(found, "/identifiers", self.identifiers, Identifier)
        if type(self.identifiers) is tuple:
            seen: set[tuple[str, str]] = set()
            for index, identifier in enumerate(self.identifiers):
                if not isinstance(identifier, Identifier):
                    continue
                key = (identifier.scheme, identifier.id)
                if key in seen:
                    found.append((f"/identifiers/{index}", "this identifier is listed twice"))
                seen.add(key)
        check_url(found, "/website", self.website)
        check_refs(found, "/sources", self.sources)
        if found:
            fail(found)
