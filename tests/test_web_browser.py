"""The whole cycle in a real browser: Debian's chromium driven through chromium-driver (Selenium).

First start (password), login with the keyboard, a new case from the sample, generate the dispatch
and the forms, download them, read the send list, upload filled forms at the clerk's desk (one bad,
one empty, one good), one officer's own link (his receipt; another unit's form refused), watch the
dashboard change, issue a number, compile the report. Every page visited is checked for labelled,
keyboard-reachable controls. With ``DISPATCH_GEN_SCREENSHOTS=<folder>`` (read at import: the test
isolation clears project variables per test) each page is saved there as PNG for the README.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import pytest
from fillers import answers_for, fill_like_word

from dispatch_gen.case.models import expected_units
from dispatch_gen.case.records import load_case
from dispatch_gen.forms.spec import form_spec
from dispatch_gen.forms.stage import form_file_name
from dispatch_gen.store import open_store
from dispatch_gen.web.server import running

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.libreoffice]  # the preview converts with LibreOffice
SHOTS = os.environ.get("DISPATCH_GEN_SCREENSHOTS")
TODAY = dt.date(2024, 11, 20)  # before the sample's deadline: forms received now are on time
PASSWORD = "Văn thư Cam Linh 2024"
PHONE = (390, 844)

# Every visible control must have a label (or be a button with text), and TAB must reach it.
UNLABELLED = """
return Array.from(document.querySelectorAll('input, select, textarea, button'))
  .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
  .filter(e => e.tagName === 'BUTTON' ? !e.textContent.trim() : !(e.labels && e.labels.length))
  .map(e => e.outerHTML);
"""
CONTROLS = """
return Array.from(document.querySelectorAll('a[href], input, select, textarea, button'))
  .filter(e => e.type !== 'hidden' && e.offsetParent !== null);
"""


START = """
const start = document.createElement('span'); start.tabIndex = -1; start.id = 'tab-start';
document.body.prepend(start); start.focus(); window.scrollTo(0, 0);
"""


@pytest.fixture
def browser(tmp_path):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--lang=vi", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": str(tmp_path / "downloads"),
                                              "download.prompt_for_download": False})
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    driver.implicitly_wait(0)
    try:
        yield driver
    finally:
        driver.quit()


def look(driver, name: str) -> None:
    """Check the page's controls (labels, TAB order), that it fits a phone, and save a screenshot when asked."""
    assert driver.execute_script(UNLABELLED) == [], f"{name}: controls without a label"
    fits_a_phone(driver, name)
    controls = driver.execute_script(CONTROLS)
    driver.execute_script(START)  # TAB from the very top of the page (no click: it could hit a link)
    reached = []
    for _ in range(len(controls) + 3):
        ActionChains(driver).send_keys(Keys.TAB).perform()  # to the page, as a person presses it
        reached.append(driver.switch_to.active_element)
    missing = [c.get_attribute("outerHTML")[:80] for c in controls if c not in reached]
    assert not missing, f"{name}: not reachable with TAB: {missing}"
    driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0);")
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1280, min(max(height + 40, 600), 2400))
        driver.save_screenshot(str(Path(SHOTS) / f"web-{name}.png"))
        driver.set_window_size(1280, 1000)


def fits_a_phone(driver, name: str) -> None:
    """Officers open their links on phones: at a phone's width the page never scrolls sideways (a wide
    table scrolls inside its own box)."""
    driver.set_window_size(*PHONE)
    try:
        sideways = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    finally:
        driver.set_window_size(1280, 1000)
    assert sideways <= 0, f"{name}: the page is {sideways}px wider than a phone"


def loads(driver, action) -> None:
    """Run ``action`` (a click, ENTER) and wait until the NEXT page has loaded: the old page's root
    element gone stale, the new document complete. Never reads a page that is being replaced."""
    old = driver.find_element(By.TAG_NAME, "html")
    action()
    WebDriverWait(driver, 240).until(lambda _d: _gone(old))  # generous: a loaded CI machine
    WebDriverWait(driver, 240).until(lambda d: d.execute_script("return document.readyState") == "complete")


def _gone(element) -> bool:
    """Whether ``element`` left the document. Chromium reports a replaced page's node either as stale or,
    mid-navigation, as "does not belong to the document"; both mean the old page is gone."""
    try:
        element.is_enabled()
    except StaleElementReferenceException:
        return True
    except WebDriverException as exc:
        if "does not belong to the document" in str(exc) or "No node with given id" in str(exc):
            return True
        raise
    return False


