"""The corpus guide: explanations of the DeepSeek-R1 news articles."""
