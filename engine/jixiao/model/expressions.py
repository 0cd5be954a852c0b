"""A parsed rule expression (a condition or a formula): its source text and its tree.

Parsing and checking it is the rule language's work (jixiao.lang); here it is plain data.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Expr:
    """A parsed, checked expression: `source` as the author wrote it, `tree` its Python AST
    (only the forms jixiao.lang.expressions allows), `names` the fields and parameters it reads."""

    source: str
    tree: ast.expr
    names: frozenset = field(default=frozenset(), compare=False)
