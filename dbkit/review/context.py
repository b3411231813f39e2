"""What every rule's check is handed: the chain, the walk of its schema, the fate of its drops."""

from __future__ import annotations

from dataclasses import dataclass, field

from dbkit.review.chain import Chain
from dbkit.review.drops import Drop, drops
from dbkit.review.reader import Revision
from dbkit.review.schema import Walk, walk


@dataclass
class Context:
    chain: Chain
    walk: Walk = field(init=False)
    drops: list[Drop] = field(init=False)

    def __post_init__(self) -> None:
        self.walk = walk(self.chain.order)
        self.drops = drops(self.chain, self.walk)

    @classmethod
    def of(cls, revisions: list[Revision]) -> Context:
        return cls(Chain(revisions))

    @property
    def revisions(self) -> list[Revision]:
        return self.chain.revisions

    @property
    def readable(self) -> list[Revision]:
        return [r for r in self.chain.revisions if not r.error]
