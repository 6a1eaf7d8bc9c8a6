"""The REST API and the web pages, served for real by uvicorn on a loopback port, over a database
built from the example pages and the development corpus."""
import http.client
import itertools
import json
import re
import select
import socket
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from urllib.parse import urlencode, urlsplit

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from conftest import SERVER_TOKEN as TOKEN
from conftest import running
from readouts.api import MAX_BODY, create_app
from readouts.store import Store


def get(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def get_json(url: str) -> tuple[int, dict]:
    status, _, body = get(url)
    return status, json.loads(body)


def test_events_filters_and_pagination(server):
    status, everything = get_json(f"{server}/api/events?limit=200")
    assert status == 200 and len(everything["items"]) > 20
    _, kim = get_json(f"{server}/api/events?actor=Kim%20Gunn")
    assert kim["items"] and all(any(p["name"] == "Kim Gunn" for p in e["participants"]) for e in kim["items"])
    _, calls = get_json(f"{server}/api/events?type=phone_call&since=2024")
    assert [e["date"] for e in calls["items"]] == ["2024-08-07"]
    _, sanctions = get_json(f"{server}/api/events?topic=sanctions&country=USA&until=2023-12")
    assert sanctions["items"] and all("sanctions" in e["topics"] for e in sanctions["items"])
    _, page = get_json(f"{server}/api/events?limit=2&offset=2")
    assert [e["id"] for e in page["items"]] == [e["id"] for e in everything["items"][2:4]]
    _, text = get_json(f"{server}/api/events?q=Lancaster%20House")
    assert [e["city"] for e in text["items"]] == ["London"]
    # engagements page the same way: the total of all matches, whatever the page's size
    _, engagements = get_json(f"{server}/api/engagements?limit=200&facets=type")
    _, first = get_json(f"{server}/api/engagements?limit=2")
    assert first["total"] == engagements["total"] == len(engagements["items"]) > 2 and len(first["items"]) == 2
    assert sum(v["count"] for v in engagements["facets"]["type"]) == everything["total"]


def test_errors_have_the_right_status_and_the_security_headers_json_for_the_api_html_for_pages(server):
    for url, code in (("/api/events?limit=500", 422), ("/api/events?since=July", 400),
                      ("/api/events?since=2021-13", 400), ("/api/events?until=2024-02-30", 400),
                      ("/?since=2024-02-30", 400), ("/api/events/999999", 404),
                      ("/api/actors/999999", 404), ("/api/documents/999999", 404), ("/api/search", 422),
                      ("/api/topics/trends?period=decade", 400), ("/events/999999", 404), ("/nowhere", 404),
                      ("/api/followups?status=bogus", 400), ("/api/vocabulary/bogus", 400), ("/followups?status=bogus", 400),
                      ("/api/nowhere", 404), ("/api/documents", 405)):
        status, headers, body = get(server + url)
        assert status == code, url
        if url.startswith("/api/"):
            assert "error" in json.loads(body), url
        else:  # a page's error is a page: the message, and the filter form to correct it
            assert headers["content-type"].startswith("text/html"), url
            assert 'class="error"' in body.decode() and '<form class="filters"' in body.decode(), url
        assert "default-src 'self'" in headers["content-security-policy"], url
    status, _, body = get(server + "/?since=2024-02-30&actor=Kim+Gunn&topic=sanctions")
    assert status == 400 and "not a date" in body.decode() and 'value="Kim Gunn"' in body.decode()
    assert '<option selected>sanctions</option>' in body.decode()  # the form keeps what was asked
    status, _, body = get(server + "/?topic=russia")
    assert status == 400 and "russia_dprk_cooperation" in body.decode()  # the valid ids


def test_a_failure_inside_a_route_is_a_500_with_the_security_headers(server, monkeypatch):
    def broken(*args):
        raise RuntimeError("the disk is gone")

    monkeypatch.setattr(Store, "topic_trends", broken)
    for url in ("/api/topics/trends", "/topics"):
        status, headers, body = get(server + url)
        assert status == 500, url
        assert json.loads(body) == {"error": "internal error"} if url.startswith("/api/") else \
            "internal error" in body.decode() and "the disk" not in body.decode()
        assert "default-src 'self'" in headers["content-security-policy"], url
    monkeypatch.undo()
    assert get_json(f"{server}/api/topics/trends")[0] == 200  # the server goes on


def test_event_actor_document_search_and_trends(server):
    _, events = get_json(f"{server}/api/events?actor=Kim%20Gunn&limit=1")
    event_id = events["items"][0]["id"]
    status, event = get_json(f"{server}/api/events/{event_id}")
    assert status == 200 and event["evidence"] and event["document"]["doc_id"]
    assert all({"action", "target", "evidence"} <= set(s) for s in event["statements"])
    kim_id = next(p["actor_id"] for p in event["participants"] if p["name"] == "Kim Gunn")
    _, actor = get_json(f"{server}/api/actors/{kim_id}")
    assert actor["roles"][0]["title"].startswith("Special Representative")
    assert {c["name"] for c in actor["counterparts"]} >= {"Jung Pak"}
    _, document = get_json(f"{server}/api/documents/{event['document_id']}")
    assert document["clean_text"] and any(e["id"] == event_id for e in document["events"])
    _, hits = get_json(f"{server}/api/search?q=Panel%20of%20Experts")
    assert [h["doc_id"] for h in hits["items"]] == ["002_b7d1f255a910d733"]
    _, two = get_json(f"{server}/api/search?q=sanctions&limit=2")
    assert get_json(f"{server}/api/search?q=sanctions&limit=1&offset=1")[1]["items"] == two["items"][1:]  # paged
    _, trends = get_json(f"{server}/api/topics/trends?period=quarter")
    assert {"period": "2024-Q3", "topic": "sanctions", "events": 2, "pages": 2} in trends["items"]
    assert trends["periods"][0] == "2017-Q1" and "2019-Q2" in trends["periods"]  # empty quarters too
    _, actors = get_json(f"{server}/api/actors?name=Kim")
    assert any(a["name"] == "Kim Gunn" for a in actors["items"])


def test_page_text_is_escaped_and_pages_carry_security_headers(server):
    _, events = get_json(f"{server}/api/events?actor=Blinken&since=2023-05&until=2023-05")
    (event,) = [e for e in events["items"] if e["date"] == "2023-05-03"]
    status, headers, body = get(f"{server}/events/{event['id']}")
    html = body.decode()
    assert status == 200
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>in Seoul</b>" not in html
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert "<mark>" in html and f'href="/api/events/{event["id"]}"' in html


def test_the_page_of_a_document_shows_its_text_escaped(server):
    _, events = get_json(f"{server}/api/events?actor=Blinken&since=2023-05-03&until=2023-05-03")
    document_id = events["items"][0]["document_id"]
    status, headers, body = get(f"{server}/documents/{document_id}")
    html = body.decode()
    assert status == 200 and "default-src 'self'" in headers["content-security-policy"]
    assert "<script>alert(1)</script>" not in html and "&lt;b&gt;in Seoul&lt;/b&gt;" in html
    assert f'href="/events/{events["items"][0]["id"]}"' in html


def test_every_page_has_a_json_twin_at_the_same_path(server):
    _, events = get_json(f"{server}/api/events?actor=Kim%20Gunn&limit=1")
    event = events["items"][0]
    actor_id = next(p["actor_id"] for p in event["participants"] if p["name"] == "Kim Gunn")
    for page, twin in ((f"/?actor=Kim+Gunn&limit=3",
                            "/api/engagements?actor=Kim+Gunn&limit=3&facets=country,type,topic,year,format,publisher"),
                       (f"/events/{event['id']}", f"/api/events/{event['id']}"),
                       (f"/engagements/{event['engagement_id']}", f"/api/engagements/{event['engagement_id']}"),
                       (f"/actors/{actor_id}", f"/api/actors/{actor_id}"),
                       (f"/documents/{event['document_id']}", f"/api/documents/{event['document_id']}"),
                       ("/topics?period=month", "/api/topics/trends?period=month"),
                       ("/search?q=sanctions", "/api/search?q=sanctions&limit=20&offset=0"),
                       ("/statements?action=agree", "/api/statements?action=agree&limit=50&offset=0"),
                       ("/followups?status=overdue&as_of=2025-01-01", "/api/followups?status=overdue&as_of=2025-01-01")):
        status, headers, body = get(server + page)
        assert status == 200 and headers["content-type"].startswith("text/html"), page
        assert 'class="twin"' in body.decode(), page
        separator = "&" if "?" in page else "?"
        assert get_json(f"{server}{page}{separator}format=json") == get_json(server + twin), page


def test_timeline_pages_link_each_other(server):
    _, _, first = get(f"{server}/?limit=5")
    assert 'rel="next" href="/?limit=5&amp;offset=5"' in first.decode() and 'rel="prev"' not in first.decode()
    _, _, second = get(f"{server}/?limit=5&offset=5")
    assert 'rel="prev" href="/?limit=5&amp;offset=0"' in second.decode()


def test_scripts_and_styles_come_from_the_app_only(server):
    _, _, html = get(f"{server}/")
    assert 'src="/static/app.js"' in html.decode() and "http" not in html.decode().split("<main>")[0]
    status, headers, _ = get(f"{server}/static/app.js")
    assert status == 200 and "javascript" in headers["content-type"]
    assert get(f"{server}/static/..%2Fapi.py")[0] == 404 and get(f"{server}/static/nope.js")[0] == 404


def test_no_page_loads_anything_from_another_host(server):
    """The Content-Security-Policy would block it (FastAPI's /docs and /redoc load their scripts from
    the internet, and were blank pages): there are none, the schema is at /openapi.json."""
    _, events = get_json(f"{server}/api/events?actor=Kim%20Gunn&limit=1")
    event = events["items"][0]
    pages = ["/", "/?q=sanctions", f"/events/{event['id']}", f"/engagements/{event['engagement_id']}",
             f"/actors/{event['participants'][0]['actor_id']}",
             f"/documents/{event['document_id']}", "/topics", "/search?q=sanctions", "/statements", "/followups"]
    for page in pages:
        status, headers, body = get(server + page)
        assert status == 200 and headers["content-type"].startswith("text/html"), page
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", body.decode(), re.IGNORECASE), page
    for page in ("/docs", "/redoc", "/docs/oauth2-redirect"):
        status, _, body = get(server + page)
        assert status == 404 and 'class="error"' in body.decode(), page
    assert get_json(f"{server}/openapi.json")[1]["paths"]


def test_changing_data_needs_the_token(server):
    page = json.dumps({"doc_id": "posted", "text": "Foreign Minister Park Jin met with Secretary of State "
                                                   "Antony Blinken in Washington on June 1, 2023."}).encode()
    json_type = {"Content-Type": "application/json"}
    assert get(f"{server}/api/documents", page, json_type)[0] == 401
    assert get(f"{server}/api/documents", page, {**json_type, "Authorization": "Bearer wrong"})[0] == 401
    status, _, body = get(f"{server}/api/documents", page, {**json_type, "Authorization": f"Bearer {TOKEN}"})
    assert status == 201 and json.loads(body)["status"] in ("new", "unchanged")
    _, found = get_json(f"{server}/api/events?since=2023-06-01&until=2023-06-01")
    assert [e["city"] for e in found["items"]] == ["Washington"]


def test_a_token_or_a_header_of_any_characters_is_compared_without_a_server_error(server, tmp_path):
    page = json.dumps({"doc_id": "accents", "text": "Foreign Minister Park Jin met with Secretary of State "
                                                    "Antony Blinken in Paris on June 2, 2023."}).encode()
    json_type = {"Content-Type": "application/json"}
    for header in ("Bearer tökén".encode(), "Bearer \u20ac".encode(), b"Bearer \xff"):
        assert get(f"{server}/api/documents", page, {**json_type, "Authorization": header})[0] == 401, header
    with running(create_app(str(tmp_path / "t.db"), "tökén€")) as other:
        assert get(f"{other}/api/documents", page, {**json_type, "Authorization": "Bearer wrong"})[0] == 401
        status, _, body = get(f"{other}/api/documents", page, {**json_type, "Authorization": "Bearer tökén€".encode()})
        assert status == 201 and json.loads(body)["status"] == "new"


def test_every_path_of_the_openapi_schema_answers_without_a_server_error(server):
    _, schema = get_json(f"{server}/openapi.json")
    for path, methods in schema["paths"].items():
        if "get" not in methods:
            continue
        url = server + path.replace("{event_id}", "1").replace("{actor_id}", "1").replace("{document_id}", "1")
        status, _, _ = get(url + ("?q=nuclear" if path.endswith("/search") else ""))
        assert status < 500, path


def test_serving_beyond_loopback_needs_a_token(tmp_path):
    from click.testing import CliRunner

    from readouts.cli import main
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "r.db")])
    assert result.exit_code != 0 and "token" in result.output


