"""`flask content load`: loads idempotently, bumps the version on edits, refuses bad content."""
import shutil
from pathlib import Path

import pytest

from server.cards.loader import load_content
from server.cards.models import Card, CardTerm, ContentVersion, QuizQuestion
from server.cards.reading import ContentError
from server.extensions import db

from .conftest import FIXTURE_CONTENT


@pytest.fixture
def content(tmp_path) -> Path:
    """A writable copy of the fixture content."""
    return Path(shutil.copytree(FIXTURE_CONTENT, tmp_path / "content"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def counts():
    return {m.__tablename__: db.session.query(m).count() for m in (Card, CardTerm, QuizQuestion)}


def test_cli_loads_the_content_and_reports_it(runner, app):
    result = runner.invoke(args=["content", "load"])
    assert result.exit_code == 0, result.output
    assert "3 张卡片" in result.output and "2 道题" in result.output
    with app.app_context():
        assert counts()["cards"] == 3


def test_loading_twice_changes_nothing(app, content):
    with app.app_context():
        first = load_content(app, content)
        before = counts()
        stamps = {c.slug: c.updated_at for c in db.session.scalars(db.select(Card))}
        second = load_content(app, content)
        assert second["changed"] is False and second["version"] == first["version"] == 1
        assert counts() == before
        assert {c.slug: c.updated_at for c in db.session.scalars(db.select(Card))} == stamps


def test_editing_one_card_bumps_the_version_and_reindexes_only_it(app, content):
    with app.app_context():
        load_content(app, content)
        untouched = db.session.scalar(db.select(Card).where(Card.slug == "wage-arrears")).updated_at
        edit(content / "cards/injury-first-step.md", "先去医院治疗", "先去医院治疗，打 120 急救")
        result = load_content(app, content)
        assert result == result | {"changed": True, "version": 2, "cards_changed": 1}
        assert db.session.get(ContentVersion, 1).version == 2
        assert db.session.scalar(db.select(Card).where(Card.slug == "wage-arrears")).updated_at == untouched
        injury = db.session.scalar(db.select(Card).where(Card.slug == "injury-first-step"))
        assert db.session.get(CardTerm, (injury.id, "急救")).weight == 1


def test_a_removed_card_disappears_with_its_index(app, content):
    with app.app_context():
        load_content(app, content)
        (content / "cards/injury-first-step.md").unlink()
        edit(content / "quiz.yml", "- id: q-injury", "- id: q-injury-gone")
        quiz = (content / "quiz.yml").read_text(encoding="utf-8").split("- id: q-injury-gone")[0]
        (content / "quiz.yml").write_text(quiz, encoding="utf-8")
        # Its word goes from the synonym list too: an alias for a word no card uses is refused.
        edit(content / "synonyms.yml", "- term: 工伤\n  aliases: [摔伤, 砸伤]\n", "")
        load_content(app, content)
        assert counts()["cards"] == 2
        assert db.session.query(CardTerm).filter(CardTerm.term == "工伤").count() == 0


@pytest.mark.parametrize("file,old,new,expected", [
    ("cards/wage-arrears.md", "citations:\n  - law: 保障农民工工资支付条例\n    article: 3\n", "citations: []\n",
     "cards/wage-arrears.md: citations"),
    ("cards/wage-arrears.md", "    article: 3", "    article: 第三条", "cards/wage-arrears.md: citations[0]"),
    ("cards/wage-arrears.md", "    article: 3", "    section: 二", "cards/wage-arrears.md: citations[0]"),
    ("cards/wage-arrears.md", "    article: 3", "    article: 3\n    section: 2",
     "cards/wage-arrears.md: citations[0]"),
    ("cards/wage-arrears.md", "topic: wages", "topic: salaries", "cards/wage-arrears.md: topic"),
    ("cards/wage-arrears.md", "related: [no-contract-double-pay]", "related: [no-such-card]",
     "cards/wage-arrears.md: related"),
    ("cards/wage-arrears.md", "slug: wage-arrears", "slug: wages-owed", "cards/wage-arrears.md: slug"),
    ("cards/wage-arrears.md", "    action: call", "    action: shout", "cards/wage-arrears.md: next_steps[0]"),
    ("cards/wage-arrears.md", "先把考勤", "<script>x</script>先把考勤", "cards/wage-arrears.md: 正文"),
    ("cards/wage-arrears.md", "topic: wages", "topic: wages\ncalculator: salary", "cards/wage-arrears.md: calculator"),
    ("quiz.yml", "answer: 二倍", "answer: 四倍", "quiz.yml: q-double-pay: answer"),
    # Answers are judged by their text, so two options with the same text cannot both be told apart.
    ("quiz.yml", "options: [一倍, 二倍, 三倍]", "options: [一倍, 二倍, 二倍]", "quiz.yml: q-double-pay: options"),
    ("quiz.yml", "card: injury-first-step", "card: nowhere", "quiz.yml: q-injury: card"),
    ("topics.yml", "- slug: injury", "- slug: Injury!", "topics.yml: [2]: slug"),
])
def test_bad_content_stops_the_load_naming_file_and_field(app, content, file, old, new, expected):
    edit(content / file, old, new)
    with app.app_context():
        with pytest.raises(ContentError) as err:
            load_content(app, content)
        assert any(p.startswith(expected) for p in err.value.problems), err.value.problems
        assert counts() == {"cards": 0, "card_terms": 0, "quiz_questions": 0}  # nothing half-loaded


def test_a_refused_reload_keeps_the_previous_content(app, content):
    with app.app_context():
        load_content(app, content)
        edit(content / "quiz.yml", "answer: 二倍", "answer: 四倍")
        with pytest.raises(ContentError):
            load_content(app, content)
        assert counts()["cards"] == 3 and db.session.get(ContentVersion, 1).version == 1


def test_cli_refusal_exits_non_zero_with_the_reason(make_app, content):
    edit(content / "cards/wage-arrears.md", "topic: wages", "topic: salaries")
    app = make_app(CONTENT_DIR=str(content))
    result = app.test_cli_runner().invoke(args=["content", "load"])
    assert result.exit_code == 1
    assert "cards/wage-arrears.md: topic" in result.output


def test_a_document_without_articles_is_cited_by_its_numbered_part(app, content):
    # The 2008 notice on the 21.75 divisor has parts 一、二、三 and no articles.
    edit(content / "cards/wage-arrears.md", "  - law: 保障农民工工资支付条例\n    article: 3",
         "  - law: 关于职工全年月平均工作时间和工资折算问题的通知\n    section: 2")
    with app.app_context():
        load_content(app, content)
        card = db.session.scalar(db.select(Card).where(Card.slug == "wage-arrears"))
    assert card.citations == [{"law": "关于职工全年月平均工作时间和工资折算问题的通知", "article": "",
                               "section": "2", "label": "《关于职工全年月平均工作时间和工资折算问题的通知》第二部分"}]


def test_a_card_ends_with_its_calculator(app, content):
    # `calculator:` in the front matter: the card's last next step opens that calculator (issue 24).
    edit(content / "cards/wage-arrears.md", "topic: wages", "topic: wages\ncalculator: wages")
    with app.app_context():
        load_content(app, content)
        card = db.session.scalar(db.select(Card).where(Card.slug == "wage-arrears"))
        other = db.session.scalar(db.select(Card).where(Card.slug != "wage-arrears"))
    assert card.next_steps[-1] == {"text": "算一算：欠薪", "action": "go", "target": "/calc/wages"}
    assert not any(s["target"].startswith("/calc/") for s in other.next_steps)
