"""The walk-in queue (antrean): tickets, counters, configuration, statistics, spoken calls."""
