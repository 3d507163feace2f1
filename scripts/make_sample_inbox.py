"""Fill some of a sample case's forms with plausible answers: ``data/cam-linh/inbox/`` (default) or
``data/phong-lac/inbox/`` (issue 10's second sample case; its plan is ``PHONG_LAC`` below).

Run ``.venv/bin/python scripts/make_sample_inbox.py [CASE_DIR]`` after a change to the forms (the
inbox must match the current form version) and commit the result. The output is deterministic:
re-running it on unchanged forms rewrites identical bytes.

What the inbox shows a new user (``make run`` builds the whole loop from it):
- 5 of 8 villages reported (Thôn 4, 7, 8 did not: the reminder names them); Thôn 5 was late;
  Thôn 2's file was saved again by LibreOffice, which drops the fields' tags, so collection reads
  it by table position (``strip_tags`` reproduces what LibreOffice 7.4 writes);
- 12 of 19 criterion leads reported, two of them late, with indicators still "Chưa đạt", the work
  left to do, who does it and by when, and the state of each dossier item;
- 2 of 5 group directors returned their follow-up sheet.

Received dates cannot travel as file times (git does not keep them), so they are listed in
``inbox/received.csv`` (``file,received``: ISO date-time with the +07:00 offset); ``dispatch-gen
build`` passes them to collection. Deadline of the sample dispatch: 23/11/2024.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dispatch_gen.case.models import expected_units  # noqa: E402
from dispatch_gen.case.records import load_case  # noqa: E402
from dispatch_gen.forms.spec import form_specs  # noqa: E402
from dispatch_gen.forms.stage import form_file_name, make_forms  # noqa: E402
from dispatch_gen.output import ensure_dir, inside, write_atomic  # noqa: E402
from dispatch_gen.word.fill import fill_like_word, strip_tags  # noqa: E402

D = dt.date
RECEIVED_FILE = "received.csv"

# --------------------------------------------------------------------------- villages
# Criterion code → (remaining work, who does it, resources, difficulties, solutions, finish by).
# The director (cá nhân chỉ đạo) is the Party committee member in charge of the village.
VILLAGE_GAPS: dict[str, tuple[str, str, str, str, str, dt.date]] = {
    "1": ("Chỉnh trang 12 nhà ở; xóa 2 nhà tạm của hộ nghèo", "Ban phát triển thôn, Ban công tác Mặt trận thôn",
          "Quỹ Vì người nghèo 100 triệu đồng; dòng họ, con em xa quê hỗ trợ",
          "2 hộ nghèo không có khả năng đối ứng", "Vận động con em xa quê, doanh nghiệp hỗ trợ",
          D(2025, 9, 30)),
    "2": ("Cải tạo 18 vườn tạp; di dời 9 chuồng trại ra xa nhà ở", "Chi hội Nông dân thôn",
          "Nhân dân tự làm; xã hỗ trợ giống cây 25 triệu đồng",
          "Diện tích vườn nhỏ, một số hộ chưa mạnh dạn chuyển đổi",
          "Xây dựng 3 vườn mẫu để nhân rộng; tập huấn kỹ thuật", D(2025, 5, 31)),
    "3": ("Trồng mới 1.200 m hàng rào xanh (chè tàu, râm bụt) tại 46 hộ", "Ban phát triển thôn, Chi hội Phụ nữ",
          "Nhân dân tự làm; xã hỗ trợ cây giống 30 triệu đồng",
          "Một số hộ chưa đồng thuận tháo dỡ tường rào cũ",
          "Vận động từng hộ; biểu dương hộ làm tốt trên loa truyền thanh", D(2025, 3, 31)),
    "4": ("Cứng hóa 350 m đường ngõ xóm; lắp 40 bóng đèn chiếu sáng", "Ban phát triển thôn",
          "Nhân dân đóng góp 120 triệu đồng, ngân sách xã 80 triệu đồng",
          "Vướng giải phóng mặt bằng 3 hộ; vốn đối ứng chưa đủ",
          "Họp dân thống nhất hiến đất; lồng ghép vốn chương trình MTQG", D(2025, 6, 30)),
    "5": ("Mua sắm bàn ghế, âm thanh nhà văn hóa; làm sân bóng chuyền", "Ban phát triển thôn, Chi đoàn thanh niên",
          "Ngân sách xã 150 triệu đồng; xã hội hóa 50 triệu đồng", "Khuôn viên nhà văn hóa hẹp",
          "Chuyển đổi 200 m² đất công ích liền kề", D(2025, 12, 31)),
    "8": ("Xây 25 bể chứa bao gói thuốc bảo vệ thực vật; 60 hộ phân loại rác tại nguồn",
          "Chi hội Nông dân, Chi đoàn thanh niên", "Ngân sách huyện hỗ trợ 45 triệu đồng",
          "Ý thức phân loại rác của một bộ phận người dân chưa cao",
          "Ra quân tổng vệ sinh hằng tháng; đưa việc phân loại rác vào hương ước", D(2025, 4, 30)),
}

# Village code → (criteria still "Chưa đạt", received at, fill as LibreOffice saves it).
VILLAGES: dict[str, tuple[tuple[str, ...], str, bool]] = {
    "thon-01": (("4", "8"), "2024-11-21T09:15:00+07:00", False),
    "thon-02": (("3",), "2024-11-22T14:40:00+07:00", True),
    "thon-03": (("2", "4", "5"), "2024-11-23T10:05:00+07:00", False),
    "thon-05": (("1", "8"), "2024-11-25T08:30:00+07:00", False),  # late
    "thon-06": ((), "2024-11-20T16:20:00+07:00", False),
}

# --------------------------------------------------------------------------- criteria
# Indicator code → (current state, "Đạt"/"Chưa đạt"). Indicators not listed: "Đạt", state below.
INDICATORS: dict[str, tuple[str, str]] = {
    "1.1": ("Quy hoạch chung xây dựng xã được UBND huyện phê duyệt năm 2023, đã công bố công khai", "Đạt"),
    "1.2": ("Đã ban hành quy định quản lý quy hoạch; cắm 42/60 mốc giới quy hoạch", "Chưa đạt"),
    "2.1": ("12,4/12,4 km đường xã được nhựa hóa, bê tông hóa (100%)", "Đạt"),
    "2.2": ("18,6/19,2 km đường thôn, liên thôn được cứng hóa (96,9%)", "Đạt"),
    "2.3": ("Cứng hóa 27,3/28,5 km đường ngõ xóm (95,8%); còn 1,2 km ở Thôn 1, 3, 7", "Chưa đạt"),
    "2.4": ("Cứng hóa 9,8/14 km đường trục chính nội đồng (70%)", "Chưa đạt"),
    "3.1": ("Tưới tiêu chủ động 452/480 ha (94,2%); kênh N2 xuống cấp", "Chưa đạt"),
    "3.2": ("Kiện toàn Ban chỉ huy phòng chống thiên tai, có phương án 4 tại chỗ", "Đạt"),
    "4.1": ("Hệ thống điện đạt chuẩn theo xác nhận của Điện lực Cẩm Xuyên", "Đạt"),
    "4.2": ("99,8% hộ sử dụng điện thường xuyên, an toàn", "Đạt"),
    "5": ("3/3 trường đạt chuẩn cơ sở vật chất mức 1; trường mầm non thiếu 2 phòng học", "Đạt"),
    "6.1": ("Hội trường đa năng 250 chỗ, sân thể thao xã 6.000 m²", "Đạt"),
    "6.2": ("Có 1 điểm vui chơi cho trẻ em và người cao tuổi tại trung tâm xã", "Đạt"),
    "6.3": ("7/8 thôn có nhà văn hóa đạt chuẩn; nhà văn hóa Thôn 3 thiếu thiết bị", "Chưa đạt"),
    "9.1": ("Không còn nhà tạm, dột nát", "Đạt"),
    "9.2": ("1.296/1.342 hộ có nhà kiên cố, bán kiên cố (96,6%)", "Đạt"),
    "10": ("Thu nhập bình quân năm 2024 ước đạt 58,2 triệu đồng/người", "Đạt"),
    "12.1": ("Tỷ lệ lao động có việc làm qua đào tạo 76%", "Đạt"),
    "12.2": ("Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ 27% (yêu cầu ≥ 30%)", "Chưa đạt"),
    "14.1": ("Duy trì phổ cập giáo dục mầm non 5 tuổi, xóa mù chữ mức độ 2, phổ cập THCS mức độ 3", "Đạt"),
    "14.2": ("94% học sinh tốt nghiệp THCS tiếp tục học", "Đạt"),
    "16": ("7/8 thôn đạt danh hiệu thôn văn hóa năm 2024 (87,5%)", "Chưa đạt"),
}
# Indicator code → work still needed (what, who, with whom, by when) for those "Chưa đạt".
WORK: dict[str, tuple[str, str, str, dt.date]] = {
    "1.2": ("Cắm bổ sung 18 mốc giới quy hoạch", "Công chức Địa chính - Xây dựng", "Các thôn", D(2025, 3, 31)),
    "2.3": ("Cứng hóa 1,2 km đường ngõ xóm tại Thôn 1, 3, 7", "Ban phát triển các thôn; nhân dân đóng góp",
            "MTTQ xã", D(2025, 6, 30)),
    "2.4": ("Cứng hóa 1,4 km đường trục chính nội đồng vùng Đồng Trọt",
            "UBND xã; HTX nông nghiệp", "Các thôn 4, 5, 6", D(2025, 10, 31)),
    "3.1": ("Kiên cố hóa 1,1 km kênh N2", "UBND xã; Công ty TNHH MTV thủy lợi Nam Hà Tĩnh", "HTX nông nghiệp",
            D(2025, 8, 31)),
    "6.3": ("Mua sắm bàn ghế, âm thanh cho nhà văn hóa Thôn 3", "Ban phát triển Thôn 3", "Công chức Văn hóa - Xã hội",
            D(2025, 6, 30)),
    "12.2": ("Mở 2 lớp sơ cấp nghề (may công nghiệp, điện dân dụng) cho 70 lao động",
             "Công chức Lao động - TB&XH", "Trung tâm GDNN-GDTX huyện", D(2025, 9, 30)),
    "16": ("Hướng dẫn Thôn 7 khắc phục các nội dung chưa đạt của danh hiệu thôn văn hóa",
           "Ban công tác Mặt trận Thôn 7", "Công chức Văn hóa - Xã hội", D(2025, 11, 30)),
}
# Dossier item states per criterion: "Đã có" unless listed (item number → state, plan).
DOSSIER: dict[str, dict[str, tuple[str, str]]] = {
    "1": {"3": ("Cần bổ sung", "Bổ sung hình ảnh công bố quy hoạch tại các thôn, trước 31/12/2024")},
    "2": {"2": ("Chưa có", "Thuê đơn vị tư vấn lập bản đồ hiện trạng giao thông, quý I/2025"),
          "4": ("Cần bổ sung", "Cập nhật kế hoạch duy tu năm 2025")},
    "3": {"3": ("Cần bổ sung", "Bổ sung biên bản kiểm tra công trình sau mùa mưa bão 2024")},
    "6": {"1": ("Cần bổ sung", "Bổ sung biên bản kiểm tra cơ sở vật chất nhà văn hóa các thôn")},
    "12": {"1": ("Cần bổ sung", "Cập nhật danh sách lao động qua đào tạo năm 2024, trước 15/12/2024")},
    "16": {"1": ("Chưa có", "Tổng hợp quyết định công nhận thôn văn hóa năm 2024, trước 31/12/2024")},
}
# Criterion code → received at. Criteria 9 and 16 came late; 7, 11, 13, 15, 17, 18, 19 not at all.
CRITERIA: dict[str, str] = {
    "1": "2024-11-19T10:00:00+07:00", "2": "2024-11-22T15:10:00+07:00", "3": "2024-11-22T09:45:00+07:00",
    "4": "2024-11-18T14:00:00+07:00", "5": "2024-11-21T08:20:00+07:00", "6": "2024-11-23T16:30:00+07:00",
    "8": "2024-11-20T11:00:00+07:00", "9": "2024-11-24T09:00:00+07:00", "10": "2024-11-21T15:30:00+07:00",
    "12": "2024-11-23T07:50:00+07:00", "14": "2024-11-20T10:40:00+07:00", "16": "2024-11-26T14:15:00+07:00",
}

# --------------------------------------------------------------------------- groups
# Group code → (received at, checked on); a row's state follows whether its criterion reported.
GROUPS: dict[str, tuple[str, dt.date]] = {
    "I": ("2024-11-25T08:00:00+07:00", D(2024, 11, 24)),
    "II": ("2024-11-26T09:30:00+07:00", D(2024, 11, 25)),
}


class Plan(NamedTuple):
    """What one sample case's inbox holds: who reported when, and what they said."""

    villages: dict  # village code → (criteria "Chưa đạt", received at, saved by LibreOffice)
    village_gaps: dict  # criterion code → (work, who, resources, difficulties, solutions, finish by)
    indicators: dict  # indicator code → (current state, verdict)
    work: dict  # indicator code → (what, who, with whom, by when)
    dossier: dict  # criterion code → {item number → (state, plan)}
    criteria: dict  # criterion code → received at
    groups: dict  # group code → (received at, checked on)
    default_state: str  # an indicator's state when not listed
    followup_note: str  # what a director asked of a lead who had not reported
    altered: dict | None = None  # village code → (tag, value): an odd answer, or None = left blank


