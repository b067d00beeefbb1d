"""What curated/ is and how it is written: the contract's models, the writer, releases and the lock.

Nothing here imports the extraction layer: the writer takes finished records, never the extractor.
"""
