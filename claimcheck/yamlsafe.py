"""Turn YAML text into plain lists, dicts and strings that remember their lines.

Only the node tree is built by PyYAML; the values are made here, so no tag can
construct an object or run code. Scalars stay strings (pydantic reads dates,
booleans and numbers from them), which also spares YAML 1.1's surprises such
as `country: NO` turning into False. Aliases are followed only up to a budget,
so a "billion laughs" document is refused instead of expanded.
"""

from __future__ import annotations

import contextlib
import gc

import yaml

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

_STR, _NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null"
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))


class _Loader(_BaseLoader):
    """Tags untagged nodes as text, null, list or mapping only: scalars are read as text anyway, so
    PyYAML's regular-expression resolver (most of the parse time) has nothing to decide."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            return _NULL if implicit[0] and value in _NULL_WORDS else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

ALIAS_BUDGET = 10_000
"""How many nodes aliases may repeat in one file; real claims files repeat none."""
MAX_DEPTH = 50
"""How deeply lists and mappings may nest; claims files need three levels."""
_TOO_DEEP = f"the YAML nests deeper than {MAX_DEPTH} levels; claims files are lists of flat records"

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}


class YamlProblem(Exception):
    """A problem with the YAML itself, at a 1-based line."""

    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class Mapping(dict):
    """A YAML mapping that remembers its own line and the line of each key."""

    line: int
    key_lines: dict[str, int]


class Sequence(list):
    """A YAML list that remembers its own line and the line of each item."""

    line: int
    item_lines: list[int]


def parse(text: str) -> object:
    """The one document in `text` as plain values; raises YamlProblem."""
    with collector_paused():
        return _parse(text)


@contextlib.contextmanager
def collector_paused():
    """Building a node tree makes millions of objects and no reference
    cycles; Python's cycle collector would walk them again and again as they grow, so it waits. The same
    holds for a draft's candidate claims (`align.draft_batch`) and a Dask task's check (`engines.dask`)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _parse(text: str) -> object:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        if "nesting depth" in str(error.problem):  # PyYAML 6.0.3 and later stop deep nesting themselves
            raise YamlProblem(line, _TOO_DEEP) from None
        where = f" (column {mark.column + 1})" if mark else ""
        raise YamlProblem(line, f"invalid YAML{where}: {error.problem or error}") from None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        character = error.character if isinstance(error.character, int) else ord(error.character)
        raise YamlProblem(line, f"the file holds a control character (#x{character:04x}) that YAML does not allow; remove it") from None
    except yaml.YAMLError as error:
        raise YamlProblem(None, f"invalid YAML: {' '.join(str(error).split())}") from None
    except RecursionError:
        raise YamlProblem(None, _TOO_DEEP) from None
    if node is None:
        return None
    return _Builder().build(node)


def _allowed(node: yaml.Node) -> int:
    """The node's 1-based line; refuses any tag but the standard text, list and mapping ones."""
    line = node.start_mark.line + 1
    if node.tag not in _STANDARD_TAGS:
        raise YamlProblem(line, f"YAML tag {node.tag!r} is not allowed; claims files hold plain text, lists and mappings")
    return line


class _Builder:
    def __init__(self) -> None:
        self.seen: set[int] = set()  # collections already built: seeing one again means an alias
        self.repeated = 0
        self.path: set[int] = set()

    def build(self, node: yaml.Node) -> object:
        if type(node) is yaml.ScalarNode:
            tag = node.tag
            if tag == _STR:
                return node.value
            if tag == _NULL:
                return None
            _allowed(node)
            return node.value
        line = _allowed(node)
        key = id(node)
        if key in self.path:
            raise YamlProblem(line, "an alias refers to itself; write the value out instead")
        if len(self.path) >= MAX_DEPTH:
            raise YamlProblem(line, _TOO_DEEP)
        if key in self.seen:
            self.repeated += len(node.value) + 1
            if self.repeated > ALIAS_BUDGET:
                raise YamlProblem(line, f"aliases expand to more than {ALIAS_BUDGET} values; write the values out instead")
        self.seen.add(key)
        self.path.add(key)
        try:
            if type(node) is yaml.SequenceNode:
                result = Sequence(self.build(item) for item in node.value)
                result.line = line
                result.item_lines = [item.start_mark.line + 1 for item in node.value]
                return result
            return self._mapping(node, line)
        finally:
            self.path.discard(key)

    def _mapping(self, node: yaml.MappingNode, line: int) -> Mapping:
        result = Mapping()
        result.line = line
        lines = result.key_lines = {}
        build = self.build
        for key_node, value_node in node.value:
            key = build(key_node)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise YamlProblem(key_line, "a mapping key must be plain text")
            if key == "<<":
                raise YamlProblem(key_line, "merge keys ('<<') are not supported; write the fields out")
            if key in result:
                raise YamlProblem(key_line, f"key {key!r} appears twice in one record (first on line {lines[key]})")
            result[key] = build(value_node)
            lines[key] = key_line
        return result
