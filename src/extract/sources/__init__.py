"""Source readers: bytes of one document → ParsedDocument. Each reader imports its own parsing library."""
