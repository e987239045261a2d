"""Phrases that make a crisis worse (CK407), by category, in English and Indonesian.

Each built-in phrase has a stable id: the configuration removes one by its id
(`[forbidden-phrases.en] remove = ["eta"]`) and adds its own phrases. Patterns are
regular expressions with word boundaries, matched without regard to case (an
all-capitals abbreviation such as ETA says so itself), so that "resolved in 25 minutes"
is caught as well as "resolved in 10 minutes".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache


class Category(StrEnum):
    STONEWALLING = "stonewalling"
    BLAME_SHIFTING = "blame-shifting"
    CONDITIONAL_APOLOGY = "conditional-apology"
    PROMISED_FIX_TIME = "promised-fix-time"
    EMPTY_PHRASE = "empty-phrase"
    CONFIGURED = "configured"


# What to say instead, per category: the hint of every finding.
INSTEAD: dict[Category, str] = {
    Category.STONEWALLING: "say what you know and what you are doing; if you cannot say "
    "more yet, say when you will",
    Category.BLAME_SHIFTING: "own it: say what happened and what you are doing about it; "
    "name a supplier or a person only as a fact once it is confirmed, never as the excuse",
    Category.CONDITIONAL_APOLOGY: "apologise without a condition: 'we are sorry for …' / "
    "'kami mohon maaf atas …'",
    Category.PROMISED_FIX_TIME: "promise the next update, not the fix: 'next update by "
    "{{ next_update }}' / 'kabar berikutnya {{ next_update }}'",
    Category.EMPTY_PHRASE: "show it instead: say what you did to protect people and what "
    "they should do now",
    Category.CONFIGURED: "this organisation's configuration forbids it ([forbidden-phrases]); "
    "reword it",
}


@dataclass(frozen=True, slots=True)
class Phrase:
    id: str
    language: str  # "en" phrases apply to every locale: English turns up in all of them
    category: Category
    pattern: str


# A fix word said of the past ("the site was restored within 40 minutes") reports, it
# does not promise.
_PAST = r"(?<!\bwas )(?<!\bwere )(?<!\bhas been )(?<!\bhave been )(?<!\bhad been )"
_FIX = (
    _PAST + r"(fixed|resolved|restored|repaired|back up|back online|back to normal"
    r"|(be|is|are) back(?! in touch| with)|resumed?|working again|up and running( again)?"
    r"|available again|online again)"
)
# Between the fix and the time: the same clause (no , ; : . ! ?), and no word that makes
# the time the next update's ("restored, and we will update you within the hour").
_GAP = (
    r"(?:(?!\b(updates?|updating|touch|news|post|report|kabar|informasi|sampaikan|kabari)\b)"
    r"[^.!?;:,\n]){0,40}?"
)
_SOON = (
    r"(with)?in (the next )?((approximately|about|around|roughly|less than|under) )?"
    r"(\d+\s*|an? |one |two |three |a few |the )?"
    r"(minutes?|mins?|hours?|hrs?|days?)\b"
    # "within 24 hours of resetting your password", "of the attack": from an event, not now
    r"(?! of\b| after\b)"
)
_ID_FIX = (
    r"(selesai|pulih|diperbaiki|normal kembali|kembali normal|berfungsi kembali"
    r"|bisa digunakan kembali|dapat digunakan kembali)"
)
_ID_SOON = (
    r"((dalam( waktu)?|kurang dari|paling lambat) "
    r"(\d+\s*[x×]\s*24 jam|(\d+|satu|dua|tiga|beberapa)\s*(menit|jam|hari)(?! kerja))"
    r"|sebelum (pukul|jam) \d+)"
)

BUILT_IN: tuple[Phrase, ...] = (
    Phrase("no-comment", "en", Category.STONEWALLING, r"\bno comment\b"),
    Phrase(
        "not-our-fault",
        "en",
        Category.BLAME_SHIFTING,
        r"\bnot our fault\b|\bthrough no fault of our own\b",
    ),
    Phrase(
        "user-error",
        "en",
        Category.BLAME_SHIFTING,
        r"(?<!\bnot )(?<!\bnot a )(?<!\bno )(?<!\bnot the )"
        r"\b(user|customer)s?'? (error|fault)\b|(?<!\bnot )\bthe user's fault\b",
    ),
    Phrase(
        "third-party",
        "en",
        Category.BLAME_SHIFTING,
        r"\b(due to|caused by|because of) (a |an |the |one of our )?third[- ]part(y|ies)\b",
    ),
    Phrase(
        "human-error",
        "en",
        Category.BLAME_SHIFTING,
        r"\bhuman error (by|of) (an? |one |one of our )?"
        r"(employee|staff member|contractor|worker)s?\b"
        r"|\b(a|an|one) rogue (employee|staff member|contractor)\b",
    ),
    Phrase(
        "apologise-if",
        "en",
        Category.CONDITIONAL_APOLOGY,
        r"\bwe apologi[sz]e if\b|\bsorry if\b",
    ),
    Phrase(
        "fixed-in",
        "en",
        Category.PROMISED_FIX_TIME,
        rf"\b{_FIX}\b{_GAP}\b{_SOON}|\b{_FIX} by \d",
    ),
    Phrase(
        "eta",
        "en",
        Category.PROMISED_FIX_TIME,
        r"(?-i:\bETA\b)|\bestimated time (of|to) (fix|repair|resolution|recovery)\b",
    ),
    Phrase(
        "take-seriously",
        "en",
        Category.EMPTY_PHRASE,
        r"\bwe take (the |your |our customers' )?(((security|privacy|safety|protection)"
        r"( of (your|our customers'|customers'|customer|personal) (data|information|details"
        r"|accounts?|privacy))?)|data protection|this|it|this matter|these matters|the matter)"
        r"( very| extremely| incredibly| most)? seriously\b",
    ),
    Phrase(
        "important-to-us",
        "en",
        Category.EMPTY_PHRASE,
        r"\byour (privacy|security|safety|data|trust) (is|are) (very |extremely |incredibly )?"
        r"(important|our (top |highest |number one )?priority) (to|for) us\b",
    ),
    Phrase(
        "any-inconvenience",
        "en",
        Category.EMPTY_PHRASE,
        r"\b(for|about|regret) any inconvenience( this may have| caused)?\b",
    ),
    Phrase(
        "tidak-ada-komentar",
        "id",
        Category.STONEWALLING,
        r"\btidak ada komentar\b|\btanpa komentar\b|\btidak (dapat|bisa) berkomentar\b",
    ),
    Phrase("bukan-salah-kami", "id", Category.BLAME_SHIFTING, r"\bbukan (salah|kesalahan) kami\b"),
    Phrase(
        "kesalahan-pengguna",
        "id",
        Category.BLAME_SHIFTING,
        # Not a denial: "bukan kesalahan pengguna", "kesalahan pengguna bukan penyebabnya".
        r"(?<!\bbukan )\b(kesalahan|salah) (pengguna|pelanggan|nasabah)\b(?! bukan\b)",
    ),
    Phrase(
        "pihak-ketiga",
        "id",
        Category.BLAME_SHIFTING,
        r"\b(kesalahan|gangguan dari) pihak ketiga\b"
        r"|\b(akibat|karena|disebabkan( oleh)?) (kesalahan |gangguan (dari |pada )?)?"
        r"(pihak ketiga|vendor|mitra)( kami)?\b"
        r"|\b(pada|di) (sistem|layanan|server) (pihak ketiga|vendor|mitra)\b",
    ),
    Phrase(
        "oknum", "id", Category.BLAME_SHIFTING, r"\boknum\b|\bkelalaian (karyawan|pegawai|staf)\b"
    ),
    Phrase(
        "mohon-maaf-jika",
        "id",
        Category.CONDITIONAL_APOLOGY,
        r"\b(mohon|memohon|minta|meminta) maaf (jika|apabila|bila|kalau)\b",
    ),
    Phrase(
        # The twin of any-inconvenience: "for all/any inconvenience", not a plain
        # "mohon maaf atas ketidaknyamanan ini" (we are sorry for the inconvenience).
        "segala-ketidaknyamanan",
        "id",
        Category.EMPTY_PHRASE,
        r"\batas (segala|setiap) (bentuk )?ketidaknyamanan\b",
    ),
    Phrase(
        "selesai-dalam",
        "id",
        Category.PROMISED_FIX_TIME,
        rf"\b{_ID_FIX}\b{_GAP}\b{_ID_SOON}\b",
    ),
    Phrase(
        "perkiraan-waktu",
        "id",
        Category.PROMISED_FIX_TIME,
        r"\b(perkiraan|estimasi) waktu (selesai|pemulihan|perbaikan)\b",
    ),
    Phrase(
        "kami-sangat-serius",
        "id",
        Category.EMPTY_PHRASE,
        r"\bkami (sangat|amat|benar-benar) serius\b",
    ),
    Phrase(
        "penting-bagi-kami",
        "id",
        Category.EMPTY_PHRASE,
        r"\b(privasi|keamanan)( data)? (anda|kamu|pelanggan|pengguna|nasabah)( kami)? "
        r"(adalah |sangat |merupakan |tetap )*(penting|prioritas)",
    ),
)


@dataclass(frozen=True, slots=True)
class Compiled:
    phrase: Phrase
    regex: re.Pattern[str]


@lru_cache(maxsize=8)
def _compiled(phrase: Phrase) -> re.Pattern[str]:
    return re.compile(phrase.pattern, re.IGNORECASE)


# Invisible characters that would split a phrase without showing: zero-width space,
# joiners, word joiner, byte-order mark, soft hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def normalised(text: str) -> str:
    """``text`` as phrases are matched: NFC, no invisible characters, and every run of
    white space (a wrapped line, two spaces, a no-break space) one space."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_INVISIBLE).split())


