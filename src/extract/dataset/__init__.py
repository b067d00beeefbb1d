"""What curated/ is, how it is written and how it is read: the contract's models, the writer, releases,
the catalog and speakers, the lock, and `load` for readers.

Nothing here imports the extraction layer: the writer takes finished records, never the extractor.

    from extract.dataset import load
    ds = load("curated")
    ds.where(edition=2027, category="hurdle").topics
"""

from extract.dataset.reader import Dataset, DatasetError, load

__all__ = ["Dataset", "DatasetError", "load"]
