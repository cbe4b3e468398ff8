"""Read scenario and quiz files into models, with errors that name the file, line and id.

Parsing is one pass of libyaml (``CSafeLoader`` where available) that keeps the node tree, so
an error found later by pydantic can be traced back to the line it came from. Every failure
raises :class:`~paratrain.errors.ScenarioError`; nothing else escapes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from paratrain.errors import ScenarioError
from paratrain.scenarios.model import SCHEMA_VERSION, SCHEMA_VERSIONS, Quiz, Scenario

yaml_rs: Any
try:  # optional fast parser; PyYAML is always there
    import yaml_rs
except ImportError:  # pragma: no cover
    yaml_rs = None

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """Safe loader with YAML 1.2 booleans: only true/false are booleans.

    YAML 1.1 reads ``no``, ``yes``, ``on`` and ``off`` as booleans, so a client who says
    ``client: no`` would turn into ``False``. Scenario text must stay text.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)

M = TypeVar("M", bound=BaseModel)

SCENARIO_SUFFIX = ".scenario.yaml"
QUIZ_SUFFIX = ".quiz.yaml"


def _compose(text: str, path: str | Path) -> tuple[Any, yaml.Node | None]:
    """Parse with PyYAML, keeping the node tree (slow, but it knows every line)."""
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise ScenarioError(
            f"this is not valid YAML: {exc.problem or exc}",
            path=path,
            line=line,
            hint="check indentation and quoting near that line (a ':' inside text needs quotes)",
        ) from None
    except yaml.YAMLError as exc:
        raise ScenarioError(f"this is not valid YAML: {exc}", path=path) from None
    if root is not None:
        _check_duplicate_keys(root, path)
    return data, root


def _refuse_aliases(text: str, path: str | Path) -> None:
    """Scenario files may not use YAML anchors or aliases (``&name`` / ``*name``).

    They are not needed for writing a conversation, and an alias "bomb" (aliases of aliases)
    expands a tiny file into billions of nodes. The check scans tokens only (no
    construction), and only when the text contains ``&`` or ``*`` at all.
    """
    if "&" not in text and "*" not in text:
        return
    try:
        for token in yaml.scan(text, Loader=_Base):
            if isinstance(token, yaml.AliasToken | yaml.AnchorToken):
                mark = token.start_mark
                raise ScenarioError(
                    "YAML anchors and aliases ('&name', '*name') are not allowed in scenario "
                    "and quiz files",
                    path=path,
                    line=mark.line + 1,
                    hint="write the text out in full; if it is meant as text, put it in quotes",
                )
    except yaml.YAMLError:
        return  # the parser below reports syntax errors with their line


def parse_yaml(text: str, path: str | Path) -> tuple[Any, yaml.Node | None]:
    """Parse YAML text into (data, node tree or None); reject duplicate keys and aliases.

    The fast path is yaml-rs (a Rust YAML 1.2 parser, about 20x faster than PyYAML's C
    loader on a 10,000-node scenario); it returns no node tree, so when something later needs
    a line number the text is composed again with PyYAML (:func:`located`). Any file yaml-rs
    rejects is re-parsed with PyYAML, whose error names the line.

    Raises
    ------
    ScenarioError
        On a YAML syntax error, an anchor or alias, or a key given twice in one mapping.
    """
    _refuse_aliases(text, path)
    if yaml_rs is not None:
        try:
            return yaml_rs.loads(text), None
        except Exception:
            pass
    return _compose(text, path)


