"""A third, made-up commune that differs from both sample cases wherever they are convenient.

Xã Nam Đông Hòa Hiệp Thành (fictional, southern, merged in 2025): a long place name full of
diacritics, 40 ấp and 4 khu phố (more units than either sample, no thôn at all), the 51/2025/QĐ-TTg
criteria set with commune group 3, a Phó Chủ tịch signing KT., a dispatch of December 2026 whose
deadlines fall in January 2027, a Nơi nhận of seven entries, officers with long names. Written as
CSV/YAML by ``write_third_case``; the tests run the clerk's cycle on it (tests/test_third_case.py).
"""

from __future__ import annotations

import csv
from pathlib import Path

PLACE = "Nam Đông Hòa Hiệp Thành"
AGENCY_LINE = "XÃ NAM ĐÔNG HÒA HIỆP THÀNH"
ISSUED = "28/12/2026"  # the widest date line: two-digit day, December
TODAY = "13/01/2027"  # the meeting: after every deadline, across the new year
DEADLINES = {"tu-danh-gia": "2027-01-05", "tieu-chi": "2027-01-08", "nhom": "2027-01-12"}

_FIRST = ("Phước", "Long", "Thạnh", "Hòa", "Tân", "Bình", "Mỹ", "Vĩnh", "An", "Thới")
_SECOND = ("Hiệp", "Đông", "Tây", "Lợi", "Hưng", "Thuận", "Trung", "Quới")
_PEOPLE = ("Nguyễn Thị Ngọc Bích Thủy", "Huỳnh Lê Phương Thảo", "Trần Quốc Khánh Hưng", "Lê Nguyễn Hoàng Yến",
           "Võ Thành Đạt", "Phan Thị Mỹ Duyên", "Đặng Văn Lượng", "Dương Trường Giang")
OFFICERS = (
    ("ct", "Huỳnh Nguyễn Bảo Ngọc", "Chủ tịch UBND xã"),
    ("pct_kt", "Trương Nguyễn Hoàng Thiên Phước", "Phó Chủ tịch UBND xã"),
    ("pct_vx", "Tôn Nữ Hoàng Khánh Quỳnh Như", "Phó Chủ tịch UBND xã"),
    ("pbt", "Lâm Trần Nguyễn Thị Kiều Oanh", "Phó Bí thư Thường trực Đảng ủy xã"),
    ("ntm", "Nguyễn Phan Hoàng Minh Trí", "Công chức phụ trách Chương trình MTQG xây dựng nông thôn mới xã"),
    ("vp", "Châu Thị Thanh Trúc", "Chánh Văn phòng HĐND và UBND xã"),
    ("kt", "Lý Hoàng Khương Duy", "Trưởng phòng Kinh tế xã"),
    ("vh", "Thạch Thị Sô Phia", "Trưởng phòng Văn hóa - Xã hội xã"),
    ("ca", "Kim Văn Thành Đạt", "Trưởng Công an xã"),
    ("uv1", "Mai Xuân Thưởng", "Ủy viên Ban Chấp hành Đảng bộ xã"),
    ("uv2", "Ông Thị Huyền Trân", "Ủy viên Ban Chấp hành Đảng bộ xã"),
)


def units() -> list[tuple[str, str, str]]:
    """(code, name, kind) of the 44 residential units."""
    out = [(f"ap-{i + 1:02d}", f"Ấp {_FIRST[i % 10]} {_SECOND[(i // 10 + i) % 8]}" + (" B" if i >= 30 else ""), "ấp")
           for i in range(40)]
    out += [(f"kp-{j + 1}", name, "khu phố") for j, name in
            enumerate(("Khu phố Chợ Phước Long", "Khu phố Bến Đò Thọ Đông", "Khu phố 3", "Khu phố 4A"))]
    return out


_CASE = f"""id: nam-dong-hoa-hiep-thanh-2026-12
title: Rà soát mức độ đạt chuẩn nông thôn mới cuối năm 2026 của xã {PLACE}
agency:
  name_lines: [Ủy ban nhân dân, xã {PLACE}]
  full_name: Ủy ban nhân dân xã {PLACE}
  symbol: UBND
  place: {PLACE}
  address: Ấp Phước Hiệp, xã {PLACE}
  phone: 0270.3888.456
signers:
  chu_tich:
    authority: TM.
    body: Ủy ban nhân dân
    title_lines: [Chủ tịch]
    name: Huỳnh Nguyễn Bảo Ngọc
  pho_chu_tich:
    authority: TM.
    body: Ủy ban nhân dân
    title_lines: [KT. Chủ tịch, Phó Chủ tịch]
    name: Trương Nguyễn Hoàng Thiên Phước
collector: ntm
criteria:
  commune: xa-ntm-2026-2030
  village: kdc-kieu-mau-ha-tinh
  commune_group: "3"
"""

