"""The one message catalogue: every text a clerk reads on the terminal, Vietnamese first.

Language: ``--lang``, else ``DISPATCH_GEN_LANG``, else ``LANG`` starting with ``en``, else Vietnamese.
Add a key here rather than writing a string in code; ``t(key, **fields)`` formats it.
"""

from __future__ import annotations

import os

_lang: str | None = None

# key: (Vietnamese, English). Keep keys grouped by the module that uses them.
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- cli / general
    "error_prefix": ("Lỗi", "Error"),
    "warning_prefix": ("Cảnh báo", "Warning"),
    "interrupted": ("Đã dừng theo yêu cầu (Ctrl-C).", "Interrupted (Ctrl-C)."),
    "wrote": ("Đã ghi: {path}", "Wrote: {path}"),
    # --- collect / status / export
    "collect_not_form": ("không phải phiếu của dispatch-gen", "not a dispatch-gen form"),
    "collect_other_case": ("phiếu của hồ sơ khác «{other}», không phải hồ sơ «{case}»",
                           "form of another case «{other}», not «{case}»"),
    "collect_unknown_unit": ("phiếu của đơn vị «{unit}» không có trong hồ sơ này",
                             "form of unit «{unit}», which this case does not expect"),
    "collect_wrong_form": ("phiếu mẫu «{form}» nhưng đơn vị «{unit}» phải nộp mẫu «{expected}»",
                           "form kind «{form}» but unit «{unit}» returns «{expected}»"),
    "collect_version": ("phiếu theo mẫu phiên bản {version}, không đọc chắc chắn được với mẫu hiện hành "
                        "(phiên bản {current}); hãy gửi lại phiếu mới cho đơn vị",
                        "form template version {version} cannot be read safely with the current one "
                        "({current}); send the unit a new form"),
    "collect_version_warning": ("phiếu theo mẫu cũ (phiên bản {version}, hiện hành {current}); đã đọc theo "
                                "tên ô", "older form template (version {version}, current {current}); "
                                "read by field tags"),
    "collect_corrupt": ("tệp hỏng hoặc không phải tệp Word .docx ({detail})",
                        "damaged file or not a Word .docx ({detail})"),
    "collect_archive_clash": ("tệp lưu trữ cùng tên đã có với nội dung khác; không ghi đè",
                              "an archived file with that name holds other content; not overwritten"),
    "collect_zip_broken": ("gói nén bị cắt cụt hoặc hỏng", "the zip package is truncated or damaged"),
    "collect_future": ("ngày nhận {value} ở sau hôm nay", "received date {value} is after today"),
    "collect_not_docx": ("không phải tệp Word .docx", "not a Word .docx file"),
    "collect_too_big": ("tệp quá lớn (tối đa {limit} MB)", "file too large (at most {limit} MB)"),
    "collect_zip_bomb": ("tệp có nội dung giải nén quá lớn bất thường, không nhận",
                         "file expands to an absurd size, refused"),
    "collect_macro": ("tệp chứa macro (.docm đổi tên), không nhận", "file contains macros (renamed .docm), refused"),
    "collect_unreadable": ("không đọc được tệp: {detail}", "cannot read the file: {detail}"),
    "collect_missing_field": ("thiếu ô «{label}» ({tag})", "field «{label}» ({tag}) is missing"),
    "collect_bad_option": ("ô «{label}»: «{value}» không có trong danh sách chọn",
                           "field «{label}»: «{value}» is not one of the choices"),
    "collect_bad_date": ("ô «{label}»: ngày không có thật hoặc sai định dạng «{value}»",
                         "field «{label}»: not a real date «{value}»"),
    "collect_bad_value": ("ô «{label}»: giá trị không hợp lệ «{value}»", "field «{label}»: invalid value «{value}»"),
    "collect_empty_required": ("còn trống các ô bắt buộc: {fields}", "required fields left empty: {fields}"),
    "collect_by_position": ("tệp đã mất tên ô (lưu lại bằng LibreOffice?); đã đọc theo vị trí ô trong bảng",
                            "field tags were lost (re-saved by LibreOffice?); read by table position"),
    "collect_duplicate": ("đã nhận trước đó, không thay đổi", "already received, nothing changed"),
    "collect_older": ("cũ hơn phiếu đang dùng của đơn vị; lưu làm lịch sử",
                      "older than the unit's current form; kept as history"),
    "collect_ignored": ("bỏ qua (không phải .docx): {path}", "skipped (not a .docx): {path}"),
    "collect_no_files": ("không có tệp .docx nào để thu nhận", "no .docx file to collect"),
    "collect_line_accepted": ("✓ {file}: đã nhận phiếu của {unit}", "✓ {file}: accepted for {unit}"),
    "collect_line_superseded": ("✓ {file}: {unit} – {reason}", "✓ {file}: {unit} – {reason}"),
    "collect_line_duplicate": ("= {file}: {reason}", "= {file}: {reason}"),
    "collect_line_rejected": ("✗ {file}: {reason}", "✗ {file}: {reason}"),
    "collect_line_warning": ("  ! {warning}", "  ! {warning}"),
    "collect_summary": ("Đã nhận {accepted}, trùng {duplicate}, bị từ chối {rejected}.",
                        "Accepted {accepted}, duplicates {duplicate}, rejected {rejected}."),
    "state_on_time": ("đúng hạn", "on time"),
    "state_late": ("trễ hạn", "late"),
    "state_missing": ("chưa nộp", "missing"),
    "state_rejected": ("bị từ chối", "rejected"),
    "status_not_due": ("chưa đến hạn", "not due yet"),
    "status_overdue": ("quá hạn", "overdue"),
    "status_col_unit": ("Mã", "Unit"),
    "status_col_name": ("Đơn vị", "Name"),
    "status_col_deadline": ("Hạn", "Deadline"),
    "status_col_state": ("Tình trạng", "State"),
    "status_col_received": ("Ngày nhận", "Received"),
    "status_col_note": ("Ghi chú", "Note"),
    "status_summary": ("Tổng {total}: đúng hạn {on_time}, trễ hạn {late}, chưa nộp {missing}, bị từ chối {rejected}.",
                       "Total {total}: on time {on_time}, late {late}, missing {missing}, rejected {rejected}."),
    "export_suffix": ("không xuất được «{suffix}»: chỉ hỗ trợ .json hoặc .xlsx",
                      "cannot export «{suffix}»: only .json or .xlsx"),
    # --- records
    "file_missing": ("không tìm thấy tệp", "file not found"),
    "case_missing": ("không tìm thấy thư mục hồ sơ (case)", "case folder not found"),
    "case_not_dir": ("không phải là thư mục", "not a folder"),
    "file_empty": ("tệp rỗng", "file is empty"),
    "file_binary": ("tệp không phải văn bản UTF-8 (có thể là tệp nhị phân)", "not UTF-8 text (binary file?)"),
    "yaml_syntax": ("lỗi cú pháp YAML ở dòng {line}, cột {column}: {detail}",
                    "YAML syntax error at line {line}, column {column}: {detail}"),
    "yaml_not_mapping": ("nội dung phải là một bảng khóa: giá trị (mapping)",
                         "top level must be a mapping"),
    "csv_error": ("lỗi đọc CSV: {detail}", "CSV error: {detail}"),
    "field_required": ("thiếu trường bắt buộc", "required field missing"),
    "field_unknown": ("trường không được phép (gõ nhầm tên?)", "unknown field (typo?)"),
    "field_invalid": ("giá trị không hợp lệ: {detail}", "invalid value: {detail}"),
    "date_invalid": ("ngày không có thật hoặc sai định dạng (cần YYYY-MM-DD): {value}",
                     "not a real date or wrong format (YYYY-MM-DD expected): {value}"),
    "ref_unknown": ("không có {kind} với mã «{ref}»", "no {kind} with id «{ref}»"),
    "duplicate_id": ("mã «{ref}» bị trùng", "duplicate id «{ref}»"),
    # --- workbook (records.xlsx) / records
    "workbook_unreadable": ("không đọc được tệp Excel (.xlsx): {detail}", "cannot read the Excel (.xlsx) file: {detail}"),
    "sheet_unknown": ("trang (sheet) không rõ; các trang hợp lệ: {names}", "unknown sheet; valid sheets: {names}"),
    "column_unknown": ("cột «{header}» không rõ hoặc bị lặp; các cột của trang: {names}",
                       "unknown or repeated column «{header}»; this sheet's columns: {names}"),
    "choice_invalid": ("«{value}» không có trong danh sách: {choices}", "«{value}» is not one of: {choices}"),
    "source_conflict": ("bảng này có cả ở đây và ở trang «{sheet}» của {book}; hãy giữ một nơi (xóa tệp hoặc xóa trang)",
                        "this table is both here and in sheet «{sheet}» of {book}; keep one (delete the file or the sheet)"),
    "criteria_set_missing": ("có tiêu chí ở trang «{sheet}» nhưng thiếu dòng Bộ «{set}» ở trang «Bộ tiêu chí»",
                             "sheet «{sheet}» has criteria but «Bộ tiêu chí» has no «{set}» row"),
    # --- init
    "init_not_empty": ("thư mục đích đã có nội dung; hãy chọn một thư mục mới hoặc rỗng",
                       "target folder is not empty; choose a new or empty folder"),
    "init_created": ("Đã tạo hồ sơ mới: {path}", "Created a new case: {path}"),
    "init_next_steps": (
        "Các bước tiếp theo:\n"
        "  1. Sửa danh sách (thôn, cán bộ, tiêu chí, phân công, hồ sơ, kính gửi, nhiệm vụ) trong {records}.\n"
        "  2. Sửa {dispatch}: trích yếu (subject), nội dung (body), ngày; điền hạn nộp của từng nhiệm vụ.\n"
        "  3. Soạn công văn: dispatch-gen dispatch {case} -o {case}/cong-van.docx\n"
        "  4. Sau khi ký, cấp số: dispatch-gen dispatch {case} -o {case}/cong-van.docx --issue",
        "Next steps:\n"
        "  1. Edit the lists (villages, officers, criteria, assignments, dossier, recipients, tasks) in {records}.\n"
        "  2. Edit {dispatch}: subject, body, date; fill in each task's deadline.\n"
        "  3. Draft the dispatch: dispatch-gen dispatch {case} -o {case}/cong-van.docx\n"
        "  4. After signing, number it: dispatch-gen dispatch {case} -o {case}/cong-van.docx --issue"),
    # --- output
    "output_parent_not_dir": ("không ghi được: thư mục cha «{parent}» là một tệp",
                              "cannot write: parent «{parent}» is a file"),
    "output_unwritable": ("không ghi được tệp: {detail}", "cannot write file: {detail}"),
    "output_outside": ("đường dẫn ra ngoài thư mục đầu ra: {path}", "path escapes the output folder: {path}"),
    # --- templates
    "template_missing": ("không tìm thấy mẫu văn bản: {name}", "template not found: {name}"),
    "template_undefined": ("mẫu «{name}» dùng biến chưa có giá trị: {detail}",
                           "template «{name}» uses an undefined value: {detail}"),
    "template_unsafe": ("mẫu «{name}» truy cập thuộc tính không an toàn: {detail}",
                        "template «{name}» tried unsafe access: {detail}"),
    "template_syntax": ("mẫu «{name}» có lỗi cú pháp: {detail}", "template «{name}» has a syntax error: {detail}"),
    # --- formspec / forms / word.sdt
    "form_duplicate_row": ("hai dòng cùng mã «{row}»: phiếu sẽ không đọc lại được",
                           "two rows share the code «{row}»: the form could not be read back"),
    "form_not_docx": ("không phải tệp Word .docx đọc được ({detail})", "not a readable Word .docx file ({detail})"),
    "form_unsafe_xml": ("tệp chứa khai báo DOCTYPE/thực thể XML, không đọc vì lý do an toàn",
                        "the file contains an XML DOCTYPE/entity declaration; refused for safety"),
    "form_duplicate_tag": ("trường «{tag}» xuất hiện {count} lần; lấy giá trị đầu tiên",
                           "field «{tag}» appears {count} times; the first value is used"),
    "form_unknown_tag": ("trường «{tag}» không có trong mẫu phiếu", "field «{tag}» is not part of the form"),
    "form_field_missing": ("không tìm thấy trường «{label}» ({tag})", "field «{label}» ({tag}) not found"),
    "form_bad_date": ("ô «{label}» ({tag}): «{raw}» không phải ngày hợp lệ (dd/mm/yyyy)",
                      "«{label}» ({tag}): «{raw}» is not a valid date (dd/mm/yyyy)"),
    "form_bad_option": ("ô «{label}» ({tag}): «{raw}» không thuộc danh sách chọn ({options})",
                        "«{label}» ({tag}): «{raw}» is not one of the choices ({options})"),
    "form_table_missing": ("không tìm thấy bảng «{section}» trong phiếu", "table «{section}» not found in the form"),
    "forms_none": ("hồ sơ không có nhiệm vụ nào cần phiếu (dispatch.yaml › tasks › form)",
                   "no task of the case asks for a form (dispatch.yaml › tasks › form)"),
    # --- store
    "store_no_case": ("không tìm thấy thư mục hồ sơ (case) để mở kho dữ liệu",
                      "case folder not found, cannot open its store"),
    "store_not_file": ("kho dữ liệu phải là một tệp, không phải thư mục", "the store must be a file, not a folder"),
    "store_corrupt": ("kho dữ liệu bị hỏng hoặc không phải tệp SQLite ({detail}); hãy khôi phục tệp này "
                      "từ bản sao lưu, đừng xóa nếu chưa sao lưu",
                      "the store is damaged or not an SQLite file ({detail}); restore it from a backup, "
                      "do not delete it without a copy"),
    "store_locked": ("kho dữ liệu đang bị tiến trình khác giữ quá {seconds} giây; hãy chờ lệnh kia xong rồi chạy lại",
                     "the store was locked by another process for more than {seconds} s; wait and retry"),
    "store_unwritable": ("không mở/ghi được kho dữ liệu: {detail}", "cannot open or write the store: {detail}"),
    "store_failed": ("lỗi kho dữ liệu: {detail}", "store error: {detail}"),
    "store_too_new": ("kho dữ liệu được tạo bởi phiên bản dispatch-gen mới hơn (lược đồ {version}, "
                      "phiên bản này biết đến {known}); hãy cập nhật dispatch-gen",
                      "the store was written by a newer dispatch-gen (schema {version}, this one knows "
                      "{known}); upgrade dispatch-gen"),
    # --- register
    "register_unknown_number": ("số {number} năm {year} chưa được cấp trong sổ văn bản đi",
                                "number {number} of {year} was never issued in the register"),
    "register_not_reserved": ("số {number} năm {year} không ở trạng thái giữ số (đang: {status})",
                              "number {number} of {year} is not reserved (it is: {status})"),
    "register_already_voided": ("số {number} năm {year} đã bị hủy trước đó",
                                "number {number} of {year} is already voided"),
    "register_void_no_reason": ("phải ghi lý do hủy số (--reason \"…\")",
                                "a reason is required to void a number (--reason \"…\")"),
    "register_void_needs_reason": ("--reason chỉ dùng cùng --void N", "--reason is only used with --void N"),
    "register_issued": ("Đã cấp số {number} ngày {date}.", "Issued number {number} on {date}."),
    "register_voided": ("Đã hủy số {number} năm {year}: {reason}", "Voided number {number} of {year}: {reason}"),
    "register_empty": ("Sổ văn bản đi chưa có số nào.", "The register is empty."),
    "register_col_year": ("Năm", "Year"),
    "register_col_number": ("Số, ký hiệu", "Number"),
    "register_col_date": ("Ngày", "Date"),
    "register_col_subject": ("Trích yếu", "Subject"),
    "register_col_signer": ("Người ký", "Signer"),
    "register_col_file": ("Tệp", "File"),
    "register_col_status": ("Trạng thái", "Status"),
    "register_status_issued": ("đã cấp", "issued"),
    "register_status_reserved": ("đã giữ số, chưa hoàn tất", "reserved, not completed"),
    "register_status_voided": ("đã hủy", "voided"),
    "today_invalid": ("biến môi trường DISPATCH_GEN_TODAY phải là ngày YYYY-MM-DD: {value}",
                      "DISPATCH_GEN_TODAY must be a YYYY-MM-DD date: {value}"),
    # --- register
    "register_unknown_number": ("số {number} năm {year} chưa được cấp trong sổ văn bản đi",
                                "number {number} of {year} was never issued in the register"),
    "register_not_reserved": ("số {number} năm {year} không ở trạng thái giữ số (đang: {status})",
                              "number {number} of {year} is not reserved (it is: {status})"),
    "register_already_voided": ("số {number} năm {year} đã bị hủy trước đó",
                                "number {number} of {year} is already voided"),
    "register_void_no_reason": ("phải ghi lý do hủy số (--reason \"…\")",
                                "a reason is required to void a number (--reason \"…\")"),
    "register_void_needs_reason": ("--reason chỉ dùng cùng --void N", "--reason is only used with --void N"),
    "register_issued": ("Đã cấp số {number} ngày {date}.", "Issued number {number} on {date}."),
    "register_voided": ("Đã hủy số {number} năm {year}: {reason}", "Voided number {number} of {year}: {reason}"),
    "register_empty": ("Sổ văn bản đi chưa có số nào.", "The register is empty."),
    "register_col_year": ("Năm", "Year"),
    "register_col_number": ("Số, ký hiệu", "Number"),
    "register_col_date": ("Ngày", "Date"),
    "register_col_subject": ("Trích yếu", "Subject"),
    "register_col_signer": ("Người ký", "Signer"),
    "register_col_file": ("Tệp", "File"),
    "register_col_status": ("Trạng thái", "Status"),
    "register_status_issued": ("đã cấp", "issued"),
    "register_status_reserved": ("đã giữ số, chưa hoàn tất", "reserved, not completed"),
    "register_status_voided": ("đã hủy", "voided"),
    "today_invalid": ("biến môi trường DISPATCH_GEN_TODAY phải là ngày YYYY-MM-DD: {value}",
                      "DISPATCH_GEN_TODAY must be a YYYY-MM-DD date: {value}"),
    # --- pdf
    "pdf_soffice_missing": (
        "không tìm thấy LibreOffice (lệnh soffice) để chuyển văn bản sang PDF. Hãy cài đặt: "
        "sudo apt install libreoffice-writer-nogui fonts-liberation2 (Debian/Ubuntu), hoặc tải tại "
        "https://vi.libreoffice.org; nếu đã cài ở nơi khác, đặt biến môi trường {var} trỏ tới tệp soffice.",
        "LibreOffice (the soffice command) was not found for PDF conversion. Install it: "
        "sudo apt install libreoffice-writer-nogui fonts-liberation2 (Debian/Ubuntu), or download it from "
        "https://www.libreoffice.org; if it is installed elsewhere, point {var} at the soffice file."),
    "pdf_soffice_env_bad": ("biến môi trường {var} trỏ tới «{path}», nhưng đó không phải tệp soffice chạy được",
                            "{var} points at «{path}», which is not an executable soffice"),
    "pdf_start_failed": ("không chạy được LibreOffice «{soffice}»: {detail}",
                         "cannot start LibreOffice «{soffice}»: {detail}"),
    "pdf_source_missing": ("{path}: không tìm thấy tệp cần chuyển sang PDF", "{path}: file to convert not found"),
    "pdf_source_not_docx": ("{path}: không phải tệp Word (.docx) hợp lệ (tệp hỏng hoặc sai đuôi?)",
                            "{path}: not a valid Word (.docx) file (damaged or misnamed?)"),
    "pdf_same_target": ("hai tệp cùng tên sẽ ghi đè cùng một tệp PDF: {path}",
                        "two files with the same name would write the same PDF: {path}"),
    "pdf_timeout": ("{path}: LibreOffice bị treo khi chuyển sang PDF (quá {seconds} giây) nên đã bị dừng; "
                    "không tệp PDF nào được ghi. Hãy mở tệp bằng Word hoặc LibreOffice để kiểm tra.",
                    "{path}: LibreOffice hung converting to PDF (over {seconds} s) and was stopped; "
                    "no PDF was written. Open the file in Word or LibreOffice to check it."),
    "pdf_failed": ("{path}: LibreOffice không chuyển được tệp sang PDF{detail}; không tệp PDF nào được ghi",
                   "{path}: LibreOffice could not convert the file to PDF{detail}; no PDF was written"),
    "pdf_read_failed": ("{path}: không đọc được tệp PDF: {detail}", "{path}: cannot read the PDF: {detail}"),
    "pdf_no_parts": ("không có tệp nào để ghép thành PDF", "no files to assemble into a PDF"),
    "pdf_signature_anchor_missing": (
        "{path}: không tìm thấy khối chữ ký «{anchor}» trong PDF nên chưa đặt ô ký số",
        "{path}: signer's block «{anchor}» not found in the PDF, so no signature field was added"),
    "pdf_signature_added": ("Đã đặt ô ký số «{name}» ở trang {page}: {path}",
                            "Signature field «{name}» placed on page {page}: {path}"),
    # --- check (ND30 conformance of any .docx)
    "check_unreadable": ("không đọc được như tệp Word .docx ({detail})", "cannot be read as a Word .docx ({detail})"),
    "check_line_out": ("{file}: [{rule}] {where}: {found} — cần: {required}",
                       "{file}: [{rule}] {where}: {found} — required: {required}"),
    "check_summary_ok": ("Đạt thể thức: {files} tệp, không có lỗi.", "Conforms: {files} file(s), no violations."),
    "check_summary_bad": ("{count} lỗi thể thức trong {bad}/{files} tệp; {unreadable} tệp không đọc được.",
                          "{count} violation(s) in {bad}/{files} file(s); {unreadable} unreadable file(s)."),
    "check_where_body": ("đoạn {n}", "paragraph {n}"),
    "check_where_cell": ("bảng {t}, hàng {r}, cột {c}", "table {t}, row {r}, column {c}"),
    "check_where_header": ("đầu trang ({kind}) phần {s}", "header ({kind}) of section {s}"),
    "check_where_footer": ("chân trang ({kind}) phần {s}", "footer ({kind}) of section {s}"),
    "check_where_section": ("phần (section) {s}", "section {s}"),
    "check_where_document": ("toàn văn bản", "whole document"),
    "check_hf_default": ("các trang", "default"),
    "check_hf_first": ("trang đầu", "first page"),
    "check_hf_even": ("trang chẵn", "even pages"),
    "check_and_more": ("(và {n} chỗ khác)", "(and {n} more)"),
    "check_missing": ("không có {el}", "no {el}"),
    "check_el_quoc_hieu": ("quốc hiệu", "national title"),
    "check_el_tieu_ngu": ("tiêu ngữ", "motto"),
    "check_el_agency": ("tên cơ quan ban hành", "issuing agency name"),
    "check_el_date": ("địa danh, ngày tháng", "place and date"),
    "check_el_vv": ("trích yếu «V/v …»", "«V/v …» subject"),
    "check_el_subject": ("trích yếu dưới tên loại", "subject under the type name"),
    "check_el_kinh_gui": ("dòng «Kính gửi»", "«Kính gửi» line"),
    "check_el_recipient": ("nơi được gửi", "recipient"),
    "check_el_signature": ("khối chữ ký", "signature block"),
    "check_el_noi_nhan": ("«Nơi nhận:»", "«Nơi nhận:»"),
    "check_el_entries": ("danh sách nơi nhận", "recipient list"),
    "check_size": ("cỡ chữ {pt} pt", "font size {pt} pt"),
    "check_bold": ("in đậm", "bold"),
    "check_not_bold": ("không in đậm", "not bold"),
    "check_italic": ("in nghiêng", "italic"),
    "check_not_italic": ("chữ đứng (không nghiêng)", "upright (not italic)"),
    "check_align": ("căn {how}", "aligned {how}"),
    "check_jc_center": ("giữa", "centre"),
    "check_jc_both": ("đều hai bên", "justified"),
    "check_jc_left": ("trái", "left"),
    "check_jc_right": ("phải", "right"),
    "check_page_size": ("khổ giấy {w} × {h} mm", "page {w} × {h} mm"),
    "check_page_a4": ("khổ A4 (210 × 297 mm)", "A4 (210 × 297 mm)"),
    "check_landscape": ("trang nằm ngang", "landscape"),
    "check_portrait": ("phần chính của văn bản trình bày trang dọc", "the main section in portrait"),
    "check_margin": ("lề {edge} {mm} mm", "{edge} margin {mm} mm"),
    "check_edge_top": ("trên", "top"),
    "check_edge_bottom": ("dưới", "bottom"),
    "check_edge_left": ("trái", "left"),
    "check_edge_right": ("phải", "right"),
    "check_font": ("phông chữ «{font}»", "font «{font}»"),
    "check_colour": ("chữ màu {colour}", "text colour {colour}"),
    "check_black": ("chữ màu đen (auto hoặc 000000)", "black text (auto or 000000)"),
    "check_not_nfc": ("chữ Việt tổ hợp (không phải Unicode dựng sẵn NFC)", "decomposed text (not NFC)"),
    "check_nfc": ("Unicode dựng sẵn (NFC, TCVN 6909:2001)", "precomposed Unicode (NFC)"),
    "check_in_left_cell": ("nằm ở ô bên trái", "in the left cell"),
    "check_in_right_cell": ("nằm ở ô bên phải", "in the right cell"),
    "check_underlined": ("gạch chân ký tự thay cho đường kẻ", "underlined characters instead of a line"),
    "check_no_rule": ("không có đường kẻ bên dưới", "no line under it"),
    "check_rule_under": ("đường kẻ liền bên dưới, dài bằng dòng chữ (viền dưới hoặc hình vẽ)",
                         "a solid line under it, as long as the text (border or drawn line)"),
    "check_rule_under_agency": ("đường kẻ liền bên dưới, dài 1/3–1/2 dòng chữ, căn giữa",
                                "a solid line under it, 1/3–1/2 of the text, centred"),
    "check_agency_required": ("tên cơ quan chữ in hoa, in đậm ở ô trái đầu trang",
                              "the agency name in bold capitals in the top-left cell"),
    "check_not_upper": ("không viết in hoa toàn bộ", "not all capitals"),
    "check_upper": ("chữ in hoa", "capitals"),
    "check_so_form": ("«Số: 05/UBND-VP» (số dưới 10 có số 0 đứng trước; dự thảo để trống số)",
                      "«Số: 05/UBND-VP» (numbers below 10 padded; drafts leave the number blank)"),
    "check_cv_no_type_abbr": ("công văn không dùng chữ viết tắt tên loại văn bản trong ký hiệu",
                              "a công văn symbol carries no document-type abbreviation"),
    "check_date_form": ("«Địa danh, ngày 05 tháng 3 năm 2025» (ngày 01–09, tháng 01–02 có số 0; tháng 3–12 không)",
                        "«Place, ngày 05 tháng 3 năm 2025» (days 01–09, months 01–02 padded; 3–12 not)"),
    "check_not_same_row": ("không cùng hàng với số, ký hiệu", "not on the row of the number"),
    "check_same_row": ("cùng hàng với «Số: …» trong bảng tiêu đề", "on the same row as «Số: …» in the header table"),
    "check_same_row_sign": ("ngang hàng với khối chữ ký (cùng hàng bảng)", "level with the signature block (same row)"),
    "check_vv_form": ("«V/v <trích yếu>» (không có dấu hai chấm)", "«V/v <subject>» (no colon)"),
    "check_space_before": ("khoảng cách trước {pt} pt", "space before {pt} pt"),
    "check_subject_required": ("trích yếu in đậm, căn giữa, dưới tên loại văn bản",
                               "a bold centred subject under the type name"),
    "check_all_caps": ("viết in hoa toàn bộ", "all capitals"),
    "check_not_all_caps": ("chữ thường (không in hoa toàn bộ)", "lower case (not all capitals)"),
    "check_name_case": ("họ tên chữ thường, viết hoa chữ cái đầu (không in hoa toàn bộ)",
                        "the name in lower case with capital initials"),
    "check_indent": ("thụt đầu dòng {cm} cm", "first-line indent {cm} cm"),
    "check_indent_required": ("thụt đầu dòng 1 cm hoặc 1,27 cm", "first-line indent 1 cm or 1.27 cm"),
    "check_gap": ("khoảng cách giữa các đoạn {pt} pt", "paragraph gap {pt} pt"),
    "check_gap_required": ("khoảng cách giữa các đoạn tối thiểu 6 pt", "paragraph gap at least 6 pt"),
    "check_line": ("giãn dòng {rule} {v}", "line spacing {rule} {v}"),
    "check_line_required": ("giãn dòng từ 1 đến 1,5 dòng (lineRule auto, 240–360)",
                            "line spacing single to 1.5 lines (lineRule auto, 240–360)"),
    "check_can_cu": ("căn cứ in nghiêng, kết thúc bằng «{end}»", "legal grounds italic, ending with «{end}»"),
    "check_end_mark": ("phần nội dung kết thúc bằng «./.»", "the body ends with «./.»"),
    "check_kinh_gui_form": ("«Kính gửi: <nơi nhận>» hoặc «Kính gửi:» và các dòng «- …;», dòng cuối «- ….»",
                            "«Kính gửi: <recipient>» or «Kính gửi:» and «- …;» lines, the last «- ….»"),
    "check_list_line": ("dòng bắt đầu bằng «- » và kết thúc bằng «{end}»", "a line starting «- » and ending «{end}»"),
    "check_signature_form": ("khối chữ ký (TM./KT./… chức vụ, họ tên) ở ô phải, ngang hàng «Nơi nhận:»",
                             "a signature block (TM./KT./… title, name) in the right cell"),
    "check_no_academic": ("không ghi học hàm, học vị trước họ tên", "no academic title before the name"),
    "check_luu_form": ("dòng cuối «- Lưu: VT, <đơn vị>.» kết thúc bằng dấu chấm",
                       "last line «- Lưu: VT, <unit>.» ending with a full stop"),
    "check_no_page_field": ("không có trường số trang (PAGE) ở đầu trang", "no PAGE field in the header"),
    "check_page_field": ("số trang ở đầu trang, căn giữa, cỡ 13–14 pt, từ trang 2",
                         "page number in the header, centred, 13–14 pt, from page 2"),
    "check_no_title_pg": ("trang đầu không tách riêng (thiếu titlePg)", "no separate first page (titlePg missing)"),
    "check_title_pg": ("không đánh số trang đầu (titlePg, đầu trang trang đầu để trống)",
                       "page 1 unnumbered (titlePg with an empty first-page header)"),
    "check_page1_numbered": ("trang đầu có số trang", "page 1 is numbered"),
    "check_page_in_footer": ("số trang ở chân trang", "page number in the footer"),
    "check_no_restart": ("phụ lục không đánh số trang lại từ 1", "appendix page numbers do not restart"),
    "check_restart": ("phụ lục là phần riêng, số trang bắt đầu từ 1", "the appendix in its own section from page 1"),
}


def set_language(lang: str | None) -> None:
    """Pin the language for this process (``vi`` or ``en``); None re-reads the environment."""
    global _lang
    _lang = lang if lang in ("vi", "en") else None


def language() -> str:
    """Return the active language code: ``vi`` unless English was asked for."""
    if _lang:
        return _lang
    env = os.environ.get("DISPATCH_GEN_LANG", "").lower()
    if env in ("vi", "en"):
        return env
    return "en" if os.environ.get("LANG", "").lower().startswith("en") else "vi"


def t(key: str, **fields: object) -> str:
    """Return the catalogue text for ``key`` in the active language, formatted with ``fields``."""
    vi, en = CATALOGUE[key]
    text = en if language() == "en" else vi
    return text.format(**fields) if fields else text
