"""Support for tests that read a widget's result slots as HTML: which markup they hold."""

from __future__ import annotations

from html.parser import HTMLParser

# Markup the views build themselves; anything else in a result came from the input.
VIEW_TAGS = {
    "p", "time", "strong", "span", "ul", "li", "table", "caption", "thead", "tbody", "tr",
    "th", "td", "pre", "mark",
    # The choice the calculator offers for an end time that happened twice.
    "fieldset", "legend", "div", "label", "input",
    # The applications page's agenda, with its buttons, and the worksheet's choice.
    "ol", "button", "select", "option",
}  # fmt: skip


class Tags(HTMLParser):
    """The tags, attribute names and values of an HTML fragment, and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.values: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _value in attrs)
        self.values += [value for _name, value in attrs if value is not None]

    def handle_data(self, data):
        self.text += data


def markup_in(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    parser.close()
    return parser


def assert_inert(html: str) -> Tags:
    """Only the views' own tags, no script in an attribute; returns what was found."""
    found = markup_in(html)
    assert found.tags <= VIEW_TAGS, found.tags - VIEW_TAGS
    assert not {a for a in found.attributes if a.startswith("on") or a in {"src", "href"}}
    return found
