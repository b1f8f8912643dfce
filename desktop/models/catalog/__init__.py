"""The service catalogue from the decrees: typed standard, files, repository, search, edits."""
