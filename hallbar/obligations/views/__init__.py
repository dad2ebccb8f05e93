"""The compliance obligation pages: the register and its overview, and evaluations."""
