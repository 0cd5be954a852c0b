"""jixiao: rules-as-code compliance checker for fiscal project performance evaluation.

Pipeline, one module each: load (facts, rules, scheme) -> validate (tables) ->
derive (aggregates as facts) -> evaluate (durable-rules) -> score -> render.
"""

__version__ = "0.1.0"
