"""Flask commands: `flask content load`, `flask users create`, `flask media sweep`, `flask sweep`, `flask aid sweep`,
`flask backup`, `flask restore`, `flask office export|import`, `flask schedule run-due` (the three sweeps, from cron
on every server), `flask jobs worker` (the job queue's worker) and `flask data-key rotate` (a new DATA_KEY)."""
import logging

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from .cards.loader import load_content
from .cards.reading import ContentError
from .roles import ROLES

content = AppGroup("content", help="Law Q&A cards, topics and quiz.")


@content.command("load")
@click.option("--path", default=None, help="content folder (default: CONTENT_DIR)")
def content_load(path):
    """Validate content/ and load it into the database (idempotent)."""
    try:
        result = load_content(current_app, path)
    except ContentError as exc:
        for problem in exc.problems:
            click.echo(f"错误 {problem}", err=True)
        raise SystemExit(1) from exc
    state = "已更新" if result["changed"] else "没有变化"
    click.echo(f"内容{state}：版本 {result['version']}，{result['topics']} 个主题，"
               f"{result['cards']} 张卡片（改动 {result['cards_changed']} 张），{result['quiz']} 道题，"
               f"{len(result['calculators'])} 个计算器的规则")


users = AppGroup("users", help="Accounts: volunteers, lawyers, staff, admins.")


@users.command("create")
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--username", default=None)
@click.option("--password", default=None, help="prompted for (hidden) when left out")
@click.option("--name", "display_name", default="", help="the name people see, e.g. 王律师")
@click.option("--phone", default=None, help="mainland mobile, e.g. 13812345678")
@click.option("--office-phone", default="", help="a lawyer's office number, told to the workers they help")
@click.option("--law-firm", default="", help="a lawyer's law firm, told to the workers they help")
def users_create(role, username, password, display_name, phone, office_phone, law_firm):
    """Make an account (the first admin is made this way)."""
    from .accounts.users import create_user
    from .errors import DomainError
    from .pii import InvalidPhone, normalise_phone

    try:
        phone = normalise_phone(phone) if phone is not None else None
    except InvalidPhone as exc:
        raise click.BadParameter(str(exc), param_hint="--phone") from None
    if role != "worker" and username and password is None:
        password = click.prompt("密码", hide_input=True, confirmation_prompt=True)
    if password is not None and len(password) < 8:
        raise click.BadParameter("密码至少 8 位。", param_hint="--password")
    try:
        user = create_user(None, role, username, password, display_name, phone, office_phone, law_firm)
    except DomainError as exc:
        click.echo(f"错误 {exc.message}", err=True)
        raise SystemExit(1) from exc
    click.echo(f"已创建账号 #{user.id}：{user.username or user.phone_masked}（{user.role_name}）")


media = AppGroup("media", help="Evidence photos in storage (local folder or S3).")


@media.command("sweep")
def media_sweep():
    """Remove photos never attached to an application after a day (and voice clips never attached), the bytes of
    case files removed from their case 30 days ago (the row stays for the audit), and files older than a day that no
    upload row or clip points to (a process killed between writing the file and its row). Attached ones stay."""
    _sweep_media()


def _sweep_media():
    from .media.audio_service import sweep as sweep_clips
    from .media.service import sweep as sweep_uploads
    from .media.service import sweep_orphan_files, sweep_removed
    _say(f"已清理 {sweep_uploads()} 张没有附在申请里的照片")
    _say(f"已清理 {sweep_clips()} 段没有人用的录音")
    _say(f"已删除 {sweep_removed()} 个删除超过 30 天的案件文件")
    _say(f"已删除 {sweep_orphan_files()} 个没有记录的照片文件")


log = logging.getLogger(__name__)
_quiet = False  # a sweep run as a job logs what it did instead of printing it


def _say(line: str) -> None:
    if _quiet:
        log.info(line)
    else:
        click.echo(line)


@click.command("sweep")
@with_appcontext
def sweep():
    """Forget what retries no longer need (run daily, e.g. from cron): idempotency keys after 7 days,
    and everything `flask media sweep` does."""
    _sweep_keys_and_media()