def host_statuses(url: str, hosts: Iterable[str]) -> dict[str, int]:
    """The status of a GET of the timeline's JSON sent to the server at `url` with each Host header."""
    statuses = {}
    for host in hosts:
        status, headers, body = get(f"{url}/api/events?limit=1", headers={"Host": host})
        statuses[host] = status
        if status == 400:
            assert "host" in json.loads(body)["error"] and "default-src" in headers["content-security-policy"]
    return statuses


def test_the_server_answers_only_for_its_own_names(server):
    """Against DNS rebinding: a page of another site, whose name now points to 127.0.0.1, sends its own
    name as the Host header."""
    port = urlsplit(server).port
    ours = ["127.0.0.1", f"127.0.0.1:{port}", f"localhost:{port}", "LocalHost", "[::1]", f"[::1]:{port}"]
    others = ["evil.example", f"evil.example:{port}", "localhost.evil.example", "127.0.0.1.nip.io", "[::2]", "[::1"]
    assert host_statuses(server, ours + others) == {**{h: 200 for h in ours}, **{h: 400 for h in others}}


def serve_app(monkeypatch, *args: str, env: dict | None = None):
    """The app that `readouts serve ARGS` would run (uvicorn's Server.run and the binding of its socket
    are stood in for: ARGS may name an address of another machine)."""
    from click.testing import CliRunner

    import uvicorn
    from readouts import cli
    served = {}
    with monkeypatch.context() as patched:  # only while the command runs: `running` serves with uvicorn
        patched.setattr(cli, "bound_socket", lambda host, port: None)
        patched.setattr(uvicorn.Server, "run", lambda server, sockets: served.update(app=server.config.app))
        result = CliRunner().invoke(cli.main, ["serve", *args], env=env)
    assert result.exit_code == 0, result.output
    return served["app"]


