"""Score the confidentiality guard against its labelled sentences.

Run from the repository root:

    .venv/bin/python bench/confidentiality_eval.py [path/to/sentences.tsv]

Prints sentence-level precision, recall and F1, the confusion counts, recall
for each kind of identifier, and every sentence the guard got wrong. Django
is not needed.
"""

import sys
from pathlib import Path

from portfolio.evidence.confidentiality import (
    evaluate,
    find_identifiers,
    read_labelled_sentences,
    recall_by_kind,
)

DEFAULT_DATA = (
    Path(__file__).resolve().parent.parent
    / "tests/portfolio/evidence/data/confidentiality_sentences.tsv"
)


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def describe(sentence: str) -> str:
    found = ", ".join(f"{m.kind}={m.text!r}" for m in find_identifiers(sentence))
    return f"  - {sentence}" + (f"\n      found: {found}" if found else "")


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_DATA
    rows = read_labelled_sentences(path)
    result = evaluate([(row.label, row.sentence) for row in rows])
    positives = sum(row.label for row in rows)

    say(
        f"Sentences: {len(rows)} ({positives} with identifiers, "
        f"{len(rows) - positives} without)"
    )
    say(f"Precision: {result['precision']:.3f}")
    say(f"Recall:    {result['recall']:.3f}")
    say(f"F1:        {result['f1']:.3f}")
    say(
        f"Confusion: TP={result['tp']} FP={result['fp']} "
        f"TN={result['tn']} FN={result['fn']}"
    )
    say()
    say("Recall by kind (the expected kind itself was found):")
    by_kind = recall_by_kind(rows)
    for kind, recall in by_kind.items():
        say(f"  {kind:<15} {recall:.3f}")
    say()
    say(f"False positives ({len(result['false_positives'])}):")
    for sentence in result["false_positives"]:
        say(describe(sentence))
    say(f"False negatives ({len(result['false_negatives'])}):")
    for sentence in result["false_negatives"]:
        say(describe(sentence))

    # Sentences flagged for the wrong reason still count as hits above, but
    # the practitioner would see a misleading explanation.
    wrong_kind = [
        (row, sorted(row.kinds - {m.kind for m in find_identifiers(row.sentence)}))
        for row in rows
        if row.label
    ]
    wrong_kind = [(row, missing) for row, missing in wrong_kind if missing]
    say(f"Flagged but missing an expected kind ({len(wrong_kind)}):")
    for row, missing in wrong_kind:
        say(describe(row.sentence) + f"\n      missing: {', '.join(missing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
