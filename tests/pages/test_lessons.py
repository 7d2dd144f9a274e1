from exercises.templatetags.lessons import render_markdown


def test_it_renders_markdown_emphasis_code_and_lists() -> None:
    html = render_markdown("Some *emphasis* and `code`.\n\n- one\n- two\n")
    assert "<em>emphasis</em>" in html
    assert "<code>code</code>" in html
    assert "<li>one</li>" in html


def test_it_removes_scripts_and_event_handlers() -> None:
    html = render_markdown('Hi <script>alert(1)</script> <img src=x onerror="alert(2)">')
    assert "<script" not in html
    assert "onerror" not in html
    assert "<img" not in html


def test_it_drops_javascript_links_and_marks_others_noopener() -> None:
    html = render_markdown("[bad](javascript:alert(1)) [good](https://example.org)")
    assert "javascript:" not in html
    assert 'href="https://example.org"' in html
    assert "noopener" in html


def test_it_renders_fenced_code_blocks() -> None:
    html = render_markdown("```js\nlet a = {};\n```\n")
    assert "<pre><code" in html
    assert "let a = {};" in html
