"""The command line: the same commands as the window, for scripts and support staff.

Every command opens the profile through `session.ProfileSession`, the gate the window uses. Exit codes: 0 done,
1 not in step (unsent work left), 2 an error with a one-line reason on stderr, 3 login needed, 4 a bug in this
program (one line on stderr, the traceback in the log), 5 `audit --verify` found the audit trail edited or cut.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import getpass
import json
import logging
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any, TextIO
from urllib.parse import SplitResult, urlsplit

from PySide6.QtCore import QCoreApplication

from triage_desktop import __version__, app
from triage_desktop.core import fields as item_fields
from triage_desktop.core import queues
from triage_desktop.core import views as core_views
from triage_desktop.core.action_specs import command_line_fields
from triage_desktop.core.deadlines import DEADLINE_FILTERS, DeadlineBounds, state_of
from triage_desktop.core.entities import CacheRecovery, ItemQuery, SavedView, SyncProgress, SyncReport
from triage_desktop.core.errors import CacheLocked, LoginRequired, TriageError, WrongPassword
from triage_desktop.core.masking import mask_item
from triage_desktop.core.papers import FORM_IDS
from triage_desktop.core.photo_prefetch import prefetch_photos
from triage_desktop.core.record import Period
from triage_desktop.core.text import json_safe, terminal_safe
from triage_desktop.core.vocabulary import KINDS
from triage_desktop.logs import CONSOLE, current_log_file, setup_logging
from triage_desktop.security.private_files import open_private, restrict_new_files, secure_profile
from triage_desktop.services import Services, cache_recovery
from triage_desktop.session import ProfileSession
from triage_desktop.settings import DeploymentError, load_deployment, profile_dir
from triage_desktop.storage import audit
from triage_desktop.storage.listing import SORT_COLUMNS
from triage_desktop.sync.loop import CLIENT_TOO_OLD, LOGIN_REQUIRED, ContinuousSync
from triage_desktop.sync.retry import sync_until_in_step, with_retries
from triage_desktop.ui import record_tables
from triage_desktop.ui.deadlines import state_text
from triage_desktop.ui.display_check import display_problem
from triage_desktop.ui.formatting import format_datetime, format_size
from triage_desktop.ui.labels import QUEUE, label, one_kind, status_label
from triage_desktop.ui.list_file import export_everything
from triage_desktop.ui.messages import error_message
from triage_desktop.ui.papers import printing
from triage_desktop.ui.papers.wording import form_name, reason_text
from triage_desktop.ui.whole_file import whole_file, why_not_written

EXIT_OK, EXIT_NOT_IN_STEP, EXIT_ERROR, EXIT_LOGIN, EXIT_BUG, EXIT_AUDIT_BROKEN = 0, 1, 2, 3, 4, 5
LONG_POLL_SECONDS = 25  # as the window
SORT_KEYS = tuple(sorted(SORT_COLUMNS))
log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # called by this bare name so pyside6-lupdate extracts the strings


def say(text: object, *, file: TextIO | None = None, flush: bool = False) -> None:
    """Every line this program prints. Names, titles, ids and error details come from the server or a citizen and
    may hold terminal escape codes ("\x1b]0;…\x07" retitles the window, "\x1b[2J" clears it) or bidi controls:
    they are removed here, on the one path to the terminal (core.text.terminal_safe)."""
    print(terminal_safe(str(text)), file=file or sys.stdout, flush=flush)


class CommandError(Exception):
    """A one-line reason for the officer or script; the exit code goes with it."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="triage-desktop", description=translate("cli",
        "Tiếp nhận và xử lý phản ánh hiện trường, hồ sơ thủ tục hành chính."))
    parser.add_argument("--version", action="version", version=__version__)
    parser.add_argument("--profile", help=translate("cli", "thư mục dữ liệu (mặc định: TRIAGE_PROFILE hoặc thư mục người dùng)"))
    parser.add_argument("--lang", choices=("vi", "en"), help=translate("cli", "ngôn ngữ giao diện"))
    commands = parser.add_subparsers(dest="command")

    def with_profile(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        # Accepted after the command too, as the README shows it.
        sub.add_argument("--profile", dest="sub_profile", help=argparse.SUPPRESS)
        return sub

    def with_cache(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        """A command that opens the encrypted cache: without a keyring, the password unlocks it."""
        sub.add_argument("--password-stdin", action="store_true",
                         help=translate("cli", "đọc mật khẩu từ đầu vào chuẩn để mở dữ liệu đã mã hóa"))
        return with_profile(sub)

    login = with_profile(commands.add_parser("login", help=translate("cli", "đăng nhập vào máy chủ")))
    login.add_argument("--server", help=translate("cli", "địa chỉ máy chủ (URL gốc của API)"))
    login.add_argument("--username", required=True)
    login.add_argument("--password-stdin", action="store_true", help=translate("cli", "đọc mật khẩu từ đầu vào chuẩn"))

    sync = with_profile(commands.add_parser("sync", help=translate("cli", "đồng bộ với máy chủ")))
    sync.add_argument("--once", action="store_true", help=translate("cli", "đồng bộ một lần đến khi khớp rồi thoát"))
    sync.add_argument("--password-stdin", action="store_true",
                      help=translate("cli", "đọc mật khẩu từ đầu vào chuẩn: mở dữ liệu và đăng nhập cho lần chạy này"))

    logout = with_cache(commands.add_parser("logout", help=translate("cli", "đăng xuất: thu hồi phiên trên máy chủ, xóa khóa khỏi kho khóa")))
    logout.add_argument("--wipe", action="store_true", help=translate("cli", "xóa luôn dữ liệu trên máy này"))
    logout.add_argument("--force", action="store_true",
                        help=translate("cli", "xóa cả khi còn thao tác chưa gửi (các thao tác đó sẽ mất)"))

    act = with_cache(commands.add_parser("act", help=translate("cli", "xếp một thao tác vào hộp thư đi (chạy được khi mất mạng)")))
    act.add_argument("kind", choices=KINDS)
    act.add_argument("id")
    act.add_argument("type")
    for field in command_line_fields():  # the action table's fields, each under its option
        assert field.option is not None  # command_line_fields keeps only the fields the command offers
        act.add_argument(field.option, dest=field.name, action="append" if field.many else "store")
    act.add_argument("--attach", action="append", metavar="FILE", default=[],
                     help=translate("cli", "gửi kèm tệp (JPEG, PNG, PDF, DOCX, XLSX) với trả lời hoặc trả kết quả; "
                                           "lặp lại cho nhiều tệp, theo thứ tự gửi. Tệp được chép vào dữ liệu máy ngay"))

    outbox = with_cache(commands.add_parser("outbox", help=translate("cli", "các thao tác chưa gửi")))
    outbox.add_argument("--json", action="store_true")
    outbox.add_argument("--retry", type=int, metavar="ID", help=translate("cli", "áp dụng lại thao tác xung đột trên phiên bản mới"))
    outbox.add_argument("--discard", type=int, metavar="ID", help=translate("cli", "bỏ thao tác này"))
    outbox.add_argument("--remove-file", type=int, nargs=2, metavar=("ID", "N"),
                        help=translate("cli", "bỏ tệp thứ N (đếm từ 1) khỏi thao tác bị máy chủ từ chối, rồi dùng "
                                              "--retry để gửi lại"))

    export = with_cache(commands.add_parser("export", help=translate("cli", "xuất dữ liệu đã đồng bộ")))
    export.add_argument("--format", choices=("jsonl", "csv", "xlsx"), required=True)
    export.add_argument("--kind", choices=KINDS)
    export.add_argument("--labels", choices=("codes", "vi"), default="codes", help=translate("cli",
        "csv: mã máy (mặc định, cho tập lệnh) hoặc vi: tiêu đề cột, nhãn và ngày giờ tiếng Việt như bảng Excel"))
    export.add_argument("--output", help=translate("cli", "tệp kết quả (mặc định: đầu ra chuẩn)"))

    listing = with_cache(commands.add_parser("list", help=translate("cli",
        "liệt kê phản ánh hoặc hồ sơ trong dữ liệu đã đồng bộ, theo hàng đợi, bộ lọc hoặc dạng xem đã lưu")))
    listing.add_argument("kind", choices=KINDS)
    listing.add_argument("--queue", choices=queues.QUEUES, help=translate("cli", "hàng đợi (mặc định: all)"))
    listing.add_argument("--status")
    listing.add_argument("--category", help=translate("cli", "mã lĩnh vực hoặc mã thủ tục"))
    listing.add_argument("--assignee", metavar="ID", help=translate("cli", "mã cán bộ xử lý"))
    listing.add_argument("--channel", help=translate("cli", "kênh tiếp nhận (zalo_mini_app, hotline, online…)"))
    listing.add_argument("--deadline", choices=DEADLINE_FILTERS, help=translate("cli", "tình trạng hạn xử lý"))
    listing.add_argument("--view", metavar="NAME", help=translate("cli", "dạng xem: có sẵn ({names}) hoặc đã lưu của cán bộ đang đăng nhập").format(
        names=", ".join(core_views.BUILTIN_NAMES)))
    listing.add_argument("--sort", choices=SORT_KEYS, help=translate("cli",
        "sắp xếp theo (mặc định: hạn xử lý cho các hàng đợi theo hạn, ngày gửi cho các hàng đợi khác)"))
    listing.add_argument("--asc", action="store_true", help=translate("cli", "sắp xếp tăng dần"))
    listing.add_argument("--limit", type=_positive, default=50, metavar="N")
    listing.add_argument("--json", action="store_true")

    queue_counts = with_cache(commands.add_parser("queues", help=translate("cli",
        "số mục của từng hàng đợi, kể cả sắp đến hạn và quá hạn")))
    queue_counts.add_argument("--json", action="store_true")

    audit_log = with_cache(commands.add_parser("audit", help=translate("cli",
        "nhật ký thao tác: ai đã làm gì, với mục nào, lúc nào")))
    audit_log.add_argument("--verify", action="store_true", help=translate("cli",
        "kiểm tra chuỗi mã băm: in OK (mã thoát 0), hoặc một dòng cho mỗi mục bị sửa hay bị xóa (mã thoát 5)"))
    audit_log.add_argument("--export", metavar="FILE", help=translate("cli",
        "ghi nhật ký ra tệp CSV (UTF-8 có BOM, kèm mã băm), chỉ người dùng này đọc được"))

    printing = with_cache(commands.add_parser("print", help=translate("cli",
        "lập giấy tờ của một mục thành tệp PDF: mẫu 01–06 của hồ sơ, phiếu tóm tắt của cả hai loại")))
    printing.add_argument("kind", choices=KINDS)
    printing.add_argument("id")
    printing.add_argument("form", choices=FORM_IDS)
    printing.add_argument("--output", metavar="FILE.pdf", help=translate("cli",
        "tệp PDF (mặc định: <mã>-<mẫu>.pdf trong thư mục hiện tại)"))

    photos = with_cache(commands.add_parser("photos", help=translate("cli",
        "ảnh của công dân giữ trên máy để xem khi mất mạng: số ảnh và dung lượng")))
    photos.add_argument("--fetch", action="store_true", help=translate("cli",
        "tải trước ảnh của các mục mới nhất trong hàng đợi của tôi, chưa phân công và mới, trong hạn mức"))
    photos.add_argument("--json", action="store_true")

    record = with_cache(commands.add_parser("record", help=translate("cli",
        "thống kê kết quả giải quyết đúng hạn, trễ hạn của một kỳ (như màn hình Thống kê)")))
    record.add_argument("--from", dest="first", type=_local_date, required=True, metavar="YYYY-MM-DD")
    record.add_argument("--to", dest="last", type=_local_date, required=True, metavar="YYYY-MM-DD")
    record.add_argument("--kind", choices=KINDS, default="dossier")
    record.add_argument("--format", choices=("json", "csv", "xlsx"), default="json")
    record.add_argument("--output", help=translate("cli", "tệp kết quả (mặc định: đầu ra chuẩn; xlsx cần tệp)"))

    sandbox = commands.add_parser("sandbox", help=translate("cli", "chạy máy chủ thử nghiệm"))
    sandbox.add_argument("--host", default="127.0.0.1")
    sandbox.add_argument("--port", type=int, default=8765)
    sandbox.add_argument("--seed", type=int, default=1)
    sandbox.add_argument("--reports", type=int, default=200)
    sandbox.add_argument("--dossiers", type=int, default=50)
    sandbox.add_argument("--db")
    sandbox.add_argument("--arrivals", type=float, metavar="SECONDS", help=translate("cli", "phản ánh mới đến mỗi N giây"))
    sandbox.add_argument("--faults", type=_fault_rate, default=0.0, metavar="RATE",
                         help=translate("cli", "tỉ lệ yêu cầu bị lỗi giả lập, từ 0 đến 1"))
    sandbox.add_argument("--fault-seed", type=int, metavar="N", help=translate("cli", "hạt giống cho chế độ lỗi"))
    sandbox.add_argument("--max-page", type=_positive, metavar="N",
                         help=translate("cli", "mỗi trang thay đổi có ngẫu nhiên 1 đến N mục"))
    sandbox.add_argument("--access-ttl", type=_positive, default=900, metavar="SECONDS",
                         help=translate("cli", "thời hạn của access token, tính bằng giây"))

    demo = with_profile(commands.add_parser("demo", help=translate("cli", "mở cửa sổ với máy chủ thử nghiệm và dữ liệu mẫu")))
    demo.add_argument("--reports", type=int, default=400)
    demo.add_argument("--dossiers", type=int, default=120)
    demo.add_argument("--arrivals", type=float, default=20.0, metavar="SECONDS")
    demo.add_argument("--fresh", action="store_true", help=translate("cli", "bắt đầu lại với dữ liệu mẫu mới"))
    return parser


def _fault_rate(text: str) -> float:
    try:
        rate = float(text)
    except ValueError:
        rate = -1.0
    if not 0.0 <= rate <= 1.0:
        raise argparse.ArgumentTypeError(translate("cli", "cần một số từ 0 đến 1"))
    return rate


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(translate("cli", "cần một số nguyên dương"))
    return number


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    return getpass.getpass(translate("cli", "Mật khẩu: "))


def cmd_login(args: argparse.Namespace, profile: Path) -> int:
    deployment = load_deployment()
    server = args.server or deployment.server_url
    if not server:
        raise CommandError(translate("cli", "Chưa có địa chỉ máy chủ: dùng --server hoặc deployment.toml."))
    if deployment.lock_server_url and deployment.server_url and not _same_server(server, deployment.server_url):
        # IT fixed the server: a script or a trick must not send an officer's password anywhere else.
        raise CommandError(translate("cli", "Máy này chỉ được đăng nhập vào máy chủ {server} (bộ phận CNTT đã khóa "
                                            "địa chỉ máy chủ).").format(server=deployment.server_url))
    password = _read_password(args.password_stdin)
    with _session(profile) as session:
        user = with_retries(lambda: session.sign_in(server, args.username, password)).user
        say(translate("cli", "Đã đăng nhập: {name} ({username}), đơn vị {unit}.").format(
            name=user.full_name, username=user.username, unit=user.unit_id))
        if not session.credentials.persistent:
            say(translate("cli", "Máy này không có kho khóa an toàn: phiên đăng nhập chỉ giữ trong lần chạy này; "
                     "dùng --password-stdin với lệnh sync."), file=sys.stderr)
    return EXIT_OK


def _same_server(a: str, b: str) -> bool:
    """The same base URL, whatever the case of scheme and host, a default port or a trailing slash."""
    first, second = urlsplit(a.strip()), urlsplit(b.strip())
    default = {"https": 443, "http": 80}

    def key(parts: SplitResult) -> tuple[str, str, int | None, str]:
        scheme = parts.scheme.lower()
        try:
            port = parts.port or default.get(scheme)
        except ValueError:
            port = -1
        return scheme, (parts.hostname or "").lower(), port, parts.path.rstrip("/")

    return key(first) == key(second)


def _online_services(args: argparse.Namespace, session: ProfileSession, services: Services) -> Services:
    """The services with the server's tokens, for a command that talks to it: signed in again with the password
    read from stdin (a PC without a keyring keeps no login between runs), or the login the keyring kept."""
    if args.password_stdin:
        user, server = session.signed_in_user(), services.workspace.server_url()
        if user is None or not server:
            raise CommandError(translate("cli", "Chưa đăng nhập lần nào trên hồ sơ này: dùng lệnh login trước."), EXIT_LOGIN)
        password = args.password
        # The run needs the server's tokens: a flaky line is retried, never taken for an offline sign-in.
        with_retries(lambda: session.sign_in(server, user.username, password, offline=False))
        assert session.services is not None  # sign_in opened it again
        return session.services
    if session.signed_in_user() is None or not services.sync.has_credentials():
        raise CommandError(translate("cli", "Cần đăng nhập: dùng lệnh login, hoặc --password-stdin."), EXIT_LOGIN)
    return services


def cmd_sync(args: argparse.Namespace, profile: Path) -> int:
    with _services(profile, args) as (session, services):
        services = _online_services(args, session, services)
        if not args.once:
            return _sync_forever(services)
        # A flaky server or line: retry transient failures a few times (same keys), then give the verdict.
        report = sync_until_in_step(services.sync)
        _print_report(report)
        if report.in_step and report.unsent == 0:
            return EXIT_OK
        message = translate("cli", "Chưa khớp: còn {unsent} thao tác chưa gửi được.").format(unsent=report.unsent)
        held = len(services.workspace.held_actions())
        if held:  # made under another login (or one no longer known): they wait for that officer
            message += " " + translate("cli", "Trong đó {held} thao tác của cán bộ khác, chờ người đó đăng nhập để "
                                              "gửi.").format(held=held)
        raise CommandError(message, EXIT_NOT_IN_STEP)


def _print_report(report: SyncReport) -> None:
    say(translate("cli", "Đã đồng bộ: {pulled} thay đổi, {pushed} thao tác đã gửi, {unsent} chưa gửi, "
             "{conflicts} xung đột.").format(pulled=report.pulled, pushed=report.pushed, unsent=report.unsent,
                                            conflicts=report.open_conflicts), flush=True)


class _PrintingListener:
    """`sync` without `--once`: one line per step that moved something, one per failure on stderr.

    A login or version problem needs a person, so it stops the loop and becomes the command's verdict.
    """

    def __init__(self, loop_stop: Callable[[], None]) -> None:
        self._stop = loop_stop
        self.verdict: BaseException | None = None

    def state_changed(self, state: str) -> None:
        pass

    def progressed(self, progress: SyncProgress) -> None:
        pass

    def step_done(self, report: SyncReport) -> None:
        if report.pulled or report.pushed:
            _print_report(report)

    def failed(self, state: str, error: BaseException, retry_in: float | None) -> None:
        if state in (LOGIN_REQUIRED, CLIENT_TOO_OLD):
            self.verdict = error
            self._stop()
            return
        say(translate("cli", "Chưa đồng bộ được: {reason} Thử lại sau {seconds} giây.").format(
            reason=error_message(error), seconds=max(1, round(retry_in or 0))), file=sys.stderr, flush=True)


def _sync_forever(services: Services) -> int:
    """Keep in step until Ctrl+C, through the window's loop (sync.loop): outages are waited out.

    A full step after every long poll also sends what `act` queued from another process meanwhile.
    """
    loop: ContinuousSync | None = None
    listener = _PrintingListener(lambda: loop.stop() if loop else None)
    loop = ContinuousSync(services.sync, listener, wait_seconds=LONG_POLL_SECONDS, unsent_retry=0.0)
    worker = threading.Thread(target=loop.run, name="triage-sync", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.5)  # short joins keep Ctrl+C responsive (on Windows too)
    except KeyboardInterrupt:
        loop.stop()  # breaks off a long poll; an action on the wire is let finish and recorded
        worker.join()
    if listener.verdict is not None:
        raise listener.verdict
    return EXIT_OK


def cmd_act(args: argparse.Namespace, profile: Path) -> int:
    names = [field.name for field in command_line_fields()]
    fields = {name: getattr(args, name) for name in names if getattr(args, name) is not None}
    with _services(profile, args) as (session, services):
        if session.signed_in_user() is None:  # an action needs an official to answer for it
            raise CommandError(translate("cli", "Chưa có cán bộ nào đăng nhập trên hồ sơ này: dùng lệnh login."),
                               EXIT_LOGIN)
        action = services.workspace.queue_action(args.kind, args.id, args.type, fields,
                                                 [Path(name) for name in args.attach])
    say(action.local_id)
    return EXIT_OK


def cmd_outbox(args: argparse.Namespace, profile: Path) -> int:
    with _services(profile, args) as (_session, services):
        workspace = services.workspace
        if args.retry is not None:
            say(workspace.retry_action(args.retry).local_id)
            return EXIT_OK
        if args.discard is not None:
            workspace.discard_action(args.discard)
            return EXIT_OK
        if args.remove_file is not None:
            local_id, number = args.remove_file
            action = next((a for a in workspace.outbox() if a.local_id == local_id), None)
            if action is None or not 1 <= number <= len(action.files):
                raise CommandError(translate("cli", "Không có tệp thứ {n} trong thao tác {id}.").format(
                    n=number, id=local_id), EXIT_ERROR)
            workspace.remove_action_file(local_id, action.files[number - 1].file_id)
            return EXIT_OK
        actions = workspace.outbox()
    if args.json:
        say(json_safe(json.dumps([a.to_json() for a in actions], ensure_ascii=False, indent=1)))
    else:
        for a in actions:
            say(f"{a.local_id}\t{a.state}\t{a.kind}\t{a.aggregate_id}\t{a.type}\t{a.created_at}\t{a.author_id or '?'}")
            for f in a.files:  # one indented line per file, in the order they go out
                where = translate("cli", "đã tải lên") if f.attachment_id else translate("cli", "đang chờ gửi")
                name = " ".join(f.filename.replace("\t", " ").splitlines())  # one line, whatever the disk allowed
                say(f"\t{name}\t{f.size}\t{where}")
    return EXIT_OK


CSV_COLUMNS = ("kind", "id", "code", "version", "status", "priority", "category", "title", "person", "phone",
               "address", "assignee_id", "unit_id", "submitted_at", "due_at", "updated_at")


def csv_row(raw: dict[str, Any]) -> list[str]:
    kind = str(raw.get("kind"))  # always in the stored JSON: the sync layer refuses an aggregate without it
    values = {
        **raw,
        "category": item_fields.category(kind, raw), "title": item_fields.title(kind, raw),
        "person": item_fields.person_name(kind, raw), "phone": item_fields.phone(kind, raw),
        "address": item_fields.address(kind, raw),
    }
    return [_cell(values.get(col)) for col in CSV_COLUMNS]


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    # Citizen text starting with = + - @ would run as an Excel formula: make it inert.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def cmd_export(args: argparse.Namespace, profile: Path) -> int:
    # Phones and CCCD go out masked (0905•••456) unless IT allowed full exports in deployment.toml.
    full = load_deployment().full_exports
    if args.format == "xlsx" or args.labels == "vi":
        return _export_table(args, profile, full)
    with _services(profile, args) as (_session, services):
        written = [0]

        def counted(rows: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
            for raw in rows:
                yield raw
                written[0] += 1

        rows = counted(services.store.export_raw(args.kind) if full else map(mask_item, services.store.export_raw(args.kind)))
        complete = False
        try:
            if args.output:
                # utf-8-sig: Excel shows Vietnamese correctly only with the BOM.
                encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
                # Citizens' data: 0600 even over an older export that was readable by others (security.private_files).
                with open_private(args.output, "w", encoding=encoding, newline="") as out:
                    count = _write_export(args.format, rows, out)
            else:
                if args.format == "csv":
                    sys.stdout.write("\ufeff")
                # Often a terminal: escapes and bidi controls in citizens' text are escaped (JSON) or removed (CSV).
                count = _write_export(args.format, rows, sys.stdout, to_terminal=True)
            complete = True
        finally:  # an export cut off half-way has still let data out: it is recorded too
            services.workspace.record("exported", args.kind, None, {
                "format": args.format, "count": written[0], "to": "file" if args.output else "stdout",
                "masked": not full, "complete": complete})
    say(translate("cli", "Đã xuất %n mục.", "", count), file=sys.stderr)
    return EXIT_OK


def _export_table(args: argparse.Namespace, profile: Path, full: bool) -> int:
    """`export --labels vi` and `--format xlsx`: the window's list export (Vietnamese headers, labels, dates)."""
    if args.format == "jsonl":
        raise CommandError(translate("cli", "--labels vi chỉ dùng với --format csv hoặc xlsx."))
    if args.format == "xlsx" and not args.output:
        raise CommandError(translate("cli", "--format xlsx cần --output TỆP (tệp Excel không in ra màn hình)."))
    with _services(profile, args) as (_session, services):
        seen = [0]
        complete = False
        try:
            count = export_everything(services.workspace, args.kind, args.format,
                                      Path(args.output) if args.output else None, full_numbers=full,
                                      now=datetime.now(UTC), seen=seen, stream=sys.stdout,
                                      clean=None if args.output else terminal_safe)  # a terminal's escapes
            complete = True
        except OSError as exc:
            raise CommandError(why_not_written(exc, Path(args.output or "-"))) from None
        finally:  # as any export: recorded, finished or not
            services.workspace.record("exported", args.kind, None, {
                "format": args.format, "labels": "vi", "count": seen[0], "to": "file" if args.output else "stdout",
                "masked": not full, "complete": complete})
    say(translate("cli", "Đã xuất %n mục.", "", count), file=sys.stderr)
    return EXIT_OK


def _write_export(fmt: str, rows: Iterator[dict[str, Any]], out: IO[str], *, to_terminal: bool = False) -> int:
    count = 0
    if fmt == "jsonl":
        for raw in rows:
            line = json.dumps(raw, ensure_ascii=False, separators=(",", ":"))
            out.write((json_safe(line) if to_terminal else line) + "\n")  # escaped: the same data for a reader
            count += 1
        return count
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for raw in rows:
        cells = csv_row(raw)
        writer.writerow([terminal_safe(cell) for cell in cells] if to_terminal else cells)
        count += 1
    return count


def cmd_list(args: argparse.Namespace, profile: Path) -> int:
    """One page of a list as the window shows it (same queue rules, filters and SQL), with the deadline state."""
    with _services(profile, args) as (session, services):
        workspace = services.workspace
        user = session.signed_in_user() or workspace.current_user()
        own = workspace.saved_views(user.id) if user else []
        view = _saved_view([*core_views.builtin_views(args.kind), *own], args.view, args.kind)
        calendar = workspace.work_calendar()
        now = datetime.now(UTC)
        bounds = DeadlineBounds.at(now, calendar, load_deployment().due_soon_working_days)
        queue = args.queue or (view.queue if view else "all")
        if args.sort:
            sort_key, descending = args.sort, not args.asc
        elif view is not None:
            sort_key, descending = view.sort_key, view.descending and not args.asc
        else:  # as the window opens the queue: the least time left first where the deadline is the point
            sort_key, descending = queues.default_order(queue)
            descending = descending and not args.asc
        saved: dict[str, str | None] = {} if view is None else {
            "status": view.status, "category": view.category, "assignee": view.assignee_id,
            "channel": view.channel, "deadline": view.deadline}
        chosen = {option: _option(getattr(args, option), saved.get(option)) for option in saved | vars(args)
                  if option in ("status", "category", "assignee", "channel", "deadline")}
        query = ItemQuery(kind=args.kind, queue=queue, user_id=user.id if user else None, sort_key=sort_key,
                          descending=descending, status=chosen["status"], category=chosen["category"],
                          assignee_id=chosen["assignee"], channel=chosen["channel"], deadline=chosen["deadline"],
                          bounds=bounds)
        rows = workspace.page(query, 0, args.limit)
        total = workspace.count(query)
        names = {member.id: member.full_name for member in workspace.members()}
    listed = [(row, state_of(row.kind, row.status, row.due_at, bounds)) for row in rows]
    if args.json:
        say(json_safe(json.dumps([{
            "kind": row.kind, "id": row.id, "code": row.code, "status": row.status, "assignee_id": row.assignee_id,
            "due_at": row.due_at, "deadline": state, "deadline_text": state_text(calendar, state, row.due_at, now),
        } for row, state in listed], ensure_ascii=False, indent=1)))
        return EXIT_OK
    for row, state in listed:
        assignee = names.get(row.assignee_id or "", row.assignee_id or "") or "-"
        say("\t".join((row.code or row.id, state_text(calendar, state, row.due_at, now) or "-",
                       status_label(row.kind, row.status), assignee)))
    say(translate("cli", "{shown}/{total} mục.").format(shown=len(rows), total=total), file=sys.stderr)
    return EXIT_OK


def _option(given: str | None, saved: str | None) -> str | None:
    return given if given is not None else saved or None


def _saved_view(views: list[SavedView], name: str | None, kind: str) -> SavedView | None:
    if name is None:
        return None
    for view in views:
        if view.name == name:
            if view.kind != kind:
                raise CommandError(translate("cli", "Dạng xem \"{name}\" là của {kind}.").format(
                    name=name, kind=one_kind(view.kind)))
            return view
    raise CommandError(translate("cli", "Không có dạng xem đã lưu tên \"{name}\".").format(name=name))


def cmd_queues(args: argparse.Namespace, profile: Path) -> int:
    """Every queue's count per kind, the deadline queues counted at this moment."""
    with _services(profile, args) as (session, services):
        workspace = services.workspace
        user = session.signed_in_user() or workspace.current_user()
        bounds = DeadlineBounds.at(datetime.now(UTC), workspace.work_calendar(),
                                   load_deployment().due_soon_working_days)
        counts = workspace.queue_counts(user.id if user else None, bounds)
    if args.json:
        say(json.dumps({kind: {queue: counts[(kind, queue)] for queue in queues.queues_of(kind)} for kind in KINDS}))
        return EXIT_OK
    for kind in KINDS:
        for queue in queues.queues_of(kind):
            say("\t".join((kind, queue, str(counts[(kind, queue)]), label(QUEUE, queue))))
    return EXIT_OK


def cmd_photos(args: argparse.Namespace, profile: Path) -> int:
    """Photos kept for offline viewing: how many and how big; `--fetch` first fetches what the window would."""
    budget = load_deployment().work().photo_cache_bytes
    with _services(profile, args) as (session, services):
        if args.fetch:
            services = _online_services(args, session, services)
        store = services.workspace.photo_cache()
        store.trim(budget)  # a budget lowered in deployment.toml applies here too, as when the window opens
        fetched = None
        user = session.signed_in_user()
        if args.fetch and user is not None:
            fetched = prefetch_photos(services.workspace, services.sync, store, user.id, budget)
        usage = store.usage()
    if args.json:
        answer: dict[str, Any] = {"count": usage.count, "bytes": usage.bytes, "budget_bytes": budget}
        if fetched is not None:
            answer.update(fetched=fetched.fetched, fetched_bytes=fetched.bytes, refused=fetched.refused,
                          stopped=fetched.stopped or None)
        say(json.dumps(answer))
    else:
        if fetched is not None:
            say(translate("cli", "Đã tải {count} ảnh ({size}).").format(count=fetched.fetched,
                                                                      size=format_size(fetched.bytes)))
            if fetched.refused:
                say(translate("cli", "Bỏ qua {count} ảnh không khớp mã băm SHA-256.").format(
                    count=len(fetched.refused)), file=sys.stderr)
        say(translate("cli", "Ảnh giữ trên máy: {count} ảnh, {size} (hạn mức {budget}).").format(
            count=usage.count, size=format_size(usage.bytes), budget=format_size(budget)))
    if fetched is not None and fetched.stopped == "offline":
        raise CommandError(translate("cli", "Mất kết nối với máy chủ giữa chừng: chưa tải hết ảnh."))
    return EXIT_OK


AUDIT_COLUMNS = ("seq", "at", "actor", "action", "kind", "item_id", "detail", "prev_hash", "hash")


def cmd_print(args: argparse.Namespace, profile: Path) -> int:
    """One paper of one item as PDF, through the window's own layout (ui.papers); recorded as "printed"."""
    printing.ensure_gui_application()
    with _services(profile, args) as (session, services):
        workspace = services.workspace
        item = workspace.item(args.kind, args.id)
        if item is None:
            raise CommandError(translate("cli", "Không có {kind} {id} trong dữ liệu trên máy.").format(
                kind=one_kind(args.kind), id=args.id))
        path = Path(args.output) if args.output else printing.default_path(item, args.form)
        try:
            printing.print_to_pdf(workspace, item, session.signed_in_user() or workspace.current_user(), args.form,
                                  path)
        except printing.FormDoesNotFit as refused:
            raise CommandError(translate("cli", "Không lập được {form}: {reason}.").format(
                form=form_name(args.form), reason=reason_text(refused.reason))) from None
        except OSError as exc:
            raise CommandError(why_not_written(exc, path)) from None
    say(path)
    return EXIT_OK


def cmd_audit(args: argparse.Namespace, profile: Path) -> int:
    """The audit trail: printed, checked (`--verify`, exit 5 when broken) or written to a private CSV file."""
    with _services(profile, args) as (_session, services):
        entries = services.store.audit_entries()
        findings = services.store.verify_audit() if args.verify else []
        if args.export:
            _write_audit_csv(Path(args.export), entries)
            # The trail names officials and what they touched: taking it off the PC is an export like any other.
            services.workspace.record("exported", None, None, {"what": "audit", "format": "csv",
                                                               "count": len(entries)})
            say(translate("cli", "Đã xuất %n mục nhật ký.", "", len(entries)), file=sys.stderr)
    if args.verify:
        for finding in findings:
            say(_finding_line(finding))
        if findings:
            return EXIT_AUDIT_BROKEN
        say("OK")
        return EXIT_OK
    if not args.export:
        for entry in entries:
            say(_audit_line(entry))
    return EXIT_OK


def _audit_line(entry: audit.Entry) -> str:
    item = f"{entry.kind or ''}:{entry.item_id}" if entry.item_id else (entry.kind or "")
    detail = " ".join(f"{key}={value}" for key, value in entry.details.items())
    fields = (format_datetime(entry.at), entry.actor or "-", entry.action, item or "-", detail)
    return "\t".join(terminal_safe(field) for field in fields)  # a server-supplied name may hold escape codes


def _finding_line(finding: audit.Finding) -> str:
    span = (str(finding.first) if finding.first == finding.last else f"{finding.first}–{finding.last}")
    messages = {
        audit.EDITED: translate("cli", "Mục {seq}: nội dung đã bị sửa (không khớp mã băm của nó)."),
        audit.LINK: translate("cli", "Mục {seq}: không nối với mục trước nó (mục trước đã bị sửa hoặc thay)."),
        audit.REMOVED: translate("cli", "Mục {seq}: trước nó đã bị xóa mục {span}."),
        audit.REMOVED_LAST: translate("cli", "Mục {seq}: đã bị xóa mục {span} ở cuối nhật ký."),
        audit.SEQUENCE: translate("cli", "Mục {seq}: bộ đếm của nhật ký đã bị sửa."),
    }
    return messages.get(finding.problem, "{seq}: {problem}").format(seq=finding.seq, span=span,
                                                                    problem=finding.problem)


def _write_audit_csv(path: Path, entries: list[audit.Entry]) -> None:
    """UTF-8 with BOM (Excel), owner-only from the first byte: the trail names officials and items."""
    with open_private(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(AUDIT_COLUMNS)
        for e in entries:
            writer.writerow([e.seq, e.at, _cell(e.actor), e.action, e.kind or "", e.item_id or "", e.detail,
                             e.prev_hash, e.hash])


def cmd_record(args: argparse.Namespace, profile: Path) -> int:
    """The dashboard's numbers for a period, through the window's computation and tables (ui.record_tables)."""
    if args.format == "xlsx" and not args.output:
        raise CommandError(translate("cli", "Định dạng xlsx cần --output TỆP.xlsx."))
    try:
        period = Period(args.first, args.last)
    except ValueError:
        raise CommandError(translate("cli", "Ngày --to không được trước ngày --from.")) from None
    with _services(profile, args) as (_session, services):
        workspace = services.workspace
        result = workspace.ward_record(args.kind, period, datetime.now(UTC))
        tables = record_tables.record_tables(result, record_tables.Names.of(args.kind, workspace.reference))
        output = Path(args.output) if args.output else None
        try:  # to a file whole or not at all (ui.whole_file): a failed write keeps an earlier file
            if args.format == "json":
                text = json.dumps(record_tables.as_json(result, tables), ensure_ascii=False, indent=1)
                if output is not None:
                    with whole_file(output, "w", encoding="utf-8") as out:
                        out.write(text + "\n")
                else:
                    say(json_safe(text))
            else:
                record_tables.write(args.format, tables, output)
        except OSError as exc:
            if output is None:
                raise  # stdout: a closed pipe is main's to handle, not a file that failed
            raise CommandError(why_not_written(exc, output)) from None
        workspace.record("exported", args.kind, None, {"what": "record", "format": args.format,
                                                       "to": "file" if args.output else "stdout"})
    return EXIT_OK


def _local_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(translate("cli", "cần một ngày YYYY-MM-DD")) from None


def cmd_sandbox(args: argparse.Namespace) -> int:
    from triage_desktop.sandbox.server import run_sandbox

    try:
        run_sandbox(host=args.host, port=args.port, seed=args.seed, reports=args.reports, dossiers=args.dossiers,
                    db=args.db, arrival_interval=args.arrivals, faults=args.faults, fault_seed=args.fault_seed,
                    max_page=args.max_page, access_ttl=args.access_ttl)
    except OSError as exc:  # the port is taken (another sandbox, the demo) or the address is not this machine's
        raise CommandError(translate("cli", "Không mở được máy chủ thử nghiệm ở {host}:{port} ({reason}). Chọn cổng "
                                            "khác bằng --port.").format(host=args.host, port=args.port,
                                                                        reason=exc.strerror or exc)) from None
    return EXIT_OK


def cmd_logout(args: argparse.Namespace, profile: Path) -> int:
    with _services(profile, args) as (session, _services_):
        unsent = session.unsent_count()
        if args.wipe and unsent and not args.force:
            raise CommandError(translate("cli", "Còn %n thao tác chưa gửi: xóa dữ liệu sẽ làm mất chúng. Đồng bộ trước, "
                                                "hoặc thêm --force.", "", unsent))
        session.sign_out(wipe=args.wipe)
    say(translate("cli", "Đã đăng xuất.") + (" " + translate("cli", "Đã xóa dữ liệu trên máy này.") if args.wipe else ""))
    return EXIT_OK


@contextlib.contextmanager
def _session(profile: Path) -> Iterator[ProfileSession]:
    """The profile's gate for one command; whatever it opened is closed at the end."""
    session = ProfileSession(profile, load_deployment())
    try:
        yield session
    finally:
        session.close()


@contextlib.contextmanager
def _services(profile: Path, args: argparse.Namespace) -> Iterator[tuple[ProfileSession, Services]]:
    """The profile opened for one command: the keyring's key, else the password from --password-stdin."""
    args.password = _read_password(True) if getattr(args, "password_stdin", False) else None
    with _session(profile) as session:
        services = session.open_for_command(args.password)
        recovery = cache_recovery(services.database)
        if recovery is not None:
            _say_recovered(recovery)
        yield session, services


def _say_recovered(recovery: CacheRecovery) -> None:
    """The window's message about a damaged cache, as one line on stderr: exactly what was kept and not found."""
    line = translate("cli", "Tệp dữ liệu bị hỏng đã được cất riêng ({file}); giữ lại {kept} thao tác chưa gửi.").format(
        file=recovery.file_name, kept=recovery.kept)
    if not recovery.nothing_lost:
        line += " " + translate("cli", "Không đọc lại được các thao tác số {ids} (có thể đã gửi trước đó).").format(
            ids=", ".join(map(str, recovery.not_found)) or "?")
    say(f"triage-desktop: {line}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    explicit_profile = getattr(args, "sub_profile", None) or args.profile
    profile = profile_dir(explicit_profile)
    gui = args.command in (None, "demo")
    previous_umask = restrict_new_files()  # whatever a library creates in the profile is 0600/0700
    try:
        secure_profile(profile)  # before the first write into it (the log's folder and file come next)
        setup_logging(profile, console=not gui)
        return _run(args, profile, explicit_profile, gui)
    finally:
        os.umask(previous_umask)


def _run(args: argparse.Namespace, profile: Path, explicit_profile: str | None, gui: bool) -> int:
    try:
        if gui and (problem := display_problem()) is not None:
            raise CommandError(problem)
        if args.command is None:
            return app.run_gui(profile, load_deployment(), language=args.lang)
        if args.command == "demo":
            return app.run_demo(profile_override=explicit_profile, reports=args.reports, dossiers=args.dossiers,
                                arrival_interval=args.arrivals, fresh=args.fresh, language=args.lang)
        if args.command == "sandbox":
            return cmd_sandbox(args)
        handler = {"login": cmd_login, "sync": cmd_sync, "act": cmd_act, "outbox": cmd_outbox,
                   "export": cmd_export, "logout": cmd_logout, "audit": cmd_audit, "list": cmd_list,
                   "queues": cmd_queues, "photos": cmd_photos, "print": cmd_print,
                   "record": cmd_record}[args.command]
        return handler(args, profile)
    except BrokenPipeError:
        # The reader stopped reading (`… | head`): nothing is wrong. Later writes, and the flush at exit, go nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except CommandError as exc:
        say(f"triage-desktop: {exc}", file=sys.stderr)
        return exc.code
    except DeploymentError as exc:  # IT's file, not the officer's doing: in the log too (a window has no stderr)
        log.warning("%s", exc, extra={CONSOLE: False})
        say(f"triage-desktop: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except CacheLocked as exc:
        say("triage-desktop: " + (translate("cli", "Dữ liệu trên máy này đã được mã hóa và máy không có kho khóa an "
                                                     "toàn: cần mật khẩu, dùng --password-stdin.")
                                    if exc.detail == "password_needed" else error_message(exc)), file=sys.stderr)
        return EXIT_LOGIN
    except (LoginRequired, WrongPassword) as exc:
        say(f"triage-desktop: {error_message(exc)}", file=sys.stderr)
        return EXIT_LOGIN
    except TriageError as exc:
        say(f"triage-desktop: {error_message(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except Exception:  # a bug: its own exit code (1 means "unsent actions left"), one line, the trace in the log
        log.exception("unexpected error in %r", args.command, extra={CONSOLE: False})
        say("triage-desktop: " + translate("cli", "Lỗi không mong đợi (lỗi của chương trình). Chi tiết trong "
                                                    "nhật ký: {path}").format(path=current_log_file()), file=sys.stderr)
        return EXIT_BUG
