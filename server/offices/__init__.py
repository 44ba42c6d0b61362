"""Offices: the tree of offices one deployment serves (province → city → county → centre or work station), and the
one scoping rule every list and case read uses (scope.py).

  models    the Office row, its kinds, its materialised path ("/1/4/9/": an office and its subtree in one prefix query)
  scope     who sees which offices: an account's office and its subtree; `within(query, column, user)` for lists
  service   the tree as an admin manages it: read, add a child, change one

This package imports no other domain: an account is read only through its `role` and `office_id` (accounts and
aid import this package, never the other way round).
"""
