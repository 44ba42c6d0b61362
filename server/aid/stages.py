"""The stages of a case, one row each: its label, who acts next and what the case waits for (the inbox), what
the worker reads comes next (the tracking page) and the running clock's label. workflow.MOVES holds the moves
between them."""
from dataclasses import dataclass

STAFF, LAWYER, WORKER = "staff", "lawyer", "worker"
ENDED = "已办结，不需要再操作"
# 《法律援助法》第四十九条 (law-facts LA-10, LA-13), for 不予受理, 不予法律援助 and 终止法律援助. The Law gives
# the worker no deadline to object (a local page's "7 个工作日" is not the Law), so: as soon as you can.
OBJECTION = ("不服这个决定，可以尽快到当地司法局（管法律援助中心的那个司法局）提异议，说清楚为什么不服。"
             "司法局收到后 5 日内要给答复；对答复还不服，可以申请行政复议或者到法院起诉（《法律援助法》第四十九条）。"
             "也可以打 12348 问。")


@dataclass(frozen=True)
class Stage:
    label: str
    next_step: str  # the tracking page's 下一步; {decide}, {assign}, {materials}: those clocks' dates
    actor: str | None = None  # who acts next (None: nobody, the case has ended)
    waiting: str = ENDED  # what the case waits for
    clock: str = ""  # the label of the running clock stored in due_on (workflow.running_clock)


STAGE = {
    "submitted": Stage("收到申请", "{decide} 前会决定是否给你法律援助，有结果会打电话或发短信告诉你。"
                                   "材料不齐的，会一次告诉你要补什么。", STAFF, "等工作人员受理", "决定期限"),
    "materials_requested": Stage("待补充材料", "请在 {materials} 前补上材料，在这个页面就能补。"
                                               "过期不补，申请就算撤回了。", WORKER, "等工友补充材料", "补充材料期限"),
    "accepted": Stage("已受理", "已受理。{decide} 前会决定是否给你法律援助。", STAFF, "等工作人员决定是否给予法律援助",
                      "决定期限"),
    "not_accepted": Stage("不予受理", "你的申请没有被受理，为什么写在下面。" + OBJECTION),
    "approved": Stage("已决定给予法律援助", "已决定给你法律援助，{assign} 前会给你指派律师。", STAFF,
                      "等工作人员指派律师", "指派期限"),
    "refused": Stage("不予法律援助", "决定不给你法律援助，为什么写在下面。" + OBJECTION),
    "assigned": Stage("已指派律师", "已给你指派援助律师，律师会联系你。法律援助不收任何费用。", LAWYER,
                      "等律师接受指派"),
    "lawyer_accepted": Stage("律师已接案", "援助律师已经接了你的案子，正在办。有新情况可以打律师的办公电话。", LAWYER,
                             "律师办理中"),
    "in_progress": Stage("办理中", "援助律师正在办你的案子。", LAWYER, "律师办理中"),
    "closed": Stage("已结案", "案子已经办完。工作人员之后会回访，听听你的意见。", STAFF, "等工作人员回访"),
    "followed_up": Stage("已回访", "案子已经办完，也回访过了。谢谢你的信任。"),
    "withdrawn": Stage("已撤回", "申请已撤回。需要的话，可以重新申请。"),
    "terminated": Stage("终止法律援助", "给你的法律援助已经终止，为什么写在下面。" + OBJECTION),
}
STAGES = {name: stage.label for name, stage in STAGE.items()}
# A case in one of these is still being handled (a withdrawal, a refusal or 终止 ends it; so does closing).
OPEN_STAGES = ("submitted", "materials_requested", "accepted", "approved", "assigned", "lawyer_accepted",
               "in_progress")
