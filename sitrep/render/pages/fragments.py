"""Fragments: pieces of HTML many pages show alike (an event's entry), made once per build and reused."""

from __future__ import annotations

import zlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from markupsafe import Markup

from ...write.keys import Derived


@dataclass
class Fragments(Derived):
    """The pieces made so far in one build, by everything that makes two of them differ.

    A template asks with `{% call fragments.once(fragment_scope, ...what else varies...) %}...{% endcall %}`:
    `fragment_scope` names the pages' knowledge, folder depth and link maker, so a piece is reused only where it
    would come out the same. An event is on the timeline and on each of its actors' and place's pages; its entry is
    made once per scope. Pieces are kept compressed (zlib, fastest level: half their size, unpacked in a few
    microseconds where making one again takes a tenth of a millisecond), so the store holds all the entries of one
    knowledge (the all-time pages, or one edition's) of a 100,000-event project. The least recently used go first, so a build of any size holds at most `kept_bytes` of
    pieces (counted as stored: an entry's size varies with its citations and its text).
    """

    made: OrderedDict[tuple[Any, ...], bytes] = field(default_factory=OrderedDict)
    kept_bytes: int = 96_000_000  # ~120,000 entries of ~1.6 kB, ~0.8 kB packed: the events one knowledge shows
    held_bytes: int = 0  # what the pieces in `made` take
    HEADING: ClassVar[str] = "\x1e"  # stands for the heading's tag in a piece `headed` fills in (see html.ROOT_MARK)

    def once(self, *key: Any, caller: Callable[[], str]) -> Markup:
        packed = self.made.get(key)
        if packed is not None:
            self.made.move_to_end(key)
            return Markup(zlib.decompress(packed).decode())  # noqa: S704 - the template's own output, as below
        found = Markup(caller())  # noqa: S704 - the template's own output, escaped as it rendered
        packed = zlib.compress(found.encode(), 1)
        if len(packed) <= self.kept_bytes:  # a piece larger than the whole store is used, not kept
            self.made[key] = packed
            self.held_bytes += len(packed)
            while self.held_bytes > self.kept_bytes:
                self.held_bytes -= len(self.made.popitem(last=False)[1])
        return found

    def headed(self, heading: str, *key: Any, caller: Callable[[], str]) -> Markup:
        """`once`, for a piece made with `HEADING` for its heading's tag (h2, h3...): one piece for every level."""
        return self.once(*key, caller=caller).replace(self.HEADING, heading)  # Markup's replace escapes `heading`
