"""Safe YAML reading: plain data only, duplicate keys refused, aliases and nesting bounded, nodes composed again to locate."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml
import yaml.reader

from ..problems import Problem, plural

try:  # libyaml's composer is several times faster; the pure-Python one reads the same documents
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - libyaml is part of the PyYAML wheels
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIAS_EXPANSIONS = 10_000

# Characters no value may hold: C0 and C1 controls (tab and newline aside), DEL, and the bidi embeddings, overrides
# and isolates that make text display in another order than it is stored ("Trojan source"). YAML lets an escape
# such as "\0" or "\e" write one where the file itself holds only printable text.
HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# In an archived text a carriage return before a newline is just a Windows line ending.
HIDDEN_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")
_BIDI = range(0x202A, 0x2070)
_CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL"}
_BIDI_NAMES = {
    0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING", 0x202C: "POP DIRECTIONAL FORMATTING",
    0x202D: "LEFT-TO-RIGHT OVERRIDE", 0x202E: "RIGHT-TO-LEFT OVERRIDE", 0x2066: "LEFT-TO-RIGHT ISOLATE",
    0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE", 0x2069: "POP DIRECTIONAL ISOLATE",
}  # fmt: skip


def describe_hidden(char: str) -> str:
    """'control character U+001B (ESC)', 'bidi control U+202E (RIGHT-TO-LEFT OVERRIDE)'."""
    code = ord(char)
    if code in _BIDI:
        return f"bidi control U+{code:04X} ({_BIDI_NAMES[code]})"
    name = _CONTROL_NAMES.get(code)
    return f"control character U+{code:04X}" + (f" ({name})" if name else "")


def _hidden_problem(node: yaml.ScalarNode, what: str) -> YamlProblem | None:
    found = HIDDEN.search(node.value)
    if found is None:
        return None
    bidi = ord(found.group()) in _BIDI
    why = "it makes text display in another order than it is stored" if bidi else "it is invisible and can drive a terminal"
    return YamlProblem(
        node,
        f"{what} holds {describe_hidden(found.group())} at character {found.start() + 1}",
        f'delete it: {why} (in quoted YAML an escape such as "\\0" or "\\u202e" writes one too)',
    )


def hidden_in_text(path: str, text: str) -> Problem | None:
    """A warning for an archived text holding control or bidi characters: kept byte for byte (it is evidence),
    but located, since such characters can hide or reorder words; pages show them as visible marks."""
    first = HIDDEN_IN_TEXT.search(text)
    if first is None:
        return None
    more = sum(1 for _ in HIDDEN_IN_TEXT.finditer(text, first.end()))
    line = text.count("\n", 0, first.start()) + 1
    col = first.start() - (text.rfind("\n", 0, first.start()) + 1) + 1
    others = f", and {more:,} more such character{'s' if more != 1 else ''}" if more else ""
    return Problem(
        path,
        line,
        col,
        f"the archived text holds {describe_hidden(first.group()[0])}{others}; pages show each as a visible mark",
        "the text stays as archived, since it is evidence: compare it with the original, where such characters can hide or reorder words",
        severity="warning",
    )


_STR = "tag:yaml.org,2002:str"
_SCALARS = {
    _STR: None,
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": None,
    "tag:yaml.org,2002:null": None,
    # A date stays text: the content model reads day, month and year precision itself.
    "tag:yaml.org,2002:timestamp": None,
}
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


# first character of a plain scalar -> the implicit tags it may have, in the order the safe loader tries them
_IMPLICIT: dict[str | None, tuple[tuple[str, re.Pattern[str]], ...]] = {
    first: tuple(resolvers) + tuple(_SafeLoader.yaml_implicit_resolvers.get(None, []))
    for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}
_ANY_FIRST = tuple(_SafeLoader.yaml_implicit_resolvers.get(None, []))


class _Loader(_SafeLoader):
    """The safe loader, resolving tags as it does with less work per node: the composer asks once for each of the
    file's nodes, and the safe loader has no path resolvers, so there is no path to keep and a quoted scalar is text."""

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], _ANY_FIRST):
                    if regexp.match(value):
                        return str(tag)
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


class YamlProblem(Exception):
    def __init__(self, node_or_mark: Any, message: str, hint: str) -> None:
        super().__init__(message)
        mark = getattr(node_or_mark, "start_mark", node_or_mark)
        self.line = mark.line + 1 if mark is not None else None
        self.col = mark.column + 1 if mark is not None else None
        self.message = message
        self.hint = hint


