"""The only code that imports durable_rules: condition trees compiled to patterns, one Host
per process, one session per case, matches read off the action queue."""
