"""A worker browses topics, searches in Chinese, reads a card; the app caches the pack offline."""
import gzip
import json

import brotli
import pytest

from server.cards.search import terms


def get(client, url, **kw):
    resp = client.get(url, **kw)
    assert resp.status_code == 200, resp.get_data(as_text=True)
    return resp.get_json()


@pytest.fixture
def client(loaded):
    return loaded.test_client()


def slugs(body):
    return [c["slug"] for c in body["items"]]


def test_topics_come_with_their_card_counts(client):
    topics = get(client, "/api/v1/topics")["items"]
    assert [(t["slug"], t["count"]) for t in topics] == [("wages", 1), ("contracts", 1), ("injury", 1)]


def test_two_character_words_find_cards(client):
    assert slugs(get(client, "/api/v1/cards?q=工伤")) == ["injury-first-step"]
    assert slugs(get(client, "/api/v1/cards?q=合同")) == ["no-contract-double-pay"]


def test_a_card_asking_the_question_ranks_above_one_mentioning_it_in_passing(client):
    # wage-arrears asks about 工资; no-contract-double-pay only mentions 工资 in its answer.
    assert slugs(get(client, "/api/v1/cards?q=工资")) == ["wage-arrears", "no-contract-double-pay"]


def test_a_longer_question_ranks_by_how_much_of_it_a_card_holds(client):
    assert slugs(get(client, "/api/v1/cards?q=老板一直拖欠我工资"))[0] == "wage-arrears"


def test_search_ignores_spaces_and_punctuation_and_full_width_letters(client):
    assert slugs(get(client, "/api/v1/cards?q= 工 伤！")) == []  # single characters apart are not the word
    assert slugs(get(client, "/api/v1/cards?q=工伤！")) == ["injury-first-step"]


def test_no_results_suggest_topics(client):
    body = get(client, "/api/v1/cards?q=火星探测")
    assert body["total"] == 0 and body["items"] == []
    assert [t["slug"] for t in body["suggestions"]] == ["wages", "contracts", "injury"]


def test_browse_by_topic_and_page(client):
    assert slugs(get(client, "/api/v1/cards?topic=injury")) == ["injury-first-step"]
    first = get(client, "/api/v1/cards?page=1&page_size=2")
    second = get(client, "/api/v1/cards?page=2&page_size=2")
    assert first["total"] == second["total"] == 3
    assert len(first["items"]) == 2 and len(second["items"]) == 1
    assert set(slugs(first)) | set(slugs(second)) == {"wage-arrears", "no-contract-double-pay", "injury-first-step"}


def test_page_size_is_capped(client):
    assert client.get("/api/v1/cards?page_size=101").status_code == 422


def test_one_card_has_answer_steps_citations_and_related(client):
    card = get(client, "/api/v1/cards/no-contract-double-pay")
    assert card["question"] == "没签劳动合同能要二倍吗？"
    assert card["answer_html"].startswith("<p>")
    assert card["citations"] == [{"law": "劳动合同法", "article": "82", "label": "《劳动合同法》第八十二条"}]
    assert card["next_steps"] == [{"text": "申请法律援助", "action": "apply", "target": ""}]
    assert [r["slug"] for r in card["related"]] == ["wage-arrears"]
    assert card["related"][0]["question"] == "老板拖欠工资怎么办？"


