"""The write commands, grouped by subject; each runs inside a ``Transaction`` the repository opened."""
