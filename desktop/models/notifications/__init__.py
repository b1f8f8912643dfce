"""Telling the citizen: a persistent outbox of messages (SMS), written with the step that causes it."""
