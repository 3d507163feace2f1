"""What the report says: ``ReportData`` as plain document blocks (laid out by ``word.report_body``).

Pure: headings, paragraphs, bullets and tables of cell texts as dicts, the body (I. results, II.
remaining work and solutions, III. proposals) and the landscape appendices (Phụ lục I, II, …).
Every free-text answer lands in some table cell, and answers the current forms no longer ask for
go to a "Nội dung khác" table: nothing is dropped. ``ReportSettings`` holds the wording a clerk may
change in ``report.yaml`` (read by the ``report`` stage).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import Field

from .. import nd30, text
from ..case import roles
from ..case.models import SYMBOL_PATTERN, Case, Model
from ..forms.spec import MARK, clerk_words, field_words
from ..status import UnitStatus, received_day
from .data import MET, NOT_MET, VILLAGE_COLS, ReportData, iso_day

STATE_LABELS = {"on_time": "Đúng hạn", "late": "Chậm", "missing": "Chưa báo cáo", "rejected": "Phải gửi lại"}


class ReportSettings(Model):
    """The report's own record: trích yếu, Kính gửi (a higher body), Nơi nhận, signer, proposals."""

    subject: str = ("Kết quả rà soát, đánh giá mức độ đạt chuẩn các tiêu chí nông thôn mới và khu dân cư "
                    "nông thôn mới kiểu mẫu")
    recipients: list[str] | None = None  # default: the commune's Ban Chỉ đạo (see recipients_for)
    noi_nhan: list[str] | None = None  # default: report_noi_nhan(case)
    signer: str | None = None
    unit: str | None = Field(default=None, pattern=SYMBOL_PATTERN)  # ký hiệu unit part; default: the dispatch's
    proposals: list[str] | None = None  # default: default_proposals(case)


def luu_line(unit: str | None) -> str:
    """The last Nơi nhận entry: the clerk's copy and the drafting unit's (ND30 §11: ``Lưu: VT, VP``)."""
    return f"Lưu: VT, {unit}" if unit else "Lưu: VT"


def report_noi_nhan(case: Case, unit: str | None = None) -> list[str]:
    """The report's Nơi nhận; the units named by their kinds (``Các thôn, tổ dân phố``)."""
    return ["Như trên", "Thường trực Đảng ủy xã", "Ban Quản lý các chương trình mục tiêu quốc gia xã",
            f"Các {roles.units_in_letter(case)}", luu_line(unit)]


def has_group_directors(case: Case) -> bool:
    """Whether anyone directs a group of criteria: a set without groups (51/2025 until the commune
    divides the work) must not be reported on, or copied to, «các đồng chí chỉ đạo nhóm tiêu chí»."""
    return any(g.director for g in case.commune_criteria.groups)


def default_proposals(case: Case) -> list[str]:
    """Section III when report.yaml gives none."""
    directors = "chỉ đạo nhóm tiêu chí, " if has_group_directors(case) else ""
    return ["Đề nghị Ban Chỉ đạo, Ban Quản lý các chương trình mục tiêu quốc gia xã cho ý kiến về khối lượng "
            "còn lại, lộ trình và phân công thực hiện nêu tại báo cáo này.",
            f"Đề nghị các đồng chí được phân công {directors}phụ trách tiêu chí và phụ trách "
            f"{roles.units_in_letter(case)} tiếp tục kiểm tra, đôn đốc, hoàn thiện hồ sơ tiêu chí theo đúng thời hạn "
            "đã đăng ký."]


def fits_words(texts: list[str], width: int, bold: bool = False) -> bool:
    """True when every word of ``texts`` fits a table column of ``width`` twips on one line: a narrower
    column would split a name inside a syllable ("Thô/n Đôn/g Hà")."""
    return nd30.longest_word_twips(texts, nd30.SIZE_TABLE, bold) + 2 * CELL_MARGIN <= width


CELL_MARGIN = 80  # word.report_body's cell margin, each side


def recipients_for(case: Case, settings: ReportSettings) -> list[str]:
    """Kính gửi of the report: the commune's Ban Chỉ đạo (a higher body) unless report.yaml says otherwise."""
    return settings.recipients or [f"Ban Chỉ đạo các chương trình mục tiêu quốc gia xã {case.agency.place}"]


