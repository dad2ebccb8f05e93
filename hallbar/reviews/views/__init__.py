"""The management review pages: the reviews themselves, and what is recorded on them."""
