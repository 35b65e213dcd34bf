"""Denkspur: run DeepSeek-R1 reasoning models offline and see how they think."""

__version__ = "0.1.0"
