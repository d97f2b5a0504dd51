"""Deterministic Vietnamese field reports for the benchmarks: same seed and index, same report, byte for byte.

Built from ~35 complaint sentences plus filler, street and person names with đ/Đ and stacked marks, 6
statuses, 12 categories and an `extra` dict; descriptions run 200–2000 characters (mean ≈ 850), so a
report is ≈ 1.8 KB of UTF-8 JSON like the ceilings' corpus. Every report passes the wire models.

Deadlines as a ward sees them on the bench's clock `NOW` (a Monday morning just after the newest of 1M reports):
each category has its own handling time, a report still inside it is mostly open work, one past it is mostly
settled, and a few percent of those are still open, so overdue (LATE_OPEN_SHARE of the old ones); the newest
fall due soon or later. Channels follow a ward's mix (Zalo first). These come from a second random stream, so
everything the first one made (titles, phones, codes the searches look for) is unchanged.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

SENTENCES = (
    "Cây đổ chắn ngang đường sau cơn mưa lớn đêm qua",
    "Đèn đường hỏng nhiều ngày khiến người dân đi lại khó khăn",
    "Rác thải ùn ứ tại góc chợ bốc mùi hôi thối",
    "Nước ngập sâu trên tuyến đường mỗi khi trời mưa",
    "Ổ gà lớn giữa mặt đường gây nguy hiểm cho xe máy",
    "Cống thoát nước bị tắc nghẽn lâu ngày",
    "Lấn chiếm vỉa hè để buôn bán gây cản trở giao thông",
    "Tiếng ồn từ quán karaoke kéo dài đến khuya",
    "Xe tải đậu đỗ trái phép trước cổng trường học",
    "Dây điện chằng chịt có nguy cơ cháy nổ",
    "Cây xanh nghiêng sắp đổ vào nhà dân",
    "Đường ống nước bị vỡ gây lãng phí nước sạch",
    "Công trình xây dựng không che chắn làm bụi bay mù mịt",
    "Chó thả rông không rọ mõm gây mất an toàn",
    "Biển báo giao thông bị che khuất bởi cành cây",
    "Nắp hố ga bị mất rất nguy hiểm cho người đi đường",
    "Khói từ lò đốt rác gây ô nhiễm không khí khu dân cư",
    "Đề nghị cắt tỉa cành cây trước mùa mưa bão",
    "Người dân phản ánh tình trạng trộm cắp xe đạp",
    "Đường đất lầy lội sau mỗi trận mưa",
    "Hệ thống chiếu sáng công viên không hoạt động",
    "Quảng cáo dán trái phép trên cột điện",
    "Mùi hôi từ cơ sở chăn nuôi heo gần khu dân cư",
    "Vỉa hè bị hư hỏng nặng sau khi thi công cáp ngầm",
    "Đề nghị lắp thêm gờ giảm tốc trước cổng chợ",
    "Cầu gỗ bắc qua kênh đã mục nát cần sửa chữa gấp",
    "Bãi rác tự phát ven kênh ngày càng lớn",
    "Trụ điện nghiêng có nguy cơ ngã đổ",
    "Nhà hoang bị người lạ tụ tập vào ban đêm",
    "Đề nghị nạo vét kênh mương để tránh ngập úng",
    "Xe chở vật liệu làm rơi vãi đất đá trên đường",
    "Tiếng ồn từ xưởng cơ khí ảnh hưởng giấc ngủ người dân",
    "Đường hẻm tối om do bóng đèn bị cháy",
    "Cây cổ thụ bị sâu đục thân cần kiểm tra",
    "Nước thải sinh hoạt chảy tràn ra mặt đường",
)
FILLER = ("rất", "nhiều", "người", "dân", "đã", "nhiều lần", "phản ánh", "mong", "cơ quan", "chức năng",
          "sớm", "xử lý", "khu phố", "ấp", "gần", "trường", "chợ", "đề nghị", "kiểm tra", "khắc phục")
STREETS = ("Đường 30/4", "Trần Hưng Đạo", "Nguyễn Thị Định", "Lê Lợi", "Điện Biên Phủ", "Cách Mạng Tháng Tám",
           "Phạm Văn Đồng", "Hoàng Diệu", "Đinh Tiên Hoàng", "Võ Thị Sáu", "Lý Thường Kiệt", "Bùi Thị Xuân")
WARDS = ("Phường 1", "Phường 2", "Phường 3", "Phường Hiệp Ninh", "Xã Bình Minh", "Xã Thạnh Tân")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương")
MIDDLE = ("Văn", "Thị", "Đình", "Minh", "Ngọc", "Hữu", "Thanh", "Đức")
GIVEN = ("Tâm", "Hùng", "Lan", "Đạt", "Phượng", "Quyết", "Hằng", "Dũng", "Nguyệt", "Thảo", "Khoa", "Đông")
STATUSES = ("new", "acknowledged", "in_progress", "resolved", "closed", "rejected")
CATEGORIES = ("CAY_XANH", "CHIEU_SANG", "VE_SINH", "THOAT_NUOC", "GIAO_THONG", "TRAT_TU", "TIENG_ON",
              "XAY_DUNG", "DIEN", "NUOC_SACH", "MOI_TRUONG", "KHAC")
CHANNELS = ("zalo_mini_app", "hotline", "web", "walk_in")
CHANNEL_WEIGHTS = (45, 20, 20, 15)
# Calendar days from arrival to the deadline, per category (the contract's sla_working_days, weekends included).
HANDLING_DAYS = dict(zip(CATEGORIES, (3, 5, 2, 5, 3, 4, 2, 10, 4, 5, 7, 5), strict=True))
LATE_OPEN_SHARE = 0.03  # reports past their deadline and still open: overdue on the bench's clock
PRIORITIES = ("low", "normal", "normal", "normal", "high", "urgent")
ASSIGNEES = tuple(f"u_{n}" for n in range(1, 21))
ME = "u_1"
EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
NOW = datetime(2025, 6, 30, 2, 0, tzinfo=UTC)  # the bench's clock: Monday 30/06/2025 09:00 in Vietnam


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def _description(rng: random.Random) -> str:
    target = int(rng.triangular(200, 2000, 350))
    parts: list[str] = []
    size = 0
    while size < target:
        words = [SENTENCES[rng.randrange(len(SENTENCES))]]
        words += rng.sample(FILLER, rng.randint(2, 6))
        sentence = " ".join(words) + ". "
        parts.append(sentence)
        size += len(sentence)
    return "".join(parts)[:target].rstrip()


def report(index: int, seed: int = 1, version: int = 1) -> dict[str, Any]:
    """Report number `index` (ids r_0000001…): deterministic in (seed, index, version)."""
    rng = random.Random(seed * 1_000_003 + index)
    submitted = EPOCH + timedelta(seconds=index * 47 + rng.randrange(40))
    updated = submitted + timedelta(hours=rng.randrange(1, 400))
    status = STATUSES[rng.randrange(len(STATUSES))]
    assignee = None if rng.random() < 0.2 else ASSIGNEES[rng.randrange(len(ASSIGNEES))]
    street = STREETS[rng.randrange(len(STREETS))]
    name = f"{FAMILY[rng.randrange(12)]} {MIDDLE[rng.randrange(8)]} {GIVEN[rng.randrange(12)]}"
    phone = f"09{rng.randrange(10**8):08d}"
    title = SENTENCES[rng.randrange(len(SENTENCES))]
    channel = CHANNELS[rng.randrange(4)]  # the first stream's draws, in the order they always were
    category = CATEGORIES[rng.randrange(len(CATEGORIES))]
    description = _description(rng)
    # The deadline spread (module docstring), from its own stream: the draws above stay as they were.
    spread = random.Random(seed * 7_919 + index * 31 + 17)
    due = submitted + timedelta(days=HANDLING_DAYS[category])
    if due > NOW:  # still inside its handling time: mostly open
        status = spread.choices(("new", "acknowledged", "in_progress", "resolved"), (30, 25, 35, 10))[0]
    elif spread.random() < LATE_OPEN_SHARE:
        status = spread.choices(("new", "acknowledged", "in_progress"), (10, 30, 60))[0]
    else:
        status = spread.choices(("resolved", "closed", "rejected"), (15, 75, 10))[0]
    if status == "new" and spread.random() < 0.7:  # new work is mostly not handed out yet
        assignee = None
    channel = spread.choices(CHANNELS, CHANNEL_WEIGHTS)[0] if spread.random() < 0.9 else channel
    return {
        "id": f"r_{index:07d}", "code": f"PA-{submitted.year}-{index:07d}", "kind": "report", "version": version,
        "channel": channel, "category_code": category,
        "title": title, "description": description,
        "location": {"lat": round(11.2 + rng.random() / 5, 6), "lon": round(106.0 + rng.random() / 5, 6),
                     "address": f"{rng.randint(1, 500)} {street}, {WARDS[rng.randrange(len(WARDS))]}"},
        "citizen": {"name": name, "phone": phone, "contact_allowed": rng.random() < 0.8},
        "status": status, "priority": PRIORITIES[rng.randrange(len(PRIORITIES))], "assignee_id": assignee,
        "unit_id": "w_0101", "submitted_at": _iso(submitted), "updated_at": _iso(updated),
        "due_at": _iso(due),
        "closed_at": _iso(updated) if status == "closed" else None, "citizen_rating": None,
        "attachments": [], "events": [{"id": "e_1", "at": _iso(submitted), "author_id": None, "type": "submitted",
                                       "visibility": "public", "body": None, "data": {}}],
        "extra": {"source_ref": f"ZL-{rng.randrange(10**9)}", "ward_code": "26734", "tags": ["bench"]},
    }


def change(index: int, seed: int = 1, version: int = 1) -> dict[str, Any]:
    data = report(index, seed, version)
    return {"kind": "report", "op": "upsert", "id": data["id"], "version": version, "data": data}