def date_cell(value: str | None) -> str:
    """A stored ISO date as ``dd/mm/yyyy`` (other text unchanged, None → empty)."""
    day = iso_day(value)
    return text.short_date(day) if day else (value or "")


def _s(value: str | None) -> str:
    return value or ""


def join_names(items: list[str]) -> str:
    """Names in a sentence: comma-separated, in the order given."""
    return ", ".join(items)


def _h(s: str) -> dict:
    return {"kind": "heading", "text": s}


def _flat(s: str) -> str:
    """Body text on one line: a typed line break inside a justified paragraph stretches the line."""
    return " ".join(s.split())


def _p(s: str) -> dict:
    return {"kind": "para", "text": _flat(s)}


def _b(s: str) -> dict:
    return {"kind": "bullet", "text": _flat(s)}


def _table(columns: list[tuple[str, int]], rows: list[list[str] | dict], **kw: Any) -> dict:
    """A table block: header texts with widths (twips), rows of cell texts; a dict row is a band
    ``{"band": text}`` spanning the whole width (a criterion or village heading)."""
    return {"kind": "table", "columns": columns, "rows": rows, **kw}


@dataclass(frozen=True)
class Appendix:
    """One Phụ lục: key (to cite it), title, blocks; its number is its position (I, II, …)."""

    key: str
    title: str
    blocks: list[dict]


def appendices(data: ReportData) -> list[Appendix]:
    """The full tables, one Phụ lục each (landscape pages); order fixes their numbers I, II, …"""
    out = [_appendix_criteria(data), _appendix_dossier(data), _appendix_matrix(data),
           _appendix_villages(data), _appendix_roadmap(data), _appendix_status(data)]
    return [a for a in out if a is not None]


def _appendix_criteria(data: ReportData) -> Appendix:
    # TT fits "17.11"; every header on two lines at most («Đơn vị phối hợp» at 1070 read one word per line)
    cols = [("TT", 800), ("Tiêu chí, chỉ tiêu", 2300), ("Yêu cầu", 1000), ("Hiện trạng", 1900),
            ("Tự đánh giá", 1300), ("Nội dung, khối lượng cần thực hiện", 2400),
            ("Tổ chức, cá nhân thực hiện", 1900), ("Đơn vị phối hợp", 1670), ("Thời hạn", 1300)]
    rows: list = []
    for c in data.criteria:
        state = {True: MET, False: NOT_MET, None: "chưa tự đánh giá đủ" if c.reported else "chưa có báo cáo"}[c.met]
        rows.append({"band": f"Tiêu chí số {c.code}: {c.name} – {state}"
                             + (f" (phụ trách: {c.lead})" if c.lead else "")})
        for i in c.indicators:
            rows.append([i.code, i.text, i.requirement, _s(i.hien_trang), _s(i.dat), _s(i.noi_dung),
                         _s(i.thuc_hien), _s(i.phoi_hop), date_cell(i.han)])
    marked = any(MARK.strip() in str(cell) for row in rows if isinstance(row, list) for cell in row[:3])
    note = [_p("(*) Nội dung hoặc mức đạt chuẩn chưa được đối chiếu với văn bản gốc, hoặc chỉ tiêu chưa "
               "được nhập (tiêu chí được đánh giá chung): xem ghi chú trên phiếu của tiêu chí.")] if marked else []
    return Appendix("criteria", "Biểu tổng hợp đánh giá các tiêu chí xã nông thôn mới",
                    [_table(cols, rows), *note])


def _appendix_dossier(data: ReportData) -> Appendix | None:
    cols = [("TT", 700), ("Hồ sơ, tài liệu theo danh mục hướng dẫn", 6200), ("Tình trạng", 1700),
            ("Kế hoạch củng cố, hoàn thiện", 5970)]
    rows: list = []
    for c in data.criteria:
        if not c.dossier:
            continue
        state = {True: "đủ hồ sơ", False: f"còn thiếu {len(c.dossier_missing)}/{len(c.dossier)} hồ sơ",
                 None: "chưa có báo cáo"}[c.dossier_complete]
        rows.append({"band": f"Tiêu chí số {c.code}: {c.name} – {state}"})
        rows += [[d.no, d.item, _s(d.state), _s(d.plan)] for d in c.dossier]
    if not rows:
        return None
    return Appendix("dossier", "Tình hình hồ sơ các tiêu chí xã nông thôn mới", [_table(cols, rows)])