_DISPATCH = f"""type: Công văn
date: 2026-12-15
unit: VP
subject: Rà soát, đánh giá mức độ đạt chuẩn nông thôn mới cuối năm 2026 và đăng ký kế hoạch năm 2027
recipients:
  - Các đồng chí phụ trách tiêu chí nông thôn mới xã
  - Chi ủy, Ban phát triển các ấp; Chi bộ, Ban điều hành các khu phố
  - Các đồng chí được phân công chỉ đạo nhóm tiêu chí
body:
  - paragraph: >-
      Thực hiện Quyết định số 51/2025/QĐ-TTg ngày 29/12/2025 của Thủ tướng Chính phủ; để tổng hợp kết
      quả năm 2026, Ủy ban nhân dân xã đề nghị các đơn vị, cá nhân thực hiện như sau:
  - item: Các ấp, khu phố tự đánh giá theo phiếu gửi kèm **trước ngày 05/01/2027**.
  - item: Các đồng chí phụ trách tiêu chí gửi phiếu đánh giá **trước ngày 08/01/2027**.
  - item: Các đồng chí chỉ đạo nhóm tiêu chí gửi phiếu theo dõi **trước ngày 12/01/2027**./.
noi_nhan:
  - Như trên
  - Thường trực Đảng ủy xã (để b/c)
  - Thường trực HĐND xã (để b/c)
  - Chủ tịch UBND xã (để b/c)
  - Ủy ban Mặt trận Tổ quốc Việt Nam xã {PLACE}
  - Các Phó Chủ tịch UBND xã
  - "Lưu: VT, VP"
signer: pho_chu_tich
tasks:
  - id: tu-danh-gia
    who: Chi ủy, Ban phát triển các ấp; Chi bộ, Ban điều hành các khu phố
    units: villages
    form: village_assessment
    deliver: Tự đánh giá mức độ đạt chuẩn các tiêu chí khu dân cư nông thôn mới kiểu mẫu
    deadline: {DEADLINES["tu-danh-gia"]}
    report_to: vp
  - id: tieu-chi
    who: Các đồng chí phụ trách tiêu chí
    units: criterion_leads
    form: criterion
    deliver: Đánh giá mức độ đạt chuẩn của tiêu chí phụ trách và tình trạng hồ sơ
    deadline: {DEADLINES["tieu-chi"]}
    report_to: ntm
  - id: nhom
    who: Các đồng chí được phân công chỉ đạo nhóm tiêu chí
    units: group_directors
    form: group_followup
    deliver: Kiểm tra, đôn đốc báo cáo của các đồng chí phụ trách tiêu chí trong nhóm
    deadline: {DEADLINES["nhom"]}
    report_to: ntm
"""

# The commune's own grouping of the ten criteria (51/2025 has no groups).
_CRITERIA = """groups:
  - {code: I, name: Quy hoạch và hạ tầng, criteria: ["1", "2"]}
  - {code: II, name: Kinh tế và giảm nghèo, criteria: ["3", "4", "6"]}
  - {code: III, name: "Văn hóa, xã hội và môi trường", criteria: ["5", "7", "8"]}
  - {code: IV, name: "Hệ thống chính trị, an ninh", criteria: ["9", "10"]}
"""


def write_third_case(folder: Path) -> Path:
    """Write the case into ``folder`` (created) and return it."""
    folder.mkdir(parents=True)
    (folder / "case.yaml").write_text(_CASE, encoding="utf-8")
    (folder / "dispatch.yaml").write_text(_DISPATCH, encoding="utf-8")
    (folder / "criteria.yaml").write_text(_CRITERIA, encoding="utf-8")
    with open(folder / "villages.csv", "w", newline="", encoding="utf-8") as f:
        rows = csv.writer(f)
        rows.writerow(["code", "name", "kind", "head", "party_secretary", "head_phone"])
        for i, (code, name, kind) in enumerate(units()):
            rows.writerow([code, name, kind, _PEOPLE[i % 8], _PEOPLE[(i + 3) % 8], f"0909{i:06d}" if i % 3 else ""])
    with open(folder / "officers.csv", "w", newline="", encoding="utf-8") as f:
        rows = csv.writer(f)
        rows.writerow(["id", "name", "title", "phone"])
        rows.writerows((*o, "") for o in OFFICERS)
    leads = {"1": "kt", "2": "kt", "3": "kt", "4": "vh", "5": "vh", "6": "vh", "7": "vp", "8": "kt", "9": "vp",
             "10": "ca"}
    lines = ["criterion_leads:", *(f'  "{k}": {v}' for k, v in leads.items()),
             "group_directors:", "  I: pct_kt", "  II: pct_vx", "  III: pct_vx", "  IV: ct",
             "village_party_members:", *(f"  {code}: {('uv1', 'uv2', 'pbt')[i % 3]}" for i, (code, _, _) in
                                         enumerate(units()))]
    (folder / "assignments.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open(folder / "dossier.csv", "w", newline="", encoding="utf-8") as f:
        rows = csv.writer(f)
        rows.writerow(["criterion", "item"])
        rows.writerows([("1", "Quyết định phê duyệt quy hoạch chung xã"),
                        ("2", "Bảng kê các tuyến đường (tên, chiều dài, kết cấu, bề rộng)"),
                        ("9", "Báo cáo kết quả đánh giá, xếp loại chính quyền xã")])
    return folder
