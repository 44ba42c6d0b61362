"""Input fields the legal-aid schemas share (an application, a move, a supplement): ids, amounts, days — shared
ground's own (server/inputs.py), named here for the legal-aid schemas."""
from ..inputs import CLIENT_ID as CLIENT_ID
from ..inputs import MAX_FEN as MAX_FEN
from ..inputs import AnyDay as AnyDay
from ..inputs import Day as Day
