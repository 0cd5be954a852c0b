"""Files to model, every problem at once: YAML, CSV and workbooks; table schemas; case
folders; rule, scheme and family files; the rule book."""
