"""Format-independent parsing of manuscript text: masking, reference lists, citations."""