CAM_LINH = Plan(VILLAGES, VILLAGE_GAPS, INDICATORS, WORK, DOSSIER, CRITERIA, GROUPS,
                "Đã đạt theo kết quả rà soát tháng 11/2024", "Đã nhắc trực tiếp; đề nghị gửi báo cáo trước 30/11/2024")


def village_answers(spec, officer_name: str, gaps: tuple[str, ...], plan: Plan = CAM_LINH) -> dict[str, object]:
    """Every village criterion assessed; the gaps with their concrete remaining work."""
    answers: dict[str, object] = {}
    for f in spec.fields:
        if f.column == "dat":
            answers[f.tag] = "Chưa đạt" if f.row in gaps else "Đạt"
    for code in gaps:
        work, who, means, hard, how, by = plan.village_gaps[code]
        answers.update({f"kdc.{code}.khoi_luong": work, f"kdc.{code}.thuc_hien": who,
                        f"kdc.{code}.chi_dao": f"Đ/c {officer_name}", f"kdc.{code}.nguon_luc": means,
                        f"kdc.{code}.kho_khan": hard, f"kdc.{code}.giai_phap": how, f"kdc.{code}.han": by})
    return answers


def criterion_answers(spec, criterion_code: str, plan: Plan = CAM_LINH) -> dict[str, object]:
    """Indicator states and assessments, work for the gaps, and the dossier checklist."""
    answers: dict[str, object] = {}
    dossier = plan.dossier.get(criterion_code, {})
    for f in spec.fields:
        key = f.row.replace("-", ".")
        state, verdict = plan.indicators.get(key, (plan.default_state, "Đạt"))
        if f.section == "ct":
            answers[f.tag] = state if f.column == "hien_trang" else verdict
        elif f.section == "cv" and verdict == "Chưa đạt" and key in plan.work:
            what, who, partner, by = plan.work[key]
            answers[f.tag] = {"noi_dung": what, "thuc_hien": who, "phoi_hop": partner, "han": by}[f.column]
        elif f.section == "hs":
            item_state, todo = dossier.get(f.row, ("Đã có", None))
            answers[f.tag] = item_state if f.column == "tinh_trang" else todo
    return answers


