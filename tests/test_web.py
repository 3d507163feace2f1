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
from dispatch_gen.case.models import expected_units
from dispatch_gen.case.records import load_case
from dispatch_gen.forms.spec import form_spec
from dispatch_gen.forms.stage import make_forms
from dispatch_gen.store import open_store
from dispatch_gen.web import auth
from dispatch_gen.web.app import create_app
from dispatch_gen.word.sdt import read_identity

pytest.importorskip("httpx2")
from starlette.testclient import TestClient  # noqa: E402

from dispatch_gen.workspace import OpenedCase, open_case

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
    return TestClient(create_app(root, today=lambda: today, hosts=("testserver",), **kw), follow_redirects=False)


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
    remote = TestClient(create_app(workspace, hosts=("testserver",)), client=("192.168.1.50", 5000),
                        follow_redirects=False)
    r = remote.get("/setup")
    assert r.status_code == 403 and "http://127.0.0.1/" in r.text  # the way to do it, not only the refusal
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
    import unicodedata

    combining = unicodedata.normalize("NFD", "Văn thư 2026")  # Unikey's «Unicode tổ hợp»
    assert combining != "Văn thư 2026" and auth.verify_password(combining, record)
    assert auth.verify_password("Văn thư 2026", auth.hash_password(combining))


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
    assert "Bước tiếp: gửi cho mỗi đơn vị phiếu của mình" in page  # the next step, once
    assert "Bước tiếp" not in c.get("/c/dot-1/documents").text
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
    receipts = intake.receive(OpenedCase.of(case, workspace / "dot-1"), [intake.Upload("Phiếu thôn.docx", filled(
        blank_forms, unit, skip=(skip,)))], unit=next(u for u in expected_units(case) if u.code == unit),
        today=dt.date(2024, 11, 20))
    (r,) = receipts
    assert r.ok and r.unit == unit and r.total == len(spec.fields)
    given = answers_for(spec, skip=(skip,))
    assert r.answered == sum(1 for v in given.values() if v not in (None, "", False))  # unticked: no answer
    assert len(r.missing) == 1 and r.missing[0].endswith(f" {first.row}")  # "Tự đánh giá: tiêu chí 1"
    assert not any(r.missing[0] in w for w in r.warnings)  # listed once, not again as a warning
    assert r.received_at and r.receipt_id


def test_an_empty_form_is_refused_and_the_unit_stays_missing(workspace, blank_forms):
    c = logged_in(workspace)
    unit = list(links(c))[0]
    officer = client(workspace)
    url = links(c)[unit]
    r = officer.post(url, data={"csrf": CSRF.search(officer.get(url).text).group(1)},
                     files={"file": ("trong.docx", blank_forms[unit])})
    assert r.status_code == 422 and "phiếu trống" in r.text
    assert "Phiếu chưa được nhận" in r.text and "Biên nhận" not in r.text  # a refusal is no receipt
    dashboard = c.get("/c/dot-1").text
    row = re.search(rf'<tr class="state-(\w+)"><td>{unit}</td>.*?</tr>', dashboard, re.S)
    assert row.group(1) == "missing" and "phiếu trống" in row.group(0)