def matches(phrases: Iterable[Compiled], text: str) -> list[tuple[str, Category]]:
    """Each distinct phrase ``text`` uses, as written (white space collapsed), in the
    order the text says them."""
    return _matches_in(phrases, normalised(text))


def _matches_in(phrases: Iterable[Compiled], plain: str) -> list[tuple[str, Category]]:
    found: dict[str, tuple[int, Category]] = {}
    for compiled in phrases:
        for match in compiled.regex.finditer(plain):
            found.setdefault(match.group(0), (match.start(), compiled.phrase.category))
    return [
        (said, category) for said, (_, category) in sorted(found.items(), key=lambda f: f[1][0])
    ]


# Texts whose findings one phrase set remembers: an agency's plans repeat their templates.
MAX_REMEMBERED_TEXTS = 50_000


class PhraseSet:
    """The phrases of one locale, matched as :func:`matches` does, and quicker.

    Most texts use none of them: one search of every phrase as a single alternation
    proves that (it finds a match where any phrase matches), and only a text it finds
    something in is matched phrase by phrase. Each text's result is remembered.
    """

    def __init__(self, phrases: Iterable[Compiled]) -> None:
        self.phrases = tuple(phrases)
        self.any_phrase = re.compile(
            "|".join(f"(?:{c.phrase.pattern})" for c in self.phrases) or r"(?!)",
            re.IGNORECASE,
        )
        self._found: dict[str, list[tuple[str, Category]]] = {}

    def matches(self, text: str) -> list[tuple[str, Category]]:
        found = self._found.get(text)
        if found is None:
            plain = normalised(text)
            found = _matches_in(self.phrases, plain) if self.any_phrase.search(plain) else []
            if len(self._found) >= MAX_REMEMBERED_TEXTS:
                self._found.clear()
            self._found[text] = found
        return list(found)