def _sweep_keys_and_media():
    from .idempotency import sweep as sweep_keys
    _say(f"已清理 {sweep_keys()} 个过期的提交编号")
    _sweep_media()


aid = AppGroup("aid", help="Legal-aid cases.")


@aid.command("sweep")
def aid_sweep():
    """Run daily (and may run hourly): applications whose time for materials ran out are treated as withdrawn
    (《法律援助法》第四十三条) unless a limitation date is within 30 days (those are left for staff), the stored
    clocks are brought up to today, failed texts to workers are sent again."""
    _sweep_aid()


def _sweep_aid():
    from .aid.cases.notifications import retry_failed
    from .aid.cases.sweep import sweep as sweep_cases
    result = sweep_cases()
    tried, sent = retry_failed()
    _say(f"补充材料逾期、视为撤回 {result['withdrawn']} 件；逾期但时效紧迫、留给工作人员 {result['held']} 件；"
         f"更新期限 {result['refreshed']} 件")
    _say(f"重发短信 {tried} 条，发出 {sent} 条")


data_key = AppGroup("data-key", help="DATA_KEY, the key phones and ID numbers are kept under.")


@data_key.command("rotate")
def data_key_rotate():
    """Rewrite every phone and ID number under a new DATA_KEY (the old one in DATA_KEY_PREVIOUS); safe to stop and
    run again. Afterwards remove DATA_KEY_PREVIOUS everywhere and destroy the old key (docs/deploy.md)."""
    from .rekey import NoPreviousKey, rotate
    try:
        changed = rotate()
    except NoPreviousKey as exc:
        click.echo(f"没有旧密钥：{exc}", err=True)
        raise SystemExit(2) from exc
    for table, count in changed.items():
        click.echo(f"{table}: 改用新密钥 {count} 行")
    click.echo("完成。请从每台服务器的环境里去掉 DATA_KEY_PREVIOUS，并销毁旧密钥。")


# The sweeps as periodic jobs: `flask sweep` (keys and photos) daily, `flask aid sweep` hourly.
SWEEPS = {"sweep": (_sweep_keys_and_media, 24 * 3600, "每日清理：过期的提交编号、没人要的照片"),
          "aid.sweep": (_sweep_aid, 3600, "案件定时检查：补充材料逾期、期限、没发出的短信")}


def _as_job(func):
    def job():
        global _quiet
        _quiet = True
        try:
            func()
        finally:
            _quiet = False
    return job


schedule = AppGroup("schedule", help="Periodic work, from cron on every server.")


@schedule.command("run-due")
def schedule_run_due():
    """Queue each sweep whose period has begun (keys and photos daily, cases and texts hourly), once across all
    servers: run it from cron on every server, e.g. every 5 minutes."""
    from . import jobs
    started = jobs.run_due()
    click.echo(f"已安排：{'、'.join(started)}" if started else "没有到期的定时任务")


jobs_cli = AppGroup("jobs", help="The job queue (rq on Redis).")


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="stop when the queue is empty")
def jobs_worker(burst):
    """Run the queue's jobs (texts to workers, the sweeps), with retries scheduled; one or more per deployment."""
    from . import jobs
    if not jobs.queued():
        click.echo("错误 没有设置 REDIS_URL（或 JOBS_URL）：任务在请求里直接运行，不需要 worker。", err=True)
        raise SystemExit(1)
    jobs.work(burst=burst)


def register_jobs() -> None:
    from . import jobs
    for name, (func, every, label) in SWEEPS.items():
        jobs.register(name, _as_job(func), every=every, label=label)


def register(app):
    from .backups.cli import backup, office, restore
    app.cli.add_command(content)
    app.cli.add_command(users)
    app.cli.add_command(media)
    app.cli.add_command(sweep)
    app.cli.add_command(aid)
    app.cli.add_command(backup)
    app.cli.add_command(restore)
    app.cli.add_command(office)
    app.cli.add_command(schedule)
    app.cli.add_command(jobs_cli)
    app.cli.add_command(data_key)
    register_jobs()
