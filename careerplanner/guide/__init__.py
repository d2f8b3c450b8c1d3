"""The catalog written from the guide: roles, skills, milestones, routes, organisations."""