def _check_duplicate_keys(root: yaml.Node, path: str | Path) -> None:
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                name = str(key.value)
                if name in seen:
                    raise ScenarioError(
                        f"the key '{name}' is given twice (first on line {seen[name]})",
                        path=path,
                        line=key.start_mark.line + 1,
                        hint="remove or rename one of them",
                    )
                seen[name] = key.start_mark.line + 1
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def line_of(root: yaml.Node | None, loc: Sequence[str | int]) -> int | None:
    """The 1-based line of the YAML node at ``loc`` (or of its deepest existing parent)."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    child = value
                    line = key.start_mark.line + 1
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


def _ids_at(data: Any, loc: Sequence[str | int]) -> tuple[str | None, str | None]:
    """Node and choice ids (or question and option ids) along a location, if present."""
    found: list[str | None] = [None, None]
    cur = data
    depth = 0
    for part in loc:
        try:
            cur = cur[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, int) and isinstance(cur, dict) and depth < 2:
            ident = cur.get("id")
            found[depth] = str(ident) if ident is not None else f"#{part + 1}"
            depth += 1
    return found[0], found[1]


def _friendly(err: Any) -> str:
    loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
    field = str(loc[-1]) if loc else "file"
    kind = err["type"]
    if kind == "missing":
        return f"the required field '{field}' is missing"
    if kind == "extra_forbidden":
        return f"'{field}' is not a field here (is it misspelt?)"
    if kind == "literal_error" and field == "fictional":
        return "persona must say 'fictional: true' - every person in a scenario is fictional"
    if kind == "literal_error" and field == "schema_version":
        return (
            f"schema_version must be one of {', '.join(map(str, SCHEMA_VERSIONS))} "
            f"(got {err.get('input')!r}); new files use {SCHEMA_VERSION}"
        )
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        return f"'{field}' must be lowercase letters, digits and hyphens (got {err.get('input')!r})"
    if kind == "enum":
        return f"'{field}' is {err.get('input')!r}; {err['msg'].lower()}"
    return f"'{field}': {err['msg']}"


def validate_model(model: type[M], data: Any, root: yaml.Node | None, path: str | Path) -> M:
    """Validate parsed data; raise one ScenarioError for the first problem, located."""
    if not isinstance(data, dict):
        raise ScenarioError(
            "the file must be a YAML mapping (field: value), not "
            + ("empty" if data is None else type(data).__name__),
            path=path,
            line=1,
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        loc = [p for p in first["loc"] if not (isinstance(p, str) and "[" in p)]
        message = _friendly(first)
        at = re.match(r"^@([^:]*): ", message)
        if at:  # a model-level check that says where it is (paratrain.scenarios.model.located)
            loc = [int(x) if x.isdigit() else x for x in at.group(1).split("/") if x]
            message = message[at.end() :]
        node_id, choice_id = _ids_at(data, loc)
        more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
        raise ScenarioError(
            message + more,
            path=path,
            line=line_of(root, loc),
            node_id=node_id,
            choice_id=choice_id,
            hint="see docs/scenario-format.md for every field",
        ) from None


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ScenarioError(
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} at column {column} "
            f"cannot be read: {exc.reason})",
            path=path,
            line=line,
            hint="save the file as UTF-8 (most editors: 'Save with encoding' > UTF-8)",
        ) from None
    except FileNotFoundError:
        raise ScenarioError(
            "file not found",
            path=path,
            hint="check the name; scenario files end in "
            f"'{SCENARIO_SUFFIX}' and quizzes in '{QUIZ_SUFFIX}'",
        ) from None
    except OSError as exc:
        raise ScenarioError(f"cannot read the file: {exc.strerror}", path=path) from None


def _parse(
    model: type[M],
    check: Callable[[M, yaml.Node | None, str | Path], None],
    text: str,
    path: str | Path,
) -> M:
    """Parse and validate; when the fast parser gave no node tree and something is wrong,
    parse again with PyYAML so the error carries its line."""
    data, root = parse_yaml(text, path)
    try:
        item = validate_model(model, data, root, path)
        check(item, root, path)
    except ScenarioError:
        if root is not None:
            raise
        data, root = _compose(text, path)
        item = validate_model(model, data, root, path)
        check(item, root, path)
    return item


def parse_scenario(text: str, path: str | Path = "<text>") -> Scenario:
    """Parse scenario YAML text (no graph checks; see :func:`paratrain.scenarios.lint`)."""
    return _parse(Scenario, _check_ids_unique, text, path)


def parse_quiz(text: str, path: str | Path = "<text>") -> Quiz:
    """Parse quiz YAML text."""
    return _parse(Quiz, _check_quiz, text, path)


def load_scenario(path: str | Path) -> Scenario:
    """Read a ``.scenario.yaml`` file. Raises :class:`ScenarioError` on any problem."""
    p = Path(path)
    scenario = parse_scenario(_read_text(p), p)
    _check_file_name(scenario.id, p, SCENARIO_SUFFIX)
    return scenario


def load_quiz(path: str | Path) -> Quiz:
    """Read a ``.quiz.yaml`` file. Raises :class:`ScenarioError` on any problem."""
    p = Path(path)
    quiz = parse_quiz(_read_text(p), p)
    _check_file_name(quiz.id, p, QUIZ_SUFFIX)
    return quiz


def _check_file_name(ident: str, path: Path, suffix: str) -> None:
    if path.name.endswith(suffix) and path.name != ident + suffix:
        raise ScenarioError(
            f"the id '{ident}' does not match the file name",
            path=path,
            line=None,
            hint=f"rename the file to {ident}{suffix} or change the id",
        )


def _check_ids_unique(scenario: Scenario, root: yaml.Node | None, path: str | Path) -> None:
    seen: set[str] = set()
    for i, node in enumerate(scenario.nodes):
        if node.id in seen:
            raise ScenarioError(
                "this node id is used twice",
                path=path,
                node_id=node.id,
                line=line_of(root, ["nodes", i, "id"]),
                hint="give each node its own id",
            )
        seen.add(node.id)
        choice_ids: set[str] = set()
        for j, choice in enumerate(node.choices):
            if choice.id in choice_ids:
                raise ScenarioError(
                    "this choice id is used twice in the node",
                    path=path,
                    node_id=node.id,
                    choice_id=choice.id,
                    line=line_of(root, ["nodes", i, "choices", j, "id"]),
                    hint="choice ids must be unique within their node",
                )
            choice_ids.add(choice.id)


def _check_quiz(quiz: Quiz, root: yaml.Node | None, path: str | Path) -> None:
    seen: set[str] = set()
    for i, q in enumerate(quiz.questions):

        def fail(message: str, hint: str = "", q: Any = q, i: int = i) -> ScenarioError:
            return ScenarioError(
                message, path=path, node_id=q.id, line=line_of(root, ["questions", i]), hint=hint
            )

        if q.id in seen:
            raise fail("this question id is used twice")
        seen.add(q.id)
        option_ids = [o.id for o in q.options]
        if len(set(option_ids)) != len(option_ids):
            raise fail("two options share an id")
        if not quiz.has_key:
            continue
        if not q.correct_ids:
            raise fail("no option is marked 'correct: true'", "mark the right answer(s)")
        if q.select == "one" and len(q.correct_ids) != 1:
            raise fail(
                "a 'select: one' question needs exactly one correct option",
                "use 'select: many' for tick-all-that-apply",
            )
        if not q.explanation:
            raise fail(
                "the question has no explanation",
                "explain why the answer is right; trainees see it after answering",
            )


def dump_yaml(data: Any) -> str:
    """Serialise data as block-style YAML that keeps key order (for projections and keys)."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