@dataclass(frozen=True, eq=False)
class Document:
    """One YAML file: its data, and (composed again when first asked) the node tree that says where each value was
    written. Most files are never asked: the tree is not kept from the parse, which at 10,000 events held a third
    of the check's memory for the few files a problem is reported in."""

    path: str
    data: Any
    text: str = field(default="", repr=False)  # the file as read: locates values, and words inside a value

    @cached_property
    def root(self) -> yaml.Node | None:
        """The node tree of `text`, as the parse composed it (the text parsed once, so it composes again)."""
        return yaml.compose(self.text, Loader=_Loader) if self.text else None  # noqa: S506 - a safe loader, composing nodes only

    def located_only(self) -> Document:
        """The same file without its parsed data, which only making its items reads: it locates values (and words
        inside them) as this one does, from the text, with the node tree if this one composed it already."""
        lean = Document(self.path, None, self.text)
        if "root" in self.__dict__:  # a cached_property lives in the instance's __dict__
            lean.__dict__["root"] = self.__dict__["root"]
        return lean

    def find(self, loc: tuple[str | int, ...], needle: str, occurrence: int = 0) -> tuple[int, int]:
        """Line and column of the `occurrence`-th `needle` inside the value at `loc` (or of the value itself)."""
        node = self._node(loc)
        if node is not None and self.text:
            start, end = node.start_mark.index, node.end_mark.index
            at = start - 1
            for _ in range(occurrence + 1):
                at = self.text.find(needle, at + 1, end)
                if at < 0:
                    break
            if at >= 0:
                line = self.text.count("\n", 0, at) + 1
                return line, at - (self.text.rfind("\n", 0, at) + 1) + 1
        return self.locate(loc)

    def _node(self, loc: tuple[str | int, ...]) -> yaml.Node | None:
        node = self.root
        for part in loc:
            if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            elif isinstance(node, yaml.MappingNode):
                pair = next((kv for kv in node.value if kv[0].value == part), None)
                if pair is None:
                    return node
                node = pair[1]
            else:
                return node
        return node

    def locate(self, loc: tuple[str | int, ...], at_key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `loc` (or of its key), or of the nearest enclosing node."""
        node = self.root
        if node is None:
            return (1, 1)
        found = node
        for index, part in enumerate(loc):
            last = index == len(loc) - 1
            if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            elif isinstance(node, yaml.MappingNode):
                pair = next((kv for kv in node.value if kv[0].value == part), None)
                if pair is None:
                    break
                node = pair[0] if (last and at_key) else pair[1]
            else:
                break
            found = node
        return (found.start_mark.line + 1, found.start_mark.column + 1)


def _bool(node: yaml.ScalarNode) -> bool:
    return node.value.lower() in ("true", "yes", "on")


def _scalar(node: yaml.ScalarNode) -> Any:
    tag = node.tag
    if tag == _STR or tag == "tag:yaml.org,2002:timestamp":
        return node.value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return _bool(node)
    if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        return _number(node)
    raise _bad_tag(node)


def _number(node: yaml.ScalarNode) -> int | float:
    """A plain decimal (or 0x, 0o, 0b) number; YAML 1.1's base-60 '1:30', NaN and infinities are refused."""
    text = node.value.replace("_", "").strip()
    try:
        if node.tag == "tag:yaml.org,2002:int":
            return int(text, 0) if text.lstrip("+-")[:2].lower() in ("0x", "0o", "0b") else int(text)
        number = float(text)
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(text)
        return number
    except ValueError:
        raise YamlProblem(
            node,
            f"'{node.value}' is not a number sitrep can use",
            "write a plain decimal number, or put the value in quotes if it is text",
        ) from None


def _bad_tag(node: yaml.Node) -> YamlProblem:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    if tag == "!!merge":
        return YamlProblem(node, "merge keys ('<<') are not supported", "write the keys out in full")
    return YamlProblem(
        node,
        f"the tag '{tag}' is not allowed",
        "remove the tag: content is plain YAML (mappings, lists, text, numbers, true/false, null)",
    )


class _Builder:
    """Turns a composed node tree into Python data, refusing what plain content never needs."""

    def __init__(self, may_hide: bool = True) -> None:
        self.may_hide = may_hide  # False: no value can hold a hidden character, so none is searched
        self.seen: set[int] = set()
        self.building: set[int] = set()  # the nodes being built now: meeting one again is a loop
        self.expansions = 0

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise YamlProblem(node, f"nesting is deeper than {MAX_DEPTH} levels", "flatten the structure")
        if isinstance(node, yaml.ScalarNode):
            if node.tag not in _SCALARS:
                raise _bad_tag(node)
            if self.may_hide and (hidden := _hidden_problem(node, "the value")) is not None:
                raise hidden
            return _scalar(node)
        if id(node) in self.building:
            raise YamlProblem(
                node,
                "an alias ('*name') is used inside its own anchor ('&name'), which would repeat forever",
                "write the data out instead of using aliases ('*name') of anchors ('&name')",
            )
        if id(node) in self.seen:  # an alias: each use copies the anchored subtree again
            self.expansions += 1
            if self.expansions > MAX_ALIAS_EXPANSIONS:
                raise YamlProblem(
                    node,
                    f"aliases expand to more than {MAX_ALIAS_EXPANSIONS:,} copies",
                    "write the data out instead of nesting aliases ('*name') of anchors ('&name')",
                )
        else:
            self.seen.add(id(node))
        self.building.add(id(node))
        try:
            return self._collection(node, depth)
        finally:
            self.building.discard(id(node))

    def _collection(self, node: yaml.Node, depth: int) -> Any:
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise _bad_tag(node)
            return [self.build(child, depth + 1) for child in node.value]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                raise _bad_tag(node)
            result: dict[Any, Any] = {}
            first: dict[Any, yaml.Node] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise _bad_tag(key_node)
                if not isinstance(key_node, yaml.ScalarNode):
                    raise YamlProblem(key_node, "a key must be plain text", "write the key as a single word")
                if key_node.tag not in _SCALARS:
                    raise _bad_tag(key_node)
                if self.may_hide and (hidden := _hidden_problem(key_node, "the key")) is not None:
                    raise hidden
                key = key_node.value  # keys are field names: '1979:' is the key '1979', not a number
                if key in first:
                    line = first[key].start_mark.line + 1
                    hint = "keep one of the two: YAML would silently drop the first"
                    if key == "id":
                        hint = f"if a new entry starts here, begin its first line with '- '; otherwise {hint}"
                    raise YamlProblem(key_node, f"duplicate key '{key}' (first written on line {line})", hint)
                first[key] = key_node
                result[key] = self.build(value_node, depth + 1)
            return result
        raise _bad_tag(node)  # pragma: no cover - the composer makes only the three kinds


def decode(path: str, raw: bytes) -> tuple[str | None, Problem | None]:
    """Decode UTF-8 text (a BOM is allowed), or say where the first bad byte is."""
    if len(raw) > MAX_FILE_BYTES:
        size = len(raw) / 1024 / 1024
        return None, Problem(
            path,
            None,
            None,
            f"file is {size:.1f} MB, over the {MAX_FILE_BYTES // 1024 // 1024} MB limit",
            "split the collection into a folder of smaller files",
        )
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, Problem(
            path,
            line,
            col,
            f"byte 0x{raw[error.start]:02x} is not UTF-8 text",
            "save the file as UTF-8 (most editors offer it under 'Save with encoding')",
        )


def may_hide(text: str) -> bool:
    """False when no value parsed from `text` can hold a hidden character: the file holds none, and without a
    backslash no escape can write one (YAML otherwise only folds lines, into spaces and newlines)."""
    return "\\" in text or HIDDEN.search(text) is not None


def parse(path: str, text: str) -> tuple[Document | None, Problem | None]:
    """Parse one YAML document into plain data, or return the located problem."""
    try:
        root = yaml.compose(text, Loader=_Loader)  # noqa: S506 - a safe loader, composing nodes only
    except yaml.MarkedYAMLError as error:
        return None, _syntax_problem(path, text, error)
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        col = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        char = error.character if isinstance(error.character, str) else chr(error.character)
        return None, Problem(
            path,
            line,
            col,
            f"control character U+{ord(char):04X} is not allowed in YAML text",
            "delete it: it is invisible in most editors, and text copied from PDFs often carries it",
        )
    except yaml.YAMLError as error:
        return None, Problem(path, None, None, f"YAML syntax: {error}", "fix the YAML syntax")
    except RecursionError:
        return None, Problem(path, None, None, f"nesting is deeper than {MAX_DEPTH} levels", "flatten the structure")
    if root is None:
        return Document(path, None), None
    try:
        data = _Builder(may_hide(text)).build(root)
    except YamlProblem as problem:
        return None, Problem(path, problem.line, problem.col, problem.message, problem.hint)
    except RecursionError:
        return None, Problem(path, None, None, f"nesting is deeper than {MAX_DEPTH} levels", "flatten the structure")
    return Document(path, data, text), None


def _syntax_problem(path: str, text: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    if "'\\t'" in problem or (mark and _tab_at(text, mark.line)):
        return Problem(path, line, col, "a tab character is used for indentation", "indent with spaces, not tabs")
    if "found duplicate anchor" in problem or "found duplicate anchor" in context:
        offset = mark.index if mark else 0
        name = re.match(r"&[^\s,\[\]{}]+", text[offset:])
        first = error.context_mark.line + 1 if error.context_mark and error.problem_mark else None
        what = f"the anchor '{name.group(0)}'" if name else "an anchor"
        where = f" (first on line {first})" if first else ""
        return Problem(path, line, col, f"YAML syntax: {what} is defined twice{where}", "give each anchor ('&name') its own name")
    if "while scanning a quoted scalar" in context and error.context_mark is not None:
        start = error.context_mark
        return Problem(
            path,
            start.line + 1,
            start.column + 1,
            "YAML syntax: the quote opened here is never closed",
            "close the quote at the end of the text, or remove it",
        )
    if "found undefined alias" in problem:
        return Problem(path, line, col, f"YAML syntax: {problem}", "define the anchor ('&name') before using '*name'")
    layout = _layout_problem(path, text, mark.line, mark.column) if mark else None
    if layout is not None and (
        "expected '-' indicator" in problem or "expected <block end>" in problem or "mapping values" in problem
    ):
        return layout
    message = f"YAML syntax: {problem}" + (f" ({context})" if context else "")
    return Problem(
        path,
        line,
        col,
        message,
        "check the indentation and punctuation here and on the line above; quote text that contains ': ' or starts with a symbol",
    )


_KEY_LINE = re.compile(r"^( *)(- +)?([A-Za-z_][\w-]*):(?: +(.*))?$")


def _key_at(lines: list[str], index: int) -> tuple[int, str, str | None] | None:
    """(column of the key, the key, its value on the line) if line `index` writes 'key: ...'."""
    match = _KEY_LINE.match(lines[index]) if 0 <= index < len(lines) else None
    if match is None:
        return None
    return len(match.group(1)) + len(match.group(2) or ""), match.group(3), match.group(4)


def _layout_problem(path: str, text: str, line_index: int, column: int) -> Problem | None:
    """A key out of line with its siblings, or ': ' inside a value, said in plain words with the fix."""
    lines = text.splitlines()
    here = _key_at(lines, line_index)
    above = next((i for i in range(line_index - 1, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")), None)
    sibling = _key_at(lines, above) if above is not None else None
    if here is not None and sibling is not None and here[0] != sibling[0]:
        (col, key, _), (want, other, value) = here, sibling
        spaces = plural(want, "space")
        if col < want:
            message = f"'{key}:' is indented {plural(col, 'space')}, less than '{other}:' on the line above ({spaces}): the keys of one item line up"
        elif value:
            message = f"'{key}:' is indented {plural(col, 'space')}, more than '{other}:' on the line above ({spaces}), so YAML reads it as part of the {other}"
        else:
            return None  # a key under one with no value starts a nested mapping: that may be meant
        return Problem(
            path, line_index + 1, col + 1, message, f"indent '{key}:' by {spaces}, like '{other}:' on line {(above or 0) + 1}"
        )
    if here is not None and here[2] is not None and column > here[0] + len(here[1]):
        col, key, text_value = here[0], here[1], here[2]
        quoted = '"' + text_value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return Problem(
            path,
            line_index + 1,
            col + len(key) + 3,
            f"the text of '{key}' contains ': ', which YAML reads as the start of another key",
            f"put the text in quotes: {key}: {quoted}",
        )
    return None


def _tab_at(text: str, line_index: int) -> bool:
    lines = text.splitlines()
    if 0 <= line_index < len(lines):
        stripped = lines[line_index]
        return stripped[: len(stripped) - len(stripped.lstrip())].find("\t") >= 0
    return False
