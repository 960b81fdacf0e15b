"""A client's eligibility per program track, with the reasons."""