def test_resend_until_the_deadline_then_closed(workspace, blank_forms):
    case = load_case(workspace / "dot-1")
    unit = next(u for u in expected_units(case) if u.form and u.deadline)
    before, after = unit.deadline, unit.deadline + dt.timedelta(days=1)
    up = intake.Upload("a.docx", filled(blank_forms, unit.code, seed="một "))
    again = intake.Upload("b.docx", filled(blank_forms, unit.code, seed="hai "))
    assert intake.receive(OpenedCase.of(case, workspace / "dot-1"), [up], unit=unit, today=before)[0].outcome == "accepted"
    assert intake.receive(OpenedCase.of(case, workspace / "dot-1"), [again], unit=unit, today=before)[0].outcome == "accepted"
    late = intake.receive(OpenedCase.of(case, workspace / "dot-1"), [intake.Upload("c.docx", filled(blank_forms, unit.code,
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
    secret = intake.case_secret(open_case(workspace / "dot-1"))
    assert intake.case_secret(open_case(workspace / "dot-1")) == secret  # created once
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
    page = c.get("/c/dot-2-nam-2025")
    assert page.status_code == 200 and "Trước khi tạo văn bản: sửa danh sách" in page.text  # init's next step
    assert str(workspace / "dot-2-nam-2025") in page.text


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


@pytest.mark.libreoffice
def test_preview_shows_the_documents_pages(workspace):
    import base64

    c = logged_in(workspace)
    c.post("/c/dot-1/generate", data={"kind": "dispatch", "csrf": csrf(c, "/c/dot-1/documents")})
    assert 'href="/c/dot-1/preview/cong-van.docx"' in c.get("/c/dot-1/documents").text
    r = c.get("/c/dot-1/preview/cong-van.docx")
    images = re.findall(r'src="data:image/png;base64,([^"]+)" alt="Trang (\d+)"', r.text)
    assert r.status_code == 200 and images and images[0][1] == "1"
    assert base64.b64decode(images[0][0]).startswith(b"\x89PNG\r\n\x1a\n")
    assert sorted(p.name for p in (workspace / "dot-1" / "van-ban").iterdir()) == ["cong-van.docx"]  # no PDF left
    assert c.get("/c/dot-1/preview/../case.yaml").status_code == 404
    assert c.get("/c/dot-1/preview/case.yaml").status_code == 404


@pytest.mark.libreoffice
def test_a_second_preview_is_read_back_and_a_changed_file_rendered_anew(workspace, monkeypatch):
    import zipfile

    from dispatch_gen import desk
    from dispatch_gen.pdf import convert as pdf_convert

    runs = []
    real = pdf_convert.convert
    monkeypatch.setattr(pdf_convert, "convert", lambda *a, **kw: runs.append(a) or real(*a, **kw))
    c = logged_in(workspace)
    c.post("/c/dot-1/generate", data={"kind": "dispatch", "csrf": csrf(c, "/c/dot-1/documents")})
    first = c.get("/c/dot-1/preview/cong-van.docx")
    assert first.status_code == 200 and len(runs) == 1
    second = c.get("/c/dot-1/preview/cong-van.docx")
    images = re.compile(r'src="data:image/png;base64,([^"]+)"')
    assert images.findall(second.text) == images.findall(first.text) != []
    assert len(runs) == 1  # LibreOffice not started again
    docx = workspace / "dot-1" / "van-ban" / "cong-van.docx"
    with zipfile.ZipFile(docx, "a") as zf:  # the same document, other bytes (Word re-saved it)
        zf.writestr("customXml/note.xml", "<note/>")
    assert c.get("/c/dot-1/preview/cong-van.docx").status_code == 200 and len(runs) == 2
    cache = workspace / "dot-1" / ".dispatch-gen" / "cache" / "preview"
    assert len([p for p in cache.iterdir() if not p.name.startswith(".")]) == 2 <= desk.PREVIEW_CACHE


def test_forms_made_in_the_app_carry_their_units_link_and_still_collect(workspace, blank_forms):
    import zipfile

    from dispatch_gen.forms.stage import form_file_name

    c = logged_in(workspace)
    c.post("/c/dot-1/generate", data={"kind": "forms", "csrf": csrf(c, "/c/dot-1/documents")})
    case = load_case(workspace / "dot-1")
    url = links(c)
    units = [u for u in expected_units(case) if u.form]
    for unit in units:
        form = workspace / "dot-1" / "van-ban" / "phieu" / form_file_name(case, unit)
        xml = zipfile.ZipFile(form).read("word/document.xml").decode()
        assert f"http://testserver{url[unit.code]}" in xml
        assert sum(f"http://testserver{url[other.code]}" in xml for other in units) == 1  # its own only
    unit = units[0]
    data = fill_like_word((workspace / "dot-1" / "van-ban" / "phieu" / form_file_name(case, unit)).read_bytes(),
                          answers_for(form_spec(case, unit)))
    (r,) = intake.receive(OpenedCase.of(case, workspace / "dot-1"), [intake.Upload("a.docx", data)], unit=unit,
                          today=dt.date(2024, 11, 20))
    assert r.outcome == "accepted" and not r.missing


def test_new_case_from_an_uploaded_workbook(workspace, tmp_path):
    from dispatch_gen.init import init_case

    made = init_case(tmp_path / "nguon", xlsx=True)
    workbook = (made / "records.xlsx").read_bytes()
    c = logged_in(workspace)
    r = c.post("/cases", data={"csrf": csrf(c, "/"), "name": "tu-excel", "source": "sample"},
               files={"records": ("records.xlsx", workbook)})
    assert r.status_code == 303 and r.headers["location"] == "/c/tu-excel"
    assert (workspace / "tu-excel" / "records.xlsx").read_bytes() == workbook
    assert load_case(workspace / "tu-excel").id


def test_a_workbook_that_makes_no_case_is_refused_and_leaves_nothing(workspace):
    c = logged_in(workspace)
    before = sorted(p.name for p in workspace.iterdir())
    r = c.post("/cases", data={"csrf": csrf(c, "/"), "name": "hong", "source": "sample"},
               files={"records": ("records.xlsx", b"PK\x03\x04 not a workbook")})
    assert r.status_code == 400 and "records.xlsx" in r.text and "Traceback" not in r.text
    assert sorted(p.name for p in workspace.iterdir()) == before


@pytest.mark.parametrize("host, local", [("127.0.0.1", True), ("::1", True), ("localhost", True),
                                         ("127.0.0.2", True), ("0.0.0.0", False), ("192.168.1.10", False),
                                         ("::", False), ("example.org", False)])
def test_only_loopback_counts_as_this_machine(host, local):
    from dispatch_gen.web.server import is_local

    assert is_local(host) is local


def test_serve_refuses_a_missing_folder_without_a_traceback(tmp_path):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "dispatch_gen", "serve", str(tmp_path / "không có"), "--no-browser"],
                       capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert r.returncode != 0 and "không có thư mục này" in r.stderr and "Traceback" not in r.stderr


def test_every_message_the_pages_name_is_in_the_catalogue():
    """Templates name catalogue keys as literals; a key renamed elsewhere must fail here, not on a page."""
    from dispatch_gen.messages import CATALOGUE

    folder = Path(__file__).resolve().parents[1] / "dispatch_gen" / "web" / "templates"
    keys = {k for p in folder.glob("*.html") for k in re.findall(r"t\(['\"]([a-z_.]+)['\"]", p.read_text("utf-8"))}
    assert keys and sorted(k for k in keys if not k.endswith("_") and k not in CATALOGUE) == []


@pytest.mark.parametrize("state, submission, bucket", [
    ("on_time", "complete", "on_time"), ("late", "complete", "late"), ("on_time", "partial", "partial"),
    ("late", "partial", "partial"), ("missing", "empty", "empty"), ("missing", None, "missing"),
    ("rejected", None, "rejected"),
])
def test_dashboard_buckets(state, submission, bucket):
    from dispatch_gen import desk
    from dispatch_gen.status import UnitStatus

    row = UnitStatus("u", "Thôn", "village_assessment", "t", None, state, None, None, submission=submission)
    assert desk.chart_state(row) == bucket
    counts = desk.chart_counts([row, row])
    assert counts[bucket] == 2 and sum(counts.values()) == 2 and set(counts) == set(desk.CHART_STATES)


def test_password_guessing_is_slowed_down(workspace):
    c = logged_in(workspace)
    guesser = client(workspace)
    token = csrf(guesser, "/login")
    codes = [guesser.post("/login", data={"csrf": token, "password": f"đoán {i}"}).status_code for i in range(6)]
    assert codes == [401] * 5 + [429]
    right = guesser.post("/login", data={"csrf": token, "password": PASSWORD})
    assert right.status_code == 429 and "thử lại sau" in right.text  # even the right one, until the window ends
    assert c.get("/c/dot-1").status_code == 200  # a session already open is not affected


@pytest.mark.parametrize("fails, after, wait", [(4, 1, 0), (5, 1, 299), (5, 300, 0), (6, 100, 200)])
def test_throttle_window(fails, after, wait):
    now = [0.0]
    throttle = auth.Throttle(limit=5, window=300, clock=lambda: now[0])
    for _ in range(fails):
        throttle.attempt("1.2.3.4")  # tries that then fail
    now[0] = after
    assert throttle.wait("1.2.3.4") == pytest.approx(wait)
    assert throttle.wait("5.6.7.8") == 0
    throttle.succeeded("1.2.3.4")
    assert throttle.wait("1.2.3.4") == 0
    assert throttle._fails == {}  # nobody with a recent failure: nothing kept


def test_a_broken_case_tells_the_officer_to_call_the_clerk_without_details(workspace):
    c = logged_in(workspace)
    url = next(iter(links(c).values()))
    (workspace / "dot-1" / "villages.csv").write_text("code,name\n,\n", encoding="utf-8")  # the clerk broke it
    r = client(workspace).get(url)
    assert r.status_code == 503 and "báo văn thư" in r.text and "villages.csv" not in r.text


@pytest.mark.parametrize("url", ["/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2Fauth.py"])
def test_static_files_stay_in_their_folder(workspace, url):
    r = client(workspace).get(url)
    assert r.status_code == 404 and "scrypt" not in r.text


def test_issue_a_number_on_the_typed_signing_date(workspace):
    c = logged_in(workspace)
    token = csrf(c, "/c/dot-1/documents")
    assert c.post("/c/dot-1/issue", data={"csrf": token, "date": "05/12/2024"}).status_code == 303
    assert "Bước tiếp: gửi công văn đã cấp số (cong-van-da-cap-so.docx" in c.get("/c/dot-1/documents").text
    again = c.post("/c/dot-1/issue", data={"csrf": token, "date": "06/12/2024"})
    assert again.status_code == 400  # issue 10: an issued document is re-issued only on purpose (--reissue)
    assert "đã được cấp số 01/" in again.text and "05/12/2024" in again.text and "(-o)" not in again.text
    page = c.get("/c/dot-1/documents").text
    assert re.search(r"<td>01/[^<]*</td><td>05/12/2024</td>", page)
    assert 'id="issued"' in page and 'id="issue"' not in page  # no button to press a second time
    assert "<td>02/" not in page
    bad = c.post("/c/dot-1/issue", data={"csrf": token, "date": "2024/12/31"})
    assert bad.status_code == 400 and "dd/mm/yyyy" in bad.text
    assert "<td>02/" not in c.get("/c/dot-1/documents").text  # a refused date takes no number


def test_reminder_with_a_new_deadline(workspace, blank_forms):
    c = logged_in(workspace)
    token = csrf(c, "/c/dot-1/documents")
    r = c.post("/c/dot-1/generate", data={"csrf": token, "kind": "reminder", "deadline": "30/11/2024"})
    assert r.status_code == 303
    assert (workspace / "dot-1" / "van-ban" / "cong-van-don-doc.docx").is_file()
    bad = c.post("/c/dot-1/generate", data={"csrf": token, "kind": "reminder", "deadline": "31/02/2024"})
    assert bad.status_code == 400 and "31/02/2024" in bad.text
    unknown = c.post("/c/dot-1/generate", data={"csrf": token, "kind": "../../x"})
    assert unknown.status_code == 400


def test_one_file_at_a_time_gets_just_its_verdict(workspace, blank_forms):
    """What drop.js asks for: one file posted with X-Partial, the answer is that file's verdict alone."""
    c = logged_in(workspace)
    unit = list(links(c))[0]
    r = c.post("/c/dot-1/collect", data={"csrf": csrf(c, "/c/dot-1/collect")}, headers={"X-Partial": "1"},
               files={"files": ("một.docx", filled(blank_forms, unit))})
    assert r.status_code == 200 and r.text.count('class="receipt ') == 1 and "<html" not in r.text
    assert "Mã biên nhận" in r.text


def test_the_readme_command_starts_the_app_and_stops_on_ctrl_c(workspace):
    import signal
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    from dispatch_gen.web.server import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "dispatch_gen", "serve", str(workspace), "--port", str(port),
                             "--no-browser"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8")
    try:
        deadline = time.monotonic() + 120  # a loaded machine starts Python slowly
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/setup", timeout=5) as r:
                    assert r.status == 200 and "Đặt mật khẩu" in r.read().decode("utf-8")
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
                time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        assert f"http://127.0.0.1:{port}/" in out and "Traceback" not in err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_listening_beyond_this_machine_warns(monkeypatch, workspace):
    from dispatch_gen.web import server

    monkeypatch.setattr(server.uvicorn.Server, "run", lambda self: None)  # nothing is bound
    said, warned = [], []
    for host in ("0.0.0.0", "127.0.0.1"):
        server.serve(workspace, host, 8000, open_browser=False, today=dt.date.today, announce=said.append,
                     warn=warned.append)
    assert len(warned) == 1 and "0.0.0.0" in warned[0] and "mạng" in warned[0]
    assert len(said) == 2


@pytest.mark.parametrize("host, allowed", [
    ("127.0.0.1:8000", True), ("localhost:8000", True), ("[::1]:8000", True), ("192.168.1.10", True),
    ("LOCALHOST", True), ("evil.example:8000", False), ("127.0.0.1.nip.io", False), ("", False),
])
def test_only_ip_addresses_and_localhost_reach_the_app(host, allowed):
    from dispatch_gen.web.app import host_allowed

    assert host_allowed(host) is allowed


def test_a_rebound_dns_name_is_refused(workspace):
    c = TestClient(create_app(workspace), base_url="http://attacker.example:8000", follow_redirects=False)
    r = c.get("/setup")
    assert r.status_code == 421 and "Đặt mật khẩu" not in r.text
    assert r.headers["content-type"] == "text/plain; charset=utf-8" and "địa chỉ IP" in r.text  # not mojibake
    assert TestClient(create_app(workspace), base_url="http://127.0.0.1:8000").get("/setup").status_code == 200


def test_the_unit_page_says_what_was_received(workspace, blank_forms):
    c = logged_in(workspace)
    unit = list(links(c))[0]
    url = links(c)[unit]
    officer = client(workspace)
    assert 'id="unit-state"' not in officer.get(url).text
    officer.post(url, data={"csrf": CSRF.search(officer.get(url).text).group(1)},
                 files={"file": ("phiếu của thôn.docx", filled(blank_forms, unit))})
    page = client(workspace).get(url).text  # a new visit, another browser
    assert 'id="unit-state"' in page and "phiếu của thôn.docx" in page and "20/11/2024" in page


def test_dashboard_colours_a_criterions_indicators_once_its_lead_reports(workspace, blank_forms):
    c = logged_in(workspace)
    case = load_case(workspace / "dot-1")
    unit = next(u for u in expected_units(case) if u.form == "criterion")
    criterion = next(x for x in case.commune_criteria.criteria if x.code == unit.subject)
    row = re.compile(rf"<th scope=\"row\">{re.escape(criterion.code)}\. .*?</tr>", re.S)
    before = row.search(c.get("/c/dot-1").text).group(0)
    assert before.count('class="chip none"') == len(criterion.indicators) > 0
    (r,) = intake.receive(OpenedCase.of(case, workspace / "dot-1"), [intake.Upload("tc.docx", filled(blank_forms, unit.code))],
                          unit=unit, today=dt.date(2024, 11, 20))
    assert r.ok
    after = row.search(c.get("/c/dot-1").text).group(0)
    assert 'class="chip none"' not in after and after.count('class="chip ') == len(criterion.indicators)


def test_cli_forms_print_the_same_links_as_the_send_list(workspace):
    import zipfile

    from click.testing import CliRunner

    from dispatch_gen.cli import cli
    from dispatch_gen.forms.stage import form_file_name

    c = logged_in(workspace)
    url = links(c)
    out = workspace.parent / "phiếu in"
    r = CliRunner().invoke(cli, ["forms", str(workspace / "dot-1"), "-o", str(out), "--link-base",
                                 "http://testserver/"])
    assert r.exit_code == 0, r.output
    case = load_case(workspace / "dot-1")
    for unit in [u for u in expected_units(case) if u.form][:5]:
        xml = zipfile.ZipFile(out / form_file_name(case, unit)).read("word/document.xml").decode()
        assert f"http://testserver{url[unit.code]}" in xml


@pytest.mark.parametrize("base", ["192.168.1.10:8000", "ftp://x", "http://a b", "http://host/path", ""])
def test_a_link_base_that_is_no_address_is_refused(workspace, base):
    from dispatch_gen.errors import DispatchGenError

    with pytest.raises(DispatchGenError, match="không phải địa chỉ"):
        intake.upload_links(open_case(workspace / "dot-1"), base)


def test_pages_in_english_when_asked(workspace, monkeypatch):
    from dispatch_gen import messages

    monkeypatch.setenv("DISPATCH_GEN_LANG", "en")
    messages.set_language(None)
    page = client(workspace).get("/setup").text
    assert '<html lang="en">' in page and "Set the password" in page


def test_new_case_from_an_unknown_earlier_case_is_refused(workspace):
    c = logged_in(workspace)
    r = c.post("/cases", data={"csrf": csrf(c, "/"), "name": "dot-9", "source": "case:khong-co"})
    assert r.status_code == 404 and not (workspace / "dot-9").exists()


# --- user-level review (branch webrev): what a clerk or an officer sees when something goes wrong


def test_forms_zip_of_a_case_with_a_vietnamese_folder_name(tmp_path):
    root = tmp_path / "Đợt 1 Cẩm Lĩnh"  # serve opened on the case itself: its folder name is the zip's
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(".dispatch-gen"))
    c = logged_in(root)
    url = "/c/Đợt 1 Cẩm Lĩnh"
    c.post(f"{url}/generate", data={"kind": "forms", "csrf": csrf(c, f"{url}/documents")})
    r = c.get(f"{url}/forms.zip")
    assert r.status_code == 200 and r.content.startswith(b"PK")
    from email.message import Message

    header = Message()
    header["content-disposition"] = r.headers["content-disposition"]
    assert header.get_filename() == "phieu-Đợt 1 Cẩm Lĩnh.zip"


@pytest.mark.parametrize("method, url, status, text", [
    ("GET", "/khong-co-trang-nay", 404, "Không có trang này"),
    ("GET", "/c/dot-1/generate", 405, "mã 405"),  # a button's address typed or bookmarked
    ("GET", "/c/khong-co", 404, "Không có hồ sơ này"),
])
def test_error_pages_speak_vietnamese(workspace, method, url, status, text):
    r = logged_in(workspace).request(method, url)
    assert r.status_code == status and text in r.text
    assert "Not Found" not in r.text and "Method Not Allowed" not in r.text


def test_an_unexpected_error_is_a_vietnamese_page_not_a_traceback(workspace, monkeypatch):
    from dispatch_gen import desk

    c = logged_in(workspace)
    crash = TestClient(c.app, follow_redirects=False, raise_server_exceptions=False, cookies=c.cookies)
    monkeypatch.setattr(desk, "dashboard", lambda *a: 1 / 0)
    r = crash.get("/c/dot-1")
    assert r.status_code == 500 and "lỗi ngoài dự kiến" in r.text
    assert "ZeroDivisionError" not in r.text and "Traceback" not in r.text

    def locked(*_a):  # Windows: the file is open in Word
        raise PermissionError(13, "Permission denied", "van-ban/cong-van.docx")

    monkeypatch.setattr(desk, "dashboard", locked)
    r = crash.get("/c/dot-1")
    assert r.status_code == 500 and "van-ban/cong-van.docx: không có quyền truy cập (tệp đang mở trong Word" in r.text


def test_an_officers_error_page_leads_back_to_his_upload_page(workspace):
    url = links(logged_in(workspace))
    path = next(iter(url.values()))
    officer = client(workspace)
    r = officer.post(path, data={"csrf": "hết hạn"}, files={"file": ("phieu.docx", b"PK")})
    assert r.status_code == 403 and f'href="{path}"' in r.text and "Quay lại trang nộp phiếu" in r.text
    r = officer.get(path[:-4] + "0000")  # a wrong link has no page to go back to
    assert r.status_code == 404 and "/u/" not in r.text.split("<main", 1)[1]


def test_an_oversized_upload_gets_a_vietnamese_page_with_its_charset(workspace):
    path = next(iter(links(logged_in(workspace)).values()))
    officer = client(workspace, max_request=1024)
    token = csrf(officer, path)
    r = officer.post(path, data={"csrf": token}, files={"file": ("phiếu lớn.docx", b"PK" + b"x" * 4096)})
    assert r.status_code == 413 and r.headers["content-type"] == "text/html; charset=utf-8"
    assert "quá lớn" in r.text and "tối đa 20 MB" in r.text and f'href="{path}"' in r.text
    chunks = iter([b"csrf=" + token.encode() + b"&x=", b"y" * 4096])  # no length given: counted as it comes
    r = officer.post(path, content=chunks, headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413 and "quá lớn" in r.text and r.headers["content-type"] == "text/html; charset=utf-8"
    assert submissions(workspace / "dot-1") == []


def test_parallel_password_guesses_get_no_more_tries_than_one_after_another(workspace):
    """Guesses sent all at once must not all pass the throttle before the first one is counted."""
    import asyncio

    import httpx2

    logged_in(workspace)  # the password is set
    app = client(workspace).app

    async def guess_at_once(count: int) -> list[int]:
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://testserver") as guesser:
            token = CSRF.search((await guesser.get("/login")).text).group(1)
            answers = await asyncio.gather(*(guesser.post("/login", data={"csrf": token, "password": f"đoán {i}"})
                                             for i in range(count)))
        return [r.status_code for r in answers]

    codes = asyncio.run(guess_at_once(12))
    assert sorted(codes) == [401] * 5 + [429] * 7


def test_every_post_route_wants_the_csrf_token(workspace, blank_forms):
    """Every address that takes a POST, read from the app itself (a route added later is covered too),
    refuses one without the session's token, from the clerk's session and an officer's, changing nothing."""
    from starlette.routing import Route

    c = logged_in(workspace)
    unit, link = next(iter(links(c).items()))
    token = link.rsplit("/", 1)[1]
    params = {"case": "dot-1", "token": token, "name": "cong-van.docx"}
    posts = [r.path for r in c.app.routes if isinstance(r, Route) and "POST" in (r.methods or ())]
    assert {"/login", "/logout", "/cases", "/c/{case}/generate", "/c/{case}/collect", "/u/{case}/{token}"} <= set(posts)
    files = {"file": ("phieu.docx", filled(blank_forms, unit)), "files": ("phieu.docx", filled(blank_forms, unit))}
    officer = client(workspace)
    officer.get(link)  # an officer's session, with a token of its own
    for route in posts:
        url = route.format(**params)
        for who in (c, officer):
            for token_given in ({}, {"csrf": "giả"}):
                r = who.post(url, data={"kind": "dispatch", "name": "dot-2", "password": PASSWORD,
                                        "repeat": PASSWORD, **token_given}, files=files)
                assert r.status_code in (403, 303 if route == "/setup" else 403), (route, r.status_code)
                if r.status_code == 303:
                    assert r.headers["location"] == "/login"  # the password is set: nothing to post there
    assert submissions(workspace / "dot-1") == [] and not (workspace / "dot-2").exists()
    assert not (workspace / "dot-1" / "van-ban").exists() and c.get("/c/dot-1").status_code == 200  # not logged out


@pytest.mark.parametrize("login_ago, seen_ago, alive", [
    (60, 60, True), (3600, auth.IDLE_SECONDS + 5, False), (auth.MAX_SECONDS + 5, 5, False)])
def test_an_expired_session_is_sent_to_the_login_and_cannot_post(workspace, login_ago, seen_ago, alive):
    """Through the app, with the signed cookie a browser would hold: idle or day-long sessions are over."""
    import base64
    import time

    import itsdangerous

    signer = itsdangerous.TimestampSigner("khóa thử")
    c = logged_in(workspace, secret_key="khóa thử")
    session = json.loads(base64.b64decode(signer.unsign(c.cookies["dg_session"])))
    now = time.time()
    session.update(login_at=now - login_ago, seen_at=now - seen_ago)  # the clock moved on
    cookie = signer.sign(base64.b64encode(json.dumps(session).encode())).decode()
    r = TestClient(c.app, follow_redirects=False, cookies={"dg_session": cookie}).get("/c/dot-1")
    assert (r.status_code, r.headers.get("location")) == ((200, None) if alive else (303, "/login"))
    r = TestClient(c.app, follow_redirects=False, cookies={"dg_session": cookie}).post(
        "/c/dot-1/generate", data={"kind": "dispatch", "csrf": session["csrf"]})
    assert r.status_code == (303 if alive else 403)
    assert (workspace / "dot-1" / "van-ban" / "cong-van.docx").is_file() is alive


def test_upload_links_of_a_folder_with_spaces_survive_being_pasted(tmp_path, blank_forms):
    """A link is cut at its first space by Zalo or a mail program: the case folder is percent-encoded."""
    root = tmp_path / "hồ sơ"
    shutil.copytree(SAMPLE, root / "Đợt 1 năm 2024", ignore=shutil.ignore_patterns(".dispatch-gen"))
    c = logged_in(root)
    page = c.get("/c/Đợt 1 năm 2024/send-list").text
    found = dict((u, p) for p, u in re.findall(r'href="http://testserver(/u/[^"]+)" id="link-([^"]+)"', page))
    assert found and not any(re.search(r"\s", p) for p in found.values())
    unit, path = next((u, p) for u, p in found.items() if u in blank_forms)
    officer = client(root)
    r = officer.post(path, data={"csrf": csrf(officer, path)}, files={"file": ("phiếu.docx", filled(blank_forms, unit))})
    assert r.status_code == 200 and "Mã biên nhận" in r.text


def test_the_send_list_page_names_whom_the_cli_send_list_names(workspace):
    """One send list: the page shows each unit's recipient as ``forms`` writes them (a village's head
    when no officer is assigned), and the form file to send."""
    import html as html_module

    from dispatch_gen.forms.send_list import entries

    c = logged_in(workspace)
    page = html_module.unescape(c.get("/c/dot-1/send-list").text)
    rows = dict(re.findall(r'<tr><td>([^<]+)</td><td>[^<]*</td>\s*<td class="person">(.*?)</td>', page, re.S))
    expected = entries(load_case(workspace / "dot-1"))
    assert [e.unit.code for e in expected] == list(rows)
    assert any(not e.unit.officers and e.to.person for e in expected)  # the case has a unit reached via its head
    for e in expected:
        assert e.to.person in rows[e.unit.code] and e.to.phone in rows[e.unit.code]
        assert e.file in page


def test_a_closed_link_says_so_instead_of_offering_the_form(workspace, blank_forms):
    c = logged_in(workspace)
    unit, path = next(iter(links(c).items()))
    case = load_case(workspace / "dot-1")
    deadline = next(u for u in expected_units(case) if u.code == unit).deadline
    on_day = client(workspace, today=deadline)
    r = on_day.post(path, data={"csrf": csrf(on_day, path)}, files={"file": ("phiếu.docx", filled(blank_forms, unit))})
    assert r.status_code == 200 and 'id="file"' in r.text  # on the deadline day a corrected form is still taken
    after = client(workspace, today=deadline + dt.timedelta(days=1)).get(path).text
    assert 'id="unit-closed"' in after and deadline.strftime("%d/%m/%Y") in after and 'id="file"' not in after
    missing = next(u for u in links(c) if u != unit)  # a unit with nothing in may still send, late
    assert 'id="file"' in client(workspace, today=deadline + dt.timedelta(days=1)).get(links(c)[missing]).text


def test_the_upload_page_names_whom_to_ask(workspace):
    from dispatch_gen.case.contacts import return_contact

    c = logged_in(workspace)
    unit, path = next(iter(links(c).items()))
    case = load_case(workspace / "dot-1")
    ask = return_contact(case, next(u for u in expected_units(case) if u.code == unit))
    assert ask.person and f"Cần hỏi về phiếu: {ask.person}" in client(workspace).get(path).text


def test_too_many_files_at_once_is_said_in_vietnamese(workspace):
    c = logged_in(workspace)
    token = csrf(c, "/c/dot-1/collect")
    files = [("files", (f"phieu-{i}.docx", b"PK")) for i in range(intake.MAX_UPLOAD_FILES + 1)]
    r = c.post("/c/dot-1/collect", data={"csrf": token}, files=files)
    assert r.status_code == 400 and f"quá {intake.MAX_UPLOAD_FILES} tệp một lần" in r.text
    assert "Too many" not in r.text and submissions(workspace / "dot-1") == []
    broken = c.post("/c/dot-1/collect", content=b"--x\r\nnot a part", headers={
        "content-type": "multipart/form-data; boundary=x"})
    assert broken.status_code == 400 and "Không đọc được dữ liệu gửi lên" in broken.text


@pytest.mark.parametrize("typed, day", [
    ("05/01/2026", dt.date(2026, 1, 5)), ("5/1/2026", dt.date(2026, 1, 5)), (" 05.01.2026 ", dt.date(2026, 1, 5)),
    ("05-01-2026", dt.date(2026, 1, 5)), ("2026-01-05", dt.date(2026, 1, 5)), ("", None),
    ("31/02/2026", "không hợp lệ"), ("01/13/2026", "không hợp lệ"), ("hôm nay", "không hợp lệ"),
    ("2026/01/05", "không hợp lệ"),
])
def test_days_as_clerks_type_them(typed, day):
    from dispatch_gen import desk
    from dispatch_gen.errors import OutputError

    if isinstance(day, str):
        with pytest.raises(OutputError, match=day):
            desk.parse_day(typed)
    else:
        assert desk.parse_day(typed) == day


def test_after_the_login_the_clerk_is_back_where_the_session_ended(workspace):
    c = logged_in(workspace)
    c.post("/logout", data={"csrf": csrf(c, "/c/dot-1/send-list")})
    assert c.get("/c/dot-1/send-list").headers["location"] == "/login"
    r = c.post("/login", data={"csrf": csrf(c, "/login"), "password": PASSWORD})
    assert (r.status_code, r.headers["location"]) == (303, "/c/dot-1/send-list")
    fresh = client(workspace)  # straight to the login page: the home page after it
    r = fresh.post("/login", data={"csrf": csrf(fresh, "/login"), "password": PASSWORD})
    assert r.headers["location"] == "/"


def test_a_stage_error_on_the_first_start_is_its_message_not_a_crash(workspace):
    (workspace / ".dispatch-gen").write_text("một tệp, không phải thư mục", encoding="utf-8")
    c = client(workspace)
    r = c.post("/setup", data={"csrf": csrf(c, "/setup"), "password": PASSWORD, "repeat": PASSWORD})
    assert r.status_code == 400 and ".dispatch-gen" in r.text and "lỗi ngoài dự kiến" not in r.text


def test_a_case_folder_named_with_a_hash_and_spaces_has_working_pages(tmp_path):
    root = tmp_path / "hồ sơ"
    shutil.copytree(SAMPLE, root / "Đợt 1 #2", ignore=shutil.ignore_patterns(".dispatch-gen"))
    c = logged_in(root)
    home = c.get("/").text
    assert 'href="/c/%C4%90%E1%BB%A3t%201%20%232"' in home  # a bare # would end the path
    r = c.post("/c/Đợt 1 %232/generate", data={"kind": "dispatch", "csrf": csrf(c, "/")})
    assert r.status_code == 303 and r.headers["location"] == "/c/%C4%90%E1%BB%A3t%201%20%232/documents"
    page = c.get(r.headers["location"]).text
    assert 'href="/c/%C4%90%E1%BB%A3t%201%20%232/files/cong-van.docx"' in page
    assert c.get("/c/%C4%90%E1%BB%A3t%201%20%232/files/cong-van.docx").content.startswith(b"PK")


def test_a_copy_of_the_cookie_is_worth_nothing_after_logging_out(workspace):
    c = logged_in(workspace)
    copied = c.cookies["dg_session"]  # taken from the clerk's browser while he works

    def with_copy() -> TestClient:
        return TestClient(c.app, follow_redirects=False, cookies={"dg_session": copied})

    assert with_copy().get("/c/dot-1").status_code == 200  # a copy works while the login is open
    c.post("/logout", data={"csrf": csrf(c, "/c/dot-1")})
    r = with_copy().get("/c/dot-1")
    assert (r.status_code, r.headers["location"]) == (303, "/login")
    c.post("/login", data={"csrf": csrf(c, "/login"), "password": PASSWORD})
    assert c.get("/c/dot-1").status_code == 200 and with_copy().get("/c/dot-1").status_code == 303


def test_the_dashboard_names_the_units_as_the_commune_does(tmp_path, workspace):
    """A southern commune has ấp and khu phố, not thôn: the matrix is headed with the case's own words."""
    from third_case import write_third_case

    write_third_case(tmp_path / "ws" / "dot-3")
    south = logged_in(tmp_path / "ws").get("/c/dot-3").text
    assert "Kết quả tự đánh giá tiêu chí của các ấp, khu phố" in south and '<th scope="col">Ấp, khu phố</th>' in south
    assert "các thôn" not in south
    north = logged_in(workspace).get("/c/dot-1").text
    assert "Kết quả tự đánh giá tiêu chí của các thôn" in north and '<th scope="col">Thôn</th>' in north
