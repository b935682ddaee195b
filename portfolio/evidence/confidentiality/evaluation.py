"""Sentence-level scoring of the detector against a labelled set.

Shared by the test suite and ``bench/confidentiality_eval.py`` so that the
figures in a pull request are the figures the tests enforce.
"""

from pathlib import Path
from typing import NamedTuple

from .matching import find_identifiers


class LabelledSentence(NamedTuple):
    label: int  # 1 if the sentence holds at least one identifier
    kinds: frozenset[str]
    sentence: str


def read_labelled_sentences(path: Path) -> list[LabelledSentence]:
    """Read a ``label<TAB>kinds<TAB>sentence`` file with a header row."""
    rows = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        if not line.strip():
            continue
        label, kinds, sentence = line.split("\t")
        rows.append(
            LabelledSentence(
                int(label), frozenset(k for k in kinds.split(",") if k), sentence
            )
        )
    return rows


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def evaluate(labelled: list[tuple[int, str]]) -> dict:
    """Score sentence-level flagging: a sentence is positive if anything matches."""
    counts = {"tp": 0, "fp": 0, "tn": 0, "fn": 0}
    false_positives: list[str] = []
    false_negatives: list[str] = []
    for label, sentence in labelled:
        flagged = bool(find_identifiers(sentence))
        if label and flagged:
            counts["tp"] += 1
        elif label:
            counts["fn"] += 1
            false_negatives.append(sentence)
        elif flagged:
            counts["fp"] += 1
            false_positives.append(sentence)
        else:
            counts["tn"] += 1
    precision = _ratio(counts["tp"], counts["tp"] + counts["fp"])
    recall = _ratio(counts["tp"], counts["tp"] + counts["fn"])
    return {
        **counts,
        "precision": precision,
        "recall": recall,
        "f1": _ratio(2 * precision * recall, precision + recall),
        "false_positives": false_positives,
        "false_negatives": false_negatives,
    }


def recall_by_kind(labelled: list[LabelledSentence]) -> dict[str, float]:
    """For each expected kind, the share of its sentences where it was found."""
    expected: dict[str, int] = {}
    found: dict[str, int] = {}
    for row in labelled:
        kinds_found = {match.kind for match in find_identifiers(row.sentence)}
        for kind in row.kinds:
            expected[kind] = expected.get(kind, 0) + 1
            found[kind] = found.get(kind, 0) + (kind in kinds_found)
    return {kind: _ratio(found[kind], expected[kind]) for kind in sorted(expected)}
