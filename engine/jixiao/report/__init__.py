"""Outputs: one module per format, each a renderer `render(subject, settings)`, all registered
by name in jixiao.report.formats (its docstring tells how to add one); labels, Chinese and
English, in jixiao.report.labels."""

from .formats import REGISTRY, Format, PortfolioSummary, Settings, Template, get, register, render

__all__ = ["REGISTRY", "Format", "PortfolioSummary", "Settings", "Template", "get", "register", "render"]
