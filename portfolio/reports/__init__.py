"""Organisation insight: reports for organisation admins, team managers and the
training team, made of counts and states only (never reflection text)."""
