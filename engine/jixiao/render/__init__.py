"""Renderers: one module per output format, each `render(result) -> str`."""

from . import json_out, markdown_out, text_out

FORMATS = {"text": text_out.render, "json": json_out.render, "markdown": markdown_out.render}
