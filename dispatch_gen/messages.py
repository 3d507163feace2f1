"""The one message catalogue: every text a clerk reads on the terminal, Vietnamese first.

Language: ``--lang``, else ``DISPATCH_GEN_LANG``, else Vietnamese (an English system locale is not a
reason to leave the clerk's language).
Add a key here rather than writing a string in code; ``t(key, **fields)`` formats it.
"""

from __future__ import annotations

import os

_lang: str | None = None

# key: (Vietnamese, English). Keep keys grouped by the module that uses them.
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- cli help (one entry per command and option; `cli._localise` applies them)
    'help.cli': ('dispatch-gen: soạn công văn theo Nghị định 30/2020/NĐ-CP, phiếu báo cáo, tổng hợp và báo cáo.',
        'dispatch-gen: official dispatches in the ND30 format (Decree 30/2020), fillable report forms, collection and the compiled report.'),
    'help.option.help': ('Hiện hướng dẫn này rồi thoát.',
        'Show this message and exit.'),
    'help.cli.version': ('Hiện phiên bản rồi thoát.',
        'Show the version and exit.'),
    'help.cli.lang': ('Ngôn ngữ của thông báo và hướng dẫn (mặc định: tiếng Việt).',
        'Language of messages and help (default: Vietnamese).'),
    'help.dispatch': ('Soạn công văn của hồ sơ HỒ_SƠ thành tệp Word (dự thảo, hoặc cấp số với --issue).',
        'Write the dispatch of case CASE as a Word file (a draft, or numbered with --issue).'),
    'help.dispatch.output': ('Tệp .docx sẽ ghi.',
        'The .docx file to write.'),
    'help.dispatch.issue': ('Cấp số văn bản đi tiếp theo và ghi ngày hôm nay vào văn bản.',
        "Take the next outgoing number and write it and today's date into the document."),
    'help.dispatch.pdf': ('Ghi thêm bản PDF cạnh tệp .docx.',
        'Also write a PDF beside the .docx.'),
    'help.check': ('Kiểm tra thể thức Nghị định 30 của các tệp .docx: mỗi lỗi một dòng; mã thoát 1 nếu có lỗi.',
        'Check .docx files against the ND30 format: one line per violation; exit code 1 if any.'),
    'help.check.as_json': ('In danh sách lỗi dưới dạng JSON.',
        'Print the violations as JSON.'),
    'help.forms': ('Tạo phiếu Word điền được cho từng đơn vị mà công văn của hồ sơ HỒ_SƠ giao nhiệm vụ.',
        'Write one fillable Word form per unit that the dispatch of case CASE gives a task.'),
    'help.forms.output': ('Thư mục sẽ ghi các phiếu .docx (mỗi thôn, tiêu chí, nhóm một tệp).',
        'Folder for the .docx forms (one file per village, criterion, group).'),
    'help.forms.pdf': ('Ghi thêm bản PDF cạnh mỗi phiếu (để in).',
        'Also write a PDF beside each form (for printing).'),
    'help.register': ('Xem sổ văn bản đi của hồ sơ HỒ_SƠ, hoặc hủy một số: --void N --reason "…".',
        'List the outgoing register of case CASE, or void a number: --void N --reason "…".'),
    'help.register.year': ('Chỉ năm này (mặc định: mọi năm; với --void: năm nay).',
        'Only this year (default: every year; with --void: this year).'),
    'help.register.as_json': ('In sổ dưới dạng JSON.',
        'Print the register as JSON.'),
    'help.register.void_n': ('Hủy số N (số vẫn nằm trong sổ, không cấp lại).',
        'Void number N (it stays in the register and is never issued again).'),
    'help.register.reason': ('Lý do hủy số (bắt buộc khi dùng --void).',
        'Why the number is voided (required with --void).'),
    'help.collect': ('Thu nhận phiếu đã điền (tệp hoặc thư mục) vào hồ sơ HỒ_SƠ; lưu nguyên bản gốc và câu trả lời.',
        'Collect filled forms (files or folders) into case CASE; keep the originals and the answers.'),
    'help.collect.received': ('Ngày đã nhận các tệp (dd/mm/yyyy), khi nhận từ trước; mặc định: bây giờ.',
        'Date the files were received (dd/mm/yyyy), for files that arrived earlier; default: now.'),
    'help.status': ('Danh sách liên hệ: từng đơn vị, người phụ trách, điện thoại, tình trạng nộp phiếu và việc cần làm; đơn vị cần liên hệ đứng trước.',
        'Call list: every unit, its person, phone, reporting state and what is left to do; units to contact first.'),
    'help.status.as_of': ('Xem tình hình tính đến hết ngày này (dd/mm/yyyy); mặc định: hôm nay.',
        'Status as of the end of this day (dd/mm/yyyy); default: today.'),
    'help.status.xlsx': ('Ghi danh sách liên hệ ra tệp Excel .xlsx (người phụ trách, điện thoại, thư điện tử, hạn, việc cần làm).',
        'Write the call list to an Excel .xlsx file (person, phone, e-mail, deadline, what to do).'),
    'help.status.as_json': ('In dưới dạng JSON.',
        'Print as JSON.'),
    'help.export': ('Xuất mọi câu trả lời hiện hành của hồ sơ HỒ_SƠ, mỗi ô một dòng (JSON hoặc Excel).',
        'Export every current answer of case CASE, one record per field (JSON or Excel).'),
    'help.export.output': ('Tệp .json hoặc .xlsx sẽ ghi.',
        'The .json or .xlsx file to write.'),
    'help.pdf': ('Chuyển các tệp Word sang PDF (tệp PDF giữ nguyên) và ghép thành một tệp, mỗi phần một dấu trang.',
        'Convert Word files to PDF (PDF files are taken as they are) and merge them, one bookmark per part.'),
    'help.pdf.output': ('Tệp PDF ghép sẽ ghi.',
        'The merged PDF file to write.'),
    'help.pdf.title': ('Tiêu đề của tệp PDF (mặc định: tiêu đề văn bản đầu tiên).',
        "PDF title (default: the first document's title)."),
    'help.pdf.subject': ('Chủ đề (trích yếu) ghi vào thông tin tệp PDF.',
        'Subject (trích yếu) written into the PDF metadata.'),
    'help.pdf.case': ('Hồ sơ: lấy tên cơ quan làm tác giả và đặt ô ký số ở khối chữ ký của người ký.',
        "Case folder: the agency becomes the author and a signature field goes over the signer's block."),
    'help.init': ('Tạo thư mục hồ sơ mới THƯ_MỤC: từ hồ sơ mẫu, hoặc từ hồ sơ đợt trước (--from).',
        'Create a new case folder DIRECTORY: from the sample case, or from an earlier case (--from).'),
    'help.init.source': ('Hồ sơ đợt trước: giữ cơ quan, người ký, cán bộ, thôn, tiêu chí, phân công; công văn mới.',
        'Earlier case: keep agency, signers, officers, villages, criteria, assignments; a fresh dispatch.'),
    'help.init.xlsx': ('Ghi các danh sách vào một tệp Excel records.xlsx thay cho CSV/YAML.',
        'Keep the lists in one Excel workbook records.xlsx instead of CSV/YAML files.'),
    'help.build': ('Làm trọn hồ sơ HỒ_SƠ: công văn, phiếu; khi có phiếu đã điền trong HỒ_SƠ/inbox/ thì tổng hợp, báo cáo, công văn đôn đốc; bản PDF (khi có LibreOffice) và một tệp PDF đầy đủ.',
        'The whole job for case CASE: dispatch, forms; when filled forms wait in CASE/inbox/, collection, report and reminder; PDFs (with LibreOffice) and one complete PDF.'),
    'help.build.output': ('Thư mục sẽ ghi (mặc định: output/<tên thư mục hồ sơ>).',
        'Output folder (default: output/<case folder name>).'),
    'help.build.as_of': ('Tổng hợp, báo cáo, đôn đốc tính đến hết ngày này (dd/mm/yyyy); mặc định: hôm nay.',
        'Collection, report and reminder as of the end of this day (dd/mm/yyyy); default: today.'),
    'help.report': ('Lập báo cáo tổng hợp (BÁO CÁO, kèm các phụ lục) từ mọi phiếu đã thu của hồ sơ HỒ_SƠ.',
        'Compile the report (BÁO CÁO, with appendices) from every form collected for case CASE.'),
    'help.report.output': ('Tệp .docx sẽ ghi.',
        'The .docx file to write.'),
    'help.report.as_of': ('Tính tình hình báo cáo đến hết ngày này (dd/mm/yyyy); mặc định: hôm nay.',
        'Reporting status as of the end of this day (dd/mm/yyyy); default: today.'),
    'help.report.pdf': ('Ghi thêm bản PDF cạnh tệp .docx.',
        'Also write a PDF beside the .docx.'),
    'help.remind': ('Soạn công văn đôn đốc gửi đúng các đơn vị chưa gửi báo cáo hoặc phải gửi lại.',
        'Write the reminder (công văn đôn đốc) to exactly the units that have not reported or must resend.'),
    'help.remind.output': ('Tệp .docx sẽ ghi.',
        'The .docx file to write.'),
    'help.remind.as_of': ('Xét các đơn vị chưa báo cáo đến hết ngày này (dd/mm/yyyy); mặc định: hôm nay.',
        'Units still missing at the end of this day (dd/mm/yyyy); default: today.'),
    'help.remind.deadline': ('Hạn gửi báo cáo mới (dd/mm/yyyy); mặc định: sau ngày xét 3 ngày (report.yaml).',
        'New deadline (dd/mm/yyyy); default: 3 days after the as-of day (report.yaml).'),
    'help.remind.pdf': ('Ghi thêm bản PDF cạnh tệp .docx.',
        'Also write a PDF beside the .docx.'),
    # --- cli / general
    "help.usage": ("Cách dùng:", "Usage:"),
    # one line after each command: what to do next, as a command that works as typed (issue 13)
    "next_prefix": ("Tiếp theo:", "Next:"),
    "next_after_draft": ("trình ký bản dự thảo; khi đã ký, cấp số: {prog} dispatch {case} -o {output} --issue",
                         "have the draft signed; once signed, number it: {prog} dispatch {case} -o {output} --issue"),
    "next_after_issue": ("phát phiếu cho các đơn vị: {prog} forms {case} -o {forms}",
                         "make the units' forms: {prog} forms {case} -o {forms}"),
    "next_after_forms": ("gửi từng phiếu theo {send_list}; phiếu điền xong chép vào {inbox} rồi chạy: "
                         "{prog} collect {case} {inbox}",
                         "send each form as {send_list} lists; put the filled forms in {inbox}, then run: "
                         "{prog} collect {case} {inbox}"),
    "next_after_collect": ("xem ai chưa nộp: {prog} status {case}", "see who has not reported: {prog} status {case}"),
    "next_after_status_missing": ("gọi điện theo danh sách trên, hoặc soạn công văn đôn đốc: "
                                  "{prog} remind {case} -o don-doc.docx",
                                  "phone the units above, or write the reminder: {prog} remind {case} -o don-doc.docx"),
    "next_after_status_done": ("mọi đơn vị đã nộp đủ; lập báo cáo: {prog} report {case} -o bao-cao.docx --pdf",
                               "every unit has reported; compile the report: {prog} report {case} -o bao-cao.docx --pdf"),
    "next_after_export": ("lập báo cáo cho cuộc họp: {prog} report {case} -o bao-cao.docx --pdf",
                          "compile the meeting report: {prog} report {case} -o bao-cao.docx --pdf"),
    "next_after_report": ("trình ký, rồi ghép một tệp PDF: {prog} pdf {output} -o {package} --case {case}",
                          "have it signed, then make one PDF: {prog} pdf {output} -o {package} --case {case}"),
    "next_after_remind": ("trình ký và gửi công văn đôn đốc; phiếu nhận thêm chép vào {inbox} rồi chạy: "
                          "{prog} collect {case} {inbox}",
                          "have the reminder signed and sent; put forms that arrive in {inbox}, then run: "
                          "{prog} collect {case} {inbox}"),
    "next_after_pdf": ("ký số vào ô ký trong {output} bằng phần mềm ký số của cơ quan",
                       "sign {output} in its signature field with the agency's signing software"),
    "next_after_build": ("gửi phiếu theo {send_list}; phiếu điền xong chép vào {inbox} rồi chạy lại: {prog} build {case}",
                         "send the forms as {send_list} lists; put filled forms in {inbox} and run again: "
                         "{prog} build {case}"),
    "error_prefix": ("Lỗi", "Error"),
    "warning_prefix": ("Cảnh báo", "Warning"),
    "interrupted": ("Đã dừng theo yêu cầu (Ctrl-C).", "Interrupted (Ctrl-C)."),
    "wrote": ("Đã ghi: {path}", "Wrote: {path}"),
    # --- build (the main job)
    "build_step_dispatch": ("Soạn công văn", "Writing the dispatch"),
    "build_step_forms": ("Tạo phiếu cho các đơn vị", "Making the units' forms"),
    "build_step_collect": ("Thu nhận {count} phiếu trong hộp thư đến", "Collecting {count} inbox forms"),
    "build_step_status": ("Tổng hợp tình hình nộp phiếu", "Working out who has reported"),
    "build_step_report": ("Soạn báo cáo tổng hợp", "Writing the summary report"),
    "build_step_reminder": ("Soạn công văn đôn đốc", "Writing the reminder"),
    "build_step_pdf": ("Chuyển {count} tệp Word sang PDF (LibreOffice)", "Converting {count} Word files to PDF"),
    "build_step_package": ("Ghép hồ sơ PDF đầy đủ", "Assembling the complete PDF"),
    "build_step_done": ("Xong", "Done"),
    "build_row": ("dòng {n}", "row {n}"),
    "build_received_unreadable": ("không đọc được danh sách ngày nhận: {detail}",
                                  "cannot read the list of received dates: {detail}"),
    "build_received_no_file": ("thiếu tên tệp", "file name missing"),
    "build_received_bad": ("ngày nhận «{value}» không hợp lệ (dd/mm/yyyy, hoặc YYYY-MM-DDTHH:MM+07:00 kèm giờ)",
                           "invalid received date «{value}» (dd/mm/yyyy, or YYYY-MM-DDTHH:MM+07:00 with a time)"),
    "build_received_unknown": ("received.csv ghi ngày nhận của «{file}» nhưng hộp thư đến không có tệp này",
                               "received.csv lists «{file}» but the inbox has no such file"),
    "build_file_warning": ("{file}: {warning}", "{file}: {warning}"),
    "build_inbox_empty": ("chưa có phiếu đã điền trong {path}: chưa tổng hợp, chưa lập báo cáo và công văn đôn đốc",
                          "no filled forms in {path}: no collection, report or reminder yet"),
    "build_no_libreoffice": ("chưa cài LibreOffice nên chưa tạo bản PDF (các tệp Word đã đủ); cài LibreOffice "
                             "(make sysdeps) rồi chạy lại để có PDF",
                             "LibreOffice is not installed, so no PDF was made (the Word files are complete); "
                             "install it (make sysdeps) and run again"),
    "build_no_signature_anchor": ("không tìm thấy khối chữ ký trong {path}: chưa đặt ô ký số",
                                  "signature block not found in {path}: no signature field"),
    "build_summary_head": ("Kết quả (thư mục {path}):", "Result (folder {path}):"),
    "build_summary_dispatch": ("- Công văn: {path}", "- Dispatch: {path}"),
    "build_summary_forms": ("- Phiếu: {count} tệp trong {path}", "- Forms: {count} files in {path}"),
    "build_summary_send_list": ("- Danh sách gửi phiếu (ai nhận tệp nào, hạn, gửi lại cho ai): {path}",
                                "- Send list (who gets which file, deadline, whom to send back to): {path}"),
    "build_summary_collected": ("- Hộp thư đến: {files} tệp; nhận mới {accepted}, đã nhận trước đó {duplicate}, "
                                "bị từ chối {rejected}",
                                "- Inbox: {files} files; {accepted} new, {duplicate} already received, "
                                "{rejected} refused"),
    "build_summary_rejected": ("  ✗ {file}: {reason}", "  ✗ {file}: {reason}"),
    "build_summary_status": ("- Tình hình đến ngày {day}: {total} đơn vị, đúng hạn {on_time}, trễ hạn {late}, "
                             "chưa nộp {missing}, bị từ chối {rejected} ({path})",
                             "- Status on {day}: {total} units, {on_time} on time, {late} late, "
                             "{missing} missing, {rejected} refused ({path})"),
    "build_summary_report": ("- Báo cáo tổng hợp: {path}", "- Summary report: {path}"),
    "build_summary_reminder": ("- Công văn đôn đốc: {path}", "- Reminder: {path}"),
    "build_summary_no_reminder": ("- Không cần đôn đốc: mọi đơn vị đã nộp phiếu", "- No reminder needed: every unit reported"),
    "build_summary_pdfs": ("- PDF: {count} tệp, cạnh mỗi tệp Word (công văn, báo cáo có ô ký số)",
                           "- PDF: {count} files beside the Word files (signature fields on signed documents)"),
    "build_summary_package": ("- Hồ sơ PDF đầy đủ (mỗi phần một dấu trang, ô ký số ở công văn): {path}",
                              "- Complete PDF (a bookmark per part, signature field on the dispatch): {path}"),
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
    # --- collect (hardening)
    "collect_too_many_parts": ("tệp có quá nhiều phần ({count}, tối đa {limit}), không nhận",
                               "file has too many parts ({count}, at most {limit}), refused"),
    "collect_long_answer": ("ô «{label}» ({tag}) dài {length} ký tự: chỉ lưu {limit} ký tự đầu, bản gốc giữ nguyên",
                            "field «{label}» ({tag}) is {length} characters long: only the first {limit} are "
                            "stored, the original file is kept whole"),
    "collect_archive_changed": ("bản lưu trữ gốc {path} đã bị sửa (mã SHA-256 không khớp)",
                                "archived original {path} was modified (SHA-256 mismatch)"),
    "collect_archive_missing": ("bản lưu trữ gốc {path} không còn", "archived original {path} is missing"),
    "collect_macro": ("tệp chứa macro (.docm đổi tên), không nhận", "file contains macros (renamed .docm), refused"),
    "collect_unreadable": ("không đọc được tệp: {detail}", "cannot read the file: {detail}"),
    "collect_missing_field": ("thiếu ô «{label}» ({tag})", "field «{label}» ({tag}) is missing"),
    # issue 11: a bad answer is kept as typed and flagged "cần làm rõ"; submission states
    "collect_bad_option": ("cần làm rõ ô «{label}»: «{value}» không có trong danh sách chọn ({options})",
                           "to clarify, field «{label}»: «{value}» is not one of the choices ({options})"),
    "collect_bad_date": ("cần làm rõ ô «{label}»: «{value}» không phải ngày, tháng, quý hay năm "
                         "(ví dụ 30/06/2026, Tháng 6/2026, Quý II/2026, Năm 2026)",
                         "to clarify, field «{label}»: «{value}» is not a date, month, quarter or year "
                         "(e.g. 30/06/2026, Tháng 6/2026, Quý II/2026, Năm 2026)"),
    "collect_bad_value": ("cần làm rõ ô «{label}»: giá trị không hợp lệ «{value}»",
                          "to clarify, field «{label}»: invalid value «{value}»"),
    "collect_empty_form": ("phiếu trống, chưa điền ô nào: không tính là đã nộp (đơn vị vẫn ở danh sách chưa nộp)",
                           "blank form, no answer at all: not counted as a submission (the unit is still missing)"),
    "collect_partial": ("phiếu chưa đủ, còn thiếu: {missing}", "incomplete form, missing: {missing}"),
    "collect_missing_all": ("{column}: cả {count} {noun}", "{column}: all {count} ({noun})"),
    "collect_by_position": ("tệp đã mất tên ô (lưu lại bằng LibreOffice?); đã đọc theo vị trí ô trong bảng",
                            "field tags were lost (re-saved by LibreOffice?); read by table position"),
    "collect_duplicate": ("đã nhận trước đó, không thay đổi", "already received, nothing changed"),
    "collect_older": ("cũ hơn phiếu đang dùng của đơn vị; lưu làm lịch sử",
                      "older than the unit's current form; kept as history"),
    "collect_ignored": ("bỏ qua (không phải .docx): {path}", "skipped (not a .docx): {path}"),
    "collect_no_files": ("không có tệp .docx nào để thu nhận", "no .docx file to collect"),
    "collect_line_accepted": ("✓ {file}: đã nhận phiếu của {unit}", "✓ {file}: accepted for {unit}"),
    "collect_line_accepted_partial": ("◐ {file}: đã nhận phiếu CHƯA ĐỦ của {unit}",
                                      "◐ {file}: accepted an INCOMPLETE form for {unit}"),
    "collect_summary_states": ("Trong số phiếu đã nhận: {complete} phiếu đủ, {partial} phiếu chưa đủ; "
                               "{empty} phiếu trống không tính là đã nộp.",
                               "Of the forms accepted: {complete} complete, {partial} incomplete; "
                               "{empty} blank form(s) not counted as submitted."),
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
    # issue 11: what a unit sent
    "status_empty_form": ("đã gửi phiếu trống ({file}), chưa tính là đã nộp", "sent a blank form ({file}), not counted"),
    "status_partial": ("phiếu chưa đủ, thiếu: {missing}", "incomplete, missing: {missing}"),
    "status_clarify": ("{count} ô cần làm rõ", "{count} answer(s) to clarify"),
    "status_not_due": ("chưa đến hạn", "not due yet"),
    "status_overdue": ("quá hạn", "overdue"),
    # status as a call list (issue 13)
    "call_head": ("Tình hình nộp phiếu đến hết ngày {day}: {total} đơn vị, cần liên hệ {calls}.",
                  "Reporting status at the end of {day}: {total} units, {calls} to contact."),
    "call_col_n": ("TT", "No"),
    "call_col_unit": ("Đơn vị", "Unit"),
    "call_col_person": ("Người phụ trách", "Person"),
    "call_col_phone": ("Điện thoại", "Phone"),
    "call_col_state": ("Tình trạng", "State"),
    "call_col_todo": ("Việc cần làm", "To do"),
    "call_todo_resend": ("gửi lại: {reason}", "resend: {reason}"),
    "call_todo_blank": ("phiếu trống: gửi lại", "blank form: resend"),
    "call_todo_overdue": ("quá hạn ({deadline})", "overdue ({deadline})"),
    "call_todo_not_due": ("hạn {deadline}", "due {deadline}"),
    "call_todo_send": ("nộp phiếu", "send the form"),
    "call_todo_partial": ("điền thêm {count} ô", "fill {count} more fields"),
    "call_todo_clarify": ("làm rõ {count} ô", "clarify {count} answers"),
    "call_todo_done": ("đã nộp {day}", "sent {day}"),
    "sheet_title": ("Tình hình nộp", "Status"),
    "sheet_col_n": ("TT", "No"),
    "sheet_col_unit": ("Đơn vị", "Unit"),
    "sheet_col_person": ("Người phụ trách", "Person"),
    "sheet_col_title": ("Chức vụ", "Title"),
    "sheet_col_phone": ("Điện thoại", "Phone"),
    "sheet_col_email": ("Thư điện tử", "E-mail"),
    "sheet_col_deadline": ("Hạn nộp", "Deadline"),
    "sheet_col_state": ("Tình trạng", "State"),
    "sheet_col_todo": ("Việc cần làm", "To do"),
    "sheet_col_received": ("Ngày nhận", "Received"),
    "sheet_col_file": ("Tệp đã nhận", "File received"),
    "sheet_col_detail": ("Còn thiếu / lý do", "Missing / reason"),
    "sheet_col_clarify": ("Câu trả lời cần làm rõ", "Answers to clarify"),
    "status_summary": ("Tổng {total}: đúng hạn {on_time}, trễ hạn {late}, chưa nộp {missing}, bị từ chối {rejected}.",
                       "Total {total}: on time {on_time}, late {late}, missing {missing}, rejected {rejected}."),
    # send list written by forms (issue 13)
    "send_heading": ("DANH SÁCH GỬI PHIẾU – {title}", "SEND LIST – {title}"),
    "send_sheet": ("Danh sách gửi", "Send list"),
    "send_col_n": ("TT", "No"),
    "send_col_unit": ("Đơn vị", "Unit"),
    "send_col_person": ("Người nhận", "Recipient"),
    "send_col_phone": ("Điện thoại", "Phone"),
    "send_col_email": ("Thư điện tử", "E-mail"),
    "send_col_file": ("Tệp phiếu gửi đi", "Form file"),
    "send_col_deadline": ("Hạn nộp", "Deadline"),
    "send_col_back": ("Gửi lại cho", "Send back to"),
    # export --xlsx for people (issue 13)
    "export_sheet_kdc": ("Tiêu chí thôn", "Village criteria"),
    "export_sheet_ct": ("Chỉ tiêu xã", "Indicators"),
    "export_sheet_cv": ("Công việc cần làm", "Work needed"),
    "export_sheet_hs": ("Hồ sơ tiêu chí", "Dossier"),
    "export_sheet_td": ("Theo dõi nhóm", "Group follow-up"),
    "export_sheet_other": ("Khác", "Other"),
    "export_sheet_empty": ("Chưa có phiếu", "No forms yet"),
    "export_col_unit": ("Đơn vị", "Unit"),
    "export_col_code": ("Mã", "Code"),
    "export_col_file": ("Tệp đã nhận", "File received"),
    "export_col_received": ("Thời điểm nhận", "Received at"),
    "export_yes": ("Có", "Yes"),
    # --- records
    "file_missing": ("không tìm thấy tệp", "file not found"),
    "case_missing": ("không tìm thấy thư mục hồ sơ (case)", "case folder not found"),
    "case_not_dir": ("không phải là thư mục", "not a folder"),
    "file_empty": ("tệp rỗng", "file is empty"),
    "file_binary": ("tệp không phải văn bản UTF-8 (có thể là tệp nhị phân)", "not UTF-8 text (binary file?)"),
    # YAML syntax errors (issue 13): the place, the line as typed, what to look at, the usual fix
    "yaml_syntax": ("lỗi cú pháp ở dòng {line}, cột {column} («{text}»): {explain}",
                    "syntax error at line {line}, column {column} («{text}»): {explain}"),
    "yaml_syntax_nowhere": ("lỗi cú pháp: {explain}", "syntax error: {explain}"),
    "yaml_colon": ("dấu hai chấm «:» trong một dòng chữ làm chương trình hiểu nhầm là tên mục. Cách sửa: đặt "
                   "cả đoạn chữ trong dấu nháy kép, ví dụ  paragraph: \"Đề nghị như sau:\"",
                   "a colon «:» inside a line of text reads as a new key. Fix: put the whole text in double "
                   "quotes, e.g.  paragraph: \"as follows:\""),
    "yaml_tab": ("có ký tự Tab (→) ở đầu dòng; chỉ được thụt đầu dòng bằng dấu cách. Cách sửa: thay mỗi Tab "
                 "bằng 2 dấu cách", "a Tab (→) is used for indentation; only spaces are allowed. Fix: replace "
                 "each Tab with 2 spaces"),
    "yaml_indent": ("thụt đầu dòng không thẳng hàng: các mục cùng cấp (kể cả các dòng «- …» của một danh "
                    "sách) phải bắt đầu ở cùng một cột, bằng dấu cách. Cách sửa: so dòng này với dòng ngay trên",
                    "indentation does not line up: items of one level (also the «- …» lines of a list) must "
                    "start in the same column, with spaces. Fix: compare this line with the one above"),
    "yaml_no_colon": ("dòng này thiếu dấu hai chấm sau tên mục (ví dụ «signer: chu_tich»), hoặc là phần tiếp "
                      "của dòng trên nhưng chưa thụt vào. Cách sửa: thêm «:» sau tên mục, hoặc thụt dòng vào "
                      "thêm 2 dấu cách", "this line lacks the colon after its key (e.g. «signer: chu_tich»), or "
                      "continues the line above without indentation. Fix: add «:» or indent it 2 more spaces"),
    "yaml_star": ("giá trị bắt đầu bằng «*» hoặc «&» (ví dụ chữ đậm **…** ở đầu dòng). Cách sửa: đặt cả giá "
                  "trị trong dấu nháy kép, ví dụ  subject: \"**Khẩn** …\"",
                  "a value starts with «*» or «&» (e.g. **bold** at the start). Fix: put the whole value in "
                  "double quotes"),
    "yaml_special_start": ("giá trị bắt đầu bằng một ký tự đặc biệt (@, `, %…). Cách sửa: đặt cả giá trị "
                           "trong dấu nháy kép", "a value starts with a special character (@, `, %…). Fix: put "
                           "the whole value in double quotes"),
    "yaml_quote": ("thiếu dấu nháy đóng: một giá trị mở bằng \" hoặc ' mà không đóng lại",
                   "a closing quote is missing: a value opened with \" or ' is never closed"),
    "yaml_bracket": ("thiếu dấu «]» hoặc «}» đóng danh sách", "a closing «]» or «}» is missing"),
    "yaml_unknown": ("kiểm tra dấu hai chấm, dấu nháy và thụt đầu dòng của dòng này và dòng ngay trên",
                     "check the colons, quotes and indentation of this line and the one above"),
    "file_unreadable": ("không đọc được tệp: {detail}", "cannot read the file: {detail}"),
    "yaml_not_mapping": ("nội dung phải là một bảng khóa: giá trị (mapping)",
                         "top level must be a mapping"),
    "csv_error": ("lỗi đọc CSV: {detail}", "CSV error: {detail}"),
    "field_required": ("thiếu trường bắt buộc", "required field missing"),
    "field_unknown": ("trường không được phép (gõ nhầm tên?)", "unknown field (typo?)"),
    "field_invalid": ("giá trị không hợp lệ: {detail}", "invalid value: {detail}"),
    "date_invalid": ("ngày không có thật hoặc sai định dạng (cần dd/mm/yyyy, ví dụ 05/04/2025): {value}",
                     "not a real date or wrong format (dd/mm/yyyy expected, e.g. 05/04/2025): {value}"),
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
    "criteria_file_missing": ("không tìm thấy tệp (bộ tiêu chí; cần cho phân công, hồ sơ tiêu chí và nhiệm vụ "
                              "theo tiêu chí). Chép criteria.yaml từ hồ sơ mẫu hoặc hồ sơ đợt trước vào thư mục hồ sơ",
                              "file not found (the criteria set, needed by assignments, the dossier and criterion "
                              "tasks). Copy criteria.yaml from the sample case or an earlier case"),
    "criteria_set_missing": ("có tiêu chí ở trang «{sheet}» nhưng thiếu dòng Bộ «{set}» ở trang «Bộ tiêu chí»",
                             "sheet «{sheet}» has criteria but «Bộ tiêu chí» has no «{set}» row"),
    # --- init
    "init_not_empty": ("thư mục đích đã có nội dung; hãy chọn một thư mục mới hoặc rỗng",
                       "target folder is not empty; choose a new or empty folder"),
    "init_created": ("Đã tạo hồ sơ mới: {path}", "Created a new case: {path}"),
    "init_next_steps": (
        "Các bước tiếp theo:\n"
        "  1. Sửa danh sách (thôn, cán bộ, tiêu chí, phân công, hồ sơ, kính gửi, nhiệm vụ) trong {records}.\n"
        "  2. Sửa {dispatch}: trích yếu (subject), nội dung (body), ngày; điền hạn nộp của từng nhiệm vụ\n"
        "     (mục tasks của dispatch.yaml, hoặc trang «Nhiệm vụ» khi dùng records.xlsx).\n"
        "  3. Soạn công văn: {prog} dispatch {case} -o cong-van.docx\n"
        "  4. Sau khi ký, cấp số: {prog} dispatch {case} -o cong-van.docx --issue",
        "Next steps:\n"
        "  1. Edit the lists (villages, officers, criteria, assignments, dossier, recipients, tasks) in {records}.\n"
        "  2. Edit {dispatch}: subject, body, date; fill in each task's deadline\n"
        "     (tasks in dispatch.yaml, or the «Nhiệm vụ» sheet when records.xlsx is used).\n"
        "  3. Draft the dispatch: {prog} dispatch {case} -o cong-van.docx\n"
        "  4. After signing, number it: {prog} dispatch {case} -o cong-van.docx --issue"),
    # --- operating-system errors (issue 13: never English strerror; see os_reason)
    "os_ENOENT": ("không tìm thấy tệp hoặc thư mục", "no such file or folder"),
    "os_EISDIR": ("đây là một thư mục, cần tên một tệp", "this is a folder, a file name is needed"),
    "os_ENOTDIR": ("một phần của đường dẫn là tệp, không phải thư mục", "part of the path is a file, not a folder"),
    "os_EACCES": ("không có quyền truy cập (tệp đang mở trong Word/Excel, hoặc chỉ đọc?)",
                  "permission denied (file open in Word/Excel, or read-only?)"),
    "os_EPERM": ("không được phép (tệp đang mở trong Word/Excel, hoặc chỉ đọc?)",
                 "operation not permitted (file open in Word/Excel, or read-only?)"),
    "os_ENOSPC": ("ổ đĩa đã đầy", "the disk is full"),
    "os_EROFS": ("ổ đĩa chỉ cho đọc", "read-only file system"),
    "os_EEXIST": ("tệp đã có", "file already exists"),
    "os_ENAMETOOLONG": ("tên tệp quá dài", "file name too long"),
    "os_EBUSY": ("tệp đang được chương trình khác dùng", "the file is busy"),
    # --- output
    "output_parent_not_dir": ("không ghi được: thư mục cha «{parent}» là một tệp",
                              "cannot write: parent «{parent}» is a file"),
    "output_unwritable": ("không ghi được tệp: {detail}", "cannot write file: {detail}"),
    # output names (issue 13): -o must say what is written
    "output_wrong_suffix": ("lệnh này ghi {kinds}: tên tệp phải kết thúc bằng {suffixes}, không phải «{suffix}»",
                            "this command writes {kinds}: the file name must end in {suffixes}, not «{suffix}»"),
    "output_no_suffix": ("(không có đuôi)", "(no extension)"),
    "output_pdf_hint": ("; muốn có bản PDF thì thêm --pdf (bản PDF được ghi cạnh tệp .docx)",
                        "; for a PDF add --pdf (it is written beside the .docx)"),
    "output_kind_docx": ("tệp Word", "a Word file"),
    "output_kind_pdf": ("tệp PDF", "a PDF file"),
    "output_kind_json": ("tệp JSON", "a JSON file"),
    "output_kind_xlsx": ("tệp Excel", "an Excel file"),
    "output_outside": ("đường dẫn ra ngoài thư mục đầu ra: {path}", "path escapes the output folder: {path}"),
    # --- templates
    "template_missing": ("không tìm thấy mẫu văn bản: {name}", "template not found: {name}"),
    "template_undefined": ("mẫu «{name}» dùng biến chưa có giá trị: {detail}",
                           "template «{name}» uses an undefined value: {detail}"),
    "template_unsafe": ("mẫu «{name}» truy cập thuộc tính không an toàn: {detail}",
                        "template «{name}» tried unsafe access: {detail}"),
    "template_syntax": ("mẫu «{name}» có lỗi cú pháp: {detail}", "template «{name}» has a syntax error: {detail}"),
    # --- records: pydantic error types in words a clerk reads (key "pyd_" + pydantic type; render/h1)
    "pyd_int_parsing": ("cần một số nguyên, không phải «{input}»", "a whole number expected, not «{input}»"),
    "pyd_int_type": ("cần một số nguyên, không phải «{input}»", "a whole number expected, not «{input}»"),
    "pyd_int_from_float": ("cần một số nguyên, không phải «{input}»", "a whole number expected, not «{input}»"),
    "pyd_float_parsing": ("cần một số, không phải «{input}»", "a number expected, not «{input}»"),
    "pyd_string_type": ("cần một đoạn chữ, không phải «{input}»", "text expected, not «{input}»"),
    "pyd_list_type": ("cần một danh sách (mỗi mục một dòng «- …»), không phải «{input}»",
                      "a list expected (one «- …» line per item), not «{input}»"),
    "pyd_dict_type": ("cần một bảng khóa: giá trị, không phải «{input}»", "a mapping expected, not «{input}»"),
    "pyd_model_type": ("cần một bảng khóa: giá trị, không phải «{input}»", "a mapping expected, not «{input}»"),
    "pyd_model_attributes_type": ("cần một bảng khóa: giá trị, không phải «{input}»",
                                  "a mapping expected, not «{input}»"),
    "pyd_bool_parsing": ("cần có/không (true/false), không phải «{input}»", "yes/no (true/false) expected, not «{input}»"),
    "pyd_bool_type": ("cần có/không (true/false), không phải «{input}»", "yes/no (true/false) expected, not «{input}»"),
    "pyd_literal_error": ("«{input}» không thuộc các giá trị cho phép: {expected}",
                          "«{input}» is not one of the allowed values: {expected}"),
    "pyd_greater_than_equal": ("«{input}» phải lớn hơn hoặc bằng {ge}", "«{input}» must be at least {ge}"),
    "pyd_less_than_equal": ("«{input}» phải nhỏ hơn hoặc bằng {le}", "«{input}» must be at most {le}"),
    "pyd_string_pattern_mismatch": ("«{input}» sai dạng (cần khớp {pattern})", "«{input}» has the wrong form (must match {pattern})"),
    "pyd_too_short": ("cần ít nhất {min_length} mục", "at least {min_length} item(s) needed"),
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
    "store_locked": ("kho dữ liệu đang bị một lệnh khác giữ khóa; đã chờ {waited} giây (tối đa {limit} giây). "
                     "Hãy chờ lệnh kia chạy xong rồi chạy lại",
                     "the store is locked by another command; waited {waited} s (limit {limit} s). "
                     "Wait for that command to finish, then retry"),
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
    "today_invalid": ("biến môi trường DISPATCH_GEN_TODAY phải là một ngày (dd/mm/yyyy): {value}",
                      "DISPATCH_GEN_TODAY must be a date (dd/mm/yyyy): {value}"),
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
    # --- report (compiled report and reminder)
    "report_unknown_signer": ("người ký «{signer}» không có trong case.yaml (có: {known})",
                              "signer '{signer}' is not in case.yaml (known: {known})"),
    "remind_nobody": ("đến hết ngày {as_of} mọi đơn vị đã gửi báo cáo hợp lệ: không cần công văn đôn đốc",
                      "by the end of {as_of} every unit has reported: no reminder needed"),
    "remind_deadline_past": ("hạn mới {deadline} phải sau ngày tính tình hình {as_of}",
                             "the new deadline {deadline} must be after the as-of day {as_of}"),
    "remind_units": ("Đôn đốc {count} đơn vị: {names}", "Reminding {count} units: {names}"),
    # --- word.report_body
    "report_body_slot": ("mẫu «{name}» không có chỗ đặt nội dung báo cáo (đoạn «{{{{p body_slot }}}}»)",
                         "template '{name}' has no place for the report's body (paragraph '{{{{p body_slot }}}}')"),
}

