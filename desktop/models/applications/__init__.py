"""Applications (permohonan): intake, the approval chain, statuses and time limits."""
