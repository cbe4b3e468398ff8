"""Conditions on scenario variables: a small tokenizer, a recursive-descent parser, a checker.

A condition is text in a scenario file (``if:`` on a choice, a route or a variant)::

    asked-about-suicide
    not disclosed
    trust >= 2 and (mood == 'open' or disclosed)

Grammar (``not`` binds tighter than ``and``, ``and`` tighter than ``or``)::

    expr    := conj ("or" conj)*
    conj    := neg ("and" neg)*
    neg     := "not" neg | compare
    compare := atom (("==" | "!=" | "<" | "<=" | ">" | ">=") atom)?
    atom    := NAME | INT | "true" | "false" | STRING | "(" expr ")"

Names are variables (lowercase words joined by ``-`` or ``_``); strings are enum values in
quotes. :func:`parse` raises :class:`ConditionError` with the column of the problem;
:func:`check` checks names and types against the scenario's declared variables.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Union

Value = bool | int | str

_TOKEN = re.compile(
    r"""
    \s*(?:
      (?P<op>==|!=|<=|>=|<|>|\(|\))
    | (?P<int>-?\d+)
    | (?P<str>'[^']*'|"[^"]*")
    | (?P<name>[a-z][a-z0-9_-]*)
    | (?P<bad>\S)
    )""",
    re.VERBOSE,
)
KEYWORDS = frozenset({"and", "or", "not", "true", "false"})
COMPARE = frozenset({"==", "!=", "<", "<=", ">", ">="})


class ConditionError(ValueError):
    """A condition that cannot be parsed or does not fit the declared variables."""

    def __init__(self, message: str, text: str, column: int | None = None) -> None:
        self.message = message
        self.text = text
        self.column = column
        where = f" at column {column + 1}" if column is not None else ""
        super().__init__(f"condition {text!r}: {message}{where}")


# --- the tree -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Var:
    name: str


@dataclass(frozen=True)
class Lit:
    value: Value


@dataclass(frozen=True)
class Not:
    arg: Expr


@dataclass(frozen=True)
class BoolOp:
    op: str  # "and" | "or"
    args: tuple[Expr, ...]


@dataclass(frozen=True)
class Compare:
    op: str
    left: Expr
    right: Expr


Expr = Union[Var, Lit, Not, BoolOp, Compare]  # noqa: UP007 - a forward-referenced alias


# --- parsing --------------------------------------------------------------------------------


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:  # only trailing white space is left
            break
        kind = m.lastgroup or "bad"
        value = m.group(kind)
        col = m.start(kind)
        if kind == "bad":
            raise ConditionError(f"unexpected character {value!r}", text, col)
        if kind == "name" and value in KEYWORDS:
            kind = "kw"
        out.append((kind, value, col))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = _tokens(text)
        self.i = 0

    def peek(self) -> tuple[str, str, int] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, kind: str, value: str | None = None) -> bool:
        tok = self.peek()
        if tok and tok[0] == kind and (value is None or tok[1] == value):
            self.i += 1
            return True
        return False

    def fail(self, what: str) -> ConditionError:
        tok = self.peek()
        if tok is None:
            return ConditionError(f"{what}, but the condition ends here", self.text, len(self.text))
        return ConditionError(f"{what}, found {tok[1]!r}", self.text, tok[2])

    def expr(self) -> Expr:
        args = [self.conj()]
        while self.take("kw", "or"):
            args.append(self.conj())
        return args[0] if len(args) == 1 else BoolOp("or", tuple(args))

    def conj(self) -> Expr:
        args = [self.neg()]
        while self.take("kw", "and"):
            args.append(self.neg())
        return args[0] if len(args) == 1 else BoolOp("and", tuple(args))

    def neg(self) -> Expr:
        if self.take("kw", "not"):
            return Not(self.neg())
        return self.compare()

    def compare(self) -> Expr:
        left = self.atom()
        tok = self.peek()
        if tok and tok[0] == "op" and tok[1] in COMPARE:
            self.i += 1
            return Compare(tok[1], left, self.atom())
        return left

    def atom(self) -> Expr:
        tok = self.peek()
        if tok is None:
            raise self.fail("expected a variable, a value or '('")
        kind, value, _ = tok
        self.i += 1
        if kind == "name":
            return Var(value)
        if kind == "int":
            return Lit(int(value))
        if kind == "str":
            return Lit(value[1:-1])
        if kind == "kw" and value in ("true", "false"):
            return Lit(value == "true")
        if kind == "op" and value == "(":
            inner = self.expr()
            if not self.take("op", ")"):
                raise self.fail("expected ')'")
            return inner
        self.i -= 1
        raise self.fail("expected a variable, a value or '('")


@lru_cache(maxsize=4096)
def parse(text: str) -> Expr:
    """Parse a condition. Raises ConditionError naming the column of the problem."""
    p = _Parser(text)
    if not p.toks:
        raise ConditionError("the condition is empty", text, 0)
    tree = p.expr()
    if p.peek() is not None:
        raise p.fail("expected 'and', 'or' or the end of the condition")
    return tree


def names(tree: Expr) -> set[str]:
    """The variables a condition reads."""
    if isinstance(tree, Var):
        return {tree.name}
    if isinstance(tree, Lit):
        return set()
    if isinstance(tree, Not):
        return names(tree.arg)
    if isinstance(tree, BoolOp):
        return set().union(*(names(a) for a in tree.args))
    return names(tree.left) | names(tree.right)


# --- types ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class VarInfo:
    """What the checker needs to know of a declared variable."""

    type: str  # "bool" | "int" | "enum"
    values: tuple[str, ...] = ()


def _type_of(tree: Expr, decl: Mapping[str, VarInfo], text: str) -> str:
    if isinstance(tree, Var):
        info = decl.get(tree.name)
        if info is None:
            known = ", ".join(sorted(decl)) or "none are declared"
            raise ConditionError(
                f"'{tree.name}' is not a declared variable (declared: {known})", text
            )
        return info.type
    if isinstance(tree, Lit):
        if isinstance(tree.value, bool):
            return "bool"
        return "int" if isinstance(tree.value, int) else "str"
    if isinstance(tree, Not):
        if _type_of(tree.arg, decl, text) != "bool":
            raise ConditionError("'not' needs a yes/no (bool) value", text)
        return "bool"
    if isinstance(tree, BoolOp):
        for a in tree.args:
            if _type_of(a, decl, text) != "bool":
                raise ConditionError(
                    f"'{tree.op}' joins yes/no (bool) conditions only; "
                    "compare numbers with < > == first",
                    text,
                )
        return "bool"
    lt, rt = _type_of(tree.left, decl, text), _type_of(tree.right, decl, text)
    for side, other in ((tree.left, tree.right), (tree.right, tree.left)):
        if isinstance(side, Var) and decl[side.name].type == "enum":
            if (
                not isinstance(other, Lit)
                or not isinstance(other.value, str)
                or isinstance(other.value, bool)
            ):
                raise ConditionError(
                    f"'{side.name}' is an enum: compare it with a quoted "
                    f"value, one of {list(decl[side.name].values)}",
                    text,
                )
            if other.value not in decl[side.name].values:
                raise ConditionError(
                    f"'{other.value}' is not a value of '{side.name}' "
                    f"(values: {', '.join(decl[side.name].values)})",
                    text,
                )
            if tree.op not in ("==", "!="):
                raise ConditionError("enum values can only be compared with == or !=", text)
            return "bool"
    if (lt, rt) == ("int", "int"):
        return "bool"
    if (lt, rt) == ("bool", "bool") and tree.op in ("==", "!="):
        return "bool"
    raise ConditionError(f"cannot compare {lt} with {rt} using '{tree.op}'", text)


def check(text: str, decl: Mapping[str, VarInfo]) -> Expr:
    """Parse ``text`` and check it against the declared variables; returns the tree.

    Raises ConditionError when the text does not parse, names an undeclared variable, or
    mixes types (a number compared with true, ``not`` on a number, an unknown enum value).
    """
    tree = parse(text)
    if _type_of(tree, decl, text) != "bool":
        raise ConditionError(
            "a condition must be yes or no; compare the number with a value "
            "(for example 'trust >= 2')",
            text,
        )
    return tree


# --- evaluation -----------------------------------------------------------------------------


def _value(tree: Expr, env: Mapping[str, Value]) -> Value:
    if isinstance(tree, Var):
        return env[tree.name]
    if isinstance(tree, Lit):
        return tree.value
    if isinstance(tree, Not):
        return not _value(tree.arg, env)
    if isinstance(tree, BoolOp):
        if tree.op == "and":
            return all(_value(a, env) for a in tree.args)
        return any(_value(a, env) for a in tree.args)
    left, right = _value(tree.left, env), _value(tree.right, env)
    if tree.op == "==":
        return left == right
    if tree.op == "!=":
        return left != right
    assert isinstance(left, int) and isinstance(right, int)
    return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[tree.op]


def holds(text: str, env: Mapping[str, Value]) -> bool:
    """Whether the condition holds for the variable values ``env`` (checked beforehand)."""
    return bool(_value(parse(text), env))
