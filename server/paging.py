"""One pagination style for lists: `@blp.paginate(QueryPage)` over a query a service returns.

The route returns the unpaged SQLAlchemy select; this pages it (LIMIT/OFFSET) and counts it,
and flask-smorest sends the figures in the `X-Pagination` header. `page_size` is capped at
MAX_PAGE_SIZE. The cards list is the one exception (its figures are in the body, which the PWA reads).
"""
from flask_smorest import Page
from sqlalchemy import func, select

from .extensions import db

MAX_PAGE_SIZE = 100
# A page this far out holds nothing; asking the database would overflow its 64-bit OFFSET.
FAR_OUT = 2**62
PAGING = {"page_size": 50, "max_page_size": MAX_PAGE_SIZE}


class QueryPage(Page):
    """A page of a `select(...)` statement."""

    @property
    def items(self):
        p = self.page_params
        if p.first_item >= FAR_OUT:
            return []
        return db.session.scalars(self.collection.limit(p.page_size).offset(p.first_item)).all()

    @property
    def item_count(self):
        return db.session.scalar(select(func.count()).select_from(self.collection.order_by(None).subquery()))
