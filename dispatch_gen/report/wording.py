"""What the report says: ``ReportData`` as plain document blocks (laid out by ``word.report_body``).

Pure: headings, paragraphs, bullets and tables of cell texts as dicts, the body (I. results, II.
remaining work and solutions, III. proposals) and the landscape appendices (Phụ lục I, II, …).
Every free-text answer lands in some table cell, and answers the current forms no longer ask for
go to a "Nội dung khác" table: nothing is dropped. ``ReportSettings`` holds the wording a clerk may
change in ``report.yaml`` (read by the ``report`` stage).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pydantic import Field

from .. import nd30, roles, text
from ..formspec import clerk_words, field_words
from ..models import SYMBOL_PATTERN, Case, Model
from ..status import received_day
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


def report_noi_nhan(case: Case) -> list[str]:
    """The report's Nơi nhận; the units named by their kinds (``Các thôn, tổ dân phố``)."""
    return ["Như trên", "Thường trực Đảng ủy xã", "Ban Quản lý các chương trình mục tiêu quốc gia xã",
            f"Các {roles.units_word(case)}", "Lưu: VT"]


def default_proposals(case: Case) -> list[str]:
    """Section III when report.yaml gives none."""
    return ["Đề nghị Ban Chỉ đạo, Ban Quản lý các chương trình mục tiêu quốc gia xã cho ý kiến về khối lượng "
            "còn lại, lộ trình và phân công thực hiện nêu tại báo cáo này.",
            "Đề nghị các đồng chí được phân công chỉ đạo nhóm tiêu chí, phụ trách tiêu chí và phụ trách "
            f"{roles.units_word(case)} tiếp tục kiểm tra, đôn đốc, hoàn thiện hồ sơ tiêu chí theo đúng thời hạn "
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
    cols = [("TT", 800), ("Tiêu chí, chỉ tiêu", 2700), ("Yêu cầu", 1000), ("Hiện trạng", 2200),  # TT fits "17.11"
            ("Tự đánh giá", 1100), ("Nội dung, khối lượng cần thực hiện", 2600),
            ("Tổ chức, cá nhân thực hiện", 1700), ("Đơn vị phối hợp", 1070), ("Thời hạn", 1400)]
    rows: list = []
    for c in data.criteria:
        state = {True: MET, False: NOT_MET, None: "chưa tự đánh giá đủ" if c.reported else "chưa có báo cáo"}[c.met]
        rows.append({"band": f"Tiêu chí số {c.code}: {c.name} – {state}"
                             + (f" (phụ trách: {c.lead})" if c.lead else "")})
        for i in c.indicators:
            rows.append([i.code, i.text, i.requirement, _s(i.hien_trang), _s(i.dat), _s(i.noi_dung),
                         _s(i.thuc_hien), _s(i.phoi_hop), date_cell(i.han)])
    return Appendix("criteria", "Biểu tổng hợp đánh giá các tiêu chí xã nông thôn mới",
                    [_table(cols, rows)])


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
                + (f" ({join_names([v.name for v in data.villages_full])})." if data.villages_full else "."))
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
        out.append(_b(f"Gửi phiếu trống, chưa tính là đã gửi ({len(blank)}): {join_names([s.name for s in blank])}."))
    if partial:
        out.append(_b(f"Báo cáo chưa đủ, phải bổ sung ({len(partial)}): "
                      + "; ".join(f"{s.name} (còn thiếu {'; '.join(s.missing)})" for s in partial) + "."))
    if unclear:
        out.append(_b(f"Có nội dung cần làm rõ ({len(unclear)}): "
                      + "; ".join(f"{s.name} ({len(s.clarify)} ô)" for s in unclear) + "."))
    return out


