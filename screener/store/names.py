"""Name matching for duplicate detection: normalizing, a phonetic key, edit distance.

"Jon Smith" and "John Smith", "José García" and "Jose Garcia", "Smith-Jones" and "Smith"
should all be offered as possible duplicates; the person at the keyboard decides.
"""

from __future__ import annotations

import re
import unicodedata

_NON_LETTERS = re.compile(r"[^a-z ]+")
_SOUNDEX_CODES = {
    **dict.fromkeys("bfpv", "1"),
    **dict.fromkeys("cgjkqsxz", "2"),
    **dict.fromkeys("dt", "3"),
    "l": "4",
    **dict.fromkeys("mn", "5"),
    "r": "6",
}


def normalize(name: str) -> str:
    """Lower-case ASCII letters and single spaces: accents folded, punctuation dropped."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(_NON_LETTERS.sub(" ", ascii_only.replace("-", " ")).split())


def soundex(word: str) -> str:
    """American Soundex of one normalized word ("" for an empty word)."""
    letters = [c for c in word if "a" <= c <= "z"]
    if not letters:
        return ""
    first = letters[0]
    out = [first.upper()]
    last = _SOUNDEX_CODES.get(first, "")
    for c in letters[1:]:
        code = _SOUNDEX_CODES.get(c, "")
        if code and code != last:
            out.append(code)
        if c not in "hw":  # h and w do not separate equal codes; vowels do
            last = code
    return ("".join(out) + "000")[:4]


def name_key(last_name: str) -> str:
    """The indexed phonetic key of a last name: Soundex of its first word."""
    words = normalize(last_name).split()
    return soundex(words[0]) if words else ""


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal-string-alignment distance (insert, delete, substitute, swap), capped at limit+1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return min(prev[len(b)], limit + 1)


def _similar_word(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b or soundex(a) == soundex(b):
        return True
    allowed = 1 if min(len(a), len(b)) <= 4 else 2
    return edit_distance(a, b, allowed) <= allowed


def similar_names(a: str, b: str) -> bool:
    """True if two (first or last) names may be the same: any word of one resembles one of the other.

    Compound names count: "Garcia Lopez" resembles "Garcia".
    """
    words_a, words_b = normalize(a).split(), normalize(b).split()
    return any(_similar_word(x, y) for x in words_a for y in words_b)


def similar_people(first_a: str, last_a: str, first_b: str, last_b: str) -> bool:
    """True if two people's names may be the same person (also with first and last swapped)."""
    straight = similar_names(first_a, first_b) and similar_names(last_a, last_b)
    swapped = similar_names(first_a, last_b) and similar_names(last_a, first_b)
    return straight or swapped
