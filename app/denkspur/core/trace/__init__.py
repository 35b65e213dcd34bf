"""The reasoning trace: splitting model output, steps, statistics, comparison."""
