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
