"""Deterministic, realistic seed data: units, users, reference lists, reports and dossiers of a ward in Tây Ninh.

Same `seed` and same day → same data. Times are spread over the days before the seeding day so that
deadlines look like a real queue (some overdue, some due soon). Citizen text deliberately includes a few
hostile strings (markup, path-like file names): clients must treat it as plain, untrusted text.
"""

from __future__ import annotations

import functools
import hashlib
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from triage_desktop.core import vocabulary as v
from triage_desktop.sandbox import images, workdays
from triage_desktop.sandbox.workdays import VN

HOME_UNIT = "w_0101"
OTHER_UNIT = "w_0102"
PASSWORD = "demo123"
PROVINCE = {"code": "72", "name": "Tây Ninh"}

UNITS: list[dict[str, Any]] = [
    {"id": "p_72", "name": "Ủy ban nhân dân tỉnh Tây Ninh", "parent_id": None, "kind": "province"},
    {"id": HOME_UNIT, "name": "Phường 1", "parent_id": "p_72", "kind": "ward"},
    {"id": OTHER_UNIT, "name": "Phường Tân Ninh", "parent_id": "p_72", "kind": "ward"},
    {"id": "w_0103", "name": "Phường Ninh Thạnh", "parent_id": "p_72", "kind": "ward"},
    {"id": "c_0201", "name": "Xã Tân Biên", "parent_id": "p_72", "kind": "commune"},
    {"id": "c_0202", "name": "Xã Dương Minh Châu", "parent_id": "p_72", "kind": "commune"},
    {"id": "s_xd", "name": "Sở Xây dựng", "parent_id": "p_72", "kind": "department"},
    {"id": "s_nnmt", "name": "Sở Nông nghiệp và Môi trường", "parent_id": "p_72", "kind": "department"},
    {"id": "s_tp", "name": "Sở Tư pháp", "parent_id": "p_72", "kind": "department"},
]

# (id, username, full name, unit, roles)
USERS = [
    ("u_01", "lanhdao", "Nguyễn Thị Hồng", HOME_UNIT, ["leader"]),
    ("u_02", "canbo1", "Trần Văn Bình", HOME_UNIT, ["officer"]),
    ("u_03", "canbo2", "Lê Minh Châu", HOME_UNIT, ["officer"]),
    ("u_04", "motcua", "Phạm Thị Thu Trang", HOME_UNIT, ["clerk"]),
    ("u_11", "lanhdao_p2", "Huỳnh Văn Sơn", OTHER_UNIT, ["leader"]),
]

CATEGORIES: list[dict[str, Any]] = [
    {"code": "CAY_XANH", "name": "Cây xanh", "sla_working_days": 3, "active": True},
    {"code": "CHIEU_SANG", "name": "Chiếu sáng", "sla_working_days": 3, "active": True},
    {"code": "VE_SINH_MT", "name": "Vệ sinh môi trường", "sla_working_days": 2, "active": True},
    {"code": "TRAT_TU_DT", "name": "Trật tự đô thị", "sla_working_days": 5, "active": True},
    {"code": "GIAO_THONG", "name": "Giao thông", "sla_working_days": 5, "active": True},
    {"code": "THOAT_NUOC", "name": "Thoát nước", "sla_working_days": 5, "active": True},
    {"code": "XAY_DUNG", "name": "Trật tự xây dựng", "sla_working_days": 7, "active": True},
    {"code": "QUANG_CAO", "name": "Quảng cáo, rao vặt", "sla_working_days": 5, "active": False},
]
SLA = {c["code"]: c["sla_working_days"] for c in CATEGORIES}

