"""Taking an application in: its request schema, storing it exactly once (its code, its group and duplicate
flags, its evidence photos linked), the receipt text. Builds on cases/ (the case's clocks and texts)."""
