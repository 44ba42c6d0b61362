"""A multipart upload's form fields and its one file, read within a limit: what every upload route shares."""
from dataclasses import dataclass
from typing import Callable

from flask import request
from marshmallow import Schema, ValidationError
from werkzeug.exceptions import RequestEntityTooLarge

from ..errors import DomainError, chinese_messages


@dataclass
class Sent:
    body: bytes  # at most max_file + 1 bytes: one more than allowed tells the checker it is too big
    filename: str
    mimetype: str


def read(schema: Schema, request_limit: int, max_file: int,
         too_big: Callable[[], Exception]) -> tuple[dict, Sent | None]:
    """The form's fields as `schema` loads them (422 in the one format) and the part named "file" (None without)."""
    request.max_content_length = request_limit
    try:
        form, files = request.form, request.files
    except RequestEntityTooLarge:
        raise too_big() from None
    try:
        # A part without a name (Content-Disposition with no name=) is no field of ours.
        data = schema.load({k: v for k, v in form.to_dict().items() if isinstance(k, str) and k})
    except ValidationError as exc:
        raise DomainError("上传的内容有误，请按提示修改。", "invalid_upload",
                          errors={"form": chinese_messages(exc.messages)}) from None
    file = files.get("file")
    if file is None:
        return data, None
    try:
        body = file.read(max_file + 1)
    finally:
        file.close()  # a large part was spooled to a temporary file
    return data, Sent(body, file.filename or "", file.mimetype or "")
