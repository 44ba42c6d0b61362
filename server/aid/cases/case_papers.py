"""Which papers a case offers, and which module draws each (documents.KINDS names them all).

Every case: the 法律援助申请表 and the draft 劳动仲裁申请书. An injury case: the 工伤认定申请表. A wage case with an
amount owed: the 支付令申请书 (a 支付令 asks for a stated sum: 《民事诉讼法》第二百二十五条). Once a lawyer is assigned:
the lawyer's papers (documents.NEEDS_LAWYER). A kind the case does not offer is refused as not found.
"""
from ...errors import NotFound
from . import arbitration_paper, documents, injury_papers, lawyer_papers, payment_order
from .paper import printable, write_docx, write_pdf

BUILDERS = {**documents.BUILDERS, "arbitration_claim": arbitration_paper.arbitration_claim,
            **injury_papers.BUILDERS, **payment_order.BUILDERS}
NOT_OFFERED = {"injury_recognition": "这个案件没有工伤认定申请表：只有工伤案件才有。",
               "payment_order": "这个案件没有支付令申请书：只有填了拖欠金额的欠薪案件才有。"}


def offered(case_type: str | None, amount_owed_fen: int | None, lawyer: bool) -> list[str]:
    """The kinds this case offers, in documents.KINDS' order."""
    def offers(kind: str) -> bool:
        if kind == "injury_recognition":
            return case_type == "injury"
        if kind == "payment_order":
            return case_type == "wages" and amount_owed_fen is not None
        return lawyer or kind not in documents.NEEDS_LAWYER
    return [kind for kind in documents.KINDS if offers(kind)]


def refuse_unless_offered(kind: str, case_type: str | None, amount_owed_fen: int | None) -> None:
    """404 in plain Chinese for a kind this case does not offer (the lawyer's papers count as offered: 409 later)."""
    if kind not in offered(case_type, amount_owed_fen, True):
        raise NotFound(NOT_OFFERED.get(kind, "没有这种文书。"), "document_not_offered")


def render(kind: str, fmt: str, case: dict) -> bytes:
    """Any paper of documents.KINDS as .docx or PDF bytes, from the case view (plus its particulars)."""
    if kind in documents.NEEDS_LAWYER:
        return lawyer_papers.render(kind, fmt, case)
    if kind not in BUILDERS or fmt not in documents.FORMATS:
        raise NotFound("没有这种文书。", "document_not_found")
    refuse_unless_offered(kind, case.get("case_type"), case.get("amount_owed_fen"))
    blocks = [printable(block) for block in BUILDERS[kind](case)]
    return write_docx(blocks) if fmt == "docx" else write_pdf(blocks, documents.KINDS[kind])
