"""`accord up`: the whole pipeline on one machine (stack, supervisor, progress line, reconcile)."""