# --- click's own texts (issue 13): its English msgid -> Vietnamese; `cli` routes click's gettext here.
CLICK_VI: dict[str, str] = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Đối số",
    "Aborted!": "Đã dừng.",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Gõ «{command} {option}» để xem hướng dẫn.",
    "Missing argument": "thiếu đối số",
    "Missing option": "thiếu tùy chọn bắt buộc",
    "Missing parameter": "thiếu tham số",
    "Missing parameter: {param_name}": "thiếu tham số: {param_name}",
    "Missing {param_type}": "thiếu {param_type}",
    "Missing command.": "thiếu tên lệnh (ví dụ: dispatch-gen status HỒ_SƠ).",
    "argument": "đối số",
    "option": "tùy chọn",
    "parameter": "tham số",
    "No such command {name!r}.": "không có lệnh {name!r}.",
    "No such option {name!r}.": "không có tùy chọn {name!r}.",
    "No such option: {name}": "không có tùy chọn {name}",
    "Did you mean {possibility}?": "Có phải ý bạn là {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải ý bạn là một trong: {possibilities}?)",
    "Got unexpected extra argument ({args})": "thừa đối số: {args}",
    "Got unexpected extra arguments ({args})": "thừa đối số: {args}",
    "Option {name!r} does not take a value.": "tùy chọn {name!r} không nhận giá trị.",
    "Option {name!r} requires an argument.": "tùy chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "tùy chọn {name!r} cần {nargs} giá trị.",
    "Argument {name!r} takes {nargs} values.": "đối số {name!r} cần {nargs} giá trị.",
    "Takes {nargs} values but 1 was given.": "cần {nargs} giá trị nhưng chỉ có 1.",
    "Takes {nargs} values but {len} were given.": "cần {nargs} giá trị nhưng có {len}.",
    "Invalid value for {param_hint}: {message}": "giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "giá trị không hợp lệ: {message}",
    "{value!r} is not {choice}.": "{value!r} không phải {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} không thuộc các giá trị {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là một số hợp lệ.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục, cần một tệp.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp, cần một thư mục.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} không đọc được.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} không ghi được.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} không chạy được.",
    "Could not open file {filename!r}: {message}": "không mở được tệp {filename!r}: {message}",
    "file": "Tệp",
    "directory": "Thư mục",
    "path": "Đường dẫn",
    "required": "bắt buộc",
    "default: {default}": "mặc định: {default}",
    "env var: {var}": "biến môi trường: {var}",
    "deprecated": "không còn dùng",
    "(dynamic)": "(tính khi chạy)",
    "unknown error": "lỗi không rõ",
    "Value must be an iterable.": "giá trị phải là một danh sách.",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "Do you want to continue?": "Tiếp tục?",
    "Press any key to continue...": "Nhấn một phím bất kỳ để tiếp tục...",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai giá trị đã nhập không khớp nhau.",
    "Error: invalid input": "Lỗi: giá trị nhập không hợp lệ",
    "Windows error: {error}": "Lỗi Windows: {error}",
}

