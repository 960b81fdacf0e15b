"""Qt item models over the services' records (lazy where lists can be long)."""
