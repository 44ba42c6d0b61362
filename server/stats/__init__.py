"""The work-report figures (issue 25): each figure one entry of `registry.FIGURES` with its id, label, one-line
definition, its value for a period and an office's subtree, and the records it counts (the drill-down).

Figures are computed from what was stored with its time (timeline entries, check-ins, events' dates), never from
a case's current stage, so a past period answers the same whenever it is asked. A new area (consultations, sites)
adds its figures as registry entries in a module of its own, imported by `figures.py`.
"""
