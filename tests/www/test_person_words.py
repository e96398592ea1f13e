"""Issue 20: the person's own pages speak to them ("vous"), in everyday words, in short sentences.
Every page of her space is rendered on the demo (a person with readings, goals, meetings, procedures,
payments) and its main content read as she reads it."""

import re
from html.parser import HTMLParser

from django.core.management import call_command
from django.test import Client

from alliances.accounts.models import User

#: Staff and research words that never reach her pages, except in brackets after everyday words, where
#: they name the term she meets on other papers ("Apprendre à faire par vous-même (capacitation)").
STAFF_WORDS = re.compile(
    r"(?<!\()\b(la personne|l'usager|usagère?s?|bénéficiaire|capacitation|facilitation|considération|"
    r"participation organique|participation élective|filiation|autodétermination|sanctions?)\b",
    re.IGNORECASE,
)
LONGEST = 25  # words in one sentence


class _Main(HTMLParser):
    """The text of <main>, in blocks (a sentence never runs across a block element or a table cell)."""

    BLOCKS = {
        "p",
        "li",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dt",
        "dd",
        "label",
        "legend",
        "option",
        "button",
        "a",
        "caption",
        "summary",
        "div",
        "span",
        "title",
        "desc",
        "figcaption",
    }

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.blocks: list[str] = [""]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.depth += 1
        if tag in self.BLOCKS or tag == "br":
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.depth -= 1
        if tag in self.BLOCKS:
            self.blocks.append("")

    def handle_data(self, data: str) -> None:
        if self.depth > 0:
            self.blocks[-1] += data


def _main_blocks(html: str) -> list[str]:
    parser = _Main()
    parser.feed(html)
    return [" ".join(block.split()) for block in parser.blocks if block.strip()]


def _her_pages() -> dict[str, list[str]]:
    from django.urls import reverse

    call_command("demo_seed", verbosity=0)
    client = Client()
    client.force_login(User.objects.get(email="personne@alliances.test"))
    home = client.get(reverse("portal:home")).content.decode()
    urls = sorted(set(re.findall(r'href="(/mon-espace/[^"#?]*)"', home)))
    return {url: _main_blocks(client.get(url).content.decode()) for url in urls}


def test_her_pages_say_vous_in_everyday_words_and_short_sentences(db: None) -> None:
    pages = _her_pages()
    assert len(pages) >= 15, sorted(pages)
    staff_words = [
        f"{url}: « {block} »" for url, blocks in pages.items() for block in blocks if STAFF_WORDS.search(block)
    ]
    long = [
        f"{url}: {len(sentence.split())} mots : « {sentence} »"
        for url, blocks in pages.items()
        for block in blocks
        for sentence in re.split(r"(?<=[.!?;:])\s+", block)
        if len(sentence.split()) > LONGEST
    ]
    assert not staff_words and not long, "\n".join(staff_words + long)