def test_pack_holds_everything_for_offline_and_answers_304(client):
    resp = client.get("/api/v1/content/pack")
    pack = resp.get_json()
    assert pack["version"] == "1" and pack["locale"] == "zh-CN"
    assert len(pack["cards"]["slug"]) == 3 and len(pack["topics"]) == 3
    # The quiz bank and the calculators' rules are downloads of their own, fetched after a first visit.
    assert "quiz" not in pack and "calculators" not in pack
    bank = client.get("/api/v1/content/quiz")
    assert len(bank.get_json()["quiz"]["question"]) == 2 and bank.get_json()["version"] == "1"
    assert client.get("/api/v1/content/quiz", headers={"If-None-Match": bank.headers["ETag"]}).status_code == 304
    etag = resp.headers["ETag"]
    again = client.get("/api/v1/content/pack", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    other = client.get("/api/v1/content/pack", headers={"If-None-Match": '"0-stale-zh-CN"'})
    assert other.status_code == 200


def test_the_packs_columns_hold_each_card_as_the_card_api_gives_it(client):
    """Cards and quiz go out as columns (card i is entry i of each list); a citation without its label,
    which the phone writes from law and article; the quiz's right answer first, without the bank's ids."""
    for locale in ("zh-CN", "zh-TW"):
        pack = get(client, f"/api/v1/content/pack?locale={locale}")
        cards, quiz = pack["cards"], get(client, f"/api/v1/content/quiz?locale={locale}")["quiz"]
        assert {len(column) for column in cards.values()} == {3} and {len(column) for column in quiz.values()} == {2}
        for i, slug in enumerate(cards["slug"]):
            card = get(client, f"/api/v1/cards/{slug}?locale={locale}")
            for field in ("topic", "question", "summary", "tags", "answer_html", "caveat", "next_steps"):
                assert cards[field][i] == card[field], (slug, field)
            assert cards["related"][i] == [r["slug"] for r in card["related"]]
            assert cards["citations"][i] == [{k: v for k, v in c.items() if k != "label"} for c in card["citations"]]
        drawn = {q["question"]: q for q in get(client, f"/api/v1/quiz?count=50&locale={locale}")["items"]}
        for i, question in enumerate(quiz["question"]):
            assert quiz["options"][i][0] == drawn[question]["answer"]
            assert sorted(quiz["options"][i]) == sorted(drawn[question]["options"])
            assert quiz["card"][i] == drawn[question]["card"]
            assert quiz["explanation"][i] == drawn[question]["explanation"]


def test_pack_is_gzipped_for_clients_that_accept_it(client):
    resp = client.get("/api/v1/content/pack", headers={"Accept-Encoding": "gzip, deflate"})
    assert resp.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(resp.data))["version"] == "1"


def test_pack_etag_changes_when_content_changes(loaded, tmp_path):
    import shutil

    from server.cards.loader import load_content

    from .conftest import FIXTURE_CONTENT
    client = loaded.test_client()
    old = client.get("/api/v1/content/pack").headers["ETag"]
    content = shutil.copytree(FIXTURE_CONTENT, tmp_path / "c")
    card = content / "cards/wage-arrears.md"
    card.write_text(card.read_text(encoding="utf-8").replace("找劳动监察。", "打 12333。"), encoding="utf-8")
    with loaded.app_context():
        load_content(loaded, content)
    resp = client.get("/api/v1/content/pack", headers={"If-None-Match": old})
    assert resp.status_code == 200 and resp.headers["ETag"] != old
    assert resp.get_json()["version"] == "2"
    assert "留好证据，打 12333。" in resp.get_json()["cards"]["summary"]


def test_traditional_chinese_from_the_same_source(client):
    card = get(client, "/api/v1/cards/wage-arrears?locale=zh-TW")
    assert card["question"] == "老闆拖欠工資怎麼辦？"
    assert card["slug"] == "wage-arrears" and card["next_steps"][0]["target"] == "12333"
    by_header = client.get("/api/v1/topics", headers={"Accept-Language": "zh-TW,zh;q=0.9"})
    assert by_header.headers["Content-Language"] == "zh-TW"
    assert by_header.get_json()["items"][0]["name"] == "工資與欠薪"
    pack = client.get("/api/v1/content/pack?locale=zh-TW")
    assert pack.get_json()["locale"] == "zh-TW"
    assert pack.headers["ETag"] != client.get("/api/v1/content/pack").headers["ETag"]


def test_traditional_query_finds_the_same_cards(client):
    assert slugs(get(client, "/api/v1/cards?q=工資&locale=zh-TW")) == slugs(get(client, "/api/v1/cards?q=工资"))


def test_quiz_draws_distinct_questions(client):
    items = get(client, "/api/v1/quiz?count=10")["items"]
    assert sorted(q["id"] for q in items) == ["q-double-pay", "q-injury"]
    for q in items:
        assert q["answer"] in q["options"]
    assert len(get(client, "/api/v1/quiz?count=1")["items"]) == 1
    assert client.get("/api/v1/quiz?count=0").status_code == 422


def test_each_draw_shuffles_the_options_so_the_right_answer_is_not_always_first(client):
    # The bank lists every answer among its options; a printed or read-out quiz must not give it away.
    # The pack's bank (columns) lists each question's right answer first.
    quiz = get(client, "/api/v1/content/quiz")["quiz"]
    bank = dict(zip(quiz["question"], quiz["options"], strict=True))
    positions: dict[tuple[str, str], set[int]] = {}
    for _ in range(40):
        for q in get(client, "/api/v1/quiz?count=10")["items"]:
            assert sorted(q["options"]) == sorted(bank[q["question"]])
            assert q["answer"] == bank[q["question"]][0] and q["answer"] in q["options"]
            for i, option in enumerate(q["options"]):
                positions.setdefault((q["id"], option), set()).add(i)
    # Every option, the right answer among them, turns up in more than one place.
    assert len(positions) == sum(len(options) for options in bank.values())
    assert all(len(seen) > 1 for seen in positions.values()), positions