Changes = tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]


@lru_cache(maxsize=64)
def phrase_set(locale: str, changes: Changes) -> PhraseSet:
    """The phrases checked in ``locale`` (see :func:`phrases_for`), shared by every plan
    of a run with the same configuration; ``changes`` as (locale, add, remove) triples."""
    return PhraseSet(phrases_for(locale, {c: (add, remove) for c, add, remove in changes}))


def applies(phrase_language: str, locale: str) -> bool:
    """Whether phrases of ``phrase_language`` (en, id, en-gb) are checked in ``locale``."""
    return (
        phrase_language == "en"
        or locale == phrase_language
        or (locale.startswith(phrase_language + "-"))
    )


def built_in_ids(locale: str) -> list[str]:
    """The ids of the built-in phrases checked in ``locale`` (English ones everywhere)."""
    return [p.id for p in BUILT_IN if applies(p.language, locale)]


def literal_pattern(phrase: str) -> str:
    """A configured phrase as a pattern: its words in order, on word boundaries."""
    words = normalised(phrase).split()
    return r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"


def phrases_for(
    locale: str, changes: Mapping[str, tuple[Iterable[str], Iterable[str]]]
) -> list[Compiled]:
    """The phrases checked in ``locale``: built in, less the removed, plus the added.

    ``changes`` maps a configured locale (``en``, ``en-gb``) to its (add, remove) lists;
    an entry applies to that locale and its regional variants.
    """
    removed: set[str] = set()
    added: list[str] = []
    for configured, (add, remove) in changes.items():
        if configured == locale or locale.startswith(configured + "-"):
            added += add
            removed.update(remove)
    found = [
        Compiled(p, _compiled(p))
        for p in BUILT_IN
        if applies(p.language, locale) and p.id not in removed
    ]
    for text in dict.fromkeys(added):
        phrase = Phrase(text, locale, Category.CONFIGURED, literal_pattern(text))
        found.append(Compiled(phrase, _compiled(phrase)))
    return found