MATRIX_MAX_VILLAGES = 11  # village columns a landscape page holds with "Thôn" unbroken; longer words: fewer (fits_words)


def _appendix_matrix(data: ReportData) -> Appendix | None:
    """Villages × criteria marks; one column per village while they fit, else one row per village."""
    if not data.villages or not data.village_criteria:
        return None
    total = len(data.village_criteria)
    title = f"Kết quả đánh giá {total} tiêu chí khu dân cư nông thôn mới kiểu mẫu của các {data.units_word}"
    n = len(data.villages)
    name_w, tt_w, sum_w = 3800, 600, 1400
    each = (14570 - name_w - tt_w - sum_w) // n
    if n > MATRIX_MAX_VILLAGES or not fits_words([v.name for v in data.villages], each, bold=True):
        return Appendix("matrix", title, _matrix_by_village(data))
    cols = [("TT", tt_w), ("Tiêu chí", name_w)] + [(v.name, each) for v in data.villages]
    cols.append((f"Số {data.units_word} đạt", 14570 - name_w - tt_w - each * n))
    short = each < 1000  # many villages: Đ / CĐ so a column stays one line wide
    label = {MET: "Đ", NOT_MET: "CĐ"} if short else {}
    rows: list = []
    for code, name in data.village_criteria:
        marks = [next((r.dat for r in v.rows if r.code == code), None) for v in data.villages]
        rows.append([code, name] + [label.get(m, m) if m else ("–" if not v.reported else "")
                                    for m, v in zip(marks, data.villages, strict=True)]
                    + [f"{sum(1 for m in marks if m == MET)}/{n}"])
    rows.append({"cells": ["", "Số tiêu chí đạt"] + [f"{v.met_count}/{total}" if v.reported else "–"
                                                       for v in data.villages] + [""], "bold": True})
    return Appendix("matrix", title, [_table(cols, rows, center_from=2), _matrix_legend(data, short)])


def _matrix_by_village(data: ReportData) -> list[dict]:
    """The matrix turned for many villages: a row per village, a column per criterion (names in the
    note), so the table grows in pages, not in columns."""
    total, n = len(data.village_criteria), len(data.villages)
    tt_w, name_w, sum_w = 800, 2600, 1400
    each = (14570 - tt_w - name_w - sum_w) // total
    cols = [("TT", tt_w), (roles.capital(data.units_word), name_w)] + [(f"Tiêu chí {code}", each)
                                                                      for code, _ in data.village_criteria]
    cols.append(("Số tiêu chí đạt", 14570 - tt_w - name_w - each * total))
    label = {MET: "Đ", NOT_MET: "CĐ"}
    met = dict.fromkeys((code for code, _ in data.village_criteria), 0)
    rows: list = []
    for i, v in enumerate(data.villages, start=1):
        marks = {r.code: r.dat for r in v.rows}
        cells = []
        for code, _ in data.village_criteria:
            m = marks.get(code)
            met[code] += m == MET
            cells.append(label.get(m, m) if m else ("–" if not v.reported else ""))
        rows.append([str(i), v.name, *cells, f"{v.met_count}/{total}" if v.reported else "–"])
    rows.append({"cells": ["", f"Số {data.units_word} đạt", *(f"{met[code]}/{n}" for code, _ in data.village_criteria), ""],
                 "bold": True})
    names = _p("Tiêu chí: " + "; ".join(f"{code}. {name}" for code, name in data.village_criteria) + ".")
    return [_table(cols, rows, center_cols=(0,), center_from=2), {**names, "size": 12, "italic": True},
            _matrix_legend(data, True)]


def _matrix_legend(data: ReportData, short: bool) -> dict:
    total, n = len(data.village_criteria), len(data.villages)
    legend = _p("Ghi chú: " + ("«Đ»: đạt; «CĐ»: chưa đạt; " if short else "")
                + f"«–»: {data.units_word} chưa gửi báo cáo. {roles.capital(data.units_word)} đạt {total}/{total} "
                  f"tiêu chí: {len(data.villages_full)}/{n} {data.units_word}"
                + (f" ({join_names([roles.name_in_sentence(v.name) for v in data.villages_full])})." if data.villages_full else "."))
    return {**legend, "size": 12, "italic": True}


