import dataclasses
from collections import Counter
from pathlib import Path

import pytest

from portfolio.evidence.confidentiality import (
    EXPLANATIONS,
    KIND_ADDRESS,
    KIND_CASE_REFERENCE,
    KIND_DATE_OF_BIRTH,
    KIND_EMAIL,
    KIND_NAME,
    KIND_NHS_NUMBER,
    KIND_NI_NUMBER,
    KIND_PHONE,
    KIND_POSTCODE,
    KINDS,
    evaluate,
    find_identifiers,
    read_labelled_sentences,
)

LABELLED = Path(__file__).parent / "data" / "confidentiality_sentences.tsv"


def kinds_in(text: str) -> set[str]:
    return {match.kind for match in find_identifiers(text)}


def texts_of(text: str, kind: str) -> list[str]:
    return [m.text for m in find_identifiers(text) if m.kind == kind]


# --- NHS numbers -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "His NHS number is 943 476 5919.",
        "The letter quoted 9434765919 at the top.",
        "I copied 943-476-5919 from the notes.",
    ],
)
def test_nhs_number_with_a_valid_checksum_is_flagged(text):
    assert kinds_in(text) == {KIND_NHS_NUMBER}


def test_nhs_number_with_a_bad_checksum_is_not_an_nhs_number():
    assert KIND_NHS_NUMBER not in kinds_in("The letter quoted 943 476 5918.")


def test_bad_checksum_after_nhs_number_is_still_flagged_as_a_reference():
    assert kinds_in("His NHS number is 943 476 5918.") == {KIND_CASE_REFERENCE}


def test_ten_digits_whose_check_digit_would_be_ten_are_not_nhs_numbers():
    # 123 456 789 gives a remainder that is never issued.
    assert KIND_NHS_NUMBER not in kinds_in("The code was 123 456 7890.")


# --- National Insurance numbers --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "His NI number is JT 48 29 13 B.",
        "The letter showed PW731058A.",
        "I saw hz 31 77 60 c on the form.",
        "She read out SR 409127 A.",
    ],
)
def test_national_insurance_numbers_are_flagged(text):
    assert KIND_NI_NUMBER in kinds_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "The example QQ 12 34 56 C uses a letter HMRC never issues first.",
        "GB 12 34 56 A is a prefix that is not allocated.",
        "AO 12 34 56 A has O as its second letter.",
        "AB 12 34 56 E has a suffix after D.",
    ],
)
def test_strings_outside_the_ni_number_rules_are_not_ni_numbers(text):
    assert KIND_NI_NUMBER not in kinds_in(text)


# --- Postcodes -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "postcode"),
    [
        ("They moved near LS9 8QT last year.", "LS9 8QT"),
        ("The care home is in le2 7pd.", "le2 7pd"),
        ("The sat nav took me to S118YH.", "S118YH"),
        ("Her sister lives in EC1V 2NX.", "EC1V 2NX"),
    ],
)
def test_uk_postcodes_are_flagged_with_or_without_a_space(text, postcode):
    assert texts_of(text, KIND_POSTCODE) == [postcode]


@pytest.mark.parametrize(
    "text",
    [
        "This maps to PCF domain 6.",
        "He turns 18 in Year 13.",
        "We met at 3pm and again at 10:30.",
    ],
)
def test_practice_numbers_are_not_postcodes(text):
    assert KIND_POSTCODE not in kinds_in(text)


# --- Phone numbers ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Mum's mobile is 07700 900461.", "07700 900461"),
        ("Ring the school on 01632 960083.", "01632 960083"),
        ("Dad prefers +44 7700 900912.", "+44 7700 900912"),
        ("Her advocate is on (0161) 496 0345.", "(0161) 496 0345"),
        ("He texted from 07700900274.", "07700900274"),
        ("The ward is on 020 7946 0518.", "020 7946 0518"),
    ],
)
def test_uk_phone_numbers_are_flagged(text, phone):
    assert texts_of(text, KIND_PHONE) == [phone]


@pytest.mark.parametrize(
    "text",
    [
        "Call 999 in an emergency.",
        "The plan was reviewed after 6 weeks.",
        "Around 60% of my caseload involves domestic abuse.",
        "Childline is on 0800 1111.",
    ],
)
def test_short_numbers_are_not_phone_numbers(text):
    assert KIND_PHONE not in kinds_in(text)


# --- Email addresses -------------------------------------------------------


def test_email_addresses_are_flagged_without_the_closing_full_stop():
    text = "Please write to j.ashby.carer@example.com."
    assert texts_of(text, KIND_EMAIL) == ["j.ashby.carer@example.com"]


