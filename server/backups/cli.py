"""`flask backup DEST`, `flask restore SRC [--force]`, `flask office export` and `flask office import`: the
services' words at the command line, never a traceback."""
import click
from flask.cli import AppGroup, with_appcontext

from . import service
from .databases import BackupError


@click.command("backup")
@click.argument("dest", type=click.Path(file_okay=False))
@with_appcontext
def backup(dest):
    """Write one backup of this instance (database, evidence files, manifest) into the new folder DEST.
    Safe while the app serves. The keys (SECRET_KEY, JWT_SECRET_KEY, DATA_KEY) are not in it: keep them apart."""
    manifest = _or_fail(service.backup, dest)
    rows = sum(manifest["counts"].values())
    click.echo(f"已备份到 {dest}：{manifest['database']} 数据库（迁移 {manifest['revision']}，{rows} 行），"
               f"{len(manifest['files'])} 个证据文件")
    if manifest["missing_files"]:
        click.echo(f"注意：{len(manifest['missing_files'])} 个文件有记录但存储里已没有，未能备份", err=True)
    click.echo("密钥（SECRET_KEY、JWT_SECRET_KEY、DATA_KEY）不在备份里：请另外保管，"
               "没有同一个 DATA_KEY 电话和身份证号无法读出")


@click.command("restore")
@click.argument("src", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="overwrite a database or storage that already holds data")
@with_appcontext
def restore(src, force):
    """Restore the backup in SRC into this empty instance: checks the manifest's checksums first, then the
    database, then the evidence files, then the row counts and files against the manifest."""
    manifest = _or_fail(service.restore, src, force=force)
    head = _or_fail(service.behind_head, manifest)
    rows = sum(manifest["counts"].values())
    click.echo(f"已恢复 {src}（{manifest['created_at']} 的备份）：{rows} 行，{len(manifest['files'])} 个证据文件，"
               "与清单一致")
    if head:
        click.echo(f"备份的数据库迁移是 {manifest['revision']}，程序已到 {head}：请运行 flask --app server db upgrade")


def _or_fail(work, *args, **kwargs):
    """What the service returns; its refusal (BackupError) as one line and exit status 1, never a traceback."""
    try:
        return work(*args, **kwargs)
    except BackupError as exc:
        click.echo(f"错误 {exc}", err=True)
        raise SystemExit(1) from exc


office = AppGroup("office", help="One office alone: its subtree into a sealed archive, and that archive into another "
                                 "deployment (the handover when a county leaves).")


@office.command("export")
@click.argument("office_id", type=int)
@click.argument("dest", type=click.Path(dir_okay=False))
@click.option("--key-file", required=True, type=click.Path(dir_okay=False),
              help="a new file: the archive's key is written there once (keep it apart from the archive)")
@with_appcontext
def office_export(office_id, dest, key_file):
    """Write office OFFICE_ID and everything under it (accounts, cases, photos, events, audit) into the new archive
    file DEST, sealed under a fresh key written into --key-file. This deployment's keys are not in it."""
    from .office_export import export
    manifest = _or_fail(export, office_id, dest, key_file)
    counts = manifest["counts"]
    click.echo(f"已导出机构 #{office_id}（{manifest['office']['name']}）到 {dest}：{len(counts)} 张表 "
               f"{sum(counts.values())} 行，{len(manifest['members']) - 1} 个证据文件")
    if manifest["missing_files"]:
        click.echo(f"注意：{len(manifest['missing_files'])} 个文件有记录但存储里已没有，未能导出", err=True)
    click.echo(f"档案的钥匙写在 {key_file}：没有它档案打不开。请把钥匙和档案分开交给对方（例如档案走网盘，钥匙当面给）")


@office.command("import")
@click.argument("src", type=click.Path(dir_okay=False))
@click.option("--key-file", required=True, type=click.Path(dir_okay=False), help="the key file written at export")
@click.option("--under", type=int, default=None, help="the office here the imported one goes under (default: the root)")
@with_appcontext
def office_import(src, key_file, under):
    """Import the archive SRC (made by `flask office export`) under office --under: checked whole first, all or
    nothing, once only."""
    from .office_import import import_archive
    done = _or_fail(import_archive, src, key_file, under)
    rows = sum(done["counts"].values())
    click.echo(f"已导入 {done['manifest']['office']['name']}，成为本机的机构 #{done['office_id']}：{rows} 行，"
               f"{done['files']} 个证据文件，与清单一致")
    if done["merged_workers"]:
        click.echo(f"{done['merged_workers']} 位工友在本机已有账号（同一手机号），案件归到原账号")
    click.echo("账号可以用原来的密码登录；手机号、身份证号已用本机的 DATA_KEY 重新加密")
