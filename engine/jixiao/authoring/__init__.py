"""Tools for rule authors: lint, rule tests, coverage, scaffolds, and synthetic portfolios."""
