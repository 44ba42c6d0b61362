"""A file of the case file as the API shows it (aid/cases/files.py): the case view's office_files, the file list."""
from marshmallow import Schema, fields


class CaseFileOut(Schema):
    """A file the office side attached to the case (aid/cases/files.py)."""

    id = fields.String()
    kind = fields.String()
    kind_label = fields.String()
    dated_on = fields.Date()
    label = fields.String()
    content_type = fields.String(metadata={"description": "application/pdf or image/jpeg (a re-encoded photo)"})
    pages = fields.Integer(allow_none=True, metadata={"description": "a PDF's page count"})
    bytes = fields.Integer()
    width = fields.Integer(metadata={"description": "a photo's; 0 for a PDF"})
    height = fields.Integer()
    added_at = fields.DateTime()
    added_by = fields.String(metadata={"description": "who attached it: name (role)"})
    url = fields.String()
    download_url = fields.String()
    thumbnail_url = fields.String(allow_none=True, metadata={"description": "null for a PDF"})
    removable = fields.Boolean(metadata={
        "description": "whether the reader may remove it (who added it, or staff of the case's office or above)"})
