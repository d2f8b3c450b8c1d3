"""The planner's pages, a module each: the plan page, its steps, starting a plan, the
dashboard, exports, a step's evidence, the plan's history, sharing it with a mentor.
owned.py holds the owner-scoped lookups every one of them starts with."""
