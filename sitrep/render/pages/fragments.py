"""Fragments: pieces of HTML many pages show alike (an event's entry), made once per build and reused."""

from __future__ import annotations

import sys
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
    made once per scope. The least recently used go first, so a build of any size holds at most `kept_bytes`
    of pieces (counted in bytes, as `sys.getsizeof` says: an entry's size varies with its citations and its text).
    """

    made: OrderedDict[tuple[Any, ...], Markup] = field(default_factory=OrderedDict)
    kept_bytes: int = 32_000_000  # ~20,000 entries of ~1.6 kB
    held_bytes: int = 0  # what the pieces in `made` take
    HEADING: ClassVar[str] = "\x1e"  # stands for the heading's tag in a piece `headed` fills in (see html.ROOT_MARK)

    def once(self, *key: Any, caller: Callable[[], str]) -> Markup:
        found = self.made.get(key)
        if found is None:
            found = Markup(caller())  # noqa: S704 - the template's own output, escaped as it rendered
            size = sys.getsizeof(found)
            if size <= self.kept_bytes:  # a piece larger than the whole store is used, not kept
                self.made[key] = found
                self.held_bytes += size
                while self.held_bytes > self.kept_bytes:
                    self.held_bytes -= sys.getsizeof(self.made.popitem(last=False)[1])
        else:
            self.made.move_to_end(key)
        return found

    def headed(self, heading: str, *key: Any, caller: Callable[[], str]) -> Markup:
        """`once`, for a piece made with `HEADING` for its heading's tag (h2, h3...): one piece for every level."""
        return self.once(*key, caller=caller).replace(self.HEADING, heading)  # Markup's replace escapes `heading`
