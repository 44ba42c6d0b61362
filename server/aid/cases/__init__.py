"""One case: its moves (workflow.MOVES, moves.py), clocks, texts to the worker, its view for the handler, its
papers, its lawyers. Builds on server/aid/ (models, access, codes, ...) and on nothing else of aid's."""
