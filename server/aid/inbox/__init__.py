"""The handlers' lists: the inbox with its filters, counts and urgency order, group claims, the green channel's
figures and the lawyers to choose from. Builds on cases/ (a case's row and flags)."""