def test_serve_on_a_port_in_use_says_so_in_one_line_and_announces_nothing(server_db):
    from click.testing import CliRunner

    from readouts.cli import main
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--db", server_db, "--port", str(port)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot listen on 127.0.0.1:{port}: Address already in use\n"


def test_serve_answers_for_the_names_given_with_allowed_host(server_db, monkeypatch):
    app = serve_app(monkeypatch, "--db", server_db, "--allowed-host", "readouts.example",
                    "--allowed-host", "b.example,C.example:8000")
    with running(app) as url:
        assert host_statuses(url, ["readouts.example", "b.example:80", "c.example", "localhost", "evil.example"]) == {
            "readouts.example": 200, "b.example:80": 200, "c.example": 200, "localhost": 200, "evil.example": 400}
    app = serve_app(monkeypatch, "--db", server_db, env={"READOUTS_ALLOWED_HOSTS": "a.example,b.example"})
    with running(app) as url:
        assert host_statuses(url, ["a.example", "b.example", "c.example"]) == {
            "a.example": 200, "b.example": 200, "c.example": 400}
    # on every address, the loopback names too; on one address, that address alone
    app = serve_app(monkeypatch, "--db", server_db, "--host", "0.0.0.0", "--token", TOKEN)
    with running(app) as url:
        assert host_statuses(url, ["0.0.0.0", "localhost", "192.0.2.1"]) == {
            "0.0.0.0": 200, "localhost": 200, "192.0.2.1": 400}
    app = serve_app(monkeypatch, "--db", server_db, "--host", "192.0.2.1", "--token", TOKEN)
    with running(app) as url:
        assert host_statuses(url, ["192.0.2.1:8000", "localhost"]) == {"192.0.2.1:8000": 200, "localhost": 400}


