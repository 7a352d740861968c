"""course.grading.leaks.PublicText: the indexed search answers exactly as a search of the joined lines."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from course.grading.leaks import MIN_SECRET, PublicText, _norm, _split_notebook

ROOT = Path(__file__).resolve().parents[1]
CHARS = st.sampled_from(list("ab_ (=)+.1\n"))
LINE = st.text(CHARS, max_size=14)


@given(st.lists(LINE, max_size=12), st.lists(LINE, max_size=12))
@example(["1", ""], ["1\n"])  # text across lines is searched in the lines as given, not sorted or deduplicated
@settings(max_examples=400, deadline=None)
def test_the_same_answer_as_searching_the_joined_lines(lines: list[str], questions: list[str]) -> None:
    public = PublicText(lines)
    joined = "\n".join(lines)
    # questions: made up ones, and pieces cut out of the lines themselves (the interesting case)
    pieces = [line[i:j] for line in lines for i in range(len(line)) for j in range(i + 1, len(line) + 1)]
    for text in questions + pieces[:200]:
        assert (text in public) == (text in joined), text


def test_a_word_inside_a_longer_word_is_not_a_match_but_a_whole_word_is() -> None:
    public = PublicText(["total = subtotal + tax", "return sorted(items, key=len)"])
    assert "= subtotal +" in public and "l = sub" in public, "the ends of a piece may cut words"
    assert "(items, key=" in public
    assert "= total +" not in public, "an inner word must be a whole word of the line"
    assert "sorted(items, key=str)" not in public
    assert "return sorted" in public and "return sorting" not in public, "no inner word: searched whole"


def test_on_the_course_the_same_secrets_as_the_joined_search() -> None:
    notebooks = sorted((ROOT / "source").rglob("*.ipynb"))[:12]
    split = [_split_notebook(nb) for nb in notebooks]
    lines = [line for public, _ in split for line in public]
    public, joined = PublicText(lines), "\n".join(lines)
    asked = [_norm(text) for _, secret in split for text, _, _ in secret]
    asked = [text for text in asked if len(text) >= MIN_SECRET]
    assert len(asked) > 500
    assert [t for t in asked if t in public] == [t for t in asked if t in joined]
