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
    'help.dispatch.pdf': ('Ghi thêm bản PDF cạnh tệp .docx.',
        'Also write a PDF beside the .docx.'),
    'help.check': ('Kiểm tra thể thức Nghị định 30 của các tệp .docx (một thư mục: mọi tệp .docx trong đó): '
                   'mỗi lỗi một dòng; mã thoát 1 nếu có lỗi.',
        'Check .docx files (a folder: every .docx in it) against the ND30 format: one line per violation; '
        'exit code 1 if any.'),
    'help.check.as_json': ('In danh sách lỗi dưới dạng JSON.',
        'Print the violations as JSON.'),
    'help.check.fix': ('Sửa các lỗi thể thức sửa được mà không cần cân nhắc (phông, cỡ chữ, giãn dòng, lề, gạch nối '
                       'tiêu ngữ, số 0 của tháng) vào một tệp mới; tệp gốc giữ nguyên.',
        'Fix the deviations that need no judgement (fonts, sizes, spacing, margins, tiêu ngữ dash, month '
        'padding) into a new file; the original is never touched.'),
    'help.check.output': ('Tệp .docx sẽ ghi bản đã sửa (chỉ khi kiểm tra một tệp; mặc định: <tên>.fixed.docx cạnh tệp gốc).',
        'The .docx to write the fixed copy to (one input file only; default: <name>.fixed.docx beside it).'),
    'help.forms': ('Tạo phiếu Word điền được cho từng đơn vị mà công văn của hồ sơ HỒ_SƠ giao nhiệm vụ.',
        'Write one fillable Word form per unit that the dispatch of case CASE gives a task.'),
    'help.forms.output': ('Thư mục sẽ ghi các phiếu .docx (mỗi thôn, tiêu chí, nhóm một tệp).',
        'Folder for the .docx forms (one file per village, criterion, group).'),
    'help.forms.pdf': ('Ghi thêm bản PDF cạnh mỗi phiếu (để in).',
        'Also write a PDF beside each form (for printing).'),
    'help.register': ('Xem sổ văn bản đi mà hồ sơ HỒ_SƠ lấy số (sổ chung của thư mục làm việc, nếu có), hoặc hủy một '
                      'số: --void N --reason "…". HỒ_SƠ là thư mục làm việc: xem cả sổ của cơ quan.',
        'List the outgoing register case CASE numbers in (its workspace\'s, if any), or void a number: --void N '
        '--reason "…". CASE may be a workspace folder: the whole agency register.'),
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
    'help.collect.undo': ('Rút lại biên nhận nhận nhầm: TỆP (hoặc thư mục) đã nhận, hoặc MÃ đơn vị; bản gốc và lịch sử vẫn giữ. Dùng nhiều lần được.',
        'Withdraw a mistaken receipt: a received FILE (or folder) or a UNIT code; originals and history stay. Repeatable.'),
    'help.collect.receipts': ('Ghi giấy biên nhận (.docx, một trang) của từng phiếu vào thư mục này.',
        'Write a one-page receipt (.docx) for every form into this folder.'),
    'help.status': ('Danh sách liên hệ: từng đơn vị, người phụ trách, điện thoại, tình trạng nộp phiếu và việc cần làm; đơn vị cần liên hệ đứng trước.',
        'Call list: every unit, its person, phone, reporting state and what is left to do; units to contact first.'),
    'help.status.as_of': ('Xem tình hình tính đến hết ngày này (dd/mm/yyyy); mặc định: hôm nay.'
        ' Ngày sau hôm nay: có cảnh báo, tối đa 31 ngày sau hôm nay hoặc sau hạn nộp muộn nhất.',
        'Status as of the end of this day (dd/mm/yyyy); default: today.'
        ' A later day is warned about, at most 31 days past today or the latest deadline.'),
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
    'help.build.as_of': ('Tổng hợp, báo cáo, đôn đốc tính đến hết ngày này (dd/mm/yyyy); mặc định: hôm nay.'
        ' Ngày sau hôm nay: có cảnh báo, tối đa 31 ngày sau hôm nay hoặc sau hạn nộp muộn nhất.',
        'Collection, report and reminder as of the end of this day (dd/mm/yyyy); default: today.'
        ' A later day is warned about, at most 31 days past today or the latest deadline.'),
    'help.report': ('Lập báo cáo tổng hợp (BÁO CÁO, kèm các phụ lục) từ mọi phiếu đã thu của hồ sơ HỒ_SƠ.',
        'Compile the report (BÁO CÁO, with appendices) from every form collected for case CASE.'),
    'help.report.output': ('Tệp .docx sẽ ghi.',
        'The .docx file to write.'),
    'help.report.as_of': ('Tính tình hình báo cáo đến hết ngày này (dd/mm/yyyy); mặc định: hôm nay.'
        ' Ngày sau hôm nay: có cảnh báo, tối đa 31 ngày sau hôm nay hoặc sau hạn nộp muộn nhất.',
        'Reporting status as of the end of this day (dd/mm/yyyy); default: today.'
        ' A later day is warned about, at most 31 days past today or the latest deadline.'),
    'help.report.pdf': ('Ghi thêm bản PDF cạnh tệp .docx.',
        'Also write a PDF beside the .docx.'),
    'help.remind': ('Soạn công văn đôn đốc gửi đúng các đơn vị chưa gửi báo cáo hoặc phải gửi lại.',
        'Write the reminder (công văn đôn đốc) to exactly the units that have not reported or must resend.'),
    'help.remind.output': ('Tệp .docx sẽ ghi.',
        'The .docx file to write.'),
    'help.remind.as_of': ('Xét các đơn vị chưa báo cáo đến hết ngày này (dd/mm/yyyy); mặc định: hôm nay.'
        ' Ngày sau hôm nay: có cảnh báo, tối đa 31 ngày sau hôm nay hoặc sau hạn nộp muộn nhất.',
        'Units still missing at the end of this day (dd/mm/yyyy); default: today.'
        ' A later day is warned about, at most 31 days past today or the latest deadline.'),
    'help.remind.deadline': ('Hạn gửi báo cáo mới (dd/mm/yyyy); mặc định: sau ngày xét 3 ngày (report.yaml).',
        'New deadline (dd/mm/yyyy); default: 3 days after the as-of day (report.yaml).'),
    'help.remind.pdf': ('Ghi thêm bản PDF cạnh tệp .docx.',
        'Also write a PDF beside the .docx.'),
    # --- issue 10: --issue / --date / --reissue / --reason on every ND30 document; workspaces
    'help.dispatch.issue': ('Cấp số văn bản đi tiếp theo (sổ chung của cơ quan) và ghi số, ngày ký vào văn bản; từ chối bản còn chữ giữ chỗ «[… cần sửa]» hoặc trích yếu trống, không ghi đè tệp có sẵn.',
        'Take the next outgoing number (the agency register) and write it and the signing date into the document; refuses a draft with «[… cần sửa]» placeholders or an empty subject, never overwrites a file.'),
    'help.dispatch.sign_date': ('Ngày ký (dd/mm/yyyy hoặc YYYY-MM-DD), dùng với --issue; mặc định: hôm nay.',
        'Signing date (dd/mm/yyyy or YYYY-MM-DD), with --issue; default: today.'),
    'help.dispatch.reissue': ('Cấp số mới cho văn bản đã cấp số: số cũ bị hủy kèm lý do.',
        'Issue an already issued document again: the earlier number is voided with a reason.'),
    'help.dispatch.reason': ('Lý do hủy số cũ khi dùng --reissue (mặc định: «cấp lại, thay bằng số …»).',
        'Why the earlier number is voided with --reissue (default: "issued again as …").'),
    'help.report.issue': ('Cấp số văn bản đi tiếp theo (sổ chung của cơ quan) và ghi số, ngày ký vào văn bản; từ chối bản còn chữ giữ chỗ «[… cần sửa]» hoặc trích yếu trống, không ghi đè tệp có sẵn.',
        'Take the next outgoing number (the agency register) and write it and the signing date into the document; refuses a draft with «[… cần sửa]» placeholders or an empty subject, never overwrites a file.'),
    'help.report.sign_date': ('Ngày ký (dd/mm/yyyy hoặc YYYY-MM-DD), dùng với --issue; mặc định: hôm nay.',
        'Signing date (dd/mm/yyyy or YYYY-MM-DD), with --issue; default: today.'),
    'help.report.reissue': ('Cấp số mới cho văn bản đã cấp số: số cũ bị hủy kèm lý do.',
        'Issue an already issued document again: the earlier number is voided with a reason.'),
    'help.report.reason': ('Lý do hủy số cũ khi dùng --reissue (mặc định: «cấp lại, thay bằng số …»).',
        'Why the earlier number is voided with --reissue (default: "issued again as …").'),
    'help.remind.issue': ('Cấp số văn bản đi tiếp theo (sổ chung của cơ quan) và ghi số, ngày ký vào văn bản; từ chối bản còn chữ giữ chỗ «[… cần sửa]» hoặc trích yếu trống, không ghi đè tệp có sẵn.',
        'Take the next outgoing number (the agency register) and write it and the signing date into the document; refuses a draft with «[… cần sửa]» placeholders or an empty subject, never overwrites a file.'),
    'help.remind.sign_date': ('Ngày ký (dd/mm/yyyy hoặc YYYY-MM-DD), dùng với --issue; mặc định: hôm nay.',
        'Signing date (dd/mm/yyyy or YYYY-MM-DD), with --issue; default: today.'),
    'help.remind.reissue': ('Cấp số mới cho văn bản đã cấp số: số cũ bị hủy kèm lý do.',
        'Issue an already issued document again: the earlier number is voided with a reason.'),
    'help.remind.reason': ('Lý do hủy số cũ khi dùng --reissue (mặc định: «cấp lại, thay bằng số …»).',
        'Why the earlier number is voided with --reissue (default: "issued again as …").'),
    'help.workspace': ('Tạo thư mục làm việc THƯ_MỤC của một cơ quan: các hồ sơ bên trong dùng chung một sổ văn bản đi (số theo ký hiệu và năm); số đã cấp trong sổ riêng của các hồ sơ có sẵn được chuyển sang.',
        'Create the workspace DIRECTORY of an agency: the cases inside share one outgoing register (numbers by symbol and year); numbers already issued in the cases\' own registers are brought in.'),
    # --- cli / general
    "help.usage": ("Cách dùng:", "Usage:"),
    # one line after each command: what to do next, as a command that works as typed (issue 13)
    "next_prefix": ("Tiếp theo:", "Next:"),
    "next_after_draft": ("trình ký bản dự thảo; khi đã ký, cấp số (ghi ra tệp mới): {prog} dispatch {case} -o {output} --issue",
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
    # polish: check and register end with a next step too (issue 13)
    "next_after_check_ok": ("trình ký, rồi chuyển thành một tệp PDF: {prog} pdf {files} -o {output}",
                            "have it signed, then make one PDF: {prog} pdf {files} -o {output}"),
    "next_after_check_bad": ("sửa tự động những lỗi sửa được (ghi ra tệp mới, bản gốc giữ nguyên): {prog} check {files} --fix",
                             "fix what needs no judgement (into a new file, the original kept): {prog} check {files} --fix"),
    "next_after_check_fixed": ("sửa phần còn lại trong Word, rồi kiểm tra lại: {prog} check {files}",
                               "fix what is left in Word, then check again: {prog} check {files}"),
    "next_after_register": ("xem tình hình nộp phiếu của hồ sơ: {prog} status {case}",
                            "see how the case's forms are coming in: {prog} status {case}"),
    "next_after_register_reserved": ("số {number} năm {year} đang giữ dở (lần chạy bị ngắt); hủy số kèm lý do: "
                                     "{prog} register {case} --void {number} --year {year} --reason \"lần chạy bị ngắt\"",
                                     "number {number} of {year} is left reserved (an interrupted run); void it with a reason: "
                                     "{prog} register {case} --void {number} --year {year} --reason \"interrupted run\""),
    "next_after_register_workspace": ("xem sổ và việc tiếp theo của từng hồ sơ: {prog} register {case}",
                                      "see a case's numbers and its next step: {prog} register {case}"),
    "next_after_void": ("cấp số mới cho văn bản thay thế bằng lệnh tạo văn bản đó với --issue; xem lại sổ: {prog} register {case}",
                        "issue the replacing document with its command and --issue; see the register: {prog} register {case}"),
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
    "build_summary_pdfs": ("- PDF: {count} tệp, cạnh mỗi tệp Word (văn bản cần ký có ô ký số)",  # review: named a report before there was one
                           "- PDF: {count} files beside the Word files (signature fields on signed documents)"),
    "build_summary_package": ("- Hồ sơ PDF đầy đủ (mỗi phần một dấu trang, ô ký số ở khối chữ ký của từng văn bản): "
                              "{path}",
                              "- Complete PDF (a bookmark per part, a signature field on every signer's block): {path}"),
    # --- collect / status / export
    "collect_not_form": ("không phải phiếu của dispatch-gen", "not a dispatch-gen form"),
    # loose branch: say what a clerk (or the officer on the web) recognises, this case's title and trích
    # yếu; the form itself carries only the other case's code (docProps/custom.xml)
    "collect_other_case": ("phiếu của hồ sơ khác (mã hồ sơ «{other}»{attached}, có thể là phiếu của đợt trước), không "
                           "phải phiếu của hồ sơ «{title}» ({doc} «{subject}»); hãy nộp phiếu phát kèm {doc} này",
                           "form of another case (case code «{other}»{attached}, perhaps from an earlier round), not of "
                           "«{title}» ({doc} «{subject}»); return the form sent with this {doc}"),
    "collect_other_case_attached": (", ghi «{line}»", ", printed «{line}»"),
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
    # issue 11: files that are not a .docx, each with what to do
    "collect_foreign_pdf": ("tệp PDF, không đọc được câu trả lời: đề nghị gửi lại chính tệp Word .docx đã điền",
                            "a PDF: the answers cannot be read; please send the filled Word .docx itself"),
    "collect_foreign_rtf": ("tệp RTF, không đọc được câu trả lời: đề nghị mở bằng Word rồi lưu lại dạng .docx và gửi lại",
                            "an RTF file: open it in Word, save as .docx and send it again"),
    "collect_foreign_odt": ("tệp OpenDocument (.odt): đề nghị mở bằng LibreOffice hoặc Word rồi lưu lại dạng .docx "
                            "(Word 2007-365) và gửi lại",
                            "an OpenDocument file (.odt): open it in LibreOffice or Word, save as .docx (Word 2007-365) "
                            "and send it again"),
    "collect_foreign_image": ("ảnh (ảnh chụp hoặc ảnh quét phiếu), không đọc được câu trả lời: đề nghị gửi tệp Word "
                              ".docx đã điền",
                              "an image (photo or scan of the form): the answers cannot be read; please send the "
                              "filled Word .docx"),
    "collect_foreign_archive": ("tệp nén (.zip/.rar, thường do Zalo hay ứng dụng chat gộp nhiều tệp): đề nghị giải nén "
                                "rồi thu nhận các tệp .docx bên trong",
                                "a compressed archive (.zip/.rar, often made by a chat app): extract it and collect "
                                "the .docx files inside"),
    # the web dashboard's column headers (issue 14's templates), dropped from the terminal table by issue 13
    "status_col_unit": ("Mã", "Unit"),
    "status_col_name": ("Đơn vị", "Name"),
    "status_col_deadline": ("Hạn", "Deadline"),
    "status_col_state": ("Tình trạng", "State"),
    "status_col_received": ("Ngày nhận", "Received"),
    "status_col_note": ("Ghi chú", "Note"),
    "status_unattributed": ("Tệp bị từ chối không rõ của đơn vị nào ({count}):",
                            "Refused files of no known unit ({count}):"),
    "status_unattributed_line": ("  ✗ {file}: {reason}", "  ✗ {file}: {reason}"),
    "collect_waiting": ("Đang chờ một lần thu nhận khác ghi xong vào kho dữ liệu…",
                        "Waiting for another collect run to finish writing to the store…"),
    # issue 11: collect --undo, --receipts
    "undo_reason": ("đã rút lại biên nhận (collect --undo); bản gốc vẫn lưu", "receipt withdrawn (collect --undo); original kept"),
    "undo_line": ("↶ {file}: đã rút lại biên nhận phiếu của {unit}; bản gốc vẫn lưu tại {archive}",
                  "↶ {file}: withdrew the receipt for {unit}; the original stays at {archive}"),
    "undo_not_found": ("✗ «{target}»: không có biên nhận nào để rút lại (không phải tệp đã nhận hay mã đơn vị có phiếu)",
                       "✗ «{target}»: no receipt to withdraw (not a received file, nor a unit with a form)"),
    "undo_summary": ("Đã rút lại {count} biên nhận; lịch sử và bản gốc vẫn giữ nguyên.",
                     "Withdrew {count} receipt(s); history and originals are kept."),
    "collect_nothing_to_do": ("cần ít nhất một tệp/thư mục phiếu, hoặc --undo TỆP|MÃ_ĐƠN_VỊ",
                              "give at least one form file/folder, or --undo FILE|UNIT"),
    "collect_receipts_written": ("Đã ghi {count} giấy biên nhận vào {folder}", "Wrote {count} receipt(s) to {folder}"),
    "collect_receipts_none": ("Không có giấy biên nhận mới: không có phiếu nào mới được nhận (phiếu đã nhận trước đó "
                              "có giấy biên nhận từ lần nhận đó)",  # review
                              "No new receipt: no form was newly taken (a form taken before got its receipt then)"),
    # issue 11: receipts (biên nhận)
    "collect_line_receipt": ("  Biên nhận: {receipt}", "  Receipt: {receipt}"),
    "receipt_line": ("{unit}; nhận {when}; {answers}/{fields} câu trả lời; {state}; còn thiếu: {missing}; "
                     "SHA-256 {sha}",
                     "{unit}; received {when}; {answers}/{fields} answers; {state}; missing: {missing}; SHA-256 {sha}"),
    "receipt_when": ("lúc {hour} giờ {minute}, ngày {day}", "at {hour}:{minute} on {day}"),
    "receipt_nothing_missing": ("không", "nothing"),
    # branch third: a blank form lacks everything, not nothing
    "receipt_blank_missing": ("cả phiếu (chưa điền ô nào)", "the whole form (nothing filled in)"),
    "receipt_state_complete": ("phiếu đủ", "complete"),
    "receipt_state_partial": ("phiếu chưa đủ", "incomplete"),
    "receipt_state_empty": ("phiếu trống, chưa tính là đã nộp", "blank, not counted as submitted"),
    "receipt_title": ("GIẤY BIÊN NHẬN PHIẾU BÁO CÁO", "RECEIPT FOR A REPORTING FORM"),
    "receipt_intro": ("{agency} đã nhận phiếu báo cáo của {unit} như sau:",
                      "{agency} has received the reporting form of {unit}:"),
    "receipt_unit": ("Đơn vị, cá nhân gửi", "Sent by"),
    "receipt_file": ("Tệp đã nhận", "File received"),
    "receipt_received": ("Thời điểm nhận", "Received"),
    "receipt_answers": ("Số câu trả lời đã ghi nhận", "Answers counted"),
    "receipt_answers_value": ("{answers}/{fields}", "{answers}/{fields}"),
    "receipt_state": ("Tình trạng phiếu", "Form"),
    "receipt_missing": ("Còn thiếu (đề nghị bổ sung)", "Missing (please complete)"),
    "receipt_clarify": ("Cần làm rõ", "To clarify"),
    "receipt_sha": ("Mã SHA-256 của tệp", "SHA-256 of the file"),
    "receipt_signer": ("NGƯỜI NHẬN", "RECEIVED BY"),
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
    "call_todo_partial": ("bổ sung {missing}", "complete {missing}"),
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
    "export_sheet_kdc": ("Tiêu chí {units}", "Criteria of {units}"),
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
    "csv_row": ("dòng {n}", "row {n}"),  # review: were inline strings in sources.py
    "csv_extra_cells": ("thừa cột (nhiều ô hơn tiêu đề; có dấu phẩy trong một ô thì đặt ô đó trong dấu nháy kép)",
                        "extra cells (more than the header; put a cell holding a comma in double quotes)"),
    "field_required": ("thiếu trường bắt buộc", "required field missing"),
    "field_empty": ("trường bắt buộc đang để trống", "a required field is empty"),  # review
    "signers_not_mapping": ("signers phải là bảng mã → người ký (ví dụ «chu_tich:» rồi các dòng thụt vào)",
                            "signers must map ids to signers (e.g. «chu_tich:» then indented lines)"),  # review
    # --- models (review: the validators' own messages reached the clerk in English)
    "model_authority_body": ("có «authority: {authority}» thì phải có «body» (cơ quan, tập thể mà người ký thay "
                             "mặt, ví dụ «body: Ủy ban nhân dân»)",
                             "«authority: {authority}» needs «body» (the body signed for, e.g. «body: Ủy ban nhân dân»)"),
    "model_body_block": ("mỗi mục của nội dung phải có đúng một trong paragraph, item, point, bullet (đang có: {found})",
                         "each body block needs exactly one of paragraph, item, point, bullet (found: {found})"),
    "model_doc_type": ("«{value}» không phải tên loại văn bản theo Nghị định 30 ({known})",
                       "«{value}» is not an ND30 document type ({known})"),
    "field_unknown": ("trường không được phép (gõ nhầm tên?)", "unknown field (typo?)"),
    "field_invalid": ("giá trị không hợp lệ: {detail}", "invalid value: {detail}"),
    "date_invalid": ("ngày không có thật hoặc sai định dạng (cần dd/mm/yyyy, ví dụ 05/04/2025): {value}",
                     "not a real date or wrong format (dd/mm/yyyy expected, e.g. 05/04/2025): {value}"),
    "ref_unknown": ("không có {kind} với mã «{ref}»", "no {kind} with id «{ref}»"),
    "duplicate_id": ("mã «{ref}» bị trùng", "duplicate id «{ref}»"),
    # --- issue 10: unit kinds (records, roles)
    "kind_unknown": ("loại đơn vị «{kind}» chưa có; các loại đã có: {known} (thêm loại mới ở unit_kinds trong case.yaml)",
                     "unit kind «{kind}» is unknown; known kinds: {known} (add new kinds under unit_kinds in case.yaml)"),
    "kinds_not_table": ("unit_kinds phải là bảng tên loại → chức danh (head, board, party)",
                        "unit_kinds must map a kind name to its titles (head, board, party)"),
    # --- workbook (records.xlsx) / records
    "workbook_unreadable": ("không đọc được tệp Excel (.xlsx): {detail}", "cannot read the Excel (.xlsx) file: {detail}"),
    "workbook_not_xlsx": ("tệp hỏng hoặc không phải sổ Excel .xlsx (mở bằng Excel rồi lưu lại dạng .xlsx)",  # review
                          "damaged, or not an Excel .xlsx workbook (open it in Excel and save it as .xlsx)"),
    "sheet_unknown": ("trang (sheet) không rõ; các trang hợp lệ: {names}", "unknown sheet; valid sheets: {names}"),
    "column_unknown": ("cột «{header}» không rõ hoặc bị lặp; các cột của trang: {names}",
                       "unknown or repeated column «{header}»; this sheet's columns: {names}"),
    "choice_invalid": ("«{value}» không có trong danh sách: {choices}", "«{value}» is not one of: {choices}"),
    "source_conflict": ("bảng này có cả ở đây và ở trang «{sheet}» của {book}; hãy giữ một nơi (xóa tệp hoặc xóa trang)",
                        "this table is both here and in sheet «{sheet}» of {book}; keep one (delete the file or the sheet)"),
    "letter_conflict": ("nội dung công văn có cả ở đây và ở mục body của {file}; hãy giữ một nơi "
                        "(xóa mục body, hoặc xóa tệp này)",
                        "the dispatch body is both here and under body in {file}; keep one"),
    "officers_file_missing": ("không tìm thấy tệp (danh sách cán bộ: người ký, người nhận báo cáo, người phụ trách). "
                              "Chép officers.csv từ hồ sơ mẫu hoặc hồ sơ đợt trước vào thư mục hồ sơ, hoặc dùng "
                              "trang «Cán bộ» của records.xlsx",
                              "file not found (the officers: signers, collectors, leads). Copy officers.csv from "
                              "the sample case or an earlier case, or use the «Cán bộ» sheet of records.xlsx"),
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
        "  1. Sửa danh sách ({units}, cán bộ, tiêu chí, phân công, hồ sơ, kính gửi, nhiệm vụ) trong {records}.\n"
        "  2. Sửa {dispatch}: trích yếu (subject), nội dung (body), ngày; điền hạn nộp của từng nhiệm vụ\n"
        "     (mục tasks của dispatch.yaml, hoặc trang «Nhiệm vụ» khi dùng records.xlsx).\n"
        "  3. Soạn công văn: {prog} dispatch {case} -o cong-van.docx\n"
        "  4. Sau khi ký, cấp số (ghi ra tệp mới): {prog} dispatch {case} -o cong-van-so.docx --issue",
        "Next steps:\n"
        "  1. Edit the lists ({units}, officers, criteria, assignments, dossier, recipients, tasks) in {records}.\n"
        "  2. Edit {dispatch}: subject, body, date; fill in each task's deadline\n"
        "     (tasks in dispatch.yaml, or the «Nhiệm vụ» sheet when records.xlsx is used).\n"
        "  3. Draft the dispatch: {prog} dispatch {case} -o cong-van.docx\n"
        "  4. After signing, number it: {prog} dispatch {case} -o cong-van-so.docx --issue (a new file)"),
    # --- operating-system errors (issue 13: never English strerror; see os_reason)
    "os_ENOENT": ("không tìm thấy tệp hoặc thư mục", "no such file or folder"),
    "check_no_docx_in_folder": ("thư mục không có tệp .docx nào để kiểm tra", "the folder holds no .docx file to check"),
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
    # --- issue 15: criteria library (criteria_library.py, records, init)
    "library_id_mismatch": ("mã bộ «{ref}» khác tên tệp", "set id «{ref}» differs from the file name"),
    "criteria_set_unknown": ("không có bộ tiêu chí «{ref}» trong thư viện; các bộ có sẵn: {known}",
                             "no criteria set «{ref}» in the library; available sets: {known}"),
    "criteria_set_level": ("«{ref}» là bộ tiêu chí cấp {level}, không dùng được ở mục này",
                           "«{ref}» is a {level}-level criteria set and cannot be used here"),
    "criteria_target_unknown": ("bộ «{ref}» không có {kind} «{value}»; chọn một trong: {known}",
                                "set «{ref}» has no {kind} «{value}»; choose one of: {known}"),
    "criteria_target_kind": ("bộ «{ref}» quy định mức đạt chuẩn theo {kind}: dùng mục {entry}",
                             "set «{ref}» sets its requirements by {kind}: use {entry}"),
    "criteria_target_needs_set": ("chưa chọn bộ tiêu chí xã (mục commune) nên không dùng được mục này",
                                  "no commune criteria set is named (commune), so this entry cannot apply"),
    "criteria_shipped_conflict": ("hồ sơ đã chọn bộ tiêu chí «{ref}» của thư viện (case.yaml › criteria); "
                                  "bỏ phần này hoặc bỏ lựa chọn đó",
                                  "the case names the library set «{ref}» (case.yaml › criteria); "
                                  "remove this part or that choice"),
    "target_kind.region": ("vùng", "region"),
    "target_kind.commune_group": ("nhóm xã", "commune group"),
    "level.commune": ("xã", "commune"),
    "level.village": ("thôn", "village"),
    "help.init.criteria_set": ('Bộ tiêu chí xã trong thư viện, ví dụ xa-ntm-2026-2030 (mặc định: bộ có hiệu lực vào ngày của hồ sơ).',
                               'Commune criteria set from the library, e.g. xa-ntm-2026-2030 (default: the set in force on the case date).'),
    "help.init.commune_group": ('Nhóm xã (bộ 2026–2030: 1, 2, 3) hoặc vùng (bộ 2021–2025, ví dụ "Bắc Trung Bộ").',
                                'Commune group (2026–2030 set: 1, 2, 3) or region (2021–2025 set, e.g. "Bắc Trung Bộ").'),
    "init_criteria_set": ("Bộ tiêu chí xã: {name} ({basis}); hiệu lực từ {since}.",
                          "Commune criteria set: {name} ({basis}); in force from {since}."),
    "init_criteria_not_in_force": ("Lưu ý: bộ này không có hiệu lực vào ngày của hồ sơ ({day}); bộ có hiệu lực: {current}.",
                                   "Note: this set is not in force on the case date ({day}); the set in force: {current}."),
    "init_criteria_target": ("Mức đạt chuẩn áp dụng: {target}.", "Requirements applied: {target}."),
    "init_criteria_no_target": ("Chưa chọn {kind}: ghi vào {case_file}, mục criteria › {entry} (một trong: {known}).",
                                "No {kind} chosen: set it in {case_file}, criteria › {entry} (one of: {known})."),
    "init_criteria_pending": ("Chưa có chỉ tiêu: nhập chỉ tiêu từ {annex} vào {where}. "
                              "Đến khi nhập, mỗi tiêu chí được đánh giá chung trên một dòng.",
                              "No indicators yet: type the indicators from {annex} into {where}. "
                              "Until then each criterion is assessed as a whole, on one row."),
    "init_criteria_sheet": ("trang «Chỉ tiêu» của {book}", "the «Chỉ tiêu» sheet of {book}"),
    "init_criteria_yaml": ("mục indicators của {file} (mỗi chỉ tiêu: criterion, code, text, requirement)",
                           "indicators in {file} (each: criterion, code, text, requirement)"),
    "init_criteria_unverified": ("Chưa xác minh: {count} mục của bộ tiêu chí (đánh dấu (*) trên phiếu); "
                                 "đối chiếu với {annex} trước khi dùng.",
                                 "Unverified: {count} items of the criteria set (marked (*) on the forms); "
                                 "check them against {annex} before use."),
    "init_criteria_village_placeholder": ("Bộ tiêu chí thôn «{name}» dùng tên tạm (đánh dấu (*) trên phiếu): "
                                          "thay bằng tên trong {annex} khi có.",
                                          "The village set «{name}» uses placeholder names (marked (*) on the "
                                          "forms): replace them with those of {annex} when available."),
    "init_criteria_dossier": ("Danh mục hồ sơ tiêu chí là danh mục đề xuất: thay bằng danh mục chính thức khi có.",
                              "The criteria dossier checklist is a proposal: replace it with the official one when issued."),
    "init_criteria_other": ("Bộ tiêu chí khác: {prog} init THƯ_MỤC --criteria-set MÃ ({known}).",  # review: as typed
                            "Another criteria set: {prog} init FOLDER --criteria-set ID ({known})."),
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
    # --- issue 16 (harden16): output, store, collect.receive, sources, workbook
    "output_state": ("không ghi vào thư mục trạng thái của hồ sơ (.dispatch-gen: sổ đăng ký, phiếu đã nhận); "
                     "hãy chọn tệp ở chỗ khác",
                     "will not write into the case's state folder (.dispatch-gen: register, received forms); "
                     "choose a file elsewhere"),
    "store_lost": ("kho dữ liệu bị mất hoặc rỗng trong khi hồ sơ đã có trạng thái (sổ đăng ký, phiếu đã nhận); "
                   "không tạo kho mới để tránh cấp trùng số và mất câu trả lời. Hãy chép lại tệp store.sqlite "
                   "từ bản sao lưu; chỉ khi thật sự muốn bắt đầu lại từ đầu mới xoá tệp {marker}",
                   "the store is missing or empty although the case has state (register, received forms); "
                   "no new store is made (it would reissue numbers and lose answers). Restore store.sqlite "
                   "from a backup; only to start over on purpose, delete {marker}"),
    "store_foreign": ("kho dữ liệu này không phải kho của hồ sơ (mã kho khác với {marker}); hãy chép lại đúng "
                      "tệp store.sqlite của hồ sơ từ bản sao lưu (nếu đó là bản sao lưu của chính hồ sơ này do "
                      "phiên bản cũ tạo ra, hãy xoá {marker} rồi chạy lại)",
                      "this store is not the case's own (its id differs from {marker}); restore the case's "
                      "store.sqlite from a backup (if it is this case's own backup made by an older version, "
                      "delete {marker} and run again)"),
    "collect_not_regular": ("không phải tệp thường (FIFO, thiết bị hay thư mục), không đọc",
                            "not a regular file (FIFO, device or folder), not read"),
    "collect_password": ("tệp Word có đặt mật khẩu: hãy gỡ mật khẩu (Tệp › Thông tin › Bảo vệ tài liệu) rồi gửi lại",
                         "the Word file is password-protected: remove the password (File › Info › Protect "
                         "Document) and send it again"),
    "collect_old_doc": ("tệp Word 97-2003 (.doc) hoặc tệp Office cũ: hãy mở phiếu và lưu lại dạng .docx",
                        "a Word 97-2003 (.doc) or old Office file: open the form and save it as .docx"),
    "collect_zip_method": ("gói .docx dùng kiểu nén lạ ({part}) mà Word không tạo ra, không nhận",
                           "the .docx uses a compression Word never writes ({part}), refused"),
    "collect_ambiguous": ("gói .docx có hai phần cùng tên «{part}» (không rõ bản nào là thật), không nhận",
                          "the .docx holds two parts named «{part}» (ambiguous), refused"),
    "build_unproven": ("{count} phiếu trong inbox không có mã xác thực đơn vị (phiếu tạo bởi phiên bản cũ hoặc từ "
                       "bản sao khác của hồ sơ), vẫn được nhận: {files}",
                       "{count} inbox forms carry no unit proof (made by an older version or another copy of the "
                       "case) and were still taken: {files}"),
    "collect_no_proof": ("phiếu không có mã xác thực đơn vị (tạo bởi phiên bản cũ): chưa chứng minh được đây "
                         "đúng là phiếu đã gửi cho {unit}",
                         "the form carries no unit proof (made by an older version): it is not proven to be "
                         "the form sent to {unit}"),
    "collect_bad_proof": ("mã xác thực của phiếu không khớp: phiếu không phải phiếu hồ sơ này đã gửi cho {unit} "
                          "(thông tin nhận dạng đã bị sửa, hoặc phiếu được tạo từ một bản sao khác của hồ sơ "
                          "mà không kèm thư mục .dispatch-gen), không nhận; hãy gửi lại phiếu tạo từ hồ sơ này",
                          "the form's proof does not match: this is not the form this case sent to {unit} (its "
                          "identity was edited, or the form was made from another copy of the case without its "
                          ".dispatch-gen folder), refused; send the form made from this case again"),
    "collect_printed_unit": ("phiếu ghi «{printed}» trong nội dung nhưng nhận là của {unit}, không nhận",
                             "the form's body says «{printed}» but it claims to be {unit}'s, refused"),
    "active_object": ("tệp chứa đối tượng nhúng/OLE/ActiveX ({part}) có thể tự chạy khi mở, không nhận; "
                      "hãy dán nội dung dạng chữ hoặc ảnh rồi gửi lại",
                      "the file holds an embedded/OLE/ActiveX object ({part}) that can run when opened, refused; "
                      "paste it as text or a picture and send again"),
    "active_external": ("tệp chứa liên kết ra ngoài ({kind}: {target}) mà Word tự mở, không nhận",
                        "the file holds an external link ({kind}: {target}) that Word opens by itself, refused"),
    "active_field": ("tệp chứa trường {field} (lấy dữ liệu từ chương trình/tệp khác khi mở), không nhận",
                     "the file holds a {field} field (pulls data from another program or file when opened), refused"),
    "form_identity_twice": ("thuộc tính nhận dạng «{name}» xuất hiện hai lần (phiếu mơ hồ)",
                            "identity property «{name}» appears twice (ambiguous form)"),
    "yaml_too_big": ("tệp YAML mở rộng (qua bí danh &/*) ra quá {limit} giá trị hoặc lồng nhau quá sâu, không "
                     "đọc; hãy viết giá trị ra thay vì lồng bí danh",
                     "the YAML file expands (through &/* aliases) to more than {limit} values or nests too deep, "
                     "not read; write the "
                     "values out instead of nesting aliases"),
    "text_control_chars": ("có ký tự điều khiển (không in được) trong giá trị; hãy xoá nó rồi lưu lại",
                           "the value holds a control (non-printing) character; delete it and save again"),
    "source_too_big": ("tệp lớn quá {limit} MB, không đọc (danh sách của một hồ sơ chỉ vài MB)",
                       "the file is larger than {limit} MB, not read (a case's lists are a few MB)"),
    "output_not_regular": ("đã có một thiết bị, FIFO hay thư mục ở đây; chỉ ghi đè được tệp thường",
                           "a device, FIFO or folder is there; only a regular file is ever replaced"),
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
    # --- workspace branch: the register's journal (an older copy of the store restored)
    "register_status_lost": ("đã cấp nhưng không có trong store.sqlite (bản sao lưu cũ?): chép lại bản mới nhất, "
                             "hoặc hủy số này bằng --void",
                             "issued but missing from store.sqlite (an older backup?): restore the newest copy, "
                             "or void this number with --void"),
    "register_rolled_back": (
        "sổ văn bản đi trong tệp này chỉ có đến số {have} năm {year} (ký hiệu {agency}), nhưng nhật ký cấp số "
        "{journal} ghi đã cấp đến số {high}: tệp store.sqlite này là một bản sao lưu cũ hơn (hiếm hơn: lần cấp "
        "số trước bị ngắt giữa chừng), cấp số bây giờ sẽ trùng số đã cấp. Không cấp số. Hãy chép lại bản store.sqlite mới nhất (có số {high}). Nếu không "
        "còn bản nào mới hơn: hủy từng số bị mất ({lost}) bằng «dispatch-gen register HỒ_SƠ --void {first} "
        "--year {year} --reason \"mất khi khôi phục bản sao lưu\"», rồi cấp số lại",
        "this file's register only reaches number {have} of {year} (symbol {agency}), but the numbering "
        "journal {journal} records numbers up to {high}: this store.sqlite is an older backup (more rarely: the "
        "last issue was interrupted), and issuing now would repeat numbers already issued. Nothing was issued. Restore the newest store.sqlite (holding "
        "number {high}). If there is no newer copy: void each lost number ({lost}) with "
        "\"dispatch-gen register CASE --void {first} --year {year} --reason \"lost when a backup was "
        "restored\"\", then issue again"),
    # --- issue 10: issuing any document through the agency register; workspaces
    "issue_empty_subject": ("trích yếu đang để trống", "the subject (trích yếu) is empty"),
    "issue_placeholder": ("còn chữ giữ chỗ phải sửa: «{text}»", "a placeholder is still there: «{text}»"),
    "issue_refused_draft": ("chưa cấp số cho văn bản «{subject}»: bản dự thảo chưa xong",
                            "not issued «{subject}»: the draft is not finished"),
    "issue_already": ("văn bản này đã được cấp số {number} ngày {date} (tệp {file}); muốn cấp số mới thì "
                      "dùng --reissue (số cũ bị hủy, kèm lý do --reason \"…\")",
                      "this document was already issued as {number} on {date} (file {file}); to issue it "
                      "again use --reissue (the old number is voided, reason with --reason \"…\")"),
    "issue_file_exists": ("tệp đã có; văn bản cấp số luôn ghi vào tệp mới, không ghi đè tệp nào. "
                          "Hãy chọn tên tệp khác (-o)",
                          "the file exists; an issued document is always written to a new file, never over "
                          "one. Choose another name (-o)"),
    "issue_reissue_reason": ("cấp lại, thay bằng số {number} ngày {date}",
                             "issued again as {number} on {date}"),
    "issue_overwrite_issued": ("tệp này là văn bản đã cấp số {number}; không ghi đè. Hãy chọn tên tệp khác (-o)",
                               "this file is the issued document {number}; it is not overwritten. Choose "
                               "another name (-o)"),
    "issue_date_before": ("ngày ký {date} sớm hơn ngày của số {number} đã cấp ({other}): sổ sẽ không theo "
                          "thứ tự ngày; kiểm tra lại --date",
                          "signing date {date} is before that of the issued number {number} ({other}): the "
                          "register will be out of date order; check --date"),
    "issue_reason_needs_reissue": ("--reason chỉ dùng cùng --reissue (lý do hủy số cũ)",
                                   "--reason is only used with --reissue (why the earlier number is voided)"),
    "issue_reissue_needs_issue": ("--reissue, --date và --reason chỉ dùng cùng --issue",
                                  "--reissue, --date and --reason are only used with --issue"),
    "workspace_created": ("Đã tạo thư mục làm việc {path} (sổ văn bản đi chung: {register}).",
                          "Created the workspace {path} (shared register: {register})."),
    "workspace_imported": ("Đã chuyển {count} số từ sổ riêng của hồ sơ {case} vào sổ chung.",
                           "Moved {count} numbers from case {case}'s own register into the shared one."),
    "workspace_not_found": ("không tìm thấy thư mục làm việc (sổ văn bản đi chung) {path}; tạo bằng "
                            "«dispatch-gen workspace THƯ_MỤC»",
                            "no workspace (shared register) at {path}; create it with "
                            "\"dispatch-gen workspace DIRECTORY\""),
    "workspace_register_bad": ("trường register phải là đường dẫn tới thư mục làm việc",
                               "register must be the path of a workspace folder"),
    "init_register": ("Hồ sơ lấy số văn bản đi từ sổ chung của {path} (không đánh lại từ 01).",
                      "The case takes its outgoing numbers from the shared register of {path} (no restart at 01)."),
    "register_col_case": ("Hồ sơ", "Case"),
    # --- workspace branch: init outside a workspace
    "init_own_register": ("Hồ sơ có sổ văn bản đi riêng (số đánh từ 01): nó không nằm trong thư mục làm việc nào. "
                          "Nếu {folder} là nơi để các hồ sơ của cơ quan, chạy {prog} workspace {folder} để mọi "
                          "hồ sơ trong đó dùng chung một sổ.",
                          "The case keeps its own register (numbers from 01): it is in no workspace. If {folder} "
                          "holds the agency's cases, run {prog} workspace {folder} so that every case in it "
                          "shares one register."),
    "build_issued_changed": ("tệp công văn đã cấp số {number} ({path}) không còn hoặc đã bị sửa; bộ hồ sơ dùng "
                             "bản dự thảo", "the issued dispatch {number} ({path}) is missing or was changed; "
                             "the package uses the draft"),
    "register_duplicate": ("trùng số (sổ riêng của hồ sơ {source})", "duplicate number (case {source}'s own register)"),
    "today_invalid": ("biến môi trường DISPATCH_GEN_TODAY phải là một ngày (dd/mm/yyyy): {value}",
                      "DISPATCH_GEN_TODAY must be a date (dd/mm/yyyy): {value}"),
    # --- loose branch: --as-of after today (cli._as_of, status.judge_as_of)
    "as_of_ahead": ("--as-of {value} là ngày sau hôm nay ({today}): tình hình được tính trước, như thể từ nay "
                    "đến hết ngày đó không nhận thêm phiếu nào",
                    "--as-of {value} is after today ({today}): counted ahead, as if no further form arrived by then"),
    "as_of_far": ("ngày {value} quá xa: chỉ tính trước được đến ngày {limit} ({days} ngày sau {basis}); kiểm tra lại "
                  "ngày, tháng, năm đã gõ",
                  "{value} is too far ahead: at most {limit} ({days} days after {basis}); check the day, month and year"),
    "as_of_basis_today": ("hôm nay, {day}", "today, {day}"),
    "as_of_basis_deadline": ("hạn nộp muộn nhất của hồ sơ, {day}", "the case's latest deadline, {day}"),
    "as_of_basis_dispatch": ("ngày của công văn, {day}", "the dispatch's date, {day}"),
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
    "pdf_not_pdf": ("tệp hỏng hoặc không phải tệp PDF", "damaged, or not a PDF"),  # review
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
    "check_where_cell": ("bảng {t}, hàng {r}, cột {c}", "table {t}, row {r}, column {c}"),
    "check_where_header": ("đầu trang ({kind}) phần {s}", "header ({kind}) of section {s}"),
    "check_where_footer": ("chân trang ({kind}) phần {s}", "footer ({kind}) of section {s}"),
    "check_where_section": ("phần {s} của văn bản (section)", "section {s}"),
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
    "check_black": ("chữ màu đen", "black text"),
    "check_not_nfc": ("chữ Việt tổ hợp (dấu gõ tách khỏi chữ)", "decomposed text (not NFC)"),
    "check_nfc": ("chữ Việt Unicode dựng sẵn, phông Unicode (TCVN 6909:2001)", "precomposed Unicode text in a Unicode font"),
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
    # issue 12: line spacing in words, legacy fonts, line lengths, appendix labels, the recognised kind
    "check_line_auto": ("giãn dòng {v} dòng", "line spacing {v} lines"),
    "check_line_exact": ("giãn dòng cố định {v} pt", "line spacing exactly {v} pt"),
    "check_line_atLeast": ("giãn dòng tối thiểu {v} pt (hơn 1,5 dòng)", "line spacing at least {v} pt (over 1.5 lines)"),
    "check_legacy_font": ("phông chữ cũ «{font}» (TCVN3/VNI)", "legacy font «{font}» (TCVN3/VNI)"),
    "check_el_so": ("số, ký hiệu văn bản «Số: …»", "number and symbol «Số: …»"),
    "check_rule_share": ("đường kẻ dưới dài khoảng {share} dòng chữ", "the line under it is about {share} of the text"),
    "check_appendix_label": ("«{label}» (chữ thường, số La Mã; tiêu đề phụ lục ở dòng riêng bên dưới)",
                             "«{label}» (lower case, Roman numeral; the appendix title on its own line below)"),
    "check_fixed": ("{file}: bản đã sửa (bản gốc giữ nguyên); phần còn lại cần người soạn sửa:",
                    "{file}: fixed copy (the original is unchanged); what is left needs the drafter:"),
    "check_fix_one_output": ("-o chỉ dùng khi sửa một tệp; nhiều tệp được ghi cạnh bản gốc (<tên>.fixed.docx)",
                             "-o needs a single file; several files are written beside the originals (<name>.fixed.docx)"),
    "check_fix_same": ("{file}: không ghi đè bản gốc; chọn tên khác cho -o", "{file}: the original is never overwritten; choose another -o"),
    "check_colour_red": ("đỏ", "red"), "check_colour_orange": ("cam", "orange"),
    "check_colour_yellow": ("vàng", "yellow"), "check_colour_green": ("xanh lá", "green"),
    "check_colour_blue": ("xanh dương", "blue"), "check_colour_purple": ("tím", "purple"),
    "check_colour_grey": ("xám", "grey"), "check_colour_black": ("gần đen", "near black"),
    "check_colour_white": ("trắng", "white"),
    "check_where_page": ("trang {page}", "page {page}"),
    "check_where_footnote": ("chú thích cuối trang", "footnote"),
    "check_kind": ("{file}: nhận diện là {kind}", "{file}: recognised as {kind}"),
    "check_kind_other": ("văn bản không có số, ký hiệu và tên loại (chỉ kiểm tra thể thức chung)",
                         "a document without number and type name (general rules only)"),
    "check_line_required": ("giãn dòng từ một dòng (single) đến 1,5 dòng", "line spacing from single to 1.5 lines"),
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
    "check_no_page_field": ("văn bản nhiều trang nhưng không có số trang ở đầu trang",
                            "several pages but no page number in the header"),
    "check_page_field": ("số trang ở đầu trang, căn giữa, cỡ 13–14 pt, từ trang 2",
                         "page number in the header, centred, 13–14 pt, from page 2"),
    "check_title_pg": ("trang đầu không đánh số (Word: Layout › Different First Page)",
                       "page 1 unnumbered (Word: Layout › Different First Page)"),
    "check_page1_numbered": ("trang đầu có số trang", "page 1 is numbered"),
    "check_page_in_footer": ("số trang ở chân trang", "page number in the footer"),
    "check_no_restart": ("phụ lục không đánh số trang lại từ 1", "appendix page numbers do not restart"),
    "check_restart": ("phụ lục là phần riêng, số trang bắt đầu từ 1", "the appendix in its own section from page 1"),
    # --- report (compiled report and reminder)
    "report_unknown_signer": ("người ký «{signer}» không có trong case.yaml (có: {known})",
                              "signer '{signer}' is not in case.yaml (known: {known})"),
    "remind_nobody": ("đến hết ngày {as_of} mọi đơn vị đã gửi báo cáo hợp lệ: không cần công văn đôn đốc",
                      "by the end of {as_of} every unit has reported: no reminder needed"),
    # issue 10: a reminder is never addressed to its signer's committee or to a group director
    "remind_only_leaders": ("đến hết ngày {as_of} chỉ còn lãnh đạo chưa gửi ({names}): không gửi công văn đôn đốc "
                            "cho người ký, người được ký thay hay người chỉ đạo nhóm; xem dispatch-gen status",
                            "by the end of {as_of} only leaders have not reported ({names}): no reminder is "
                            "addressed to its signer, his principal or a group director; see dispatch-gen status"),
    "remind_deadline_past": ("hạn mới {deadline} phải sau ngày tính tình hình {as_of}",
                             "the new deadline {deadline} must be after the as-of day {as_of}"),
    "remind_units": ("Đôn đốc {count} đơn vị: {names}", "Reminding {count} units: {names}"),
    # --- issue 14: web app (`serve`), intake (uploads and unit links), desk (the clerk's actions)
    'help.forms.link_base': ('Địa chỉ của ứng dụng web (ví dụ http://192.168.1.10:8000): in trên mỗi phiếu đường dẫn nộp phiếu riêng của đơn vị.',
        "The web app's address (e.g. http://192.168.1.10:8000): print each unit's own upload link on its form."),
    'help.serve': ('Mở ứng dụng web trên máy này cho hồ sơ hoặc thư mục hồ sơ THƯ_MỤC (mặc định: thư mục hiện tại).',
        'Start the web app on this machine for the case or folder of cases WORKSPACE (default: the current folder).'),
    'help.serve.host': ('Địa chỉ lắng nghe (mặc định 127.0.0.1: chỉ máy này).',
        'Address to listen on (default 127.0.0.1: this machine only).'),
    'help.serve.port': ('Cổng (mặc định 8000).', 'Port (default 8000).'),
    'help.serve.no_browser': ('Không tự mở trình duyệt.', 'Do not open the browser.'),
    "serve_listening": ("Ứng dụng đang chạy tại {url} — nhấn Ctrl+C để dừng.", "The app is running at {url} — press Ctrl+C to stop."),
    "serve_public": ("ứng dụng nghe trên {host}: máy khác trong mạng cũng truy cập được; chỉ dùng trong mạng tin cậy",
                     "the app listens on {host}: other machines on the network can reach it; use on a trusted network only"),
    "serve_no_folder": ("không có thư mục này", "no such folder"),
    "intake_not_docx": ("chỉ nhận tệp Word .docx (phiếu đã điền)", "only Word .docx files (filled forms) are accepted"),
    "intake_other_unit": ("đây là phiếu của đơn vị khác ({other}); đường dẫn này chỉ nhận phiếu của {unit}",
                          "this is another unit's form ({other}); this link only accepts the form of {unit}"),
    "intake_closed": ("đã quá hạn {deadline} và phiếu đã được nhận: không gửi lại được nữa, liên hệ văn thư",
                      "the deadline {deadline} has passed and a form was already received: it cannot be resent, contact the clerk"),
    "intake_bad_base": ("«{base}» không phải địa chỉ ứng dụng web: gõ dạng http://192.168.1.10:8000",
                        "'{base}' is not the web app's address: type it like http://192.168.1.10:8000"),
    "intake_lost": ("không có kết quả thu nhận cho tệp {file}", "no collection result for file {file}"),
    "desk_single_case": ("đang mở một hồ sơ, không phải thư mục hồ sơ: không tạo được hồ sơ mới ở đây",
                         "a single case is open, not a folder of cases: no new case can be created here"),
    "desk_case_edit": ("Trước khi tạo văn bản: sửa danh sách ({units}, cán bộ, phân công…), trích yếu, nội dung và hạn "
                       "nộp ({records}) trong thư mục {folder}, rồi tải lại trang; lúc này hồ sơ vẫn là nội dung "
                       "của hồ sơ nguồn.",
                       "Before making documents: edit the lists ({units}, officers, assignments…), subject, body "
                       "and deadlines ({records}) in the folder {folder}, then reload the page; for now the case "
                       "holds its source's content."),
    "desk_unknown_kind": ("không có loại văn bản «{kind}»", "no document kind '{kind}'"),
    "web_lang": ("vi", "en"),  # the pages' lang attribute (screen readers pick the voice by it)
    "web_app_name": ("dispatch-gen — công văn, phiếu và báo cáo", "dispatch-gen — dispatches, forms and reports"),
    "web_skip": ("Bỏ qua, đến nội dung chính", "Skip to main content"),
    "web_nav": ("Điều hướng", "Navigation"),
    "web_nav_cases": ("Hồ sơ", "Cases"),
    "web_nav_dashboard": ("Tình hình", "Dashboard"),
    "web_nav_documents": ("Văn bản", "Documents"),
    "web_nav_send_list": ("Danh sách gửi", "Send list"),
    "web_nav_collect": ("Thu phiếu", "Collect"),
    "web_logout": ("Đăng xuất", "Log out"),
    "web_home": ("Về trang đầu", "Home"),
    "web_error_title": ("Không thực hiện được", "Could not be done"),
    "web_login_title": ("Đăng nhập (văn thư)", "Log in (clerk)"),
    "web_login": ("Đăng nhập", "Log in"),
    "web_password": ("Mật khẩu", "Password"),
    "web_login_wrong": ("Mật khẩu không đúng.", "Wrong password."),
    "web_login_throttled": ("Nhập sai mật khẩu quá nhiều lần: thử lại sau {minutes} phút.",
                            "Too many wrong passwords: try again in {minutes} minutes."),
    "web_intake_unavailable": ("Hiện chưa nhận được phiếu qua đường dẫn này. Vui lòng báo văn thư.",
                               "Forms cannot be received through this link right now. Please tell the clerk."),
    "web_bad_host": ("Hãy mở ứng dụng bằng địa chỉ IP của máy (ví dụ http://127.0.0.1:8000/), không bằng tên miền.",
                     "Open the app by the machine's IP address (e.g. http://127.0.0.1:8000/), not by a domain name."),
    "web_login_needed": ("Cần đăng nhập lại (phiên làm việc đã hết hạn hoặc chương trình vừa khởi động lại): "
                         "đăng nhập rồi làm lại.", "Log in again (the session is over or the app restarted), then redo this."),
    "web_setup_title": ("Đặt mật khẩu lần đầu", "Set the password (first start)"),
    "web_setup_intro": ("Đặt mật khẩu văn thư cho thư mục hồ sơ này. Mật khẩu chỉ được lưu dưới dạng băm.",
                        "Set the clerk's password for this case folder. Only a hash of it is stored."),
    "web_password_new": ("Mật khẩu mới", "New password"),
    "web_password_repeat": ("Nhập lại mật khẩu", "Repeat the password"),
    "web_setup_save": ("Lưu mật khẩu", "Save the password"),
    "web_password_short": ("Mật khẩu cần ít nhất {minimum} ký tự.", "The password needs at least {minimum} characters."),
    "web_password_mismatch": ("Hai lần nhập mật khẩu không khớp.", "The two passwords differ."),
    "web_setup_local": ("Chỉ đặt mật khẩu lần đầu được từ chính máy chạy ứng dụng, mở bằng địa chỉ {url} "
                        "(không bằng địa chỉ mạng của máy).",
                        "The first password can only be set from the machine running the app, opened at {url} "
                        "(not at the machine's network address)."),
    "web_csrf": ("Biểu mẫu đã hết hạn hoặc không hợp lệ: tải lại trang rồi thử lại.",
                 "The form expired or is not valid: reload the page and try again."),
    "web_too_large": ("Dữ liệu gửi lên quá lớn (tối đa {limit} MB mỗi lần gửi, mỗi phiếu tối đa {file} MB): "
                      "kiểm tra lại tệp đã chọn, hoặc gửi ít tệp hơn mỗi lần.",
                      "The upload is too large (at most {limit} MB per upload, {file} MB per form): check the "
                      "files chosen, or send fewer at a time."),
    "web_no_case": ("Không có hồ sơ này.", "No such case."),
    "web_no_file": ("Không có tệp này.", "No such file."),
    "web_no_forms": ("Chưa tạo phiếu nào: bấm «Tạo Phiếu báo cáo» ở trang Văn bản.",
                     "No form generated yet: use 'Make report forms' on the Documents page."),
    "web_no_link": ("Đường dẫn nộp phiếu không đúng hoặc đã hết hiệu lực.", "The upload link is wrong or no longer valid."),
    "web_no_upload": ("Chưa chọn tệp.", "No file chosen."),
    "web_bad_day": ("ngày «{value}» không hợp lệ: gõ theo dạng dd/mm/yyyy, ví dụ 05/01/2026",
                    "the day '{value}' is not valid: type it as dd/mm/yyyy, e.g. 05/01/2026"),
    "web_cases_title": ("Các hồ sơ", "Cases"),
    "web_cases_none": ("Chưa có hồ sơ nào trong thư mục này.", "No case in this folder yet."),
    "web_case_new": ("Tạo hồ sơ mới", "New case"),
    "web_case_name": ("Tên thư mục hồ sơ", "Case folder name"),
    "web_case_source": ("Bắt đầu từ", "Start from"),
    "web_case_from_sample": ("hồ sơ mẫu", "the sample case"),
    "web_case_from_case": ("đợt trước: {name}", "an earlier round: {name}"),
    "web_case_records": ("Danh sách records.xlsx (không bắt buộc)", "records.xlsx lists (optional)"),
    "web_case_create": ("Tạo hồ sơ", "Create the case"),
    "web_case_name_needed": ("Cần đặt tên thư mục hồ sơ.", "The case needs a folder name."),
    "web_case_created": ("Đã tạo hồ sơ {name}.", "Case {name} created."),
    "web_as_of": ("Tình hình đến hết ngày {day}", "State at the end of {day}"),
    "web_dash_chart": ("Tình hình nộp phiếu", "Who has reported"),
    "web_dash_units": ("Các đơn vị", "Units"),
    "web_dash_matrix": ("Kết quả tự đánh giá tiêu chí của các {units}", "Self-assessment per criterion of the {units}"),
    "web_dash_met": ("Đạt", "Met"),
    "web_dash_unmet": ("Chưa đạt", "Not met"),
    "web_dash_none": ("Chưa có phiếu", "No form yet"),
    "web_dash_commune": ("Tự đánh giá các chỉ tiêu của tiêu chí xã", "Self-assessment of the commune criteria's indicators"),
    "web_dash_criterion": ("Tiêu chí", "Criterion"),
    "web_dash_indicators": ("Chỉ tiêu (xanh: đạt, đỏ: chưa đạt, xám: chưa có phiếu)", "Indicators (green: met, red: not met, grey: no form yet)"),
    "web_docs_title": ("Văn bản", "Documents"),
    "web_kind_dispatch": ("Công văn (dự thảo)", "Dispatch (draft)"),
    "web_kind_forms": ("Phiếu báo cáo", "Report forms"),
    "web_kind_report": ("Báo cáo tổng hợp", "Compiled report"),
    "web_kind_reminder": ("Công văn đôn đốc", "Reminder"),
    "web_make": ("Tạo {kind}", "Make {kind}"),
    "web_with_pdf": ("kèm bản PDF", "with a PDF"),
    "web_new_deadline": ("Hạn mới (dd/mm/yyyy, không bắt buộc)", "New deadline (dd/mm/yyyy, optional)"),
    "web_generated": ("Đã tạo {kind}: {count} tệp.", "{kind} made: {count} files."),
    "web_issue_title": ("Cấp số công văn", "Issue the dispatch"),
    "web_issue_date": ("Ngày ký (dd/mm/yyyy)", "Signing date (dd/mm/yyyy)"),
    "web_issue": ("Cấp số", "Issue a number"),
    "web_docs_files": ("Tệp đã tạo", "Files made"),
    "web_docs_none": ("Chưa tạo văn bản nào.", "No document made yet."),
    "web_forms_zip": ("Tải tất cả phiếu (.zip)", "Download all forms (.zip)"),
    "web_register": ("Sổ văn bản đi", "Outgoing register"),
    "web_send_title": ("Danh sách gửi phiếu", "Send list"),
    "web_send_intro": ("Gửi cho mỗi đơn vị phiếu của mình kèm đường dẫn nộp phiếu riêng (qua Zalo hoặc thư điện tử). Đường dẫn chỉ nhận phiếu của đúng đơn vị đó.",
                       "Send each unit its form with its own upload link (by Zalo or e-mail). A link accepts only that unit's form."),
    "web_send_officers": ("Người phụ trách", "Officers"),
    "web_send_link": ("Đường dẫn nộp phiếu", "Upload link"),
    "web_collect_title": ("Thu phiếu đã điền", "Collect filled forms"),
    "web_collect_files": ("Chọn các phiếu đã điền (.docx)", "Choose the filled forms (.docx)"),
    "web_collect_drop": ("Hoặc kéo thả nhiều tệp vào khung này.", "Or drag and drop many files onto this box."),
    "web_collect_submit": ("Thu nhận", "Collect"),
    "web_collect_result": ("Kết quả từng tệp", "Verdict per file"),
    "web_collect_reading": ("Đang đọc tệp {n}/{total}…", "Reading file {n}/{total}…"),
    "web_collect_done": ("Đã đọc xong.", "All files read."),
    "web_collect_failed": ("Mất kết nối khi gửi tệp: tải lại trang rồi gửi lại các tệp chưa có kết quả.",
                           "The connection failed while sending: reload the page and resend the files without a verdict."),
    "web_receipt_accepted": ("đã nhận phiếu của {unit}", "form of {unit} received"),
    "web_receipt_superseded": ("đã nhận phiếu của {unit} (phiếu mới hơn đã có, phiếu này lưu vào lịch sử)",
                               "form of {unit} received (a newer one is current; this one is kept as history)"),
    "web_receipt_duplicate": ("phiếu này của {unit} đã được nhận trước đó (không thay đổi gì)",
                              "this form of {unit} was already received (nothing changed)"),
    "web_receipt_refused": ("không nhận", "refused"),
    "web_receipt_id": ("Mã biên nhận", "Receipt number"),
    "web_receipt_time": ("Thời điểm nhận", "Received at"),
    "web_receipt_read": ("Đã đọc", "Read"),
    "web_receipt_count": ("{answered}/{total} ô có nội dung", "{answered}/{total} fields answered"),
    "web_receipt_missing": ("Còn trống", "Still empty"),
    "web_unit_title": ("Nộp phiếu: {unit}", "Send the form: {unit}"),
    "web_unit_deadline": ("hạn nộp {day}", "deadline {day}"),
    "web_unit_receipt": ("Biên nhận", "Receipt"),
    "web_unit_file": ("Phiếu đã điền (.docx)", "The filled form (.docx)"),
    "web_unit_send": ("Gửi phiếu", "Send the form"),
    "preview_no_poppler": ("không có pdftoppm (poppler) để xem trước trang: cài poppler-utils",
                           "pdftoppm (poppler) is missing for page previews: install poppler-utils"),
    "preview_failed": ("không tạo được ảnh trang của {path} ({detail})", "could not render the pages of {path} ({detail})"),
    "web_preview": ("Xem trước", "Preview"),
    "web_preview_title": ("Xem trước: {name}", "Preview: {name}"),
    "web_preview_page": ("Trang {n}", "Page {n}"),
    "web_preview_more": ("Chỉ hiện {count} trang đầu.", "Only the first {count} pages are shown."),
    "web_col_unit": ("Mã", "Code"),
    "web_col_name": ("Đơn vị", "Unit"),
    "web_col_deadline": ("Hạn", "Deadline"),
    "web_col_state": ("Tình trạng", "State"),
    "web_col_received": ("Ngày nhận", "Received"),
    "web_col_note": ("Việc còn lại", "Still to do"),
    "web_state_on_time": ("đúng hạn", "on time"),
    "web_state_late": ("trễ hạn", "late"),
    "web_state_partial": ("chưa đủ", "incomplete"),
    "web_state_empty": ("phiếu trống", "blank form"),
    "web_state_missing": ("chưa nộp", "missing"),
    "web_state_rejected": ("bị từ chối", "rejected"),
    "web_unit_received": ("Phiếu của đơn vị đã được nhận lúc {day} (tệp {file}).",
                          "The unit's form was received at {day} (file {file})."),
    "web_unit_still_missing": ("Còn thiếu: {missing}.", "Still missing: {missing}."),
    "web_unit_help": ("Có thể gửi lại phiếu đã sửa đến hết ngày hạn nộp; phiếu gửi sau thay phiếu trước.",
                      "A corrected form may be sent again until the end of the deadline day; the later one replaces the earlier."),
    # --- web (branch webrev): error pages a clerk or an officer reads
    "web_not_found": ("Không có trang này: kiểm tra lại đường dẫn.", "No such page: check the address."),
    "web_http_error": ("Yêu cầu không thực hiện được (mã {status}): quay lại trang trước rồi thử lại.",
                       "The request could not be done (code {status}): go back and try again."),
    "web_internal": ("Chương trình gặp lỗi ngoài dự kiến ({time}). Thử lại; nếu vẫn lỗi, báo người phụ trách "
                     "kỹ thuật kèm thời điểm này (chi tiết lỗi ở cửa sổ lệnh đang chạy ứng dụng).",
                     "The program hit an unexpected error ({time}). Try again; if it persists, tell the technical "
                     "contact with this time (details are in the command window running the app)."),
    "web_back_upload": ("Quay lại trang nộp phiếu", "Back to the upload page"),
    "web_send_no_forms": ("Chưa tạo phiếu trên trình duyệt: bấm «Tạo Phiếu báo cáo» ở trang Văn bản để có tệp phiếu tải về.",
                          "No forms made in the browser yet: press «Make Report forms» on the Documents page to get the files."),
    "web_send_copy": ("Chép", "Copy"),
    "web_send_copied": ("Đã chép", "Copied"),
    "web_send_copy_failed": ("Không chép được: chọn đường dẫn rồi nhấn Ctrl+C", "Could not copy: select the link and press Ctrl+C"),
    "web_bad_form": ("Không đọc được dữ liệu gửi lên (quá {files} tệp một lần, hoặc bị cắt giữa chừng): "
                     "chọn ít tệp hơn rồi gửi lại.",
                     "The upload could not be read (over {files} files at once, or cut off): choose fewer "
                     "files and send again."),
    "web_unit_closed": ("Đã quá hạn nộp {deadline} và phiếu của đơn vị đã được nhận: đường dẫn này không nhận "
                        "thêm phiếu. Cần sửa phiếu thì liên hệ văn thư.",
                        "The deadline {deadline} has passed and the unit's form was received: this link takes no "
                        "more forms. To correct the form, contact the clerk."),
    "web_next_dispatch": ("Bước tiếp: xem trước bản dự thảo, trình ký, rồi cấp số với ngày ký (ô «Cấp số công văn»).",
                          "Next: preview the draft, have it signed, then issue its number with the signing date."),
    "web_next_forms": ("Bước tiếp: gửi cho mỗi đơn vị phiếu của mình kèm đường dẫn nộp phiếu (trang «Danh sách gửi»).",
                       "Next: send each unit its form with its upload link (the «Send list» page)."),
    "web_next_issued": ("Bước tiếp: gửi công văn đã cấp số ({file}, ở danh sách tệp bên dưới) kèm phiếu và đường dẫn "
                        "nộp phiếu cho từng đơn vị (trang «Danh sách gửi»).",
                        "Next: send the issued dispatch ({file}, in the files below) with each unit's form and upload "
                        "link (the «Send list» page)."),
    "web_unit_not_taken": ("Phiếu chưa được nhận", "The form was not taken"),
    "web_unit_too_big": ("Tệp này quá lớn (tối đa {limit} MB; phiếu đã điền thường chỉ vài trăm KB): kiểm tra lại tệp đã chọn.",
                         "This file is too large (at most {limit} MB; a filled form is usually a few hundred KB): check the file chosen."),
    "web_unit_ask": ("Cần hỏi về phiếu: {person}", "Questions about the form: {person}"),
    "web_issued": ("Công văn đã được cấp số {number} ngày {date}.", "The dispatch was issued as {number} on {date}."),
    "web_issued_again": ("Cấp lại số (khi nội dung đã đổi) thì dùng lệnh dispatch --issue --reissue.",
                         "To issue it again (its text changed), use the command dispatch --issue --reissue."),
    "desk_issued_already": ("công văn đã được cấp số {number} ngày {date} (tệp {file}): không cấp số lần nữa",
                            "the dispatch was already issued as {number} on {date} (file {file}): not issued again"),
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
    # review: options whose placeholder was click's English (DATE, TEXT, PATH, INTEGER RANGE)
    "sign_date": ("NGÀY", "DATE"),
    "undo": ("TỆP_HOẶC_MÃ", "FILE_OR_CODE"),
    "receipts": ("THƯ_MỤC", "DIRECTORY"),
    "link_base": ("ĐỊA_CHỈ", "URL"),
    "criteria_set": ("MÃ_BỘ", "SET_CODE"),
    "commune_group": ("NHÓM", "GROUP"),
    "host": ("ĐỊA_CHỈ_IP", "IP_ADDRESS"),
    "port": ("CỔNG", "PORT"),
    "workspace": ("[THƯ_MỤC]", "[WORKSPACE]"),  # serve: optional
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
