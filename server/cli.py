"""Flask commands: `flask content load`."""
import click
from flask import current_app
from flask.cli import AppGroup

from .cards.loader import ContentError, load_content

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
        raise SystemExit(1)
    state = "已更新" if result["changed"] else "没有变化"
    click.echo(f"内容{state}：版本 {result['version']}，{result['topics']} 个主题，"
               f"{result['cards']} 张卡片（改动 {result['cards_changed']} 张），{result['quiz']} 道题")


def register(app):
    app.cli.add_command(content)