def test_a_traditional_quiz_is_shuffled_and_its_answer_is_still_one_of_its_options(client):
    draws = [get(client, "/api/v1/quiz?count=10&locale=zh-TW")["items"] for _ in range(20)]
    assert all(q["answer"] in q["options"] for items in draws for q in items)
    firsts = {q["options"][0] for items in draws for q in items if q["id"] == "q-double-pay"}
    assert firsts == {"一倍", "二倍", "三倍"}


def test_terms_are_bigrams_of_chinese_runs_and_whole_latin_words():
    assert terms("没签合同") == {"没签", "签合", "合同"}
    assert terms("工") == {"工"}
    assert terms("打12333问问 WeChat") == {"打", "12333", "问问", "wechat"}


def test_search_sees_new_content_as_soon_as_it_is_loaded(loaded, tmp_path):
    import shutil

    from server.cards.loader import load_content

    from .conftest import FIXTURE_CONTENT
    client = loaded.test_client()
    assert slugs(get(client, "/api/v1/cards?q=押金")) == []
    content = shutil.copytree(FIXTURE_CONTENT, tmp_path / "c")
    card = content / "cards/wage-arrears.md"
    card.write_text(card.read_text(encoding="utf-8").replace("老板拖欠工资怎么办？", "老板扣押金、拖欠工资怎么办？"),
                    encoding="utf-8")
    with loaded.app_context():
        load_content(loaded, content)
    assert slugs(get(client, "/api/v1/cards?q=押金")) == ["wage-arrears"]


@pytest.fixture
def packed(make_app, tmp_path):
    """An app whose `content load` writes the pack files under tmp_path/pack."""
    from server.cards.loader import load_content
    app = make_app(PACK_DIR=str(tmp_path / "pack"))
    with app.app_context():
        load_content(app)
    return app


def test_content_load_writes_each_locales_pack_and_its_gzip_twin_for_nginx(packed, tmp_path):
    folder = tmp_path / "pack"
    for locale in ("zh-CN", "zh-TW"):
        current = folder / f"pack-{locale}.json"
        versioned = list(folder.glob(f"pack-1-*-{locale}.json"))
        assert len(versioned) == 1 and versioned[0].read_bytes() == current.read_bytes()
        assert gzip.decompress((folder / f"pack-{locale}.json.gz").read_bytes()) == current.read_bytes()
        served = packed.test_client().get(f"/api/v1/content/pack?locale={locale}")
        assert served.data == current.read_bytes() and json.loads(served.data)["locale"] == locale
        zipped = packed.test_client().get(f"/api/v1/content/pack?locale={locale}", headers={"Accept-Encoding": "gzip"})
        assert zipped.data == (folder / f"pack-{locale}.json.gz").read_bytes()
        # The calculators' rules beside it (GET /api/v1/content/calculators), under stable names too.
        rules = packed.test_client().get(f"/api/v1/content/calculators?locale={locale}")
        assert rules.data == (folder / f"calculators-{locale}.json").read_bytes()


def test_the_pack_goes_out_as_brotli_where_accepted_from_its_twin_and_again_from_memory(packed, tmp_path):
    folder, client = tmp_path / "pack", packed.test_client()
    chromium = {"Accept-Encoding": "gzip, deflate, br, zstd"}
    for locale in ("zh-CN", "zh-TW"):
        twin = (folder / f"pack-{locale}.json.br").read_bytes()
        assert brotli.decompress(twin) == (folder / f"pack-{locale}.json").read_bytes()
        first, again = (client.get(f"/api/v1/content/pack?locale={locale}", headers=chromium) for _ in range(2))
        assert first.headers["Content-Encoding"] == again.headers["Content-Encoding"] == "br"
        assert first.data == again.data == twin and first.headers["ETag"] == again.headers["ETag"]
        for answer in (first, again):  # each header once; no file name, no Last-Modified beside the ETag, no
            names = [name.lower() for name, _value in answer.headers]  # Date (the HTTP server writes its own)
            assert len(names) == len(set(names)) and {"content-disposition", "last-modified", "date"}.isdisjoint(names)
            assert answer.headers["Cache-Control"] == "no-cache"
        assert len(twin) < 0.85 * len((folder / f"pack-{locale}.json.gz").read_bytes())
    gz = client.get("/api/v1/content/pack", headers={"Accept-Encoding": "gzip, br;q=0"})
    assert gz.headers["Content-Encoding"] == "gzip" and gz.headers["ETag"] != first.headers["ETag"]
    br_etag = client.get("/api/v1/content/pack", headers=chromium).headers["ETag"]
    assert client.get("/api/v1/content/pack", headers=chromium | {"If-None-Match": br_etag}).status_code == 304


