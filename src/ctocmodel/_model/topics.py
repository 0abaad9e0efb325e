"""Topics: a built-in controlled vocabulary that datasets may extend."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ._checks import ID
from ._record import Record, field, record, rule
from .text import MultilingualText


@rule("A topic is not broader than itself.", path="/broader", needs=("id", "broader"))
def _not_own_broader(topic: Topic) -> str | None:
    return "a topic cannot be broader than itself" if topic.broader == topic.id else None


@record(noun="topic")
class Topic(Record):
    """A theme that meetings and figures refer to by id; *broader* is the id of a wider topic.

    >>> BUILTIN_TOPICS["trafficking-in-persons"].label["es"]
    'Trata de personas'
    """

    id: str = field(ID)
    label: MultilingualText = field()
    broader: str | None = field(ref="topic", default=None)
    RULES = (_not_own_broader,)


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
