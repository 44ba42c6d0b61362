"""A case's documents as files: the filled 法律援助申请表, a draft 劳动仲裁申请书, for an injury a draft 工伤认定申请表,
for unpaid wages with an amount a draft 支付令申请书 (case_papers.offered) and, once a lawyer is assigned, the
lawyer's day-one papers (法律援助公函（指派通知书）, 委托代理协议, 授权委托书), .docx or PDF.

Only the case's handlers get them (staff and admins; the assigned lawyer once assignment exists),
each download is written to the audit log, and the file is served as an attachment nobody caches.
"""

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from ...accounts.guard import current_user, require_role
from ...files import attachment
from ..access import HANDLER_ROLES
from . import documents, view

blp = Blueprint("aid_documents", __name__, url_prefix="/api/v1",
                description="法律援助：案件文书（法律援助申请表、劳动仲裁申请书草稿；工伤案件有工伤认定申请表草稿，"
                            "欠薪案件有支付令申请书草稿；指派律师后还有法律援助公函、委托代理协议、授权委托书），"
                            "docx 或 PDF")

KIND_RULE = f"any({', '.join(documents.KINDS)})"
FORMAT_RULE = f"any({', '.join(documents.FORMATS)})"
FILE_DOC = {"200": {"description": "the document", "content": {
    mime: {"schema": {"type": "string", "format": "binary"}} for mime in documents.FORMATS.values()}}}


@blp.route(f"/cases/<int:application_id>/documents/<{KIND_RULE}:kind>.<{FORMAT_RULE}:fmt>")
class CaseDocument(MethodView):
    @require_role("lawyer", *HANDLER_ROLES)
    @blp.doc(responses=FILE_DOC)
    def get(self, application_id, kind, fmt):
        """A case's document, docx or pdf: aid_application (法律援助申请表), arbitration_claim (劳动仲裁申请书草稿),
        injury_recognition (工伤认定申请表草稿: injury cases only), payment_order (支付令申请书草稿: wage cases with an
        amount owed only; another case gets 404 document_not_offered), and once a lawyer is assigned
        appointment_letter (法律援助公函（指派通知书）), agency_agreement (委托代理协议),
        power_of_attorney (授权委托书): before that those three get 409 lawyer_not_assigned.

        The case's handlers only; every download is audited once (action "document", with why)."""
        body, code = view.document(application_id, kind, fmt, current_user())
        return Response(body, mimetype=documents.FORMATS[fmt], headers={
            "Content-Disposition": attachment(f"{kind}-{code}.{fmt}", f"{documents.KINDS[kind]}-{code}.{fmt}"),
            "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store", "Pragma": "no-cache"})
