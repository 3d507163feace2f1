"""`dispatch-gen serve` without a browser: login, CSRF, limits, unit links and receipts, through HTTP.

Starlette's TestClient drives the real app (sessions, middleware, multipart) in process; the forms
uploaded are real generated forms filled the way Word saves them. Unit codes and names are read
from the case, never written here, so the tests hold on any case.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from fillers import answers_for, fill_like_word

from dispatch_gen import intake
from dispatch_gen.forms import make_forms
from dispatch_gen.formspec import form_spec
from dispatch_gen.models import expected_units
from dispatch_gen.records import load_case
from dispatch_gen.store import open_store
from dispatch_gen.web import auth
from dispatch_gen.web.app import create_app
from dispatch_gen.word.sdt import read_identity

pytest.importorskip("httpx2")
from starlette.testclient import TestClient  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "cam-linh"
PASSWORD = "mật-khẩu-văn-thư"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture(scope="module")
def blank_forms(tmp_path_factory) -> dict[str, bytes]:
    """Unit code → its generated, empty form."""
    out = tmp_path_factory.mktemp("forms")
    return {read_identity(p.read_bytes())["dg.unit"]: p.read_bytes() for p in make_forms(load_case(SAMPLE), out)}


@pytest.fixture
def workspace(tmp_path) -> Path:
    """A folder of cases (with a space and Vietnamese letters in its path) holding one copy of the sample."""
    root = tmp_path / "hồ sơ xã"
    shutil.copytree(SAMPLE, root / "dot-1", ignore=shutil.ignore_patterns(".dispatch-gen"))
    return root


def client(root: Path, today: dt.date = dt.date(2024, 11, 20), **kw) -> TestClient:
    return TestClient(create_app(root, today=lambda: today, **kw), follow_redirects=False)


def csrf(c: TestClient, url: str) -> str:
    return CSRF.search(c.get(url).text).group(1)


def logged_in(root: Path, **kw) -> TestClient:
    c = client(root, **kw)
    if auth.load_login(root) is None:
        c.post("/setup", data={"csrf": csrf(c, "/setup"), "password": PASSWORD, "repeat": PASSWORD})
    r = c.post("/login", data={"csrf": csrf(c, "/login"), "password": PASSWORD})
    assert r.status_code == 303
    return c


def filled(blank_forms, unit: str, **kw) -> bytes:
    case = load_case(SAMPLE)
    spec = form_spec(case, next(u for u in expected_units(case) if u.code == unit))
    return fill_like_word(blank_forms[unit], answers_for(spec, **kw))


def links(c: TestClient, case: str = "dot-1") -> dict[str, str]:
    page = c.get(f"/c/{case}/send-list").text
    return {unit: path for path, unit in re.findall(r'href="http://testserver(/u/[^"]+)" id="link-([^"]+)"', page)}


def submissions(case_dir: Path) -> list[dict]:
    with open_store(case_dir) as db:
        return db.submissions()


# --- login and sessions


@pytest.mark.parametrize("method, url", [
    ("GET", "/"), ("GET", "/c/dot-1"), ("GET", "/c/dot-1/documents"), ("GET", "/c/dot-1/send-list"),
    ("GET", "/c/dot-1/collect"), ("GET", "/c/dot-1/forms.zip"), ("GET", "/c/dot-1/files/cong-van.docx"),
    ("POST", "/c/dot-1/generate"), ("POST", "/c/dot-1/issue"), ("POST", "/c/dot-1/collect"), ("POST", "/cases"),
])
def test_anonymous_requests_to_clerk_pages_are_refused(workspace, method, url):
    logged_in(workspace)  # a password exists: the refusal is about the session, not the first start
    r = client(workspace).request(method, url)
    if method == "GET":
        assert r.status_code == 303 and r.headers["location"] == "/login"
    else:
        assert r.status_code == 403
    assert "Cam Linh" not in r.text and not (workspace / "dot-1" / "van-ban").exists()


def test_first_start_sets_the_password_once_and_keeps_only_a_hash(workspace):
    c = client(workspace)
    assert c.get("/").headers["location"] == "/login"
    assert c.get("/login").headers["location"] == "/setup"
    r = c.post("/setup", data={"csrf": csrf(c, "/setup"), "password": "ngắn", "repeat": "ngắn"})
    assert r.status_code == 400 and "ít nhất" in r.text
    token = csrf(c, "/setup")
    assert c.post("/setup", data={"csrf": token, "password": PASSWORD, "repeat": PASSWORD}).status_code == 303
    stored = (workspace / ".dispatch-gen" / auth.LOGIN_FILE).read_text(encoding="utf-8")
    assert PASSWORD not in stored and json.loads(stored)["algorithm"] == "scrypt"
    # a second "first start" cannot replace it
    assert c.post("/setup", data={"csrf": token, "password": "khác-hẳn-123", "repeat": "khác-hẳn-123"}
                  ).headers["location"] == "/login"
    assert auth.verify_password(PASSWORD, auth.load_login(workspace))
    wrong = c.post("/login", data={"csrf": csrf(c, "/login"), "password": "khác-hẳn-123"})
    assert wrong.status_code == 401 and "không đúng" in wrong.text


def test_first_password_only_from_this_machine(workspace):
    remote = TestClient(create_app(workspace), client=("192.168.1.50", 5000), follow_redirects=False)
    assert remote.get("/setup").status_code == 403
    assert auth.load_login(workspace) is None


def test_posts_without_the_csrf_token_are_refused(workspace):
    c = logged_in(workspace)
    assert c.post("/c/dot-1/generate", data={"kind": "dispatch"}).status_code == 403
    assert c.post("/c/dot-1/generate", data={"kind": "dispatch", "csrf": "giả"}).status_code == 403
    assert not (workspace / "dot-1" / "van-ban").exists()
    ok = c.post("/c/dot-1/generate", data={"kind": "dispatch", "csrf": csrf(c, "/c/dot-1/documents")})
    assert ok.status_code == 303 and (workspace / "dot-1" / "van-ban" / "cong-van.docx").is_file()


@pytest.mark.parametrize("login_ago, seen_ago, alive", [
    (10, 10, True),
    (3600, 60, True),
    (3600, auth.IDLE_SECONDS + 1, False),  # idle too long
    (auth.MAX_SECONDS + 1, 1, False),  # a day is over
    (None, 1, False),
])
def test_sessions_expire(login_ago, seen_ago, alive):
    now = 1_000_000.0
    session = {"seen_at": now - seen_ago} | ({} if login_ago is None else {"login_at": now - login_ago})
    assert auth.session_alive(session, now) is alive


def test_password_hash_round_trip():
    record = auth.hash_password("Văn thư 2026")
    assert auth.verify_password("Văn thư 2026", record)
    assert not auth.verify_password("Van thu 2026", record)
    assert auth.hash_password("Văn thư 2026")["hash"] != record["hash"]  # salted
    assert not auth.verify_password("x", {"salt": "zz"})


# --- paths and limits


@pytest.mark.parametrize("url", ["/c/dot-1/files/../case.yaml", "/c/dot-1/files/..%2Fcase.yaml",
                                 "/c/dot-1/files/%2Fetc%2Fpasswd", "/c/dot-1/files/case.yaml",
                                 "/c/..%2Fdot-1/documents", "/c/.dispatch-gen/documents"])
def test_request_paths_never_reach_other_files(workspace, url):
    c = logged_in(workspace)
    c.post("/c/dot-1/generate", data={"kind": "dispatch", "csrf": csrf(c, "/c/dot-1/documents")})
    r = c.get(url)
    assert r.status_code == 404 and "root:" not in r.text and "agency" not in r.text


def test_generated_files_download(workspace):
    c = logged_in(workspace)
    token = csrf(c, "/c/dot-1/documents")
    c.post("/c/dot-1/generate", data={"kind": "forms", "csrf": token})
    page = c.get("/c/dot-1/documents").text
    names = re.findall(r'href="/c/dot-1/files/([^"]+)"', page)
    assert names and all(n.startswith("phieu/") for n in names)
    got = c.get(f"/c/dot-1/files/{names[0]}")
    assert got.status_code == 200 and got.content == (workspace / "dot-1" / "van-ban" / names[0]).read_bytes()
    import io
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(c.get("/c/dot-1/forms.zip").content))
    assert sorted(archive.namelist()) == sorted(n.split("/")[-1] for n in names)


def test_oversized_requests_are_refused_before_parsing(workspace):
    c = logged_in(workspace, max_request=1024)
    r = c.post("/c/dot-1/collect", data={"csrf": csrf(c, "/c/dot-1/collect")},
               files={"files": ("phieu.docx", b"PK" + b"x" * 4096)})
    assert r.status_code == 413
    assert submissions(workspace / "dot-1") == []


def test_only_docx_uploads(workspace, blank_forms):
    c = logged_in(workspace)
    r = c.post("/c/dot-1/collect", data={"csrf": csrf(c, "/c/dot-1/collect")},
               files=[("files", ("ghi-chu.txt", b"hello")), ("files", ("anh.png", b"\x89PNG..."))])
    assert r.text.count("chỉ nhận tệp Word .docx") == 2
    assert submissions(workspace / "dot-1") == []


# --- officer links


def test_a_units_link_refuses_another_units_form(workspace, blank_forms):
    c = logged_in(workspace)
    first, second = list(links(c))[:2]
    url = links(c)
    officer = client(workspace)  # not logged in: the link is the key
    page = officer.get(url[second])
    token = CSRF.search(page.text).group(1)
    r = officer.post(url[second], data={"csrf": token},
                     files={"file": ("phieu.docx", filled(blank_forms, first))})
    assert r.status_code == 422 and "đơn vị khác" in r.text and first in r.text
    assert submissions(workspace / "dot-1") == []  # refused before anything was recorded
    r = officer.post(url[first], data={"csrf": CSRF.search(officer.get(url[first]).text).group(1)},
                     files={"file": ("phieu.docx", filled(blank_forms, first))})
    assert r.status_code == 200 and "Mã biên nhận" in r.text
    rows = submissions(workspace / "dot-1")
    assert [(s["unit"], s["status"]) for s in rows] == [(first, "accepted")]
    assert rows[0]["sha256"][:12].upper() in r.text


def test_receipt_says_what_was_read_and_what_is_missing(workspace, blank_forms):
    c = logged_in(workspace)
    unit = list(links(c))[0]
    case = load_case(workspace / "dot-1")
    spec = form_spec(case, next(u for u in expected_units(case) if u.code == unit))
    first = next(f for f in spec.fields if f.required)
    skip = first.tag
    receipts = intake.receive(case, workspace / "dot-1", [intake.Upload("Phiếu thôn.docx", filled(
        blank_forms, unit, skip=(skip,)))], unit=next(u for u in expected_units(case) if u.code == unit),
        today=dt.date(2024, 11, 20))
    (r,) = receipts
    assert r.ok and r.unit == unit and r.total == len(spec.fields)
    assert r.answered == r.total - 1
    assert r.missing == (first.label,)
    assert not any(first.label in w for w in r.warnings)  # listed once, not again as a warning
    assert r.received_at and r.receipt_id


def test_an_empty_form_is_received_with_everything_missing(workspace, blank_forms):
    c = logged_in(workspace)
    unit = list(links(c))[0]
    officer = client(workspace)
    url = links(c)[unit]
    r = officer.post(url, data={"csrf": CSRF.search(officer.get(url).text).group(1)},
                     files={"file": ("trong.docx", blank_forms[unit])})
    assert "Còn trống" in r.text
    assert "0/" in r.text


def test_resend_until_the_deadline_then_closed(workspace, blank_forms):
    case = load_case(workspace / "dot-1")
    unit = next(u for u in expected_units(case) if u.form and u.deadline)
    before, after = unit.deadline, unit.deadline + dt.timedelta(days=1)
    up = intake.Upload("a.docx", filled(blank_forms, unit.code, seed="một "))
    again = intake.Upload("b.docx", filled(blank_forms, unit.code, seed="hai "))
    assert intake.receive(case, workspace / "dot-1", [up], unit=unit, today=before)[0].outcome == "accepted"
    assert intake.receive(case, workspace / "dot-1", [again], unit=unit, today=before)[0].outcome == "accepted"
    late = intake.receive(case, workspace / "dot-1", [intake.Upload("c.docx", filled(blank_forms, unit.code,
                                                                                     seed="ba "))],
                          unit=unit, today=after)[0]
    assert late.outcome == "refused" and before.strftime("%d/%m/%Y") in late.reason
    assert len(submissions(workspace / "dot-1")) == 2


@pytest.mark.parametrize("has_accepted, day_offset, closed", [
    (False, 5, False), (True, 0, False), (True, 1, True), (True, -3, False),
])
def test_resend_rule(has_accepted, day_offset, closed):
    unit = expected_units(load_case(SAMPLE))[0].model_copy(update={"deadline": dt.date(2026, 3, 31)})
    assert intake.resend_closed(unit, has_accepted, dt.date(2026, 3, 31) + dt.timedelta(days=day_offset)) is closed
    assert intake.resend_closed(unit.model_copy(update={"deadline": None}), True, dt.date(2030, 1, 1)) is False


def test_unknown_or_malformed_tokens_are_not_found(workspace):
    c = logged_in(workspace)
    good = next(iter(links(c).values()))
    for bad in (good[:-1] + ("0" if good[-1] != "0" else "1"), good + "0", "/u/dot-1/../../case.yaml",
                good.replace("dot-1", "dot-2")):
        assert client(workspace).get(bad).status_code == 404


def test_tokens_are_stable_and_differ_per_unit_and_case(workspace):
    case = load_case(workspace / "dot-1")
    secret = intake.case_secret(workspace / "dot-1")
    assert intake.case_secret(workspace / "dot-1") == secret  # created once
    tokens = [tok for _u, tok in intake.send_list(case, secret)]
    assert len(set(tokens)) == len(tokens) and all(len(x) == intake.TOKEN_CHARS for x in tokens)
    other = case.model_copy(update={"id": case.id + "-khac"})
    assert not set(tokens) & {tok for _u, tok in intake.send_list(other, secret)}
    unit = expected_units(case)[0]
    assert intake.unit_for_token(secret, case, intake.unit_token(secret, case, unit.code)).code == unit.code


@pytest.mark.parametrize("name, expected", [
    ("C:\\Users\\Lan\\Desktop\\Phiếu thôn 1.docx", "Phiếu thôn 1.docx"),
    ("../../etc/passwd", "passwd"),
    ("a<b>:c.docx", "a_b__c.docx"),
    ("", "phieu.docx"),
    ("...", "phieu.docx"),
])
def test_safe_names(name, expected):
    assert intake.safe_name(name) == expected


def test_new_case_from_an_earlier_one(workspace):
    c = logged_in(workspace)
    r = c.post("/cases", data={"csrf": csrf(c, "/"), "name": "Đợt 2 năm 2025", "source": "case:dot-1"})
    assert r.status_code == 303 and r.headers["location"] == "/c/dot-2-nam-2025"
    assert (workspace / "dot-2-nam-2025" / "case.yaml").is_file()
    assert c.get("/c/dot-2-nam-2025").status_code == 200


def test_thirty_officers_at_once_lose_no_receipt(capsys):
    """The load bench's checks, once, against a real server: every upload gets its receipt, in the store."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("web_load", Path(__file__).resolve().parents[1] / "bench" /
                                                  "web_load.py")
    web_load = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(web_load)
    assert web_load.main(["--officers", "30", "--rounds", "1"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["uploads"] == 30 and all(figures["checks"].values())
