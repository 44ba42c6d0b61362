"""Legal-aid applications: sent once from the site (offline first), tracked by code, read by their handlers.

Layers, each importing only those below it (never a sibling above, never back up):
  tracking/  the worker's view, supplements, forgot-code     (on intake/ and cases/)
  intake/    taking an application in                          (on cases/)
  inbox/     the handlers' lists, groups, figures              (on cases/)
  cases/     one case: moves, clocks, texts, view, papers
  here       the ground: models, stages, access (read_case), codes, ID numbers, group keys, input fields
"""
