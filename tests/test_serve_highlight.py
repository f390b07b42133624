"""Highlighting from offsets: escaped text pieces, marks that nest, every mark covering exactly its span."""
from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from onrecord.records import Span, Statement
from onrecord.serve.highlight import Mark, render, statement_marks


class MarkReader(HTMLParser):
    """Reads rendered HTML back: the plain text, and which text offsets each mark id covered."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.stack: list[tuple[str, int]] = []
        self.covered: dict[str, set[int]] = {}
        self.other_tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag != "mark":
            self.other_tags.append(tag)
            return
        self.stack.append((dict(attrs)["data-statement"], len(self.text)))

    def handle_endtag(self, tag):
        if tag != "mark":
            self.other_tags.append(tag)
            return
        ident, start = self.stack.pop()
        self.covered.setdefault(ident, set()).update(range(start, len(self.text)))

    def handle_data(self, data):
        self.text += data


def read(html: str) -> MarkReader:
    reader = MarkReader()
    reader.feed(html)
    reader.close()
    assert reader.stack == []
    return reader


texts = st.text(alphabet=st.sampled_from(list("ab <>&\"'\n«»“”/script")), min_size=0, max_size=60)


@given(texts, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=8), st.data())
def test_marks_nest_and_cover_their_spans(text, pairs, data):
    marks = [Mark(min(a, b, len(text)), min(max(a, b), len(text)), "content", (("statement", f"m{i}"),))
             for i, (a, b) in enumerate(pairs)]
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    reader = read(str(render(text, marks, start, end)))
    assert reader.text == text[start:end]
    assert reader.other_tags == []  # nothing from the text became a tag
    for i, m in enumerate(marks):
        want = set(range(max(m.start, start) - start, min(m.end, end) - start))
        assert reader.covered.get(f"m{i}", set()) == want


def test_article_markup_is_escaped_not_interpreted():
    text = 'She said "<script>alert(1)</script> & <b>bold</b>" loudly.'
    quote = text.index('"'), text.index('" loudly') + 1
    out = str(render(text, [Mark(*quote, "content", (("statement", "s1"),))]))
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in out
    assert read(out).text == text


def test_attribute_values_are_escaped():
    mark = Mark(0, 1, "speaker", (("who", '"><script>x</script>'),), title="a\"b")
    out = str(render("X", [mark]))
    assert "<script>" not in out
    assert 'data-who="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in out


def test_statement_marks_split_content_parts_and_keep_roles_apart():
    text = '"Part one," she said, "part two."'
    parts = [(0, 11), (22, 33)]
    st_ = Statement(id="s", doc="d", kind="direct", content=Span.of_parts(text, parts),
                    cue=Span.of(text, 16, 20), speaker=Span.of(text, 12, 15), speaker_name="Ann Lee")
    marks = statement_marks(st_)
    assert [(m.role, text[m.start:m.end]) for m in marks] == [
        ("content", '"Part one,"'), ("content", '"part two."'), ("cue", "said"), ("speaker", "she")]
    out = str(render(text, marks))
    assert out.count('class="hl hl-content"') == 2
    assert 'data-who="Ann Lee"' in out
