"""Renderers: one module per output format, each `render(result) -> str`."""

from . import json as json_out
from . import markdown as markdown_out
from . import text as text_out

FORMATS = {"text": text_out.render, "json": json_out.render, "markdown": markdown_out.render}