PROCEDURES: list[dict[str, Any]] = [
    {"code": "HT-KS", "name": "Đăng ký khai sinh", "processing_working_days": 1, "fee_vnd": 0, "active": True},
    {"code": "CT-XNCT", "name": "Xác nhận thông tin cư trú", "processing_working_days": 3, "fee_vnd": 0,
     "active": True},
    {"code": "CT-BS", "name": "Chứng thực bản sao từ bản chính", "processing_working_days": 1, "fee_vnd": 2000,
     "active": True},
    {"code": "HKD-DK", "name": "Đăng ký hộ kinh doanh", "processing_working_days": 3, "fee_vnd": 100000,
     "active": True},
    {"code": "HT-KT", "name": "Đăng ký khai tử", "processing_working_days": 1, "fee_vnd": 0, "active": True},
    {"code": "HT-XNHN", "name": "Cấp Giấy xác nhận tình trạng hôn nhân", "processing_working_days": 3,
     "fee_vnd": 15000, "active": True},
    {"code": "HT-KH", "name": "Đăng ký kết hôn", "processing_working_days": 5, "fee_vnd": 0, "active": True},
    {"code": "CT-CK", "name": "Chứng thực chữ ký", "processing_working_days": 1, "fee_vnd": 10000, "active": False},
]
PROCEDURE_BY_CODE = {p["code"]: p for p in PROCEDURES}

TEMPLATES = [
    {"id": "tpl_reply_done", "kind": "reply", "title": "Đã xử lý xong phản ánh",
     "body": "Kính gửi Ông/Bà {citizen_name},\nỦy ban nhân dân {unit_name} đã tiếp nhận phản ánh số {code} "
             "và đã phối hợp với đơn vị chức năng xử lý xong. Trân trọng cảm ơn Ông/Bà đã đồng hành cùng "
             "chính quyền.\nCán bộ phụ trách: {officer_name}."},
    {"id": "tpl_reply_received", "kind": "reply", "title": "Đã tiếp nhận, đang xử lý",
     "body": "Kính gửi Ông/Bà {citizen_name},\nPhản ánh số {code} đã được {unit_name} tiếp nhận và chuyển "
             "bộ phận chuyên môn xử lý, dự kiến hoàn thành trước ngày {due_date}.\nCán bộ phụ trách: "
             "{officer_name}."},
    {"id": "tpl_supplement", "kind": "supplement", "title": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
     "body": "Kính gửi Ông/Bà {citizen_name},\nHồ sơ số {code} chưa đủ thành phần theo quy định. Đề nghị "
             "Ông/Bà bổ sung các giấy tờ sau và nộp lại tại Bộ phận Một cửa {unit_name}:\n- ...\n"
             "Người hướng dẫn: {officer_name}."},
    {"id": "tpl_rejection", "kind": "rejection", "title": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
     "body": "Kính gửi Ông/Bà {citizen_name},\n{unit_name} từ chối tiếp nhận hồ sơ số {code} với lý do: "
             "...\nXin thông báo để Ông/Bà biết và thực hiện.\nNgười tiếp nhận: {officer_name}."},
    {"id": "tpl_apology", "kind": "apology", "title": "Văn bản xin lỗi và hẹn lại ngày trả kết quả",
     "body": "Kính gửi Ông/Bà {citizen_name},\n{unit_name} xin lỗi Ông/Bà vì hồ sơ số {code} chưa được giải "
             "quyết đúng hạn. Lý do: ...\nThời gian hẹn trả kết quả mới: {due_date}.\nMong Ông/Bà thông cảm."
             "\nCán bộ phụ trách: {officer_name}."},
]

STREETS = ["Đường 30/4", "Đường Cách Mạng Tháng 8", "Đường Trần Hưng Đạo", "Đường Võ Văn Truyện",
           "Đường Nguyễn Chí Thanh", "Đường Trưng Nữ Vương", "Đường Phạm Tung", "Đường Lạc Long Quân",
           "Đường Nguyễn Văn Rốp", "Đường Huỳnh Tấn Phát", "Đường Lê Lợi", "Đường Hoàng Lê Kha"]