def _appendix_villages(data: ReportData) -> Appendix | None:
    if not data.villages:
        return None
    cols = [("TT", 600), ("Tiêu chí", 2200), ("Tự đánh giá", 1100), ("Khối lượng còn lại phải thực hiện", 1900),
            ("Tổ chức, cá nhân thực hiện", 1500), ("Cá nhân chỉ đạo", 1300), ("Nguồn lực thực hiện", 1500),
            ("Khó khăn, vướng mắc", 1500), ("Giải pháp cần tập trung", 1570), ("Thời gian hoàn thành", 1400)]
    rows: list = []
    for v in data.villages:
        if not v.reported:
            rows.append({"band": f"{v.name} – chưa gửi báo cáo"})
            continue
        # rows Đạt with nothing else said add nothing to the matrix (Phụ lục III): only the rest
        said = [r for r in v.rows if r.dat != MET or any(getattr(r, c) for c in VILLAGE_COLS[1:])]
        rows.append({"band": f"{v.name} – đạt {v.met_count}/{v.total} tiêu chí"
                             + ("" if said else "; không còn khối lượng phải thực hiện")})
        rows += [[r.code, r.name, _s(r.dat), _s(r.khoi_luong), _s(r.thuc_hien), _s(r.chi_dao), _s(r.nguon_luc),
                  _s(r.kho_khan), _s(r.giai_phap), date_cell(r.han)] for r in said]
    return Appendix("villages", f"Khối lượng còn lại, nguồn lực, khó khăn và giải pháp của các {data.units_word}",
                    [_table(cols, rows)])


def _appendix_roadmap(data: ReportData) -> Appendix:
    cols = [("TT", 600), ("Thời hạn", 1400), ("Nội dung công việc", 5470), (f"Tiêu chí, {data.units_word}", 2700),
            ("Tổ chức, cá nhân thực hiện", 2500), ("Cá nhân chỉ đạo, phụ trách", 1900)]
    rows = [[str(n), text.short_date(i.date), i.what, i.where, i.who, i.director]
            for n, i in enumerate(data.roadmap, start=1)]
    if not rows:
        rows = [{"band": "Chưa có công việc nào được báo cáo kèm thời hạn."}]
    return Appendix("roadmap", "Lộ trình thực hiện", [_table(cols, rows)])


def _appendix_status(data: ReportData) -> Appendix:
    cols = [("TT", 600), ("Đơn vị, cá nhân báo cáo", 5400), ("Hạn báo cáo", 1400), ("Tình trạng", 1700),
            ("Ngày nhận", 1400), ("Ghi chú", 4070)]  # 14570: a landscape text width
    rows = []
    for n, s in enumerate(data.statuses, start=1):
        note = clerk_words(s.reason or "")
        if s.updated_at:
            note = f"Bản cập nhật ngày {text.short_date(received_day(s.updated_at))}"
        rows.append([str(n), s.name, date_cell(s.deadline), STATE_LABELS[s.state],
                     text.short_date(received_day(s.received_at)) if s.received_at and s.state != "rejected"
                     else "", note])
    blocks = [_table(cols, rows)]
    if data.followups:
        cols2 = [("Nhóm", 900), ("Tiêu chí", 3300), ("Người phụ trách", 2300), ("Tình hình báo cáo", 1800),
                 ("Ngày kiểm tra", 1400), ("Ý kiến kiểm tra, đôn đốc", 4870)]
        blocks += [{"kind": "subtitle", "text": "Kết quả kiểm tra, đôn đốc của các đồng chí chỉ đạo nhóm tiêu chí"},
                   _table(cols2, [[f.group, f"{f.code}. {f.name}", f.lead, _s(f.state), date_cell(f.day), _s(f.note)]
                                  for f in data.followups])]
    if data.extra:  # in the clerk's words: the unit's name and the cell, never a code or a tag
        names = {s.unit: s.name for s in data.statuses}
        blocks += [{"kind": "subtitle", "text": "Nội dung khác đã báo cáo"},
                   _table([("Đơn vị, cá nhân", 3000), ("Ô trả lời", 3000), ("Nội dung", 8570)],
                          [[names.get(e.unit, e.unit), field_words(e.tag) or e.tag, e.value]
                           for e in data.extra])]
    return Appendix("status", "Tình hình gửi báo cáo của các đơn vị, cá nhân", blocks)


