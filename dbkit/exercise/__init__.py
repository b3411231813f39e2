"""The exercise: seeding, the situations of the brief, and its steps."""
