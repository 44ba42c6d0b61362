"""`flask backup DEST` and `flask restore SRC [--force]`: the service's words at the command line, never a traceback."""
import click
from flask.cli import with_appcontext

from . import service


@click.command("backup")
@click.argument("dest", type=click.Path(file_okay=False))
@with_appcontext
def backup(dest):
    """Write one backup of this instance (database, evidence files, manifest) into the new folder DEST.
    Safe while the app serves. The keys (SECRET_KEY, JWT_SECRET_KEY, DATA_KEY) are not in it: keep them apart."""
    try:
        manifest = service.backup(dest)
    except service.BackupError as exc:
        _fail(exc)
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
    try:
        manifest = service.restore(src, force=force)
        head = service.behind_head(manifest)
    except service.BackupError as exc:
        _fail(exc)
    rows = sum(manifest["counts"].values())
    click.echo(f"已恢复 {src}（{manifest['created_at']} 的备份）：{rows} 行，{len(manifest['files'])} 个证据文件，"
               "与清单一致")
    if head:
        click.echo(f"备份的数据库迁移是 {manifest['revision']}，程序已到 {head}：请运行 flask --app server db upgrade")


def _fail(exc: Exception):
    click.echo(f"错误 {exc}", err=True)
    raise SystemExit(1) from exc
