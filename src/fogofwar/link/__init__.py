"""Across articles (``fogofwar.links/1``): copies, stories, figure groups, contradictions, forecasts.

Two halves, as in the design:

* **indexing** (``index.link_pending``), incremental: each article stored but not yet linked gets
  a MinHash of its word shingles and a sentence embedding; it is compared only with the
  candidates that share an LSH bucket with it (``signatures``), never with every stored article,
  so the cost of linking one article stays flat as the store grows. What it finds (duplicate
  pairs, the article's story) is written to the store.
* **reading** (``build.links``), over what the index stored plus the record parts: figure groups,
  contradictions and forecasts are worked out per story, so their cost follows story size, not
  store size. ``views`` shapes it for the CLI and the API (track records, the forecast ledger,
  the figure-group marks of a figure list).

The package writes no SQL: it reads the store through ``query`` and writes its index through
``store.linking``, and ``query`` imports nothing from here.
"""
