"""citecheck: check the citations and references of a scholarly manuscript."""

__version__ = "0.1.0"