PARAM_VALUES = st.one_of(st.text(max_size=30), st.integers(-5, 1000).map(str), st.sampled_from(
    ["2024", "2024-07", "2024-07-22", "KOR", "sanctions", "meeting", "Kim", "", "%", "'", '"', "\x00"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["actor", "country", "topic", "type", "since", "until", "q", "limit",
                                        "offset", "name", "period"]), PARAM_VALUES, max_size=5),
       st.sampled_from(["/api/events", "/api/actors", "/api/topics/trends", "/api/search", "/"]))
def test_arbitrary_query_parameters_never_cause_a_server_error(server, params, path):
    status, _, _ = get(f"{server}{path}?{urlencode(params)}")
    assert status < 500, (path, params)



def test_schemathesis_finds_no_server_error(server):
    """Cases generated from /openapi.json for every operation (schemathesis's pytest plugin does not
    load under this pytest, so its strategies are driven by hypothesis here)."""
    schema = schemathesis.openapi.from_url(f"{server}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/events", "/api/events/{event_id}", "/api/search"}
    for operation in operations:
        @given(operation.as_strategy())
        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
        def no_server_error(case):
            case.call_and_validate(checks=[not_a_server_error])

        no_server_error()


def test_the_pages_queries_by_id_agree_with_the_general_ones(examples_db):
    with Store.open(examples_db) as store:
        everything = store.list_events()
        some_document = everything[0]["document_id"]
        assert store.events_of_document(some_document) == [e for e in everything if e["document_id"] == some_document]
        actors = store.list_actors()
        assert store.page_of_actors(None, 3, 2) == actors[2:5]
        kim = next(a for a in actors if a["name"] == "Kim Gunn")
        events = store.events_of_actor(kim["id"], 200)
        assert len(events) == kim["events"] and all(any(p["actor_id"] == kim["id"] for p in e["participants"])
                                                     for e in events)
        assert store.events_of_actor(kim["id"], 1, 1) == events[1:2]


