"""Plans: a person's saved route of steps, scheduling, progress and exports."""