def test_an_at_sign_on_its_own_is_not_an_email_address():
    assert KIND_EMAIL not in kinds_in("We met @ the school at 3pm.")


# --- Addresses -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("I visited 14 Larkspur Road.", "14 Larkspur Road"),
        ("Police went to 22b Mill Lane.", "22b Mill Lane"),
        ("I parked outside 16 Tanner's Way.", "16 Tanner's Way"),
        ("She is staying in Flat 3 above the shop.", "Flat 3"),
        ("Mum lives in Flat 12, Orchard Court now.", "Flat 12, Orchard Court"),
        ("He sofa surfs on Ashgrove Street.", "Ashgrove Street"),
    ],
)
def test_addresses_are_flagged(text, address):
    assert texts_of(text, KIND_ADDRESS) == [address]


@pytest.mark.parametrize(
    "text",
    [
        "Nan's flat was too small for the children.",
        "The Family Court made a Supervision Order.",
        "We met in the Court of Protection team.",
        "I used the Graded Care Profile 2 tool.",
    ],
)
def test_places_without_a_street_are_not_addresses(text):
    assert KIND_ADDRESS not in kinds_in(text)


# --- Case and reference numbers --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I found it under case number 482913.",
        "The cover sheet showed ref: CP/2024/0193.",
        "Her LCS ID 4455123 was in the email.",
        "I searched Mosaic ID 778201.",
        "The record EH/23/5521 showed two referrals.",
        "Adult Social Care gave me his client number, C0045521.",
    ],
)
def test_case_and_reference_numbers_are_flagged(text):
    assert kinds_in(text) == {KIND_CASE_REFERENCE}


@pytest.mark.parametrize(
    "text",
    [
        "The case conference was rushed.",
        "I call them Child A and Child B.",
        "This was case 2 of my first week.",
        "My caseload rose to 22 children.",
    ],
)
def test_case_words_without_a_reference_are_not_flagged(text):
    assert KIND_CASE_REFERENCE not in kinds_in(text)


# --- Dates of birth --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("He was born on 03/07/2015.", "03/07/2015"),
        ("DOB 14.11.2009 was on the form.", "14.11.2009"),
        ("The d.o.b. 21/06/08 was wrong.", "21/06/08"),
        ("Her birthday is on 9 May.", "9 May"),
        ("The twins were born in January 2020.", "January 2020"),
        ("Born on the 27th of August 2012, he was small.", "27th of August 2012"),
        ("The hearing was on 14 October 2023.", "14 October 2023"),
        ("The strategy notes gave 2023-08-19.", "2023-08-19"),
    ],
)
def test_dates_of_birth_and_full_dates_are_flagged(text, date):
    assert texts_of(text, KIND_DATE_OF_BIRTH) == [date]


@pytest.mark.parametrize(
    "text",
    [
        "In March 2024 I took on my first case.",
        "In 2023 I finished my placement.",
        "The review is on 14 March.",
        "She was a 14-year-old and he was aged 7.",
        "He was born in 2015.",
        "Between 2019 and 2022 there were eleven referrals.",
    ],
)
def test_partial_dates_without_a_birth_cue_are_not_flagged(text):
    assert KIND_DATE_OF_BIRTH not in kinds_in(text)


# --- Names -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("During the visit Mrs Okafor cried.", "Mrs Okafor"),
        ("I challenged Mr. Pell about it.", "Mr. Pell"),
        ("I spent the day with Jayden Marsh.", "Jayden Marsh"),
        ("A girl called Kylie arrived late.", "Kylie"),
        ("A girl called Summer arrived late.", "Summer"),
        ("Jayden's mother kept looking at the door.", "Jayden"),
        ("Auntie Shereen offered to help.", "Shereen"),
        ("Shauna told me she felt judged.", "Shauna"),
        ("Afterwards I asked Priya what she thought.", "Priya"),
        ("Kayla Brennan-Moss was open to Early Help.", "Kayla Brennan-Moss"),
        ("I met Social Worker Mrs Okafor there.", "Mrs Okafor"),
        ("A boy called Sterling joined the group.", "Sterling"),
        ("Sam Manning told me he was moving.", "Sam Manning"),
    ],
)
def test_names_are_flagged(text, name):
    assert texts_of(text, KIND_NAME) == [name]


def test_a_name_used_elsewhere_is_flagged_at_the_start_of_a_sentence_too():
    text = "Jayden was quiet. I asked Jayden why."
    assert texts_of(text, KIND_NAME) == ["Jayden", "Jayden"]