def submit(driver, button_id: str) -> None:
    loads(driver, driver.find_element(By.ID, button_id).click)


def wait_for(predicate, timeout: float = 120.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_the_whole_cycle_in_a_browser(tmp_path, browser):
    root = tmp_path / "Hồ sơ xã Cẩm Lĩnh"
    root.mkdir()
    with running(root, today=lambda: TODAY) as base:
        d = browser
        # first start: set the password, then log in with the keyboard only
        d.get(base + "/")
        assert d.current_url.endswith("/setup")
        look(d, "mat-khau")
        d.find_element(By.ID, "password").send_keys(PASSWORD)
        loads(d, lambda: d.find_element(By.ID, "repeat").send_keys(PASSWORD + Keys.ENTER))
        wait_for(lambda: d.current_url.endswith("/login"))
        look(d, "dang-nhap")
        loads(d, lambda: d.find_element(By.ID, "password").send_keys(PASSWORD + Keys.ENTER))  # ENTER submits
        wait_for(lambda: d.current_url == base + "/")

        # a new case from the sample
        d.find_element(By.ID, "name").send_keys("Đợt 1 năm 2024")
        look(d, "ho-so")
        loads(d, d.find_element(By.CSS_SELECTOR, "form[action='/cases'] button").click)
        wait_for(lambda: "/c/dot-1-nam-2024" in d.current_url)
        case_dir = root / "dot-1-nam-2024"
        case = load_case(case_dir)
        units = [u for u in expected_units(case) if u.form]
        assert d.page_source.count("chưa nộp") >= len(units)

        # documents: the dispatch and the forms, downloaded
        d.get(f"{base}/c/dot-1-nam-2024/documents")
        submit(d, "make-dispatch")
        wait_for(lambda: "cong-van.docx" in d.page_source)
        submit(d, "make-forms")
        wait_for(lambda: "forms-zip" in d.page_source)
        look(d, "van-ban")
        d.find_element(By.ID, "forms-zip").click()
        downloads = tmp_path / "downloads"

        def finished_zip():  # chromium creates the name first and fills it (via .crdownload) later
            if not downloads.is_dir() or list(downloads.glob("*.crdownload")):
                return None
            return [p for p in downloads.glob("*.zip") if p.stat().st_size > 0] or None

        zipped = wait_for(finished_zip)
        assert zipped[0].stat().st_size > 10_000

        # the send list: one link per unit
        d.get(f"{base}/c/dot-1-nam-2024/send-list")
        look(d, "danh-sach-gui")
        link = {u.code: d.find_element(By.ID, f"link-{u.code}").get_attribute("href") for u in units}
        copy = d.find_element(By.XPATH, f"//a[@id='link-{units[0].code}']/following-sibling::button")
        d.execute_cdp_cmd("Browser.grantPermissions", {"origin": base, "permissions": ["clipboardReadWrite"]})
        copy.click()  # «Chép»: the link to the clipboard, for Zalo (clicking the link would open it)
        wait_for(lambda: copy.text == "Đã chép")
        assert d.execute_async_script("navigator.clipboard.readText().then(arguments[0])") == link[units[0].code]

        # the clerk's desk: one good, one bad (a damaged file: cut short), one empty (a blank form)
        forms_dir = case_dir / "van-ban" / "phieu"
        blank = {u.code: (forms_dir / form_file_name(case, u)).read_bytes() for u in units}
        good, bad, empty = units[0], units[1], units[2]
        upload = tmp_path / "phiếu nhận"
        upload.mkdir()
        files = {"tốt.docx": fill_like_word(blank[good.code], answers_for(form_spec(case, good))),
                 "sai.docx": fill_like_word(blank[bad.code], answers_for(form_spec(case, bad)))[:3000], "trống.docx": blank[empty.code]}
        for name, data in files.items():
            (upload / name).write_bytes(data)
        d.get(f"{base}/c/dot-1-nam-2024/collect")
        d.find_element(By.ID, "files").send_keys("\n".join(str(upload / n) for n in files))
        d.find_element(By.ID, "collect-submit").click()  # drop.js sends the files one by one, no page load
        wait_for(lambda: len(d.find_elements(By.CSS_SELECTOR, "#live .receipt")) == len(files))
        wait_for(lambda: d.find_element(By.ID, "progress").text == "Đã đọc xong.")
        look(d, "thu-phieu")
        receipts = d.find_elements(By.CSS_SELECTOR, ".receipt")
        assert [("bad" in r.get_attribute("class")) for r in receipts] == [False, True, True]
        assert "tệp hỏng" in receipts[1].text and "phiếu trống" in receipts[2].text

        # the session ends while the page is open: each file's verdict says so (not a page in the page)
        d.delete_all_cookies()
        d.find_element(By.ID, "files").send_keys(str(upload / "tốt.docx"))
        d.find_element(By.ID, "collect-submit").click()
        wait_for(lambda: len(d.find_elements(By.CSS_SELECTOR, "#live .receipt")) == len(files) + 1)
        late = d.find_elements(By.CSS_SELECTOR, "#live .receipt")[-1]
        assert "bad" in late.get_attribute("class") and late.text.startswith("tốt.docx: không nhận: Cần đăng nhập lại")
        assert not d.find_elements(By.CSS_SELECTOR, "#live header, #live h1")

        # an officer: his own link refuses another unit's form, takes his own, with a receipt
        officer = units[3]
        mine = fill_like_word(blank[officer.code], answers_for(form_spec(case, officer)))
        (upload / "của tôi.docx").write_bytes(mine)
        d.delete_all_cookies()  # the officer is not logged in
        d.get(link[officer.code])
        look(d, "nop-phieu")
        big = upload / "ảnh chụp phiếu.docx"  # over the limit: refused on the phone, before it is sent
        big.write_bytes(b"PK" + b"\0" * int(d.find_element(By.ID, "file").get_attribute("data-max")))
        d.find_element(By.ID, "file").send_keys(str(big))
        d.find_element(By.ID, "send").click()
        assert d.find_element(By.ID, "too-big").is_displayed() and "/u/" in d.current_url
        d.find_element(By.ID, "file").clear()
        d.find_element(By.ID, "file").send_keys(str(upload / "tốt.docx"))
        submit(d, "send")
        wait_for(lambda: "đơn vị khác" in d.page_source)
        d.find_element(By.ID, "file").send_keys(str(upload / "của tôi.docx"))
        submit(d, "send")
        wait_for(lambda: "Mã biên nhận" in d.page_source)
        look(d, "bien-nhan")
        with open_store(case_dir) as db:
            rows = db.submissions()
        receipt_ids = [r["sha256"][:12].upper() for r in rows if r["unit"] == officer.code]
        assert receipt_ids and receipt_ids[0] in d.page_source
        d.get(f"{base}/c/dot-1-nam-2024")
        assert d.current_url.endswith("/login")  # that browser has no clerk session any more

        # the clerk again: the dashboard has changed
        loads(d, lambda: d.find_element(By.ID, "password").send_keys(PASSWORD + Keys.ENTER))
        wait_for(lambda: "/login" not in d.current_url)
        d.get(f"{base}/c/dot-1-nam-2024")
        states = {r.find_elements(By.TAG_NAME, "td")[0].text: r.get_attribute("class")
                  for r in d.find_elements(By.CSS_SELECTOR, "table.status tbody tr")}
        assert states[good.code] == states[officer.code] == "state-on_time"
        assert states[empty.code] == states[bad.code] == "state-missing"  # a blank form is no submission
        assert sum(1 for s in states.values() if s == "state-missing") == len(units) - 2
        look(d, "tinh-hinh")

        # issue the dispatch's number, then compile the report
        d.get(f"{base}/c/dot-1-nam-2024/documents")
        submit(d, "issue")
        wait_for(lambda: "Đã cấp số 01" in d.page_source)
        submit(d, "make-report")
        wait_for(lambda: "bao-cao.docx" in d.page_source)
        d.find_element(By.CSS_SELECTOR, "a[href$='files/bao-cao.docx']").click()
        wait_for(lambda: (tmp_path / "downloads" / "bao-cao.docx").is_file())
        assert (case_dir / "van-ban" / "bao-cao.docx").read_bytes() == (tmp_path / "downloads" / "bao-cao.docx").read_bytes()

        # the report's pages, previewed as images
        d.get(f"{base}/c/dot-1-nam-2024/documents")
        loads(d, d.find_element(By.ID, "preview-bao-cao.docx").click)
        pages = d.find_elements(By.CSS_SELECTOR, ".pages img")
        assert pages and all(d.execute_script("return arguments[0].naturalWidth", p) > 300 for p in pages)
        look(d, "xem-truoc")
