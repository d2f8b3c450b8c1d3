"""Email nudges: the sweep that finds what is due and the sender."""
