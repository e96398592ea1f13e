"""Finds the literal words of a Django template that no {% translate %} or {% blocktranslate %} holds:
text between HTML tags, and the values of the attributes a reader hears or sees (title, aria-label,
placeholder, alt, data-label-*)."""

import re

from django.template.base import Lexer, TokenType

WORD = re.compile(r"[A-Za-zÀ-ÿœŒ]{2,}")
ATTRIBUTE = re.compile(r'\b(title|aria-label|placeholder|alt|data-label-[a-z]+)="([^"]*)"')
#: Words that are the same in every language: names of the scheme, of the State, of places.
SAME_EVERYWHERE = {"Alliances", "RSA", "CCAS", "CAF", "IBAN", "SMS", "PDF", "ZIP", "JSON", "API"}


def _is_words(text: str) -> bool:
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    return any(word not in SAME_EVERYWHERE for word in WORD.findall(text))


def untranslated(source: str) -> list[str]:
    """The literal words of `source` outside translation tags (empty when all are translated)."""
    found: list[str] = []
    inside = 0  # depth of blocktranslate / comment / verbatim
    in_tag = False  # between "<" and ">" of an HTML tag, across template tags
    tag = ""  # the current tag's literal text, to read its attributes
    raw: str | None = None  # inside <script> or <style>
    outside = ""  # the current run of text between tags

    def end_run() -> None:
        nonlocal outside
        if _is_words(outside):
            found.append(" ".join(outside.split()))
        outside = ""

    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if name in ("blocktranslate", "blocktrans", "comment", "verbatim"):
                inside += 1
            elif name in ("endblocktranslate", "endblocktrans", "endcomment", "endverbatim"):
                inside -= 1
            if not in_tag:
                end_run()
            continue
        if token.token_type != TokenType.TEXT:
            continue
        text, at = token.contents, 0
        if inside:
            continue
        while at < len(text):
            if raw is not None:
                end = text.find(f"</{raw}", at)
                if end < 0:
                    break
                at, raw = end, None
                continue
            if in_tag:
                end = text.find(">", at)
                tag += text[at:] if end < 0 else text[at : end + 1]
                if end < 0:
                    break
                at, in_tag = end + 1, False
                for attribute in ATTRIBUTE.finditer(tag):
                    if _is_words(attribute.group(2)):
                        found.append(f'{attribute.group(1)}="{attribute.group(2)}"')
                opened = re.match(r"<(script|style)\b", tag)
                if opened:
                    raw = opened.group(1)
                continue
            start = text.find("<", at)
            outside += text[at:] if start < 0 else text[at:start]
            if start < 0:
                break
            end_run()
            in_tag, tag, at = True, "", start
    end_run()
    return found
