"""Word expansion: parameters, command substitution, field splitting and globbing on the device fs."""

from __future__ import annotations

import fnmatch
import posixpath
from collections.abc import Awaitable, Callable

from ..fs import FileSystem, FsError
from .lexer import CmdSub, Lit, Param, Word

Capture = Callable[[str], Awaitable[str]]  # runs a script, returns its stdout
Lookup = Callable[[str], str | None]  # a parameter's value, None when unset

_IFS = " \t\n"
_GLOB_CHARS = "*?["

# A field under construction: (text, may_glob) segments.
_Field = list[tuple[str, bool]]


async def expand_words(words: tuple[Word, ...], lookup: Lookup, capture: Capture,
                       fs: FileSystem, cwd: str) -> list[str]:
    """Command arguments: split unquoted expansions into fields, glob unquoted patterns."""
    out: list[str] = []
    for word in words:
        for field, keep in await _fields(word, lookup, capture):
            if not keep and not any(text for text, _ in field):
                continue  # an unquoted expansion to nothing is no argument at all
            matches = _glob(fs, cwd, field)
            out.extend(matches if matches else ["".join(text for text, _ in field)])
    return out


async def expand_word(word: Word, lookup: Lookup, capture: Capture) -> str:
    """Assignment values and redirection targets: one string, no splitting or globbing."""
    texts = []
    for part in word.parts:
        texts.append(part.text if isinstance(part, Lit) else await _value(part, lookup, capture))
    return "".join(texts)


async def _value(part: Param | CmdSub, lookup: Lookup, capture: Capture) -> str:
    if isinstance(part, CmdSub):
        return (await capture(part.script)).rstrip("\n")
    value = lookup(part.name)
    if part.op == ":-" and not value or part.op == "-" and value is None:
        return part.default
    return value or ""


async def _fields(word: Word, lookup: Lookup, capture: Capture) -> list[tuple[_Field, bool]]:
    """The fields of one word, each with whether it must be kept even when empty."""
    fields: list[tuple[_Field, bool]] = [([], False)]
    for part in word.parts:
        if isinstance(part, Lit):
            fields[-1][0].append((part.text, not part.quoted))
            if part.quoted:
                fields[-1] = (fields[-1][0], True)
            continue
        value = await _value(part, lookup, capture)
        if part.quoted:
            fields[-1] = (fields[-1][0] + [(value, False)], True)
            continue
        pieces = value.split()
        if not pieces:
            continue
        if value[0] in _IFS:
            fields.append(([], False))
        fields[-1][0].append((pieces[0], True))
        for piece in pieces[1:]:
            fields.append(([(piece, True)], False))
        if value[-1] in _IFS:
            fields.append(([], False))
    return fields


def _glob(fs: FileSystem, cwd: str, field: _Field) -> list[str]:
    """Paths matching the field's unquoted `*?[` patterns; [] when none (the word stays as is)."""
    if not any(active and any(c in text for c in _GLOB_CHARS) for text, active in field):
        return []
    pattern = "".join(text if active else _escape(text) for text, active in field)
    absolute = pattern.startswith("/")
    candidates = ["/" if absolute else ""]
    for comp in [c for c in pattern.split("/") if c]:
        nxt = []
        for base in candidates:
            real = FileSystem.normalize(base or ".", cwd)
            if any(ch in comp for ch in _GLOB_CHARS):
                try:
                    names = fs.listdir(real)
                except FsError:
                    continue
                nxt += [posixpath.join(base, n) for n in names
                        if fnmatch.fnmatchcase(n, comp) and (comp.startswith(".") or not n.startswith("."))]
            else:
                nxt.append(posixpath.join(base, _unescape(comp)))
        candidates = nxt
    return sorted(c for c in candidates if fs.exists(FileSystem.normalize(c, cwd)))


def _escape(text: str) -> str:
    return "".join(f"[{c}]" if c in _GLOB_CHARS else c for c in text)


def _unescape(comp: str) -> str:
    for c in _GLOB_CHARS:
        comp = comp.replace(f"[{c}]", c)
    return comp
