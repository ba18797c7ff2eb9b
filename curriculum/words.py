"""The fixed words every output prints (labels, the legal notice), in each language.

Renderers take their labels from here so the book, the deck and the handout say the same
thing, and a new language is added in one place.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    objectives: str
    key_points: str
    sources: str
    glossary: str
    activity: str
    discussion: str
    minutes: str
    last_reviewed: str
    accessed: str
    download_slides: str
    download_handout: str
    continued: str
    legal_notice: str
    legal_notice_short: str
    closing_title: str
    home_intro: str
    home_how_to: str
    sources_page_intro: str
    glossary_page_intro: str
    audience: str
    length: str
    lesson_plan: str
    trainer_only: str
    schedule: str
    time: str
    part: str
    schedule_note: str
    on_the_slides: str
    introduction: str


EN = Words(
    objectives="What you will learn",
    key_points="Key points",
    sources="Sources",
    glossary="Glossary",
    activity="Activity",
    discussion="Talk about it",
    minutes="minutes",
    last_reviewed="Last reviewed",
    accessed="accessed",
    download_slides="Slides for trainers (PowerPoint)",
    download_handout="Printable handout (PDF)",
    continued="continued",
    legal_notice=(
        "This is general information, not legal advice. Laws and policies change often. "
        "For advice about your own situation, talk to a licensed immigration attorney or a "
        "nonprofit legal services provider you trust. You can search for free or low-cost "
        "nonprofit help at immi.org (Immigration Advocates Network). Beware of 'notarios': "
        "they cannot give legal advice."
    ),
    legal_notice_short="General information, not legal advice. For help with your situation, contact local nonprofit legal services (immi.org).",
    closing_title="Questions? Get local legal help",
    home_intro=(
        "Immigrants in the United States are caught in a web of databases and information "
        "sharing that feeds immigration enforcement. This book explains, one system at a time, "
        "how that web works, what has changed, and what people and communities can do."
    ),
    home_how_to=(
        "Read the lessons in order, or start with the one you need. Each lesson begins with what "
        "you will learn and ends with key points and its sources. Words with a dotted underline "
        "link to the glossary. Trainers can download slides, and organizers a printable handout, "
        "at the top of each lesson."
    ),
    sources_page_intro="Every source the lessons cite, with the date it was published and the day we checked it.",
    glossary_page_intro="Short explanations of the words and acronyms used in the lessons.",
    audience="Who it is for",
    length="Length",
    lesson_plan="Lesson plan for trainers",
    trainer_only="For trainers only. Do not hand out: it holds the facilitation notes.",
    schedule="Suggested timing",
    time="Time",
    part="Part",
    schedule_note=("Activities keep their own minutes; teaching time is shared among the sections by "
                   "how much text each has. Adjust it to your group."),
    on_the_slides="On the slides",
    introduction="Introduction",
)

ES = Words(
    objectives="Lo que va a aprender",
    key_points="Puntos clave",
    sources="Fuentes",
    glossary="Glosario",
    activity="Actividad",
    discussion="Conversemos",
    minutes="minutos",
    last_reviewed="Última revisión",
    accessed="consultado",
    download_slides="Diapositivas para capacitadores (PowerPoint)",
    download_handout="Hoja informativa para imprimir (PDF)",
    continued="continuación",
    legal_notice=(
        "Esta es información general, no asesoría legal. Las leyes y las políticas cambian con "
        "frecuencia. Para recibir consejo sobre su caso, hable con un abogado de inmigración con "
        "licencia o con una organización sin fines de lucro de servicios legales de confianza. "
        "Puede buscar ayuda gratuita o de bajo costo en immi.org/es (Immigration Advocates "
        "Network). Cuidado con los 'notarios': no pueden dar asesoría legal."
    ),
    legal_notice_short="Información general, no asesoría legal. Para su caso, busque servicios legales sin fines de lucro (immi.org/es).",
    closing_title="¿Preguntas? Busque ayuda legal local",
    home_intro=(
        "Las personas inmigrantes en Estados Unidos están atrapadas en una red de bases de datos "
        "e intercambio de información que alimenta la aplicación de las leyes de inmigración. "
        "Este libro explica, sistema por sistema, cómo funciona esa red, qué ha cambiado y qué "
        "pueden hacer las personas y las comunidades."
    ),
    home_how_to=(
        "Lea las lecciones en orden o empiece por la que necesite. Cada lección empieza con lo que "
        "va a aprender y termina con los puntos clave y sus fuentes. Las palabras subrayadas con "
        "puntos llevan al glosario. Al principio de cada lección hay diapositivas para "
        "capacitadores y una hoja para imprimir."
    ),
    sources_page_intro="Todas las fuentes que citan las lecciones, con su fecha de publicación y el día en que las revisamos.",
    glossary_page_intro="Explicaciones breves de las palabras y siglas que usan las lecciones.",
    audience="Para quién es",
    length="Duración",
    lesson_plan="Plan de la lección para capacitadores",
    trainer_only="Solo para capacitadores. No lo reparta: contiene las notas de facilitación.",
    schedule="Tiempos sugeridos",
    time="Hora",
    part="Parte",
    schedule_note=("Las actividades conservan sus minutos; el tiempo de enseñanza se reparte entre las "
                   "secciones según el texto de cada una. Ajústelo a su grupo."),
    on_the_slides="En las diapositivas",
    introduction="Introducción",
)

_BY_LANGUAGE = {"en": EN, "es": ES}


def words(lang: str) -> Words:
    """The labels for `lang`, falling back to English for a language not yet translated."""
    return _BY_LANGUAGE.get(lang, EN)
