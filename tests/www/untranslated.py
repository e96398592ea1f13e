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


OPENERS = ("blocktranslate", "blocktrans", "comment", "verbatim")
CLOSERS = ("endblocktranslate", "endblocktrans", "endcomment", "endverbatim")


class _Scanner:
    """Reads a template's text tokens as HTML: literal words between tags, and in tags' attributes."""

    def __init__(self) -> None:
        self.found: list[str] = []
        self.inside = 0  # depth of blocktranslate / comment / verbatim
        self.in_tag = False  # between "<" and ">" of an HTML tag, across template tags
        self.tag = ""  # the current tag's literal text, to read its attributes
        self.raw: str | None = None  # inside <script> or <style>
        self.outside = ""  # the current run of text between tags

    def end_run(self) -> None:
        if _is_words(self.outside):
            self.found.append(" ".join(self.outside.split()))
        self.outside = ""

    def block(self, contents: str) -> None:
        name = contents.split()[0] if contents else ""
        if name in OPENERS:
            self.inside += 1
        elif name in CLOSERS:
            self.inside -= 1
        if not self.in_tag:
            self.end_run()

    def text(self, text: str) -> None:
        at = 0
        while at < len(text):
            step = self._raw if self.raw is not None else self._tag if self.in_tag else self._outside
            at = step(text, at)

    def _raw(self, text: str, at: int) -> int:
        end = text.find(f"</{self.raw}", at)
        if end < 0:
            return len(text)
        self.raw = None
        return end

    def _tag(self, text: str, at: int) -> int:
        end = text.find(">", at)
        self.tag += text[at:] if end < 0 else text[at : end + 1]
        if end < 0:
            return len(text)
        self.in_tag = False
        for attribute in ATTRIBUTE.finditer(self.tag):
            if _is_words(attribute.group(2)):
                self.found.append(f'{attribute.group(1)}="{attribute.group(2)}"')
        opened = re.match(r"<(script|style)\b", self.tag)
        if opened:
            self.raw = opened.group(1)
        return end + 1

    def _outside(self, text: str, at: int) -> int:
        start = text.find("<", at)
        self.outside += text[at:] if start < 0 else text[at:start]
        if start < 0:
            return len(text)
        self.end_run()
        self.in_tag, self.tag = True, ""
        return start


def untranslated(source: str) -> list[str]:
    """The literal words of `source` outside translation tags (empty when all are translated)."""
    scanner = _Scanner()
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            scanner.block(token.contents)
        elif token.token_type == TokenType.TEXT and not scanner.inside:
            scanner.text(token.contents)
    scanner.end_run()
    return scanner.found