def _submission_bullets(data: ReportData) -> list[dict]:
    """Issue 11: blank and incomplete forms, and answers kept as typed that need clarifying."""
    out = []
    blank = [s for s in data.statuses if s.submission == "empty"]
    partial = [s for s in data.statuses if s.submission == "partial" and s.state in ("on_time", "late")]
    unclear = [s for s in data.statuses if s.clarify and s.state in ("on_time", "late")]
    if blank:
        out.append(_b(f"Gửi phiếu trống, chưa tính là đã gửi ({len(blank)}): {join_names([roles.name_in_sentence(s.name) for s in blank])}."))
    if partial:
        out.append(_b(f"Báo cáo chưa đủ, phải bổ sung ({len(partial)}): "
                      + "; ".join(f"{roles.name_in_sentence(s.name)} (còn thiếu {'; '.join(s.missing)})" for s in partial) + "."))
    if unclear:
        out.append(_b(f"Có nội dung cần làm rõ ({len(unclear)}): "
                      + "; ".join(f"{roles.name_in_sentence(s.name)} ({len(s.clarify)} ô)" for s in unclear) + "."))
    return out


# Chart colours: done, late, to redo, not yet (and "not assessed" between)
GREEN, AMBER, RED, GREY, LIGHT = "2E7D32", "F9A825", "C62828", "9E9E9E", "D0D0D0"
CHART_MAX_BARS = 30  # more units than this and a bar each would not fit a page
FORM_GROUPS = (("village_assessment", None), ("criterion", "Phụ trách tiêu chí xã"), ("group_followup", "Chỉ đạo nhóm tiêu chí"))
_CODE = re.compile(r"^(?:Tiêu chí số|Nhóm) ([^:]+):")


def compact_names(units: list[UnitStatus]) -> str:
    """Names in a sentence (``roles.name_in_sentence``), criteria and groups by their codes:
    ``Thôn 4, thôn Đông Hà; tiêu chí số 7, 11; nhóm II, III``."""
    villages = [roles.name_in_sentence(u.name) for u in units if u.form == "village_assessment" or not _CODE.match(u.name)]
    crit = [_CODE.match(u.name)[1] for u in units if u.name.startswith("Tiêu chí số") and _CODE.match(u.name)]
    groups = [_CODE.match(u.name)[1] for u in units if u.name.startswith("Nhóm") and _CODE.match(u.name)]
    parts = [join_names(villages)] if villages else []
    if crit:
        parts.append("tiêu chí số " + join_names(crit))
    if groups:
        parts.append("nhóm " + join_names(groups))
    return "; ".join(parts)


