"""Checking a case: derived facts, integrity and plausibility, the engine's matches turned
into findings, scores, rule gaps, and last year's findings compared."""
