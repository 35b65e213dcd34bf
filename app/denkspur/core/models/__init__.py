"""Models: the catalog, downloads, GGUF headers, hardware fit, installed files."""
