"""Language names and codes, so "Spanish", "spanish", "es" and "spa" all find the same services.

HSDS ``language`` rows carry a ``name`` and an ISO 639-1 or 639-3 ``code``; exports fill one,
the other or both. :data:`NAMES` covers the languages most often needed in US community
services; any other language still matches by the exact name or code the export uses.
"""

from __future__ import annotations

from collections.abc import Iterable

#: ISO 639 code -> English name. Two-letter codes where they exist; ASL has only a 639-3 code.
NAMES: dict[str, str] = {
    "en": "English",
    "es": "Spanish",
    "vi": "Vietnamese",
    "so": "Somali",
    "ht": "Haitian Creole",
    "ase": "American Sign Language",
    "ar": "Arabic",
    "fr": "French",
    "zh": "Chinese",
    "ru": "Russian",
    "pt": "Portuguese",
    "ko": "Korean",
    "tl": "Tagalog",
    "ur": "Urdu",
    "pl": "Polish",
    "hi": "Hindi",
    "bn": "Bengali",
    "fa": "Persian",
    "am": "Amharic",
    "sw": "Swahili",
    "ne": "Nepali",
    "my": "Burmese",
    "uk": "Ukrainian",
    "ps": "Pashto",
    "km": "Khmer",
    "hmn": "Hmong",
    "ti": "Tigrinya",
    "ja": "Japanese",
}

#: Other ways people write a language -> its code.
ALIASES: dict[str, str] = {
    "asl": "ase",
    "sign language": "ase",
    "creole": "ht",
    "kreyol": "ht",
    "kreyòl": "ht",
    "haitian": "ht",
    "mandarin": "zh",
    "cantonese": "zh",
    "farsi": "fa",
    "spa": "es",
    "eng": "en",
    "vie": "vi",
    "som": "so",
    "hat": "ht",
    "ara": "ar",
    "fra": "fr",
}


def language_key(text: str) -> str:
    """One lower-case key per language: its code when known, else the text itself.

    Parameters
    ----------
    text:
        A language name, code or alias, e.g. ``"Spanish"``, ``"es"`` or ``"ASL"``.

    Returns
    -------
    str
    """
    t = " ".join(text.lower().split())
    if t in NAMES:
        return t
    if t in ALIASES:
        return ALIASES[t]
    for code, name in NAMES.items():
        if name.lower() == t:
            return code
    return t


def display_name(name: str, code: str) -> str:
    """The name to show for a language row that has a name, a code or both.

    Parameters
    ----------
    name, code:
        The HSDS ``language.name`` and ``language.code`` (either may be empty).

    Returns
    -------
    str
    """
    return name.strip() or NAMES.get(code.strip().lower(), code.strip())


def mentioned(language: str, text: str) -> bool:
    """True when ``text`` (e.g. an interpretation note) names ``language``.

    Parameters
    ----------
    language:
        A language name, code or alias.
    text:
        Free text such as HSDS ``service.interpretation_services``.

    Returns
    -------
    bool
    """
    key = language_key(language)
    words = {key, NAMES.get(key, "").lower(), language.lower()}
    words |= {alias for alias, code in ALIASES.items() if code == key and len(alias) > 3}
    lowered = text.lower()
    return any(w and w in lowered for w in words if len(w) > 3)


def known_names(keys: Iterable[str]) -> list[str]:
    """Readable names for language keys, sorted, English first.

    Parameters
    ----------
    keys:
        Keys from :func:`language_key`.

    Returns
    -------
    list of str
    """
    names = {NAMES.get(k, k) for k in keys}
    return sorted(names, key=lambda n: (n != "English", n.lower()))
