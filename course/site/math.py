"""TeX math in markdown → MathML, at build time.

Why: the lab template loads MathJax from a CDN, and no MathJax or KaTeX ships with the course's
Python packages; browsers render MathML themselves (Chromium since 109, Firefox, Safari), so
converting ``$...$`` and ``$$...$$`` with latex2mathml (pure Python) keeps the site offline and
needs no script. Code spans and fenced code are left alone (``$name`` in shell code is not math).
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+).+?\1", re.DOTALL)
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
_INLINE = re.compile(r"(?<![\\$\w])\$(?=\S)([^$\n]+?)(?<=\S)\$(?![\w$])")
_TEXT = re.compile(r">([^<]+)<")
_MARKDOWN_SPECIAL = {"*": "&#42;", "_": "&#95;", "\\": "&#92;", "`": "&#96;", "$": "&#36;", "|": "&#124;"}


def _mathml(tex: str, display: str) -> str | None:
    from latex2mathml.converter import convert

    try:
        html = str(convert(tex.strip(), display=display))
    except Exception:  # noqa: BLE001 - TeX it cannot read stays as the author wrote it
        return None
    # markdown runs over the result next: its special characters in the text must stay text
    return _TEXT.sub(lambda m: ">" + "".join(_MARKDOWN_SPECIAL.get(c, c) for c in m[1]) + "<", html)


def _convert_prose(text: str) -> str:
    def display(m: re.Match[str]) -> str:
        return _mathml(m[1], "block") or m[0]

    def inline(m: re.Match[str]) -> str:
        return _mathml(m[1], "inline") or m[0]

    return _INLINE.sub(inline, _DISPLAY.sub(display, text))


def tex_to_mathml(markdown: str) -> str:
    """``markdown`` with every math span outside code replaced by MathML."""
    if "$" not in markdown:
        return markdown
    out: list[str] = []
    pos = 0
    protected = sorted(
        [m.span() for m in _FENCE.finditer(markdown)]
        + [m.span() for m in _CODE_SPAN.finditer(_FENCE.sub(lambda f: " " * len(f[0]), markdown))]
    )
    for start, end in protected:
        if start < pos:
            continue
        out.append(_convert_prose(markdown[pos:start]))
        out.append(markdown[start:end])
        pos = end
    out.append(_convert_prose(markdown[pos:]))
    return "".join(out)
