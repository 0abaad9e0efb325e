"""Topics: a built-in controlled vocabulary that datasets may extend."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from ._checks import Found, check_id, check_ref, check_text, fail, id_ok, text_ok
from .text import MultilingualText, copy_text


@attrs.frozen(kw_only=True)
class Topic:
    """A theme that meetings and figures refer to by id; *broader* is the id of a wider topic.

    >>> BUILTIN_TOPICS["trafficking-in-persons"].label["fr"]
    'Traite des personnes'
    """

    id: str
    label: MultilingualText = attrs.field(converter=copy_text, hash=False)
    broader: str | None = None

    def __attrs_post_init__(self) -> None:
        if not (
            id_ok(self.id)
            and text_ok(self.label)
            and (self.broader is None or (type(self.broader) is str and self.broader != self.id))
        ):
            self._explain()

    def _explain(self) -> None:
        found: Found = []
        check_id(found, "/id", self.id)
        check_text(found, "/label", self.label)
        if self.broader is not None:
            check_ref(found, "/broader", self.broader)
            if self.broader == self.id:
                found.append(("/broader", "a topic cannot be broader than itself"))
        if found:
            fail(found)


def _topic(id: str, en: str, fr: str, broader: str | None = None) -> Topic:
    return Topic(id=id, label={"en": en, "fr": fr}, broader=broader)


# Ids are stable: once published, an id keeps its meaning and is never reused.
BUILTIN_TOPICS: Mapping[str, Topic] = MappingProxyType(
    {
        topic.id: topic
        for topic in (
            _topic("organized-crime", "Organized crime", "Criminalité organisée"),
            _topic(
                "mafia-type-crime",
                "Mafia-type crime",
                "Crimes de type mafieux",
                broader="organized-crime",
            ),
            _topic("small-arms", "Small arms", "Armes légères"),
            _topic("firearms", "Firearms", "Armes à feu"),
            _topic("migrant-smuggling", "Smuggling of migrants", "Trafic illicite de migrants"),
            _topic("trafficking-in-persons", "Trafficking in persons", "Traite des personnes"),
            _topic(
                "trafficking-in-men-for-sexual-purposes",
                "Trafficking in men for sexual purposes",
                "Traite des hommes à des fins sexuelles",
                broader="trafficking-in-persons",
            ),
            _topic("services-for-victims", "Services for victims", "Services pour les victimes"),
            _topic(
                "female-genital-mutilation",
                "Female genital mutilation",
                "Mutilations génitales féminines",
            ),
            _topic(
                "international-cooperation-in-legal-assistance",
                "International cooperation in legal assistance",
                "Coopération internationale en matière d'aide juridique",
            ),
            _topic("corruption", "Corruption", "Corruption"),
            _topic("money-laundering", "Money laundering", "Blanchiment d'argent"),
            _topic("cybercrime", "Cybercrime", "Cybercriminalité"),
            _topic("environmental-crime", "Environmental crime", "Criminalité environnementale"),
            _topic("death-penalty", "Death penalty", "Peine de mort"),
            _topic(
                "post-2015-development-indicators",
                "Development indicators for the post-2015 agenda",
                "Indicateurs de développement pour le programme post-2015",
            ),
            _topic("unodc-mandates", "UNODC mandates", "Mandats de l'ONUDC"),
        )
    }
)
"""The built-in topic vocabulary, by id. Every dataset may use these ids without declaring them."""