# Usage-line and option placeholders (click prints the parameter name in capitals by default).
METAVARS: dict[str, tuple[str, str]] = {
    "options": ("[TÙY_CHỌN]", "[OPTIONS]"),
    "command": ("LỆNH [ĐỐI_SỐ]...", "COMMAND [ARGS]..."),
    "case": ("HỒ_SƠ", "CASE"),
    "paths": ("TỆP_HOẶC_THƯ_MỤC...", "PATHS..."),
    "files": ("TỆP...", "FILES..."),
    "directory": ("THƯ_MỤC", "DIRECTORY"),
    "output": ("TỆP", "FILE"),
    "as_of": ("NGÀY", "DATE"),
    "received": ("NGÀY", "DATE"),
    "deadline": ("NGÀY", "DATE"),
    "year": ("NĂM", "YEAR"),
    "void_n": ("SỐ", "NUMBER"),
    "reason": ("LÝ_DO", "REASON"),
    "title": ("TIÊU_ĐỀ", "TITLE"),
    "subject": ("TRÍCH_YẾU", "SUBJECT"),
    "source": ("HỒ_SƠ_CŨ", "OLD_CASE"),
    "xlsx": ("TỆP.xlsx", "FILE.xlsx"),
}


def click_text(message: str) -> str:
    """click's own text in the active language (its msgids are English)."""
    return CLICK_VI.get(message, message) if language() == "vi" else message


def click_plural(singular: str, plural: str, n: int) -> str:
    """click's plural texts: Vietnamese has one form."""
    return click_text(singular) if language() == "vi" else (singular if n == 1 else plural)


def metavar(name: str) -> str | None:
    """The usage placeholder of a parameter (``HỒ_SƠ``), or None to keep click's."""
    pair = METAVARS.get(name)
    return None if pair is None else pair[1 if language() == "en" else 0]


def os_reason(exc: OSError) -> str:
    """An operating-system error in the clerk's words (``Is a directory`` → ``là một thư mục``)."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    key = f"os_{name}"
    if key in CATALOGUE:
        return t(key)
    return exc.strerror or str(exc)


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
    return "vi"  # not LANG: an English-locale Windows or Linux still serves a Vietnamese clerk (issue 13)


def t(key: str, **fields: object) -> str:
    """Return the catalogue text for ``key`` in the active language, formatted with ``fields``."""
    vi, en = CATALOGUE[key]
    text = en if language() == "en" else vi
    return text.format(**fields) if fields else text
