"""Topics: a built-in controlled vocabulary that datasets may extend."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from ._checks import Found, check_id, check_ref, check_text, explain, fail, id_ok, text_ok
from .text import MultilingualText, copy_text


@attrs.frozen(kw_only=True)
class Topic:
    """A theme that meetings and figures refer to by id; *broader* is the id of a wider topic.

    >>> BUILTIN_TOPICS["trafficking-in-persons"].label["es"]
    'Trata de personas'
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
            explain(self)

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


def _topic(id: str, en: str, fr: str, es: str, broader: str | None = None) -> Topic:
    return Topic(id=id, label={"en": en, "fr": fr, "es": es}, broader=broader)


# Ids are stable: once published, an id keeps its meaning and is never reused.
BUILTIN_TOPICS: Mapping[str, Topic] = MappingProxyType(
    {
        topic.id: topic
        for topic in (
            _topic(
                "organized-crime",
                "Organized crime",
                "Criminalité organisée",
                "Delincuencia organizada",
            ),
            _topic(
                "mafia-type-crime",
                "Mafia-type crime",
                "Crimes de type mafieux",
                "Delitos de tipo mafioso",
                broader="organized-crime",
            ),
            _topic("small-arms", "Small arms", "Armes légères", "Armas pequeñas"),
            _topic("firearms", "Firearms", "Armes à feu", "Armas de fuego"),
            _topic(
                "migrant-smuggling",
                "Smuggling of migrants",
                "Trafic illicite de migrants",
                "Tráfico ilícito de migrantes",
            ),
            _topic(
                "trafficking-in-persons",
                "Trafficking in persons",
                "Traite des personnes",
                "Trata de personas",
            ),
            _topic(
                "trafficking-in-men-for-sexual-purposes",
                "Trafficking in men for sexual purposes",
                "Traite des hommes à des fins sexuelles",
                "Trata de hombres con fines sexuales",
                broader="trafficking-in-persons",
            ),
            _topic(
                "services-for-victims",
                "Services for victims",
                "Services pour les victimes",
                "Servicios para las víctimas",
            ),
            _topic(
                "female-genital-mutilation",
                "Female genital mutilation",
                "Mutilations génitales féminines",
                "Mutilación genital femenina",
            ),
            _topic(
                "international-cooperation-in-legal-assistance",
                "International cooperation in legal assistance",
                "Coopération internationale en matière d'aide juridique",
                "Cooperación internacional en materia de asistencia jurídica",
            ),
            _topic("corruption", "Corruption", "Corruption", "Corrupción"),
            _topic(
                "money-laundering", "Money laundering", "Blanchiment d'argent", "Blanqueo de dinero"
            ),
            _topic("cybercrime", "Cybercrime", "Cybercriminalité", "Ciberdelincuencia"),
            _topic(
                "environmental-crime",
                "Environmental crime",
                "Criminalité environnementale",
                "Delitos contra el medio ambiente",
            ),
            _topic("death-penalty", "Death penalty", "Peine de mort", "Pena de muerte"),
            _topic(
                "post-2015-development-indicators",
                "Development indicators for the post-2015 agenda",
                "Indicateurs de développement pour le programme post-2015",
                "Indicadores de desarrollo para la agenda posterior a 2015",
            ),
            _topic(
                "unodc-mandates", "UNODC mandates", "Mandats de l'ONUDC", "Mandatos de la UNODC"
            ),
        )
    }
)
"""The built-in topic vocabulary, by id, with English, French and Spanish labels.

Every dataset may use these ids without declaring them.
"""
