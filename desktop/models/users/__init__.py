"""User accounts, roles and what each may do, PIN hashing."""
