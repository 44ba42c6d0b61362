"""法律进工地 events: publishing, sign-ups, offline check-in, sheets, posters and debriefs."""