PLACES = ["chợ Phường 1", "Trường Tiểu học Lê Văn Tám", "Nhà văn hóa khu phố 2", "Công viên 30/4",
          "trụ sở khu phố 3", "cổng Trường THCS Chu Văn An", "bến xe buýt", "Nhà thờ Tây Ninh"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý", "Trương"]
MIDDLE = ["Thị", "Văn", "Đình", "Minh", "Ngọc", "Quốc", "Thị Thùy", "Hoàng", "Đức", "Thị Mỹ", "Thanh"]
GIVEN = ["Hường", "Tâm", "Thắng", "Nhung", "Đạt", "Lệ", "Việt", "Dương", "Hưởng", "Trinh", "Triết", "Nhạn",
         "Phượng", "Đông", "Khuê", "Luỹ", "Nguyện", "Thuận", "Ước", "Xuyến", "Ngữ", "Diễm"]
PHONE_PREFIXES = ["090", "091", "093", "097", "098", "032", "035", "070", "077", "086", "039"]

# (title, description) per category; {no}, {street}, {place} are filled in.
REPORT_TEXTS: dict[str, list[tuple[str, str]]] = {
    "CAY_XANH": [
        ("Cây đổ chắn đường", "Cây xanh trước số {no} {street} bị gãy đổ sau cơn mưa chiều qua, chắn gần hết "
                              "lòng đường, xe máy phải đi vòng rất nguy hiểm."),
        ("Cành cây gãy treo trên dây điện", "Cành cây dầu lớn gần {place} bị gãy, treo lơ lửng trên đường dây "
                                            "điện, đề nghị cắt tỉa gấp trước khi rơi trúng người."),
        ("Cây xanh nghiêng sắp đổ", "Cây me tây trước nhà số {no} {street} nghiêng hẳn về phía nhà dân, rễ trồi "
                                    "lên nứt vỉa hè, mùa mưa bão rất lo."),
    ],
    "CHIEU_SANG": [
        ("Đèn đường hỏng", "Đèn đường đoạn từ số {no} đến ngã tư {street} không sáng mấy đêm nay, khu vực rất "
                           "tối, người dân đi lại khó khăn."),
        ("Đèn đường chập chờn", "Bóng đèn cao áp gần {place} chớp tắt liên tục cả đêm, đề nghị kiểm tra."),
        ("Trụ đèn hở dây điện", "Trụ đèn trước số {no} {street} bị mất nắp hộp điện, dây điện hở ngay tầm tay "
                                "trẻ em, rất nguy hiểm."),
    ],
    "VE_SINH_MT": [
        ("Rác thải tồn đọng", "Bãi rác tự phát ở đầu hẻm {no} {street} lâu ngày không được thu gom, bốc mùi hôi "
                              "thối, ruồi nhặng nhiều."),
        ("Đổ xà bần trái phép", "Có người đổ xà bần, gạch vụn ban đêm cạnh {place}, càng ngày càng nhiều."),
        ("Đốt rác gây khói", "Hộ dân ở số {no} {street} thường xuyên đốt rác, khói bay vào nhà xung quanh, "
                             "người già và trẻ nhỏ bị ho."),
    ],
    "TRAT_TU_DT": [
        ("Lấn chiếm vỉa hè", "Các hộ kinh doanh trước số {no} {street} bày hàng hóa, để xe lấn hết vỉa hè, người "
                             "đi bộ phải xuống lòng đường."),
        ("Hát karaoke quá giờ", "Quán ở số {no} {street} hát karaoke đến 12 giờ đêm, gây ồn ào mất trật tự."),
        ("Họp chợ tự phát dưới lòng đường", "Sáng nào cũng có chợ tự phát gần {place}, xe cộ ùn tắc."),
    ],
    "GIAO_THONG": [
        ("Ổ gà giữa đường", "Mặt đường {street} trước số {no} xuất hiện ổ gà lớn, sâu khoảng 20 cm, trời mưa "
                            "đọng nước rất khó thấy, đã có người té ngã."),
        ("Biển báo bị gãy", "Biển báo cấm đỗ xe gần {place} bị xe tông gãy, nằm dưới đất mấy ngày nay."),
        ("Đèn tín hiệu giao thông hỏng", "Đèn tín hiệu ở giao lộ {street} chỉ còn nhấp nháy vàng, giờ cao "
                                         "điểm rất dễ va chạm."),
    ],
    "THOAT_NUOC": [
        ("Ngập nước sau mưa", "Mỗi lần mưa lớn, đoạn {street} gần {place} ngập sâu 30–40 cm, nước rút rất chậm, "
                              "xe chết máy nhiều."),
        ("Cống thoát nước bị tắc", "Cống trước số {no} {street} bị tắc, nước thải đen tràn lên mặt đường."),
        ("Mất nắp hố ga", "Hố ga trước số {no} {street} bị mất nắp, người dân phải cắm cành cây để cảnh báo."),
    ],
    "XAY_DUNG": [
        ("Xây dựng không phép", "Công trình ở số {no} {street} đang xây thêm tầng, không thấy treo giấy phép."),
        ("Vật liệu xây dựng trên vỉa hè", "Cát, đá xây dựng đổ tràn ra vỉa hè trước số {no} {street}."),
    ],
}
# Untrusted input a real citizen portal lets through; clients must show it as plain text.
HOSTILE_TEXT = [
    "<b>KHẨN CẤP</b> <img src=x onerror=alert(1)> cây đổ trước cổng trường",
    "Xem chi tiết tại javascript:alert('x') hoặc file:///C:/Windows/ — đèn đường hỏng",
]
HOSTILE_FILENAMES = ["..\\..\\Windows\\System32\\ảnh hiện trường.jpg", "../../etc/passwd.png",
                     "CON.jpg", "ảnh\u202egpj.exe"]

NOTES = ["Đã liên hệ người phản ánh để xác minh.", "Đã báo Điện lực Tây Ninh phối hợp xử lý.",
         "Tổ công tác khu phố đã ra hiện trường kiểm tra.", "Chờ Đội Quản lý trật tự đô thị bố trí xe.",
         "Đề nghị lãnh đạo cho ý kiến hướng xử lý."]
REPLIES = ["Cảm ơn Ông/Bà đã phản ánh. Phường đã tiếp nhận và chuyển bộ phận chuyên môn xử lý.",
           "Phường đã cử cán bộ kiểm tra hiện trường, sẽ thông báo kết quả trong thời gian sớm nhất."]
RESOLUTIONS = ["Đã phối hợp đơn vị chức năng xử lý xong, hiện trường đã thông thoáng.",
               "Đã thay bóng đèn, khu vực đã sáng trở lại.", "Đã thu gom, vệ sinh sạch sẽ khu vực."]

STEPS = {
    "submitted": "Chờ tiếp nhận", "received": "Đã tiếp nhận, chờ phân công", "rejected": "Từ chối tiếp nhận",
    "processing": "Chuyên viên thụ lý", "awaiting_supplement": "Chờ công dân bổ sung",
    "awaiting_fee": "Chờ thực hiện nghĩa vụ tài chính", "withdrawn": "Công dân rút hồ sơ",
    "suspended": "Dừng xử lý", "resolved": "Chờ trả kết quả", "returned": "Đã trả kết quả",
}
SUMMARIES = {
    "HT-KS": "Đăng ký khai sinh cho con {child}",
    "CT-XNCT": "Xác nhận thông tin cư trú để bổ túc hồ sơ vay vốn",
    "CT-BS": "Chứng thực bản sao Giấy chứng nhận quyền sử dụng đất (3 bản)",
    "HKD-DK": "Đăng ký hộ kinh doanh quán cà phê tại {address}",
    "HT-KT": "Đăng ký khai tử cho ông {child}",
    "HT-XNHN": "Xác nhận tình trạng hôn nhân để đăng ký kết hôn",
    "HT-KH": "Đăng ký kết hôn với bà {child}",
}
DOSSIER_DOCUMENTS = ["Giấy chứng sinh", "CCCD mặt trước", "Tờ khai đăng ký", "Sổ hộ khẩu cũ"]


def iso(moment: datetime) -> str:
    """RFC 3339 in Vietnam time, whole seconds (the contract's own examples)."""
    return moment.astimezone(VN).isoformat(timespec="seconds")


def _token(rng: random.Random, prefix: str) -> str:
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32, ULID-like ids
    return prefix + "".join(rng.choice(alphabet) for _ in range(12))


@dataclass
class Blob:
    content_type: str
    data: bytes
    ext: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@functools.lru_cache(maxsize=8)
def image_pool(seed: int, size: int = 24) -> tuple[Blob, ...]:
    """A few distinct photos per seed; many attachments share one (content-addressed on the server)."""
    rng = random.Random(f"{seed}:images")
    pool = []
    for i in range(size):
        def colour() -> tuple[int, int, int]:
            return (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        # 320×240: big enough to look at in the photo viewer, small enough to seed in milliseconds.
        if i % 2:
            pool.append(Blob("image/png", images.make_png(320, 240, colour(), colour()), "png"))
        else:
            grid = [[colour() for _ in range(40)] for _ in range(30)]  # 8×8-pixel blocks
            pool.append(Blob("image/jpeg", images.make_jpeg(grid), "jpg"))
    return tuple(pool)


@dataclass
class Seeded:
    """Everything the store writes on first start."""

    aggregates: list[tuple[str, dict[str, Any], bool]] = field(default_factory=list)  # (kind, data, live)
    blobs: dict[str, Blob] = field(default_factory=dict)
    report_seq: int = 0
    dossier_seq: int = 0


class Timeline:
    """Builds an aggregate's events with strictly increasing times between two bounds."""

    def __init__(self, rng: random.Random, start: datetime, end: datetime) -> None:
        self.rng, self.now, self.end = rng, start, end
        self.events: list[dict[str, Any]] = []

    @classmethod
    def resume(cls, rng: random.Random, aggregate: dict[str, Any], end: datetime) -> Timeline:
        """Continue an aggregate's timeline; the caller then updates `version`/`updated_at`."""
        tl = cls(rng, datetime.fromisoformat(aggregate["updated_at"]), end)
        tl.events = aggregate["events"]
        return tl

    def add(self, type_: str, author: str | None, visibility: str, body: str | None = None,
            data: dict[str, Any] | None = None, at: datetime | None = None) -> dict[str, Any]:
        if at is None:
            room = max(60.0, (self.end - self.now).total_seconds() / 4)
            at = self.now + timedelta(seconds=self.rng.uniform(60, room))
            local = at.astimezone(VN)
            if not 7 <= local.hour < 17:  # staff work in office hours: move to the next morning
                morning = local.replace(hour=7, minute=self.rng.randint(15, 59))
                at = morning if local.hour < 7 else morning + timedelta(days=1)
            at = min(self.end, at)
        self.now = max(self.now, at)
        event = {"id": f"e_{len(self.events) + 1:04d}", "at": iso(self.now), "author_id": author, "type": type_,
                 "visibility": visibility, "body": body, "data": data or {}}
        self.events.append(event)
        return event


class Generator:
    """Makes reports and dossiers; one instance per seeding run or per live arrival."""

    def __init__(self, rng: random.Random, pool: tuple[Blob, ...], blobs: dict[str, Blob]) -> None:
        self.rng, self.pool, self.blobs = rng, pool, blobs

    # -- small pieces ---------------------------------------------------------------------------
    def person(self) -> str:
        r = self.rng
        return f"{r.choice(FAMILY)} {r.choice(MIDDLE)} {r.choice(GIVEN)}"

    def phone(self) -> str:
        return self.rng.choice(PHONE_PREFIXES) + "".join(str(self.rng.randrange(10)) for _ in range(7))

    def address(self) -> tuple[str, str, str]:
        no, street = str(self.rng.randint(1, 250)), self.rng.choice(STREETS)
        return no, street, f"{no} {street}, Phường 1, Tây Ninh"

    def attachment(self, at: datetime, origin: str, stem: str | None = None) -> dict[str, Any]:
        blob = self.rng.choice(self.pool)
        self.blobs[blob.sha256] = blob
        if stem is not None:
            filename = f"{stem}.{blob.ext}"
        elif self.rng.random() < 0.04:
            filename = self.rng.choice(HOSTILE_FILENAMES)
        else:
            filename = self.rng.choice([f"IMG_{at:%Y%m%d_%H%M%S}.{blob.ext}", f"zalo_{int(at.timestamp())}."
                                        f"{blob.ext}", f"Ảnh hiện trường {self.rng.randint(1, 9)}.{blob.ext}"])
        return {"id": _token(self.rng, "a_"), "filename": filename, "content_type": blob.content_type,
                "size": len(blob.data), "sha256": blob.sha256, "uploaded_at": iso(at), "origin": origin}

    # -- reports ---------------------------------------------------------------------------------
    def report(self, number: int, submitted: datetime, status: str, unit_id: str, members: list[str],
               end: datetime) -> dict[str, Any]:
        r = self.rng
        category = r.choice([c["code"] for c in CATEGORIES if c["active"]])
        title, text = r.choice(REPORT_TEXTS[category])
        no, street, address = self.address()
        description = text.format(no=no, street=street, place=r.choice(PLACES))
        if r.random() < 0.03:
            description = r.choice(HOSTILE_TEXT)
        channel = r.choices(v.REPORT_CHANNELS, weights=[6, 2, 2, 1])[0]
        tl = Timeline(r, submitted, end)
        tl.add("submitted", None, "public", data={"channel": channel}, at=submitted)
        attachments = [self.attachment(submitted, "citizen") for _ in range(r.randint(1, 2))]
        leader, officers = members[0], members[1:3] or members[:1]
        assignee = None
        priority = r.choices(v.PRIORITIES, weights=[15, 60, 18, 7])[0]
        closed_at = rating = None
        before = "new"
        if status != "new":
            if status != "rejected" or r.random() < 0.5:
                tl.add("acknowledged", r.choice(members), "public", data={"from": "new", "to": "acknowledged"})
                before = "acknowledged"
            if status != "rejected":
                assignee = r.choice(officers)
                tl.add("assigned", leader, "internal", data={"from": None, "to": assignee})
                if r.random() < 0.6:
                    tl.add("note", assignee, "internal", body=r.choice(NOTES))
        if status in ("in_progress", "resolved", "closed"):
            tl.add("status_changed", assignee, "public", data={"from": "acknowledged", "to": "in_progress"})
            if r.random() < 0.5:
                tl.add("reply", assignee, "public", body=r.choice(REPLIES), data={"attachment_ids": []})
        if status in ("resolved", "closed"):
            tl.add("resolved", assignee, "public", body=r.choice(RESOLUTIONS),
                   data={"from": "in_progress", "to": "resolved"})
        if status == "closed":
            closed_at = tl.add("status_changed", leader, "public", data={"from": "resolved", "to": "closed"})["at"]
            if r.random() < 0.6:
                rating = r.choices([1, 2, 3, 4, 5], weights=[1, 1, 2, 4, 6])[0]
                tl.add("rated", None, "public", data={"rating": rating})
        if status == "rejected":
            reason = r.choice(["duplicate", "not_competent", "spam", "insufficient_info"])
            closed_at = tl.add("rejected", leader, "public", body="Phản ánh không thuộc phạm vi xử lý của phường.",
                               data={"from": before, "to": "rejected", "reason": reason})["at"]
        lat, lon = 11.31 + r.uniform(-0.012, 0.012), 106.10 + r.uniform(-0.012, 0.012)
        return {
            "id": _token(r, "r_"), "code": f"PA-{submitted.year}-{number:06d}", "kind": "report",
            "version": len(tl.events), "channel": channel, "category_code": category, "title": title,
            "description": description,
            "location": {"lat": round(lat, 6), "lon": round(lon, 6), "address": address},
            "citizen": {"name": self.person(), "phone": self.phone(), "contact_allowed": r.random() < 0.85},
            "status": status, "priority": priority, "assignee_id": assignee, "unit_id": unit_id,
            "submitted_at": iso(submitted), "updated_at": tl.events[-1]["at"],
            "due_at": iso(workdays.due_after(submitted, SLA[category])), "closed_at": closed_at,
            "citizen_rating": rating, "attachments": attachments, "events": tl.events,
        }

    # -- dossiers --------------------------------------------------------------------------------
    def dossier(self, number_of_day: int, submitted: datetime, status: str, unit_id: str, members: list[str],
                end: datetime) -> dict[str, Any]:
        r = self.rng
        procedure = r.choice([p for p in PROCEDURES if p["active"]])
        channel = r.choices(v.DOSSIER_CHANNELS, weights=[5, 4, 1])[0]
        applicant = self.person()
        _, _, address = self.address()
        birth_year = r.randint(1950, 2004)
        century_sex = r.choice("01") if birth_year < 2000 else r.choice("23")
        id_number = f"072{century_sex}{birth_year % 100:02d}{r.randrange(10**6):06d}"
        tl = Timeline(r, submitted, end)
        tl.add("submitted", None, "public", data={"channel": channel}, at=submitted)
        clerk, leader, officers = members[-1], members[0], members[1:3] or members[:1]
        assignee = received_at = returned_at = None
        stems = r.sample(DOSSIER_DOCUMENTS, r.randint(1, 3))
        attachments = [self.attachment(submitted, "citizen", stem) for stem in stems]
        due_from = submitted
        if status == "rejected":
            tl.add("rejected", clerk, "public", body="Hồ sơ không đúng thẩm quyền giải quyết của phường.",
                   data={"from": "submitted", "to": "rejected"})
        elif status != "submitted":
            received_at = tl.add("acknowledged", clerk, "public", data={"from": "submitted", "to": "received"})["at"]
            due_from = datetime.fromisoformat(received_at)
            if status != "received":
                assignee = r.choice(officers)
                tl.add("assigned", leader, "internal", data={"from": None, "to": assignee})
                tl.add("status_changed", assignee, "public", data={"from": "received", "to": "processing"})
                if r.random() < 0.4:
                    tl.add("note", assignee, "internal", body="Đã đối chiếu bản chính, thành phần hồ sơ hợp lệ.")
        if status == "awaiting_supplement":
            docs = ["Bản sao Giấy chứng nhận kết hôn của cha mẹ"]
            tl.add("supplement_requested", assignee, "public", body="Đề nghị bổ sung giấy tờ còn thiếu.",
                   data={"documents": docs})
        elif status == "awaiting_fee":
            tl.add("fee_requested", assignee, "public", body="Đề nghị nộp lệ phí theo quy định.",
                   data={"amount_vnd": procedure["fee_vnd"] or 20000})
        elif status == "suspended":
            tl.add("suspended", leader, "public", body="Công dân đề nghị dừng để bổ sung giấy tờ gốc.",
                   data={"from": "processing", "to": "suspended"})
        elif status in ("resolved", "returned"):
            tl.add("resolved", assignee, "public", body="Đã ký duyệt kết quả.",
                   data={"from": "processing", "to": "resolved"})
            if status == "returned":
                returned_at = tl.add("result_returned", clerk, "public", body="Đã trả kết quả tại Bộ phận Một cửa.",
                                     data={"from": "resolved", "to": "returned"})["at"]
        elif status == "withdrawn":
            tl.add("withdrawn", None, "public", body="Công dân rút hồ sơ.", data={"to": "withdrawn"})
        child = self.person()
        return {
            "id": _token(r, "d_"), "code": f"000.00.23.H57-{submitted:%y%m%d}-{number_of_day:04d}",
            "kind": "dossier", "version": len(tl.events), "procedure_code": procedure["code"], "channel": channel,
            "applicant": {"name": applicant, "id_number": id_number, "phone": self.phone(), "address": address},
            "summary": SUMMARIES[procedure["code"]].format(child=child, address=address),
            "status": status, "dvc_code": v.DVC_CODES[status], "step": STEPS[status],
            "assignee_id": assignee, "unit_id": unit_id,
            "submitted_at": iso(submitted), "received_at": received_at,
            "due_at": iso(workdays.due_after(due_from, procedure["processing_working_days"])),
            "paused_working_days": 0, "returned_at": returned_at, "fee_vnd": procedure["fee_vnd"],
            "updated_at": tl.events[-1]["at"], "attachments": attachments, "events": tl.events,
        }


def _report_status(rng: random.Random, age_days: float) -> str:
    if age_days < 1.5:
        return rng.choices(["new", "acknowledged", "in_progress"], weights=[6, 2, 1])[0]
    if age_days < 5:
        return rng.choices(["new", "acknowledged", "in_progress", "resolved", "rejected"], weights=[2, 3, 4, 1, 1])[0]
    return rng.choices(["in_progress", "resolved", "closed", "rejected", "acknowledged"], weights=[3, 3, 6, 1, 1])[0]


def _dossier_status(rng: random.Random, age_days: float) -> str:
    if age_days < 1.5:
        return rng.choices(["submitted", "received", "processing"], weights=[5, 3, 2])[0]
    return rng.choices(["received", "processing", "awaiting_supplement", "awaiting_fee", "resolved", "returned",
                        "rejected", "suspended"], weights=[1, 5, 2, 1, 2, 5, 1, 1])[0]


def seed_data(seed: int, reports: int, dossiers: int, today: datetime) -> Seeded:
    """`reports`/`dossiers` live items visible to w_0101, plus a few hidden ones (merged, withdrawn,
    transferred away, another ward's) so that invisibility and deletes can be tested."""
    rng = random.Random(seed)
    out = Seeded()
    gen = Generator(rng, image_pool(seed), out.blobs)
    home = [u[0] for u in USERS if u[3] == HOME_UNIT]
    other = [u[0] for u in USERS if u[3] == OTHER_UNIT]
    end = today - timedelta(minutes=5)

    def when(age_days: float) -> datetime:
        return today - timedelta(days=age_days)

    def spread(count: int) -> list[float]:
        # Oldest first so that codes grow with time; the newest few are fresh arrivals.
        return sorted((rng.uniform(0.05, 20) for _ in range(count)), reverse=True)

    extra = reports // 40 if reports >= 10 else 0
    ages = spread(reports)
    fresh = max(2, reports // 10) if reports >= 2 else reports
    for i, age in enumerate(ages):
        status = "new" if i >= len(ages) - fresh else _report_status(rng, age)
        out.report_seq += 1
        out.aggregates.append(("report", gen.report(out.report_seq, when(age), status, HOME_UNIT, home, end), True))
    live_reports = [data for kind, data, _ in out.aggregates if kind == "report"]
    for i in range(extra):  # duplicates merged into a live original
        out.report_seq += 1
        dup = gen.report(out.report_seq, when(rng.uniform(1, 10)), "acknowledged", HOME_UNIT, home, end)
        original = live_reports[i % len(live_reports)]
        Timeline.resume(rng, dup, end).add("merged", home[0], "internal", data={"into_id": original["id"]})
        dup.update(merged_into_id=original["id"], version=len(dup["events"]), updated_at=dup["events"][-1]["at"])
        out.aggregates.append(("report", dup, False))
    for _ in range(extra):  # transferred to another ward: live there, invisible here
        out.report_seq += 1
        moved = gen.report(out.report_seq, when(rng.uniform(2, 12)), "new", HOME_UNIT, home, end)
        Timeline.resume(rng, moved, end).add("transferred", home[0], "public", body="Địa điểm thuộc địa bàn Phường Tân Ninh.",
               data={"from_unit": HOME_UNIT, "to_unit": OTHER_UNIT})
        moved.update(status="transferred", unit_id=OTHER_UNIT, version=len(moved["events"]),
                     updated_at=moved["events"][-1]["at"])
        out.aggregates.append(("report", moved, True))
    if reports:
        for age in spread(2):  # another ward's own reports
            out.report_seq += 1
            out.aggregates.append(("report", gen.report(out.report_seq, when(age), "new", OTHER_UNIT, other + other,
                                                        end), True))

    per_day: dict[str, int] = {}

    def next_number(moment: datetime) -> int:
        key = f"{moment:%y%m%d}"
        per_day[key] = per_day.get(key, 0) + 1
        return per_day[key]

    d_ages = spread(dossiers)
    d_fresh = max(1, dossiers // 10) if dossiers else 0
    for i, age in enumerate(d_ages):
        status = "submitted" if i >= len(d_ages) - d_fresh else _dossier_status(rng, age)
        moment = when(age)
        out.aggregates.append(("dossier", gen.dossier(next_number(moment), moment, status, HOME_UNIT, home, end),
                               True))
    for _ in range(dossiers // 40 if dossiers >= 10 else 0):  # withdrawn by the citizen: deleted from the feed
        moment = when(rng.uniform(2, 12))
        out.aggregates.append(("dossier", gen.dossier(next_number(moment), moment, "withdrawn", HOME_UNIT, home,
                                                      end), False))
    if dossiers:
        moment = when(rng.uniform(1, 5))
        out.aggregates.append(("dossier", gen.dossier(next_number(moment), moment, "processing", OTHER_UNIT,
                                                      other + other + other, end), True))
    out.dossier_seq = sum(per_day.values())
    return out


def arrival(seed: int, number: int, now: datetime, unit_id: str, members: list[str],
            blobs: dict[str, Blob]) -> dict[str, Any]:
    """A new citizen report arriving now (deterministic per seed and number)."""
    rng = random.Random(f"{seed}:arrival:{number}")
    gen = Generator(rng, image_pool(seed), blobs)
    return gen.report(number, now, "new", unit_id, members, now)


def start_of_day(moment: datetime) -> datetime:
    local = moment.astimezone(VN)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)