# --- what the server refuses before reading a request ----------------------------------------

def send_until_answered(url: str, fields: dict[str, str], pieces: Iterable[bytes]) -> tuple[int, int, dict]:
    """POST /api/documents with these header fields, then send the pieces of its body one by one
    for as long as no answer has come (the server has a second to answer from the head alone):
    the answer's status, how many bytes of body were sent, and the answer's JSON."""
    address = urlsplit(url)
    head = "".join(f"{name}: {value}\r\n" for name, value in
                   {"Host": address.netloc, "Content-Type": "application/json", **fields}.items())
    sent = 0
    with socket.create_connection((address.hostname, address.port), timeout=30) as connection:
        connection.sendall(f"POST /api/documents HTTP/1.1\r\n{head}\r\n".encode())
        for n, piece in enumerate(pieces):
            if select.select([connection], [], [], 0 if n else 1)[0]:
                break  # answered already
            connection.sendall(piece)
            sent += len(piece)
        answer = http.client.HTTPResponse(connection)
        answer.begin()
        return answer.status, sent, json.loads(answer.read())


def chunked_page(size: int) -> Iterator[bytes]:
    """A page of about `size` bytes as the chunks of a streamed (chunked) body, with no length said."""
    text = b"x" * 65536
    for piece in [b'{"doc_id": "big", "text": "'] + [text] * (size // len(text)) + [b'"}']:
        yield b"%x\r\n%s\r\n" % (len(piece), piece)
    yield b"0\r\n\r\n"


def test_without_the_token_a_large_body_is_refused_unread(server):
    size = 64 * 2**20
    for authorization in ({}, {"Authorization": "Bearer wrong"}):
        status, sent, answer = send_until_answered(server, {"Transfer-Encoding": "chunked", **authorization},
                                                   chunked_page(size))
        assert (status, sent) == (401, 0) and "token" in answer["error"], authorization


def test_a_body_over_the_cap_is_refused_with_413(server):
    token = {"Authorization": f"Bearer {TOKEN}"}
    # said by Content-Length: answered before any of it is sent
    status, sent, answer = send_until_answered(server, {**token, "Content-Length": str(MAX_BODY + 1)},
                                               itertools.repeat(b" " * 65536, MAX_BODY // 65536 + 1))
    assert (status, sent) == (413, 0) and "larger than" in answer["error"]
    # streamed without a length: answered once it grows past the cap, long before its end
    status, sent, answer = send_until_answered(server, {**token, "Transfer-Encoding": "chunked"},
                                               chunked_page(3 * MAX_BODY))
    assert status == 413 and sent < 2 * MAX_BODY and "larger than" in answer["error"]


def test_the_followups_page_lists_what_was_agreed_with_its_status(server):
    _, overdue = get_json(f"{server}/api/followups?status=overdue&as_of=2025-01-01")
    symposium = [f for f in overdue["items"] if "symposium" in f["evidence"]]
    assert [(f["expected"], f["location"]["city"]) for f in symposium] == [("2024-08-27", "New York")]
    _, pending = get_json(f"{server}/api/followups?status=pending&as_of=2024-08-01")
    assert any("symposium" in f["evidence"] for f in pending["items"])
    status, _, body = get(f"{server}/followups?status=overdue&as_of=2025-01-01")
    assert status == 200 and "joint symposium on August 27 in New York" in body.decode()
    assert get(f"{server}/api/followups?as_of=2024-13-01")[0] == 400
    status, _, body = get(f"{server}/api/followups?status=someday")
    assert status == 400 and json.loads(body)["error"] == "unknown status 'someday'; valid: 'held', 'pending' or 'overdue'"


def test_head_is_answered_as_get_without_a_body(server):
    for path in ("/", "/api/events", "/topics"):
        with urllib.request.urlopen(urllib.request.Request(f"{server}{path}", method="HEAD")) as r:
            assert r.status == 200 and r.read() == b"" and r.headers["Content-Security-Policy"]
    status, _, body = get(f"{server}/")
    assert status == 200 and body  # GET still has its body
