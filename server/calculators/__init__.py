"""算一算: the calculators (content/calculators/README.md). The registry comes with the first calculator."""
