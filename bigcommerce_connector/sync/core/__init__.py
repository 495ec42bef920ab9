"""What every flow shares: the run (sync log, savepoints, lock), values, units."""