def group_answers(spec, checked: dt.date, plan: Plan = CAM_LINH) -> dict[str, object]:
    """The director's follow-up: which leads reported, when checked, what was asked of them."""
    answers: dict[str, object] = {}
    for f in spec.fields:
        reported = f.row in plan.criteria
        if f.column == "tinh_trang":
            answers[f.tag] = "Đã báo cáo" if reported else "Chưa báo cáo"
        elif f.column == "ngay":
            answers[f.tag] = checked
        elif f.column == "y_kien":
            answers[f.tag] = "Báo cáo đầy đủ, đúng nội dung" if reported else plan.followup_note
    return answers


# --------------------------------------------------------------------------- data/phong-lac (issue 10)
# A merged commune in January 2026: 10 of 14 units reported (Tổ dân phố Tây Thái left criterion 2's
# self-assessment blank: a partial report; Thôn Phú Mỹ typed "Cơ bản đạt": an answer to clarify), 7 of 10
# criterion leads (one late), 2 of 4 group directors. The directors of
# groups I and II (the deputy who signs and the chairman) did not return their sheets: the reminder
# must not be addressed to them. Deadlines: 16/01 (units), 20/01 (criteria), 22/01/2026 (groups).
PHONG_LAC = Plan(
    villages={
        "dong-ha": (("5", "10"), "2026-01-12T08:40:00+07:00", False),
        "tay-ha": ((), "2026-01-13T15:05:00+07:00", False),
        "trung-loc": (("3",), "2026-01-14T09:30:00+07:00", True),
        "bac-son": (("2", "5", "11"), "2026-01-16T16:45:00+07:00", False),
        "phu-my": (("10",), "2026-01-19T10:10:00+07:00", False),  # late
        "hoa-binh": ((), "2026-01-15T14:20:00+07:00", False),
        "khanh-an": (("4",), "2026-01-16T07:55:00+07:00", False),
        "tdp-bac-thai": (("1", "3"), "2026-01-13T10:00:00+07:00", False),
        "tdp-nam-thai": (("10",), "2026-01-15T08:15:00+07:00", False),
        "tdp-tay-thai": ((), "2026-01-16T11:30:00+07:00", False),
    },
    village_gaps={
        "1": ("Cắm mốc chỉ giới 2 tuyến đường quy hoạch trong tổ", "Ban điều hành tổ dân phố",
              "Ngân sách xã 40 triệu đồng", "Một số hộ chưa thống nhất ranh giới",
              "Tổ chức họp dân, công khai bản đồ quy hoạch", D(2026, 4, 30)),
        "2": ("Cứng hóa 420 m đường ngõ", "Ban phát triển thôn", "Nhân dân đóng góp 150 triệu đồng, xã hỗ trợ xi măng",
              "Vướng mặt bằng 2 hộ", "Vận động hiến đất, dồn điền đổi thửa", D(2026, 6, 30)),
        "3": ("Lắp 35 bóng đèn chiếu sáng đường trục", "Chi đoàn thanh niên", "Xã hội hóa 60 triệu đồng",
              "Chưa có nguồn trả tiền điện hằng tháng", "Đưa khoản tiền điện vào quỹ của thôn, tổ", D(2026, 3, 31)),
        "4": ("Mua sắm âm thanh, bàn ghế nhà văn hóa", "Ban phát triển thôn", "Ngân sách xã 80 triệu đồng",
              "Nhà văn hóa xuống cấp", "Lồng ghép vốn chương trình MTQG năm 2026", D(2026, 9, 30)),
        "5": ("Chỉnh trang 14 vườn hộ, tháo dỡ 6 chuồng trại sát nhà ở", "Chi hội Nông dân",
              "Nhân dân tự làm", "Diện tích vườn nhỏ", "Xây dựng 2 vườn mẫu để nhân rộng", D(2026, 5, 31)),
        "10": ("60 hộ phân loại rác tại nguồn; trồng 800 m hàng rào xanh", "Chi hội Phụ nữ",
               "Xã hỗ trợ cây giống 20 triệu đồng", "Ý thức của một bộ phận người dân chưa cao",
               "Ra quân vệ sinh môi trường ngày Chủ nhật hằng tháng", D(2026, 4, 15)),
        "11": ("Lắp 4 camera an ninh tại các ngã ba", "Tổ bảo vệ an ninh, trật tự ở cơ sở",
               "Xã hội hóa 30 triệu đồng", "Chưa có người trực", "Phân công trực theo tháng", D(2026, 3, 15)),
    },
    indicators={  # criteria without typed indicators: the criterion is its own row
        "1": ("Quy hoạch chung xã sau sắp xếp đang được điều chỉnh", "Chưa đạt"),
        "2": ("Hạ tầng giao thông, điện, trường học cơ bản đáp ứng; còn 2,1 km đường thôn chưa cứng hóa",
              "Chưa đạt"),
        "3": ("02 hợp tác xã hoạt động hiệu quả; 5 sản phẩm OCOP 3 sao", "Đạt"),
        "6": ("Tỷ lệ hộ nghèo đa chiều cuối năm 2025: 1,8%", "Đạt"),
        "8": ("85% hộ phân loại rác tại nguồn; còn 2 điểm tập kết rác tự phát", "Chưa đạt"),
    },
    work={
        "1": ("Hoàn thành điều chỉnh quy hoạch chung xã sau sắp xếp", "Phòng Kinh tế xã", "Các thôn, tổ dân phố",
              D(2026, 6, 30)),
        "2": ("Cứng hóa 2,1 km đường thôn Bắc Sơn, Nam Sơn", "Ban phát triển các thôn; nhân dân đóng góp",
              "Phòng Kinh tế xã", D(2026, 10, 31)),
        "8": ("Xóa 2 điểm tập kết rác tự phát; lắp 20 thùng rác công cộng", "UBND xã; tổ thu gom rác",
              "Các tổ dân phố", D(2026, 5, 31)),
    },
    dossier={
        "1": {"1": ("Chưa có", "Trình phê duyệt điều chỉnh quy hoạch, quý II/2026")},
        "2": {"2": ("Cần bổ sung", "Bổ sung bảng kê nhà văn hóa các tổ dân phố, trước 28/02/2026")},
        "8": {"1": ("Cần bổ sung", "Gia hạn hợp đồng thu gom rác năm 2026")},
    },
    criteria={"1": "2026-01-19T09:00:00+07:00", "2": "2026-01-20T15:30:00+07:00", "3": "2026-01-16T10:20:00+07:00",
              "5": "2026-01-21T08:10:00+07:00",  # late
              "6": "2026-01-18T14:00:00+07:00", "8": "2026-01-20T09:45:00+07:00", "9": "2026-01-17T16:00:00+07:00"},
    groups={"III": ("2026-01-21T10:00:00+07:00", D(2026, 1, 21)), "IV": ("2026-01-22T08:30:00+07:00", D(2026, 1, 22))},
    default_state="Đạt theo kết quả rà soát tháng 01/2026",
    followup_note="Đã nhắc trực tiếp; đề nghị gửi báo cáo trước 24/01/2026",
    altered={"tdp-tay-thai": ("kdc.2.dat", None),  # a required answer left blank: a partial report
             "phu-my": ("kdc.4.dat", "Cơ bản đạt")},  # not a choice: kept as typed, flagged to clarify
)
PLANS = {"cam-linh-2024-11": CAM_LINH, "phong-lac-2026-01": PHONG_LAC}


