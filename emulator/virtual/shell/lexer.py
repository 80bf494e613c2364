"""Tokens of the device shell: words made of quoted/unquoted parts, operators and redirections.

Words keep their parts (instead of a flat string) because expansion needs to know what was
quoted: only unquoted `$VAR` results are field-split and only unquoted `*?[` glob.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


class ShellSyntaxError(Exception):
    """A script mksh would refuse; the message is what mksh prints after `/system/bin/sh: `."""


@dataclass(frozen=True)
class Lit:
    text: str
    quoted: bool


@dataclass(frozen=True)
class Param:
    """`$name`, `${name}`, `${name:-default}`, `$?`…; `op` is '', '-' or ':-'."""

    name: str
    quoted: bool
    op: str = ""
    default: str = ""


@dataclass(frozen=True)
class CmdSub:
    """`$(script)` or a backquoted script: replaced by its output."""

    script: str
    quoted: bool


Part = Lit | Param | CmdSub


@dataclass(frozen=True)
class Word:
    parts: tuple[Part, ...]

    @property
    def plain(self) -> str | None:
        """The word's text when it is a single unquoted literal (for operators-like checks)."""
        if len(self.parts) == 1 and isinstance(self.parts[0], Lit) and not self.parts[0].quoted:
            return self.parts[0].text
        return None


@dataclass(frozen=True)
class Op:
    """`;` `&&` `||` `|` `&` `(` `)` or a newline."""

    text: str


@dataclass(frozen=True)
class RedirOp:
    """`>`, `>>`, `<`, `>&`, `<&` with the file descriptor it applies to."""

    fd: int
    op: str


Token = Word | Op | RedirOp

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SPECIAL_PARAMS = "?$#!0123456789"
_OPERATORS = ("&&", "||", ";", "|", "&", "(", ")", "\n")
_DQ_ESCAPABLE = '$`"\\\n'


def tokenize(src: str) -> list[Token]:
    return _Lexer(src).run()


