r"""Text for people at a terminal: what a terminal would obey, or a reader misread, escaped.

File names, JSON Pointers and messages quote text that someone else chose: a file
name may hold a newline that forges a line of the report, an ESC sequence that clears
the screen or retitles the window, or a right-to-left override that shows
``txt.exe`` as ``exe.txt``. `shown` is the one function every human-facing output of
the command line passes such text through.

>>> print(shown("fake.json: valid\n"), shown("\x1b]0;owned\x07"), shown("\u202egnp.exe"))
fake.json: valid\n \x1b]0;owned\x07 \u202egnp.exe

Escapes are written as Python writes them; a backslash of the text itself is not
doubled, so the result is for reading, not for parsing back.
"""

from __future__ import annotations

__all__ = ["prose", "shown", "text_of_name"]

# Unicode categories escaped: controls (C0 with tab, line feed and carriage return; DEL;
# C1, whose U+009B is the 8-bit CSI), format characters (bidirectional embeddings,
# overrides and isolates U+202A-U+202E and U+2066-U+2069, zero-width and other
# invisible characters, the byte-order mark), lone surrogates, and the line and
# paragraph separators that some viewers break lines at. Spaces (U+00A0 in French
# text), private-use and unassigned characters are shown: a terminal shows them as
# some glyph and does nothing else.
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(character: str) -> str:
    code = ord(character)
    if character in _SHORT:
        return _SHORT[character]
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def shown(text: str) -> str:
    r"""*text* with every control, format character, lone surrogate and line separator escaped.

    The escapes are those of Python (``\n``, ``\x1b``, ``\u202e``); everything else,
    accented letters, other scripts and spaces, is left as it is.

    >>> shown("/people/0/\x1b[2J"), shown("/name/fr"), shown("Session 7\u00a0: \u00e9t\u00e9")
    ('/people/0/\\x1b[2J', '/name/fr', 'Session 7\xa0: été')
    >>> shown("a\u2028b\u200bc\x85d\x7f")
    'a\\u2028b\\u200bc\\x85d\\x7f'
    """
    if text.isprintable():  # what nearly all text is; it holds none of the above
        return text
    from unicodedata import category

    return "".join(
        _escape(character) if category(character) in _ESCAPED_CATEGORIES else character
        for character in text
    )


# In prose of several lines (a summary), what a terminal acts on or what reorders a line:
# controls (line feeds kept), bidirectional embeddings, overrides and isolates, line and
# paragraph separators, lone surrogates. Joiners and marks stay: scripts need them.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def prose(text: str) -> str:
    r"""*text* of several lines with what a terminal would act on escaped, line feeds kept.

    >>> print(prose("Vienne\r\u202eelif\nحقوق\u200d"))
    Vienne\r\u202eelif
    حقوق‍
    """
    if all(line.isprintable() for line in text.split("\n")):
        return text
    from unicodedata import category

    return "".join(
        _escape(character)
        if character != "\n"
        and (character in _BIDI_CONTROLS or category(character) in ("Cc", "Cs", "Zl", "Zp"))
        else character
        for character in text
    )


def text_of_name(name: str) -> str:
    r"""A file name as valid Unicode text, for a report, whatever bytes it was made of.

    On POSIX a file name is bytes; Python turns each byte that is not part of valid
    UTF-8 into a lone surrogate, U+DC80 to U+DCFF (the ``surrogateescape`` error
    handler), which no UTF-8 output can hold. Each is written here as the four
    characters ``\xNN`` naming the byte; any other lone surrogate (a Windows name
    can hold them) as ``\uNNNN``. Every other character is kept: `shown` escapes what
    a terminal must not receive.

    >>> import os
    >>> text_of_name(os.fsdecode(b"caf\xe9.json"))
    'caf\\xe9.json'
    >>> text_of_name("caf\u00e9.json")
    'café.json'
    """
    if name.isprintable() or not any("\ud800" <= character <= "\udfff" for character in name):
        return name
    return "".join(_name_character(character) for character in name)


def _name_character(character: str) -> str:
    if "\udc80" <= character <= "\udcff":  # a byte that was not UTF-8
        return f"\\x{ord(character) - 0xDC00:02x}"
    if "\ud800" <= character <= "\udfff":
        return _escape(character)
    return character
