"""jixiao's version, written into every manifest.json."""

__version__ = "0.1.0"
