from exercises.templatetags.program import program_lines


def test_it_places_a_site_label_before_the_column_where_the_site_starts() -> None:
    [line] = program_lines("let a = {x: 1};", site_labels={(1, 9): "A"})
    text = str(line.html)
    assert text.index("allocation site </span>A") < text.index('<span class="p">{</span>')
    assert text.index("<span class=\"o\">=</span>") < text.index("allocation site")


def test_it_counts_columns_in_utf16_code_units_like_the_engine() -> None:
    # "😀" is two UTF-16 code units, so the { after it is at column 14, not 13.
    [line] = program_lines('let s = "😀"; {}', site_labels={(1, 15): "B"})
    text = str(line.html)
    assert text.index("allocation site </span>B") < text.index('<span class="p">{</span>')
    assert text.index('&quot;😀&quot;') < text.index("allocation site")


def test_it_marks_checkpoint_lines_with_their_names() -> None:
    lines = program_lines('let a = 1;\ncheckpoint("here");\n', checkpoint_lines={2: ["here"]})
    assert lines[0].checkpoints == ()
    assert lines[1].checkpoints == ("here",)


def test_it_escapes_the_program_text() -> None:
    [line] = program_lines('const s = "</pre><script>alert(1)</script>";')
    assert "<script>" not in str(line.html)
    assert "&lt;script&gt;" in str(line.html)


def test_it_keeps_one_entry_per_source_line_with_windows_newlines() -> None:
    lines = program_lines("a();\r\nb();\r\nc();")
    assert [line.number for line in lines] == [1, 2, 3]
    assert "b" in str(lines[1].html)
