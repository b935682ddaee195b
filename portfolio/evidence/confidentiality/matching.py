"""Find identifiers of people who use services in a practitioner's text."""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import patterns as p
from .vocabulary import (
    COMMON_WORDS,
    KINSHIP_TITLES,
    NAMING_CUES,
    PERSON_VERBS,
    PERSONAL_TITLES,
    TERMS,
)

KIND_NAME = "name"
KIND_DATE_OF_BIRTH = "date_of_birth"
KIND_NHS_NUMBER = "nhs_number"
KIND_NI_NUMBER = "ni_number"
KIND_POSTCODE = "postcode"
KIND_PHONE = "phone"
KIND_EMAIL = "email"
KIND_ADDRESS = "address"
KIND_CASE_REFERENCE = "case_reference"

# When two matches overlap, the earlier kind wins: its shape is the stricter
# one (an NHS number passes a checksum; a case reference is any long number).
KINDS = (
    KIND_EMAIL,
    KIND_NHS_NUMBER,
    KIND_NI_NUMBER,
    KIND_PHONE,
    KIND_POSTCODE,
    KIND_DATE_OF_BIRTH,
    KIND_CASE_REFERENCE,
    KIND_ADDRESS,
    KIND_NAME,
)

EXPLANATIONS = {
    KIND_NAME: "This looks like someone's name. Use a role or an initial instead, "
    "such as 'the young person' or 'Mother A'.",
    KIND_DATE_OF_BIRTH: "This looks like a date of birth or another exact date. "
    "Use an age or a general time instead, such as 'aged 7' or 'last spring'.",
    KIND_NHS_NUMBER: "This looks like an NHS number. Leave it out, because the "
    "reflection does not need it.",
    KIND_NI_NUMBER: "This looks like a National Insurance number. Leave it out, "
    "because the reflection does not need it.",
    KIND_POSTCODE: "This looks like a UK postcode. Use a general area instead, "
    "such as 'the north of the borough'.",
    KIND_PHONE: "This looks like a phone number. Leave it out, because the "
    "reflection does not need it.",
    KIND_EMAIL: "This looks like an email address. Leave it out, because the "
    "reflection does not need it.",
    KIND_ADDRESS: "This looks like an address. Describe the setting instead, such "
    "as 'a first-floor flat'.",
    KIND_CASE_REFERENCE: "This looks like a case or reference number. Leave it "
    "out, because it links your reflection to a real record.",
}

