"""Checking at corpus scale: Dask, streamed JSON Lines, resumable runs,
Crossref verified once per DOI for a whole corpus, and offline verification
from a local Crossref snapshot index.  See docs/scale.md.

Dask and DuckDB come with the ``scale`` extra
(``pip install 'citecheck-integrity[scale]'``) and are imported only by the
modules that use them, when they are used.
"""
