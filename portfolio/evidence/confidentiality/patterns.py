"""Compiled patterns for identifiers that have a fixed shape.

Each pattern is compiled once at import. The one check a regular expression
cannot express, the NHS Modulus 11 checksum, lives beside the patterns.
"""

import re

EMAIL = re.compile(
    r"\b[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b",
)

# Ten digits, run together or spaced 3-3-4; the checksum decides.
NHS_NUMBER = re.compile(r"(?<![\d+])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d/-])")

# HMRC rules: the first letter is never D, F, I, Q, U or V, the second never
# D, F, I, O, Q, U or V, and BG, GB, KN, NK, NT, TN and ZZ are not issued.
NI_NUMBER = re.compile(
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r"\s?(?:\d\s?){6}[A-D]\b",
    re.IGNORECASE,
)

# Royal Mail shapes A9, A99, AA9, AA99, A9A and AA9A, then 9AA. Q, V and X
# never start a postcode and the last two letters never use C, I, K, M, O, V.
POSTCODE = re.compile(
    r"\b[A-PR-UWYZ](?:[A-HK-Y]\d[A-Z\d]?|\d[A-Z\d]?)\s?\d[ABD-HJLNP-UW-Z]{2}\b",
    re.IGNORECASE,
)

# A leading 0 or +44 and nine or ten more digits, with the spaces, hyphens
# and brackets people type ("(0161) 496 0345", "07700-900-835").
PHONE = re.compile(
    r"(?<![\w+])(?:\+44[\s-]?(?:\(0\)[\s-]?)?|\(?0)\d(?:[\s)-]{0,2}\d){8,9}(?!\d)"
)

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
    r"|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"

# 03/07/2015, 14.11.2009, 21/06/08: the same separator twice, so "4.2" or a
# score like "2/5" is left alone.
NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(3[01]|[12]\d|0?[1-9])([/.-])(1[0-2]|0?[1-9])\2"
    r"((?:19|20)?\d{2})(?![\d/-]|\.\d)"
)

ISO_DATE = re.compile(r"\b" + _YEAR + r"-(?:1[0-2]|0[1-9])-(?:3[01]|[12]\d|0[1-9])\b")

# "2 February 2011", "the 27th of August 2012", "March 12th, 2016".
WRITTEN_DATE = re.compile(
    rf"\b(?:{_DAY}\s+(?:of\s+)?{_MONTH}\.?,?|{_MONTH}\.?\s+{_DAY},?)\s+{_YEAR}\b"
)

# Only a risk next to a birth cue: "born on 3 July", "birthday is 9 May",
# "born in March 2016". On their own these are ordinary diary dates.
PARTIAL_DATE = re.compile(
    rf"\b(?:{_DAY}\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+{_DAY}\b|{_MONTH}\s+{_YEAR})\b"
    r"|(?<![\d/])(?:3[01]|[12]\d|0?[1-9])/(?:1[0-2]|0?[1-9])(?![\d/])"
)

BIRTH_CUE = re.compile(
    r"\b(?:born|birth|birthday|dob|d\.\s?o\.\s?b|turns|turned|turning)\b",
    re.IGNORECASE,
)

# Reference numbers announced by a word such as "case number", "ref:",
# "LCS ID" or "Mosaic". Records and referrals need "number" or "ref" after
# them; "ref", "ID" and the case-management system names do not.
_REF_STRONG = r"(?:ref|reference|ID|LCS|Mosaic|Liquidlogic|EHM|Eclipse|CareFirst)\b\.?"
_REF_WEAK = r"(?:case|file|client|referral|record|crime|incident|police|log|NHS|UPN)\b"
_REF_NOUN = r"(?:(?:number|num|no|ref|reference|ID|case)\b\.?|#)"
CASE_REFERENCE = re.compile(
    rf"\b(?:{_REF_STRONG}|{_REF_WEAK}\s*{_REF_NOUN})(?:\s*{_REF_NOUN})*"
    r"\s*[:#,]?\s*(?:(?:is|was|of)\s+)?"
    r"(?P<ref>(?=[A-Z/-]*\d)[A-Z0-9][A-Z0-9/-]*(?:\s\d{3,4})*)",
    re.IGNORECASE,
)

# Reference-shaped tokens with no keyword: CP/2024/0193, R-2024-00871,
# C0045521, or a bare run of six or more digits.
BARE_REFERENCE = re.compile(
    r"\b[A-Z]{1,4}[/-]\d{2,4}(?:[/-]\d{2,6})+\b"
    r"|\b[A-Z]{1,3}\d{6,}\b"
    r"|(?<![\d/.+-])\d{6,}(?![\d/-])"
)

ADDRESS_SUFFIX = (
    r"(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Drive|Dr|Way|Court|Ct"
    r"|Crescent|Cres|Terrace|Gardens|Place|Grove|Walk|Row|Square|Mews|Hill"
    r"|Rise|Parade|Green|Vale|View|Park)"
)
_STREET_WORDS = r"(?:[A-Z][\w'’-]*\s+){1,3}"

# "14 Larkspur Road", "22b Mill Lane", "103 Wexford Avenue".
NUMBERED_ADDRESS = re.compile(
    r"\b\d{1,4}[A-Za-z]?,?\s+" + _STREET_WORDS + ADDRESS_SUFFIX + r"\b"
)

# "Flat 3", "Flat 12, Orchard Court", "Apartment 4, Kestrel House".
FLAT = re.compile(
    r"\b(?i:flat|apartment|apt\.?)\s+\d{1,4}[A-Za-z]?\b"
    r"(?:,?\s+" + r"(?:[A-Z][\w'’-]*\s+){1,2}"
    r"(?:House|Court|Tower|Lodge|Mansions|Point|Heights|Block)\b)?"
)

# A street with no house number is still identifying ("on Ashgrove Street"),
# but only suffixes that never name a team or a court are trusted here.
NAMED_STREET = re.compile(
    r"\b(?P<street>(?:[A-Z][\w'’-]*\s+){1,2})"
    r"(?:Road|Street|Lane|Avenue|Crescent|Terrace|Gardens|Close|Grove|Mews)\b"
)

# A capitalised word, keeping hyphens and apostrophes inside it (Ellie-Mae,
# O'Neill) and a trailing possessive (Jayden's, Gibbs').
WORD = re.compile(r"(?<![\w'’@.-])[^\W\d_]+(?:['’-][^\W\d_]+)*(?:(?<=s)['’])?")

# "Munro (2011)", "Fook and Gardner (2007)", "Ferguson et al. (2020)".
CITED_AUTHORS = re.compile(
    r"[A-Z][\w'’-]+(?:(?:,\s*|\s+(?:and|&)\s+)[A-Z][\w'’-]+)*"
    r"(?:\s+et\s+al\.?)?\s*\(\s*(?:1[6-9]|20)\d{2}"
)

# "(Bowlby, 1969)", "(Karpman, 1968; Munro, 2011)".
BRACKETED_CITATION = re.compile(r"\([^()]*\b(?:1[6-9]|20)\d{2}[a-z]?\b[^()]*\)")

# Where a sentence (or a quotation, or a list item) begins.
SENTENCE_BREAK = re.compile(r"(?:^|[.!?][\"”’')\]]*\s+|\n)[\s\"“‘(\[*•–-]*")


def valid_nhs_number(digits: str) -> bool:
    """Apply the NHS Modulus 11 check to a ten-digit string."""
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    # A remainder that gives 10 is never issued as an NHS number.
    return check != 10 and check == int(digits[9])