def report_blocks(case: Case, data: ReportData, settings: ReportSettings, citation: tuple[str, str],
                  refs: dict[str, str]) -> list[dict]:
    """The report's body: I. results, II. remaining work and solutions, III. proposals (ends ./.)."""
    c = data.state_counts
    total_units = len(data.statuses)
    n = len(data.criteria)
    as_of = text.short_date(data.as_of)
    see = lambda key: f" (chi tiết tại Phụ lục {refs[key]})" if key in refs else ""  # noqa: E731
    out = [_p(f"Thực hiện {citation[0]} {citation[1]} của Ủy ban nhân dân xã về việc {case.dispatch.subject[:1].lower()}"
              f"{case.dispatch.subject[1:]}, trên cơ sở báo cáo của các {data.units_word}, các đồng chí phụ trách tiêu chí "
              f"và chỉ đạo nhóm tiêu chí, Ủy ban nhân dân xã báo cáo kết quả như sau:"),
           _h("I. KẾT QUẢ RÀ SOÁT, ĐÁNH GIÁ"),
           _h("1. Tình hình gửi báo cáo"),
           _p(f"Tổng số {total_units} đơn vị, cá nhân phải gửi báo cáo; tính đến ngày {as_of}: {c['on_time']} "
              f"đúng hạn, {c['late']} chậm hạn, {c['missing']} chưa gửi, {c['rejected']} phải gửi lại"
              f"{see('status')}.")]
    for state, label in (("missing", "Chưa gửi báo cáo"), ("rejected", "Báo cáo chưa hợp lệ, phải gửi lại"),
                         ("late", "Gửi chậm hạn")):
        units = data.state_units(state)
        if units:
            out.append(_b(f"{label} ({len(units)}): {join_names([u.name for u in units])}."))
    out += _submission_bullets(data)
    # 2. commune criteria
    out += [_h("2. Mức độ đạt chuẩn các tiêu chí xã nông thôn mới"),
            _p(f"Tổng số {n} tiêu chí: {len(data.criteria_met)}/{n} tiêu chí đạt chuẩn, "
               f"{len(data.criteria_unmet)} tiêu chí chưa đạt, "
               + (f"{len(data.criteria_unassessed)} tiêu chí chưa tự đánh giá đủ các chỉ tiêu, "
                  if data.criteria_unassessed else "")
               + f"{len(data.criteria_unreported)} tiêu chí chưa có báo cáo đánh giá{see('criteria')}.")]
    if data.criteria_met:
        out.append(_b(f"Các tiêu chí đạt chuẩn: {join_names([x.code for x in data.criteria_met])}."))
    for x in data.criteria_unmet:
        unmet = x.unmet
        detail = ("" if x.whole and unmet else
                  f"; chỉ tiêu chưa đạt: {join_names([f'{i.code} ({i.text})' for i in unmet])}" if unmet
                  else "; chưa đánh giá đủ các chỉ tiêu")
        out.append(_b(f"Tiêu chí số {x.code} ({x.name}): chưa đạt{detail}."))
    for x in data.criteria_unassessed:
        which = "" if x.whole else f" chỉ tiêu {join_names([i.code for i in x.unassessed])}"
        out.append(_b(f"Tiêu chí số {x.code} ({x.name}): chưa tự đánh giá{which}."))
    if data.criteria_unreported:
        out.append(_b("Chưa có báo cáo đánh giá: tiêu chí số "
                      f"{join_names([x.code for x in data.criteria_unreported])}."))
    # 3. villages
    nv = len(data.villages)
    nk = len(data.village_criteria)
    full = data.villages_full
    out += [_h("3. Khu dân cư nông thôn mới kiểu mẫu"),
            _p(f"Có {len(data.villages_reported)}/{nv} {data.units_word} đã gửi báo cáo tự đánh giá; "
               f"{len(full)}/{nv} {data.units_word} "
               f"đạt {nk}/{nk} tiêu chí khu dân cư nông thôn mới kiểu mẫu"
               + (f" ({join_names([v.name for v in full])})" if full else "") + f"{see('matrix')}.")]
    rows = []
    for i, v in enumerate(data.villages, start=1):
        rows.append([str(i), v.name, (f"{v.met_count}/{v.total}" + (f" (chưa tự đánh giá {len(v.unassessed)})"
                                                                   if v.unassessed else ""))
                     if v.reported else "Chưa báo cáo",
                     join_names([f"{r.code}. {r.name}" for r in v.unmet]) if v.reported else ""])
    if rows:
        out.append(_table([("TT", 600), (roles.capital(data.units_word), 2400), ("Số tiêu chí đạt", 1500),
                           ("Các tiêu chí chưa đạt", 4855)],
                          rows, center_cols=(0, 2)))
    # 4. dossier
    with_dossier = [x for x in data.criteria if x.dossier and x.reported]
    complete = [x for x in with_dossier if x.dossier_complete]
    out += [_h("4. Tình hình hồ sơ tiêu chí"),
            _p(f"Trong {len(with_dossier)} tiêu chí đã báo cáo có danh mục hồ sơ, {len(complete)} tiêu chí đủ hồ sơ, "
               f"{len(with_dossier) - len(complete)} tiêu chí còn thiếu hoặc cần bổ sung hồ sơ{see('dossier')}.")]
    for x in with_dossier:
        if x.dossier_missing:
            items = "; ".join(f"{d.item} ({d.state.lower()}" + (f", kế hoạch: {d.plan}" if d.plan else "") + ")"
                              for d in x.dossier_missing)
            out.append(_b(f"Tiêu chí số {x.code} ({x.name}): {items}."))
    # II. work
    out += [_h("II. KHỐI LƯỢNG CÒN LẠI, NHIỆM VỤ VÀ GIẢI PHÁP"), _h("1. Đối với các tiêu chí xã")]
    worked = [x for x in data.criteria if x.work]
    if not worked:
        out.append(_p(f"Chưa có báo cáo khối lượng công việc còn lại của các tiêu chí{see('criteria')}."))
    else:
        out.append(_p(f"Nội dung, khối lượng công việc cần thực hiện để đạt chuẩn, tổ chức, cá nhân thực hiện và "
                      f"thời hạn hoàn thành{see('criteria')}:"))
    for x in worked:
        out.append(_p(f"Tiêu chí số {x.code} ({x.name})" + (f", phụ trách: đồng chí {x.lead}" if x.lead else "") + ":"))
        for i in x.work:
            parts = [f"Chỉ tiêu {i.code}: {i.noi_dung or 'chưa nêu nội dung'}"]
            if i.thuc_hien:
                parts.append(f"thực hiện: {i.thuc_hien}")
            if i.phoi_hop:
                parts.append(f"phối hợp: {i.phoi_hop}")
            if i.han:
                parts.append(f"hoàn thành trước ngày {date_cell(i.han)}")
            out.append(_b("; ".join(parts) + ";"))
    out.append(_h(f"2. Đối với các {data.units_word}"))
    pending = [v for v in data.villages if v.reported and v.unmet]
    if not pending:
        out.append(_p(f"Không có {data.units_word} nào báo cáo tiêu chí chưa đạt{see('villages')}."))
    else:
        out.append(_p(f"Khối lượng còn lại, người thực hiện, người chỉ đạo, nguồn lực, khó khăn và giải pháp đối "
                      f"với các tiêu chí chưa đạt của từng {data.units_word}{see('villages')}:"))
    unassessed = [v for v in data.villages if v.unassessed]
    if unassessed:  # "chưa tự đánh giá" is not "chưa đạt": said apart, never counted as failed
        out.append(_p(f"Các {data.units_word} đã gửi báo cáo nhưng chưa tự đánh giá (Đạt/Chưa đạt) một số tiêu chí: "
                      + "; ".join(f"{v.name}: tiêu chí {join_names([r.code for r in v.unassessed])}"
                                  for v in unassessed) + "."))
    for v in pending:
        out.append(_p(f"{v.name} (đạt {v.met_count}/{v.total} tiêu chí):"))
        for r in v.unmet:
            parts = [f"Tiêu chí {r.code} ({r.name}): {r.khoi_luong or 'chưa nêu khối lượng'}"]
            for label, value in (("thực hiện", r.thuc_hien), ("chỉ đạo", r.chi_dao), ("nguồn lực", r.nguon_luc),
                                 ("khó khăn", r.kho_khan), ("giải pháp", r.giai_phap)):
                if value:
                    parts.append(f"{label}: {value}")
            if r.han:
                parts.append(f"hoàn thành trước ngày {date_cell(r.han)}")
            out.append(_b("; ".join(parts) + ";"))
    out.append(_h("3. Lộ trình thực hiện"))
    if data.roadmap:
        months: dict[tuple[int, int], int] = defaultdict(int)
        for item in data.roadmap:
            months[(item.date.year, item.date.month)] += 1
        out.append(_p(f"Có {len(data.roadmap)} công việc có thời hạn, từ ngày {text.short_date(data.roadmap[0].date)} "
                      f"đến ngày {text.short_date(data.roadmap[-1].date)}{see('roadmap')}:"))
        out += [_b(f"Tháng {m:02d}/{y}: {k} công việc;") for (y, m), k in sorted(months.items())]
    else:
        out.append(_p("Chưa có công việc nào được báo cáo kèm thời hạn."))
    out.append(_h("III. ĐỀ XUẤT, KIẾN NGHỊ"))
    out += [_p(s) for s in settings.proposals or default_proposals(case)]
    out.append(_p(f"Trên đây là báo cáo {settings.subject[:1].lower()}{settings.subject[1:]} của Ủy ban nhân dân "
                  f"xã {case.agency.place}./."))
    return out
