"""Plain data: problems, values, table schemas, facts, rules, schemes and results. No I/O, no
third-party imports; every other layer builds on it."""
