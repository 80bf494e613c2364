"""The AST of a script: lists of and-or chains of pipelines of simple commands or subshells.

Errors read like mksh's (`syntax error: 'X' unexpected`, `syntax error: unexpected EOF`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexer import Lit, Op, RedirOp, ShellSyntaxError, Token, Word, tokenize

_ASSIGNMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=")


@dataclass(frozen=True)
class Redirect:
    fd: int
    op: str  # > >> < >& <&
    target: Word


@dataclass(frozen=True)
class Simple:
    assigns: tuple[tuple[str, Word], ...]
    words: tuple[Word, ...]
    redirects: tuple[Redirect, ...]


@dataclass(frozen=True)
class Subshell:
    body: Script
    redirects: tuple[Redirect, ...]


Command = Simple | Subshell


@dataclass(frozen=True)
class Pipeline:
    commands: tuple[Command, ...]
    negate: bool = False


@dataclass(frozen=True)
class AndOr:
    first: Pipeline
    rest: tuple[tuple[str, Pipeline], ...]  # ('&&' | '||', pipeline)


@dataclass(frozen=True)
class Item:
    body: AndOr
    background: bool = False


@dataclass(frozen=True)
class Script:
    items: tuple[Item, ...]


def parse(src: str) -> Script:
    parser = _Parser(tokenize(src))
    script = parser.script(top=True)
    return script


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0

    def peek(self) -> Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def at_op(self, *ops: str) -> bool:
        tok = self.peek()
        return isinstance(tok, Op) and tok.text in ops

    def unexpected(self) -> ShellSyntaxError:
        tok = self.peek()
        if tok is None:
            return ShellSyntaxError("syntax error: unexpected EOF")
        if isinstance(tok, Op):
            text = "newline" if tok.text == "\n" else tok.text
        elif isinstance(tok, RedirOp):
            text = tok.op
        else:
            text = "".join(p.text if isinstance(p, Lit) else "$" for p in tok.parts)
        return ShellSyntaxError(f"syntax error: '{text}' unexpected")

    def skip_newlines(self) -> None:
        while self.at_op("\n"):
            self.i += 1

    def script(self, top: bool) -> Script:
        items: list[Item] = []
        while True:
            while self.at_op("\n", ";") and not (items == [] and self.at_op(";")):
                self.i += 1
            tok = self.peek()
            if tok is None or (not top and self.at_op(")")):
                return Script(tuple(items))
            body = self.and_or()
            background = self.at_op("&")
            items.append(Item(body, background))
            if self.at_op(";", "&", "\n"):
                self.i += 1
            elif self.peek() is not None and not (not top and self.at_op(")")):
                raise self.unexpected()

    def and_or(self) -> AndOr:
        first = self.pipeline()
        rest: list[tuple[str, Pipeline]] = []
        while self.at_op("&&", "||"):
            op = self.peek().text  # type: ignore[union-attr]
            self.i += 1
            self.skip_newlines()
            rest.append((op, self.pipeline()))
        return AndOr(first, tuple(rest))

    def pipeline(self) -> Pipeline:
        negate = False
        tok = self.peek()
        if isinstance(tok, Word) and tok.plain == "!":
            negate = True
            self.i += 1
        commands = [self.command()]
        while self.at_op("|"):
            self.i += 1
            self.skip_newlines()
            commands.append(self.command())
        return Pipeline(tuple(commands), negate)

    def command(self) -> Command:
        if self.at_op("("):
            self.i += 1
            body = self.script(top=False)
            if not self.at_op(")"):
                raise self.unexpected()
            self.i += 1
            if not body.items:
                raise ShellSyntaxError("syntax error: ')' unexpected")
            return Subshell(body, tuple(self.redirects()))
        assigns: list[tuple[str, Word]] = []
        words: list[Word] = []
        redirects: list[Redirect] = []
        while True:
            tok = self.peek()
            if isinstance(tok, RedirOp):
                redirects.append(self.redirect())
            elif isinstance(tok, Word):
                self.i += 1
                assignment = None if words else _split_assignment(tok)
                if assignment is not None:
                    assigns.append(assignment)
                else:
                    words.append(tok)
            else:
                break
        if not (assigns or words or redirects):
            raise self.unexpected()
        return Simple(tuple(assigns), tuple(words), tuple(redirects))

    def redirects(self) -> list[Redirect]:
        out = []
        while isinstance(self.peek(), RedirOp):
            out.append(self.redirect())
        return out

    def redirect(self) -> Redirect:
        tok = self.peek()
        assert isinstance(tok, RedirOp)
        self.i += 1
        target = self.peek()
        if not isinstance(target, Word):
            raise self.unexpected()
        self.i += 1
        return Redirect(tok.fd, tok.op, target)


def _split_assignment(word: Word) -> tuple[str, Word] | None:
    """`NAME=value…` → (NAME, value word); the `NAME=` must be unquoted literal text."""
    head = word.parts[0]
    if not isinstance(head, Lit) or head.quoted:
        return None
    m = _ASSIGNMENT.match(head.text)
    if m is None:
        return None
    rest = head.text[m.end():]
    parts = ((Lit(rest, False),) if rest else ()) + word.parts[1:]
    return m.group(1), Word(parts)