class _Lexer:
    def __init__(self, src: str) -> None:
        self.src = src
        self.i = 0
        self.tokens: list[Token] = []
        self.parts: list[Part] = []
        self.buf: list[str] = []  # pending unquoted literal text
        self.in_word = False

    # ---- word assembly -----------------------------------------------------------
    def _flush_lit(self) -> None:
        if self.buf:
            self.parts.append(Lit("".join(self.buf), False))
            self.buf = []

    def _add(self, part: Part) -> None:
        self._flush_lit()
        self.parts.append(part)
        self.in_word = True

    def _end_word(self) -> None:
        self._flush_lit()
        if self.in_word:
            self.tokens.append(Word(tuple(self.parts)))
        self.parts, self.in_word = [], False

    # ---- main loop -----------------------------------------------------------------
    def run(self) -> list[Token]:
        src = self.src
        while self.i < len(src):
            c = src[self.i]
            if c in " \t":
                self._end_word()
                self.i += 1
            elif c == "#" and not self.in_word:
                while self.i < len(src) and src[self.i] != "\n":
                    self.i += 1
            elif c in "<>":
                self._redirect()
            elif (op := next((o for o in _OPERATORS if src.startswith(o, self.i)), None)) is not None:
                self._end_word()
                self.tokens.append(Op(op))
                self.i += len(op)
            elif c == "'":
                end = src.find("'", self.i + 1)
                if end < 0:
                    raise ShellSyntaxError("no closing quote")
                self._add(Lit(src[self.i + 1:end], True))
                self.i = end + 1
            elif c == '"':
                self._double_quoted()
            elif c == "\\":
                self._backslash()
            elif c == "$":
                self._dollar(quoted=False)
            elif c == "`":
                self._add(CmdSub(self._backquoted(), False))
            else:
                self.buf.append(c)
                self.in_word = True
                self.i += 1
        self._end_word()
        return self.tokens

    def _backslash(self) -> None:
        nxt = self.src[self.i + 1:self.i + 2]
        self.i += 2
        if nxt == "\n" or nxt == "":  # line continuation / trailing backslash
            return
        self._add(Lit(nxt, True))

    def _redirect(self) -> None:
        fd = None
        if self.in_word and not self.parts and self.buf and "".join(self.buf).isdigit():
            fd = int("".join(self.buf))  # `2>`: the digits glued to the operator are a fd
            self.buf, self.in_word = [], False
        self._end_word()
        src, c = self.src, self.src[self.i]
        op = c
        if src.startswith(c * 2, self.i) and c == ">":
            op = ">>"
        elif src.startswith(c + "&", self.i):
            op = c + "&"
        elif src.startswith("<<", self.i):
            raise ShellSyntaxError("here documents are not supported")
        self.i += len(op)
        self.tokens.append(RedirOp(fd if fd is not None else (0 if c == "<" else 1), op))

    def _double_quoted(self) -> None:
        src = self.src
        self.i += 1
        self.in_word = True
        chunk: list[str] = []

        def flush() -> None:
            if chunk:
                self.parts.append(Lit("".join(chunk), True))
                chunk.clear()

        self._flush_lit()
        start = len(self.parts)
        while True:
            if self.i >= len(src):
                raise ShellSyntaxError("no closing quote")
            c = src[self.i]
            if c == '"':
                self.i += 1
                break
            if c == "\\" and src[self.i + 1:self.i + 2] in tuple(_DQ_ESCAPABLE):
                if src[self.i + 1] != "\n":
                    chunk.append(src[self.i + 1])
                self.i += 2
            elif c == "$":
                flush()
                self._dollar(quoted=True)
            elif c == "`":
                flush()
                self.parts.append(CmdSub(self._backquoted(), True))
            else:
                chunk.append(c)
                self.i += 1
        flush()
        if len(self.parts) == start:
            self.parts.append(Lit("", True))  # `""` is still an (empty) argument

    def _dollar(self, quoted: bool) -> None:
        src, i = self.src, self.i + 1
        c = src[i:i + 1]
        if c == "{":
            end = src.find("}", i)
            if end < 0:
                raise ShellSyntaxError("missing '}'")
            self._add(_braced(src[i + 1:end], quoted))
            self.i = end + 1
        elif c == "(":
            end = _matching_paren(src, i)
            self._add(CmdSub(src[i + 1:end], quoted))
            self.i = end + 1
        elif c and c in _SPECIAL_PARAMS:
            self._add(Param(c, quoted))
            self.i = i + 1
        elif m := _NAME.match(src, i):
            self._add(Param(m.group(), quoted))
            self.i = m.end()
        else:  # a lone `$` is literal
            if quoted:
                self.parts.append(Lit("$", True))
            else:
                self.buf.append("$")
            self.in_word = True
            self.i = i

    def _backquoted(self) -> str:
        end = self.src.find("`", self.i + 1)
        if end < 0:
            raise ShellSyntaxError("no closing quote")
        script = self.src[self.i + 1:end]
        self.i = end + 1
        return script


def _braced(body: str, quoted: bool) -> Param:
    m = _NAME.match(body) or (re.match(r"[?$#!0-9]", body))
    if m is None:
        raise ShellSyntaxError(f"${{{body}}}: bad substitution")
    rest = body[m.end():]
    for op in (":-", "-"):
        if rest.startswith(op):
            return Param(m.group(), quoted, op, rest[len(op):])
    if rest:
        raise ShellSyntaxError(f"${{{body}}}: bad substitution")
    return Param(m.group(), quoted)


def _matching_paren(src: str, open_at: int) -> int:
    """Index of the `)` closing the `(` at `open_at`, skipping quoted text."""
    depth, i = 0, open_at
    while i < len(src):
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c in "'\"":
            end = src.find(c, i + 1)
            if end < 0:
                raise ShellSyntaxError("no closing quote")
            i = end + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ShellSyntaxError("unexpected EOF")