def make_inbox(case_dir: Path) -> list[Path]:
    """Write the filled forms and ``received.csv`` into ``<case_dir>/inbox``; return what was written."""
    case = load_case(case_dir)
    plan = PLANS[case.id]
    inbox = ensure_dir(case_dir / "inbox")
    with tempfile.TemporaryDirectory(prefix="sample-inbox-") as scratch:
        make_forms(case, scratch)
        forms = {u.code: Path(scratch) / form_file_name(case, u) for u in expected_units(case) if u.form}
        specs = form_specs(case)
        villages = {v.code: v for v in case.villages}
        steps: list[tuple[str, dict[str, object], str, bool]] = []
        for code, (gaps, when, saved_by_lo) in plan.villages.items():
            officer = case.officer(villages[code].party_member)
            answers = village_answers(specs[code], officer.name, gaps, plan)
            if code in (plan.altered or {}):
                tag, value = plan.altered[code]
                answers.pop(tag, None) if value is None else answers.update({tag: value})
            steps.append((code, answers, when, saved_by_lo))
        for code, when in plan.criteria.items():
            unit = f"tc-{int(code):02d}"
            steps.append((unit, criterion_answers(specs[unit], code, plan), when, False))
        for code, (when, checked) in plan.groups.items():
            unit = f"nhom-{code.lower()}"
            steps.append((unit, group_answers(specs[unit], checked, plan), when, False))
        written, rows = [], []
        for unit, answers, when, saved_by_lo in steps:
            source = forms[unit]
            data = fill_like_word(source.read_bytes(), answers)
            if saved_by_lo:
                data = strip_tags(data)
            written.append(write_atomic(inside(inbox, source.name), data))
            rows.append((source.name, when))
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(["file", "received"])
    out.writerows(sorted(rows))
    written.append(write_atomic(inside(inbox, RECEIVED_FILE), buf.getvalue().encode("utf-8")))
    return written


def main(argv: list[str]) -> int:
    case_dir = Path(argv[0]) if argv else ROOT / "data" / "cam-linh"
    for path in make_inbox(case_dir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