ORDINARY_PRACTICE_LANGUAGE = [
    "Mum told me that Dad and Nan had argued.",
    "The Local Authority opened a Section 47 enquiry.",
    "Section 17 support was offered under Child in Need planning.",
    "Child Protection planning ended after 9 months.",
    "The Children Act 1989 and the Care Act 2014 both applied.",
    "Working Together 2023 sets out the expectations.",
    "This maps to PCF domain 6.",
    "During my ASYE my Practice Educator helped me.",
    "The Principal Social Worker ran the session.",
    "I used Gibbs and Kolb, and Schön's ideas about reflection.",
    "Gibbs' reflective cycle and Kolb's learning cycle helped me.",
    "The Munro Review changed how I think.",
    "In March 2024 I started, and in 2023 I qualified.",
    "I arrived at 3pm and stayed for 6 weeks of visits.",
    "She was a 14-year-old; her brother was aged 7.",
    "Around 60% of referrals came through the MASH.",
    "Early Help passed the referral to the school and the GP surgery.",
    "Munro (2011) and Ferguson (2016) both write about this.",
    "Ferguson et al. (2020) and Fook and Gardner (2007) agree.",
    "Attachment theory (Bowlby, 1969) shaped my thinking.",
    "The visit was hard. Afterwards I sat in the car.",
    "Looking back, the conference felt rushed.",
    "Mr and Mrs A asked me to use their initials.",
    "The DoLS authorisation lasts 12 months.",
    "Staying Put and Strengthening Families are in our offer.",
    "We sat in the Quiet Room because the ward was busy.",
]


@pytest.mark.parametrize("text", ORDINARY_PRACTICE_LANGUAGE)
def test_ordinary_practice_language_is_not_flagged(text):
    assert find_identifiers(text) == []


# --- Shape of the results --------------------------------------------------


def test_matches_carry_offsets_into_the_text_and_do_not_overlap():
    for row in read_labelled_sentences(LABELLED):
        matches = find_identifiers(row.sentence)
        for match in matches:
            assert row.sentence[match.start : match.end] == match.text
            assert match.kind in KINDS
        for before, after in zip(matches, matches[1:], strict=False):
            assert before.end <= after.start


def test_sentence_with_two_identifiers_returns_both_in_order():
    text = "I rang Mr Greaves on 07700 900377 about 4 Glebe Avenue, WF2 9LR."
    assert [(m.kind, m.text) for m in find_identifiers(text)] == [
        (KIND_NAME, "Mr Greaves"),
        (KIND_PHONE, "07700 900377"),
        (KIND_ADDRESS, "4 Glebe Avenue"),
        (KIND_POSTCODE, "WF2 9LR"),
    ]


def test_matches_are_immutable():
    match = find_identifiers("Mrs Okafor came.")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.kind = KIND_EMAIL  # type: ignore[misc]


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_a_plain_explanation_ending_with_a_full_stop(kind):
    explanation = EXPLANATIONS[kind]
    assert explanation.strip() and explanation[0].isupper()
    assert explanation.endswith(".")


def test_each_match_explains_itself():
    for match in find_identifiers("Mrs Okafor's NHS number is 943 476 5919."):
        assert match.explanation == EXPLANATIONS[match.kind]


# --- Labelled evaluation set -----------------------------------------------


def test_labelled_set_is_balanced_and_covers_every_kind():
    rows = read_labelled_sentences(LABELLED)
    positives = [row for row in rows if row.label]
    assert len(rows) >= 240
    assert abs(len(positives) - (len(rows) - len(positives))) <= len(rows) // 10
    assert all(not row.kinds for row in rows if not row.label)
    per_kind = Counter(kind for row in positives for kind in row.kinds)
    assert set(per_kind) == set(KINDS)
    assert min(per_kind.values()) >= 10


def test_guard_meets_its_targets_on_the_labelled_set():
    rows = read_labelled_sentences(LABELLED)
    result = evaluate([(row.label, row.sentence) for row in rows])
    assert result["recall"] >= 0.95, result["false_negatives"]
    assert result["precision"] >= 0.8, result["false_positives"]


def test_evaluate_counts_sentence_level_hits_and_misses():
    result = evaluate(
        [
            (1, "Mrs Okafor came."),
            (1, "nothing to see here"),
            (0, "The Local Authority met."),
            (0, "I rang 07700 900461."),
        ]
    )
    assert (result["tp"], result["fn"], result["tn"], result["fp"]) == (1, 1, 1, 1)
    assert result["precision"] == result["recall"] == result["f1"] == 0.5