def test_each_encoding_of_the_pack_has_its_own_etag_and_answers_304(packed):
    client = packed.test_client()
    plain = client.get("/api/v1/content/pack").headers["ETag"]
    zipped = client.get("/api/v1/content/pack", headers={"Accept-Encoding": "gzip"}).headers["ETag"]
    assert plain != zipped
    again = client.get("/api/v1/content/pack", headers={"Accept-Encoding": "gzip", "If-None-Match": zipped})
    assert again.status_code == 304 and again.headers["ETag"] == zipped and again.data == b""
    assert client.get("/api/v1/content/pack", headers={"If-None-Match": zipped}).status_code == 200


def test_a_missing_pack_file_is_written_again_when_asked_for(packed, tmp_path):
    from server.cards import pack_files
    for f in (tmp_path / "pack").iterdir():
        f.unlink()
    pack_files._pack_files.cache_clear()
    assert packed.test_client().get("/api/v1/content/pack").get_json()["version"] == "1"
    assert (tmp_path / "pack" / "pack-zh-CN.json").is_file()


def test_a_bad_locale_for_the_pack_is_still_refused(packed):
    assert packed.test_client().get("/api/v1/content/pack?locale=en").status_code == 422


def test_a_repeated_search_is_answered_per_locale_with_the_security_headers(client):
    first = client.get("/api/v1/cards?q=工资", headers={"Accept-Language": "zh-TW"})
    again = client.get("/api/v1/cards?q=工资", headers={"Accept-Language": "zh-TW"})
    simplified = client.get("/api/v1/cards?q=工资")
    assert first.data == again.data and "工資" in again.get_data(as_text=True)
    assert again.headers["Content-Language"] == "zh-TW" and simplified.headers["Content-Language"] == "zh-CN"
    assert "工资" in simplified.get_data(as_text=True)
    assert again.headers["X-Content-Type-Options"] == "nosniff" and "Content-Security-Policy" in again.headers


def test_the_pack_answered_again_from_memory_is_the_same_file_with_the_same_headers(packed):
    client = packed.test_client()
    gz = {"Accept-Encoding": "gzip"}
    first, again = client.get("/api/v1/content/pack", headers=gz), client.get("/api/v1/content/pack", headers=gz)
    assert again.data == first.data and gzip.decompress(again.data)
    for header in ("ETag", "Content-Encoding", "Content-Language", "Vary", "Cache-Control", "Content-Security-Policy",
                   "X-Content-Type-Options", "Content-Length"):
        assert again.headers.get(header) == first.headers.get(header), header
    not_modified = client.get("/api/v1/content/pack", headers=gz | {"If-None-Match": again.headers["ETag"]})
    assert not_modified.status_code == 304 and not_modified.data == b""
    assert client.get("/api/v1/content/pack?locale=en").status_code == 422  # never answered from memory


def test_a_cross_origin_search_takes_the_normal_way(make_app):
    from server.cards.loader import load_content
    app = make_app(CORS_ORIGINS=["https://partner.example.org"])
    with app.app_context():
        load_content(app)
    client = app.test_client()
    assert client.get("/api/v1/cards?q=工资").status_code == 200
    cross = client.get("/api/v1/cards?q=工资", headers={"Origin": "https://partner.example.org"})
    assert cross.headers["Access-Control-Allow-Origin"] == "https://partner.example.org"


def test_the_pack_from_memory_still_answers_a_range_and_a_second_locale_from_its_own_file(packed):
    client = packed.test_client()
    first = client.get("/api/v1/content/pack")
    client.get("/api/v1/content/pack")  # now kept in memory
    part = client.get("/api/v1/content/pack", headers={"Range": "bytes=0-9"})
    assert part.status_code == 206 and part.data == first.data[:10]
    assert part.headers["Content-Range"] == f"bytes 0-9/{len(first.data)}"
    again = client.get("/api/v1/content/pack")
    assert again.data == first.data and again.headers["ETag"] == first.headers["ETag"]
    assert sorted(name for name, _v in again.headers if name != "Date") == sorted(
        name for name, _v in first.headers if name != "Date")  # the same headers, each once
    taiwan = client.get("/api/v1/content/pack?locale=zh-TW")
    assert taiwan.get_json()["locale"] == "zh-TW" and taiwan.data != first.data