# How far (in characters) a birth cue may sit from a date and still make it
# a date of birth: far enough for "born on the", not far enough to cross a
# clause about something else.
_CUE_REACH = 40
_NAMING_CUE = re.compile(r"\b(?:" + "|".join(NAMING_CUES) + r")\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class IdentifierMatch:
    kind: str
    start: int
    end: int
    text: str
    explanation: str


Span = tuple[str, int, int]


def find_identifiers(text: str) -> list[IdentifierMatch]:
    """Return the identifiers in ``text``, sorted by start and not overlapping."""
    rank = {kind: i for i, kind in enumerate(KINDS)}
    candidates = sorted(_candidates(text), key=lambda c: (rank[c[0]], c[1] - c[2]))
    kept: list[Span] = []
    for kind, start, end in candidates:
        if all(end <= s or start >= e for _, s, e in kept):
            kept.append((kind, start, end))
    return [
        IdentifierMatch(kind, start, end, text[start:end], EXPLANATIONS[kind])
        for kind, start, end in sorted(kept, key=lambda c: c[1])
    ]


def _candidates(text: str) -> Iterator[Span]:
    yield from _spans(KIND_EMAIL, p.EMAIL, text)
    yield from _spans(KIND_NI_NUMBER, p.NI_NUMBER, text)
    yield from _spans(KIND_POSTCODE, p.POSTCODE, text)
    yield from _spans(KIND_PHONE, p.PHONE, text)
    yield from _spans(KIND_ADDRESS, p.NUMBERED_ADDRESS, text)
    yield from _spans(KIND_ADDRESS, p.FLAT, text)
    for m in p.NHS_NUMBER.finditer(text):
        if p.valid_nhs_number(re.sub(r"\D", "", m.group())):
            yield KIND_NHS_NUMBER, m.start(), m.end()
    yield from _dates(text)
    yield from _references(text)
    for m in p.NAMED_STREET.finditer(text):
        if m.group("street").split()[0].lower() not in COMMON_WORDS:
            yield KIND_ADDRESS, m.start(), m.end()
    yield from _names(text)


def _spans(kind: str, pattern: re.Pattern[str], text: str) -> Iterator[Span]:
    for m in pattern.finditer(text):
        yield kind, m.start(), m.end()


def _dates(text: str) -> Iterator[Span]:
    # A full date is a risk wherever it appears; a day and month, or a month
    # and year, only when something nearby says it is a birth date.
    for pattern in (p.NUMERIC_DATE, p.ISO_DATE, p.WRITTEN_DATE):
        yield from _spans(KIND_DATE_OF_BIRTH, pattern, text)
    cues = [m.span() for m in p.BIRTH_CUE.finditer(text)]
    for m in p.PARTIAL_DATE.finditer(text):
        if any(
            m.start() - _CUE_REACH <= e and s <= m.end() + _CUE_REACH for s, e in cues
        ):
            yield KIND_DATE_OF_BIRTH, m.start(), m.end()


def _references(text: str) -> Iterator[Span]:
    for m in p.CASE_REFERENCE.finditer(text):
        # "case 2" or "ID 17" are too short to pick anyone out.
        if sum(c.isdigit() for c in m.group("ref")) >= 3:
            yield KIND_CASE_REFERENCE, m.start(), m.end()
    yield from _spans(KIND_CASE_REFERENCE, p.BARE_REFERENCE, text)


@dataclass(frozen=True)
class _Word:
    start: int
    end: int  # excludes any possessive ending, so the match is just the name
    base: str
    possessive: bool
    opens_sentence: bool


def _names(text: str) -> Iterator[Span]:
    found: set[str] = set()
    openers: list[_Word] = []
    for run in _capitalised_runs(text):
        span = _name_in_run(text, run)
        if span:
            found.update(text[span[0] : span[1]].split())
            yield KIND_NAME, span[0], span[1]
        elif len(run) == 1 and run[0].opens_sentence:
            openers.append(run[0])
    # "Jayden was quiet. I asked Jayden why." The opener alone proves nothing,
    # but the same word used as a name elsewhere in the text does.
    for word in openers:
        if word.base in found:
            yield KIND_NAME, word.start, word.end


def _capitalised_runs(text: str) -> Iterator[list[_Word]]:
    """Group capitalised words that sit next to each other, such as a full name."""
    sentence_starts = {m.end() for m in p.SENTENCE_BREAK.finditer(text)}
    cited = [
        m.span()
        for pattern in (p.CITED_AUTHORS, p.BRACKETED_CITATION)
        for m in pattern.finditer(text)
    ]
    run: list[_Word] = []
    for m in p.WORD.finditer(text):
        base = re.sub(r"['’]s?$", "", m.group())
        # Acronyms (MASH, DoLS), single letters (Child A) and lower-case words
        # are never names; nor are authors being cited.
        if (
            len(base) < 2
            or not base[0].isupper()
            or base[-1].isupper()
            or any(s <= m.start() < e for s, e in cited)
        ):
            if run:
                yield run
            run = []
            continue
        word = _Word(
            m.start(),
            m.start() + len(base),
            base,
            base != m.group(),
            m.start() in sentence_starts,
        )
        if run and not _joins(text, run[-1], word):
            yield run
            run = []
        run.append(word)
    if run:
        yield run


def _joins(text: str, previous: _Word, word: _Word) -> bool:
    gap = text[previous.end : word.start]
    if previous.possessive:
        return False
    # "Mr. Pell" keeps the title with its name; elsewhere only a space joins.
    if previous.base.lower() in PERSONAL_TITLES and gap in (". ", "."):
        return True
    return gap == " "


def _normalised(word: str) -> Iterator[str]:
    lowered = word.lower()
    for part in (lowered, *lowered.split("-")):
        yield part
        # Plurals: "Teams", "Families".
        if part.endswith("ies"):
            yield part[:-3] + "y"
        elif part.endswith("s"):
            yield part[:-1]


def _is_term(word: str) -> bool:
    """A practice term, place, theorist or kinship word: never a name."""
    return any(w in TERMS for w in _normalised(word))


def _is_common(word: str) -> bool:
    """A word that is not a name by itself: ordinary words, and bare titles."""
    lowered = word.lower()
    if lowered in COMMON_WORDS or lowered in PERSONAL_TITLES:
        return True
    # "Staying Put", "Strengthening Families": programme names often open with
    # a verb in -ing, and very few forenames end that way.
    return len(lowered) > 5 and lowered.endswith("ing")


def _name_in_run(text: str, run: list[_Word]) -> tuple[int, int] | None:
    if _NAMING_CUE.search(text, 0, run[0].start):
        # After "called" even an ordinary word is a name ("called Sterling").
        return (
            None if any(_is_term(w.base) for w in run) else (run[0].start, run[-1].end)
        )
    # Function words are skipped, such as the opener in "When Jayden ...".
    names = [w for w in run if w.base.lower() not in COMMON_WORDS]
    if all(_is_common(w.base) for w in names):
        return None
    # A title makes the capitalised words after it a name, even after a role
    # ("Social Worker Mrs Okafor"); alone ("Mr and Mrs A") it names nobody.
    for word in names[:-1]:
        if word.base.lower() in PERSONAL_TITLES:
            return word.start, names[-1].end
    if len(names) > 1 and names[0].base.lower() in KINSHIP_TITLES:
        return names[1].start, names[-1].end  # "Auntie Shereen"
    if any(_is_term(w.base) for w in run):
        # One known word makes the run a term: "Early Help", "Family Court".
        return None
    lone = names[0]
    if len(run) == 1 and lone.opens_sentence and not lone.possessive:
        # Any sentence can open with a capitalised word; only a verb such as
        # "told" or "said" straight after marks it as someone's name.
        following = re.match(r"\s+(\w+)", text[lone.end :])
        if not following or following.group(1).lower() not in PERSON_VERBS:
            return None
    return names[0].start, names[-1].end