def chart_reporting(data: ReportData) -> dict | None:
    """Chart 1: who has reported, by kind of unit (stacked: on time, late, to resend, not yet)."""
    cats, rows = [], []
    for form, label in FORM_GROUPS:
        mine = [s for s in data.statuses if s.form == form]
        if mine:
            cats.append(label or f"Các {data.units_word}")
            rows.append([sum(1 for s in mine if s.state == st) for st in ("on_time", "late", "rejected", "missing")])
    if not cats:
        return None
    names = (("Đúng hạn", GREEN), ("Chậm hạn", AMBER), ("Phải gửi lại", RED), ("Chưa gửi", GREY))
    return {"kind": "chart", "title": f"Biểu đồ 1. Tình hình gửi báo cáo đến ngày {text.short_date(data.as_of)}",
            "categories": cats, "series": [(n, c, [r[i] for r in rows]) for i, (n, c) in enumerate(names)
                                           if any(r[i] for r in rows)],
            "height_cm": 2.6 + 0.9 * len(cats), "unit": max(1, max(sum(r) for r in rows) // 10)}


def chart_villages(data: ReportData) -> dict | None:
    """Chart 2: criteria met per village (stacked to the set's size; a village not reported is grey)."""
    if not data.villages or not data.village_criteria:
        return None
    nk = len(data.village_criteria)
    if len(data.villages) > CHART_MAX_BARS:  # a province: how many units reach each count, not one bar each
        counts = [sum(1 for v in data.villages_reported if v.met_count == k) for k in range(nk, -1, -1)]
        return {"kind": "chart", "title": f"Biểu đồ 2. Số {data.units_word} theo số tiêu chí khu dân cư kiểu mẫu đạt "
                                          f"({len(data.villages_reported)}/{len(data.villages)} đã báo cáo)",
                "categories": [f"Đạt {k}/{nk}" for k in range(nk, -1, -1)], "stacked": False,
                "series": [(roles.capital(data.units_word), GREEN, counts)],
                "height_cm": 2.4 + 0.5 * (nk + 1), "unit": max(1, max(counts) // 10)}
    rows = [[v.met_count, len(v.unmet), len(v.unassessed), 0] if v.reported else [0, 0, 0, nk]
            for v in data.villages]
    names = (("Đạt", GREEN), ("Chưa đạt", RED), ("Chưa tự đánh giá", AMBER), ("Chưa báo cáo", LIGHT))
    return {"kind": "chart", "title": f"Biểu đồ 2. Số tiêu chí khu dân cư kiểu mẫu đạt của từng {data.units_word}",
            "categories": [_short(v.name) for v in data.villages], "max": nk,
            "series": [(n, c, [r[i] for r in rows]) for i, (n, c) in enumerate(names) if any(r[i] for r in rows)],
            "height_cm": 2.4 + 0.65 * len(data.villages), "unit": max(1, nk // 10)}


def chart_criteria(data: ReportData) -> dict | None:
    """Chart 3: for each village criterion, how many of the reporting villages meet it."""
    reported = data.villages_reported
    if not reported or not data.village_criteria:
        return None
    met = [sum(1 for v in reported for r in v.rows if r.code == code and r.dat == MET)
           for code, _ in data.village_criteria]
    unmet = [sum(1 for v in reported for r in v.rows if r.code == code and r.dat == NOT_MET)
             for code, _ in data.village_criteria]
    rest = [len(reported) - a - b for a, b in zip(met, unmet, strict=True)]
    # a legend names only what is drawn (a "Chưa đạt" key with no red bar puzzles the meeting)
    series = [("Đạt", GREEN, met)] + [(n, c, v) for n, c, v in (("Chưa đạt", RED, unmet), ("Chưa tự đánh giá", AMBER, rest))
                                      if any(v)]
    return {"kind": "chart", "title": f"Biểu đồ 3. Số {data.units_word} đạt từng tiêu chí "
                                      f"(trong {len(reported)} {data.units_word} đã báo cáo)",
            "categories": [_short(f"{code}. {name}") for code, name in data.village_criteria], "max": len(reported),
            "series": series, "height_cm": 2.4 + 0.75 * len(data.village_criteria),
            "unit": max(1, len(reported) // 10)}


def _short(label: str, width: int = 30) -> str:
    """A chart label on one line (a wrapped label makes the chart drop its neighbours' labels)."""
    return label if len(label) <= width else label[:width - 1].rstrip() + "…"


def _item_end(i: int, items: list) -> str:
    """A dash list's items end with ";", its last with "." (ND30 §9's rule for lists, kept in the body)."""
    return "." if i == len(items) else ";"


def _latest(dates: list[str | None]) -> str:
    days = sorted(d for d in (iso_day(x) for x in dates) if d)
    return f"; hoàn thành chậm nhất {text.short_date(days[-1])}" if days else ""


def _listing(items: list, none: str, intro: str, bullet: Callable[[Any], str]) -> list[dict]:
    """A section of the work part: one paragraph saying there is nothing, or an intro paragraph and
    one bullet per item (criteria with work, villages with criteria not met share the shape); the
    items end with ";", the last with "." (``_item_end``)."""
    if not items:
        return [_p(none)]
    return [_p(intro), *(_b(bullet(x) + _item_end(i, items)) for i, x in enumerate(items, 1))]


def report_blocks(case: Case, data: ReportData, settings: ReportSettings, citation: tuple[str, str],
                  refs: dict[str, str]) -> list[dict]:
    """The report's body: a summary a meeting reads — counts, three charts, who must act — with each
    detail printed once, in the appendices it cites (issue 13: the body no longer repeats them)."""
    c = data.state_counts
    total_units = len(data.statuses)
    n = len(data.criteria)
    as_of = text.short_date(data.as_of)
    see = lambda key: f" (chi tiết tại Phụ lục {refs[key]})" if key in refs else ""  # noqa: E731
    sources = (f"các {data.units_word}, các đồng chí phụ trách tiêu chí và chỉ đạo nhóm tiêu chí"
               if has_group_directors(case) else f"các {data.units_word} và các đồng chí phụ trách tiêu chí")
    out = [_p(f"Thực hiện {citation[0]} {citation[1]} của Ủy ban nhân dân xã về việc {case.dispatch.subject[:1].lower()}"
              f"{case.dispatch.subject[1:]}, trên cơ sở báo cáo của {sources}, Ủy ban nhân dân xã báo cáo kết quả như sau:"),
           _h("I. KẾT QUẢ RÀ SOÁT, ĐÁNH GIÁ"),
           _h("1. Tình hình gửi báo cáo"),
           _p(f"Tổng số {total_units} đơn vị, cá nhân phải gửi báo cáo; tính đến ngày {as_of}: {c['on_time']} "
              f"đúng hạn, {c['late']} chậm hạn, {c['missing']} chưa gửi, {c['rejected']} phải gửi lại"
              f"{see('status')}.")]
    chart = chart_reporting(data)
    if chart:
        out.append(chart)
    for state, label in (("missing", "Chưa gửi báo cáo"), ("rejected", "Báo cáo chưa hợp lệ, phải gửi lại"),
                         ("late", "Gửi chậm hạn")):
        units = data.state_units(state)
        if units:
            out.append(_b(f"{label} ({len(units)}): {compact_names(units)}."))
    out += _submission_bullets(data)
    # 2. commune criteria: the verdicts by code; the indicators' texts are in the appendix
    out += [_h("2. Mức độ đạt chuẩn các tiêu chí xã nông thôn mới"),
            _p(f"Tổng số {n} tiêu chí: {len(data.criteria_met)}/{n} tiêu chí đạt chuẩn, "
               f"{len(data.criteria_unmet)} tiêu chí chưa đạt, "
               + (f"{len(data.criteria_unassessed)} tiêu chí chưa tự đánh giá đủ các chỉ tiêu, "
                  if data.criteria_unassessed else "")
               + f"{len(data.criteria_unreported)} tiêu chí chưa có báo cáo đánh giá{see('criteria')}.")]
    if data.criteria_met:
        out.append(_b(f"Đạt chuẩn: tiêu chí số {join_names([x.code for x in data.criteria_met])}."))
    if data.criteria_unmet:
        out.append(_b("Chưa đạt: " + "; ".join(
            f"tiêu chí số {x.code} ({x.name}" + (f", chỉ tiêu {join_names([i.code for i in x.unmet])}"
                                                 if x.unmet and not x.whole else "") + ")"
            for x in data.criteria_unmet) + "."))
    for x in data.criteria_unassessed:  # "chưa tự đánh giá" is not "chưa đạt" (issue 11): said apart
        which = "" if x.whole else f" chỉ tiêu {join_names([i.code for i in x.unassessed])}"
        out.append(_b(f"Tiêu chí số {x.code} ({x.name}): chưa tự đánh giá{which}."))
    if data.criteria_unreported:
        out.append(_b("Chưa có báo cáo đánh giá: tiêu chí số "
                      f"{join_names([x.code for x in data.criteria_unreported])}."))
    # 3. villages: two charts instead of a table
    nv = len(data.villages)
    nk = len(data.village_criteria)
    full = data.villages_full
    out += [_h("3. Khu dân cư nông thôn mới kiểu mẫu"),
            _p(f"Có {len(data.villages_reported)}/{nv} {data.units_word} đã gửi báo cáo tự đánh giá; "
               f"{len(full)}/{nv} {data.units_word} "
               f"đạt {nk}/{nk} tiêu chí khu dân cư nông thôn mới kiểu mẫu"
               + (f" ({join_names([roles.name_in_sentence(v.name) for v in full])})" if full else "") + f"{see('matrix')}.")]
    out += [x for x in (chart_villages(data), chart_criteria(data)) if x]
    # 4. dossier: which criteria lack what, counted; the items are in the appendix
    with_dossier = [x for x in data.criteria if x.dossier and x.reported]
    complete = [x for x in with_dossier if x.dossier_complete]
    lacking = [x for x in with_dossier if x.dossier_missing]
    out += [_h("4. Tình hình hồ sơ tiêu chí"),
            _p(f"Trong {len(with_dossier)} tiêu chí đã báo cáo có danh mục hồ sơ, {len(complete)} tiêu chí đủ hồ sơ, "
               f"{len(with_dossier) - len(complete)} tiêu chí còn thiếu hoặc cần bổ sung hồ sơ"
               + (": " + "; ".join(f"tiêu chí số {x.code} ({len(x.dossier_missing)}/{len(x.dossier)} hồ sơ)"
                                   for x in lacking) if lacking else "") + f"{see('dossier')}.")]
    # II. work: who carries what, by when — one line per criterion and per village
    out += [_h("II. KHỐI LƯỢNG CÒN LẠI, NHIỆM VỤ VÀ GIẢI PHÁP"), _h("1. Đối với các tiêu chí xã")]
    worked = [x for x in data.criteria if x.work]
    out += _listing(worked, f"Chưa có báo cáo khối lượng công việc còn lại của các tiêu chí{see('criteria')}.",
                    f"{sum(len(x.work) for x in worked)} nội dung công việc cần thực hiện để đạt chuẩn ở "
                    f"{len(worked)} tiêu chí, mỗi nội dung có tổ chức, cá nhân thực hiện và thời hạn{see('criteria')}:",
                    lambda x: f"Tiêu chí số {x.code} ({x.name}): {len(x.work)} nội dung"
                    + (f", phụ trách: đồng chí {x.lead}" if x.lead else "") + _latest([i.han for i in x.work]))
    out.append(_h(f"2. Đối với các {data.units_word}"))
    pending = [v for v in data.villages if v.reported and v.unmet]
    out += _listing(pending, f"Không có {data.units_word} nào báo cáo tiêu chí chưa đạt{see('villages')}.",
                    f"Các tiêu chí chưa đạt, với khối lượng còn lại, người thực hiện, người chỉ đạo, nguồn lực, "
                    f"khó khăn và giải pháp của từng {data.units_word}{see('villages')}:",
                    lambda v: f"{v.name} (đạt {v.met_count}/{v.total}): tiêu chí "
                    f"{join_names([f'{r.code} ({r.name})' for r in v.unmet])}{_latest([r.han for r in v.unmet])}")
    unassessed = [v for v in data.villages if v.unassessed]
    if unassessed:  # "chưa tự đánh giá" is not "chưa đạt": said apart, never counted as failed
        out.append(_p(f"Các {data.units_word} đã gửi báo cáo nhưng chưa tự đánh giá (Đạt/Chưa đạt) một số tiêu chí: "
                      + "; ".join(f"{roles.name_in_sentence(v.name)}: tiêu chí {join_names([r.code for r in v.unassessed])}"
                                  for v in unassessed) + "."))
    out.append(_h("3. Lộ trình thực hiện"))
    if data.roadmap:
        months: dict[tuple[int, int], int] = defaultdict(int)
        for item in data.roadmap:
            months[(item.date.year, item.date.month)] += 1
        out.append(_p(f"Có {len(data.roadmap)} công việc có thời hạn, từ ngày {text.short_date(data.roadmap[0].date)} "
                      f"đến ngày {text.short_date(data.roadmap[-1].date)}{see('roadmap')}: "
                      + "; ".join(f"tháng {m:02d}/{y}: {k}" for (y, m), k in sorted(months.items())) + "."))
    else:
        out.append(_p("Chưa có công việc nào được báo cáo kèm thời hạn."))
    out.append(_h("III. ĐỀ XUẤT, KIẾN NGHỊ"))
    out += [_p(s) for s in settings.proposals or default_proposals(case)]
    out.append(_p(f"Trên đây là báo cáo {settings.subject[:1].lower()}{settings.subject[1:]} của Ủy ban nhân dân "
                  f"xã {case.agency.place}./."))
    return out
