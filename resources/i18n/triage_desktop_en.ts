<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="117"/>
        <source>{kind} {code}</source>
        <translation>{kind} {code}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="139"/>
        <source>{action} (Ctrl+Enter)</source>
        <translation>{action} (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="142"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="162"/>
        <source>Đồng ý</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="193"/>
        <source>Không còn thấy tệp {names} trên máy: hãy đính kèm lại.</source>
        <translation>The file {names} is no longer on this PC: attach it again.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="246"/>
        <source>Bản nháp đã lưu lúc {time}</source>
        <translation>Draft saved at {time}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="260"/>
        <source>Đang viết dở</source>
        <translation>Unfinished text</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="261"/>
        <source>Nội dung đang viết chưa được gửi. Giữ lại làm bản nháp để viết tiếp sau?</source>
        <translation>What you are writing has not been sent. Keep it as a draft to finish later?</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="265"/>
        <source>Giữ bản nháp</source>
        <translation>Keep draft</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="266"/>
        <source>Bỏ nội dung</source>
        <translation>Discard text</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="267"/>
        <source>Tiếp tục viết</source>
        <translation>Keep writing</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="476"/>
        <source>Phân công xử lý</source>
        <translation>Assign</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="479"/>
        <source>Phân công</source>
        <translation>Assign</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="490"/>
        <source>Giao cho</source>
        <translation>Assign to</translation>
    </message>
</context>
<context>
    <name>AttachmentList</name>
    <message>
        <location filename="../../triage_desktop/ui/widgets/attachment_list.py" line="67"/>
        <source>Đính kèm…</source>
        <translation>Attach…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/widgets/attachment_list.py" line="71"/>
        <source>hoặc kéo thả tệp vào đây · JPEG, PNG, PDF, DOCX, XLSX, tối đa {size} mỗi tệp</source>
        <translation>or drag files here · JPEG, PNG, PDF, DOCX, XLSX, up to {size} each</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/widgets/attachment_list.py" line="88"/>
        <source>Tối đa {n} tệp cho một lần gửi.</source>
        <translation>At most {n} files per message.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/widgets/attachment_list.py" line="110"/>
        <source>Chọn tệp đính kèm</source>
        <translation>Choose files to attach</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/widgets/attachment_list.py" line="111"/>
        <source>Ảnh, PDF, Word, Excel ({patterns})</source>
        <translation>Photos, PDF, Word, Excel ({patterns})</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/widgets/attachment_list.py" line="159"/>
        <source>Bỏ</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/widgets/attachment_list.py" line="161"/>
        <source>Bỏ tệp “{name}” khỏi lần gửi này</source>
        <translation>Remove “{name}” from this message</translation>
    </message>
</context>
<context>
    <name>AttachmentOpener</name>
    <message>
        <location filename="../../triage_desktop/ui/attachment_opener.py" line="77"/>
        <source>Đang mở “{name}”…</source>
        <translation>Opening “{name}”…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/attachment_opener.py" line="103"/>
        <source>Tệp này không phải ảnh đọc được. Bạn có thể lưu về máy để xem bằng chương trình khác.</source>
        <translation>This file is not a readable image. You can save it to this computer and open it with another program.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/attachment_opener.py" line="106"/>
        <source>Không tải được tệp đính kèm. {reason}</source>
        <translation>Could not download the attachment. {reason}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/attachment_opener.py" line="123"/>
        <source>Tệp này không phải ảnh đọc được.</source>
        <translation>This file is not a readable photo.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/attachment_opener.py" line="124"/>
        <source>Không tải được ảnh. {reason}</source>
        <translation>The photo could not be loaded. {reason}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/attachment_opener.py" line="133"/>
        <source>Lưu tệp đính kèm</source>
        <translation>Save attachment</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/attachment_opener.py" line="140"/>
        <source>Đã lưu “{name}”</source>
        <translation>Saved “{name}”</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/attachment_opener.py" line="144"/>
        <source>Không lưu được tệp (ổ đĩa đầy hoặc không có quyền ghi vào thư mục này). Hãy chọn nơi khác.</source>
        <translation>Could not save the file (the disk is full or this folder cannot be written to). Please choose another place.</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../../triage_desktop/ui/record_chart.py" line="99"/>
        <source>Không có số liệu trong kỳ này.</source>
        <translation>No data for this period.</translation>
    </message>
</context>
<context>
    <name>BulkAssignDialog</name>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/dialogs/bulk_assign_dialog.py" line="36"/>
        <location filename="../../triage_desktop/ui/dialogs/bulk_assign_dialog.py" line="53"/>
        <source>Phân công %n mục</source>
        <translation>
            <numerusform>Assign %n item</numerusform>
            <numerusform>Assign %n items</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/bulk_assign_dialog.py" line="39"/>
        <source>Mỗi mục được phân công riêng và gửi lên máy chủ như một thao tác riêng; mục nào đã bị người khác thay đổi sẽ hiện xung đột để xử lý riêng.</source>
        <translation>Each item is assigned and sent to the server as its own action; an item someone else has changed shows a conflict to settle on its own.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/bulk_assign_dialog.py" line="51"/>
        <source>Giao cho</source>
        <translation>Assign to</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/bulk_assign_dialog.py" line="57"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CloseGuard</name>
    <message>
        <location filename="../../triage_desktop/ui/close_guard.py" line="15"/>
        <source>Còn thao tác chưa gửi</source>
        <translation>Unsent actions</translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/close_guard.py" line="16"/>
        <source>%n thao tác đang chờ gửi lên máy chủ. Chúng được giữ trên máy này và sẽ được gửi vào lần mở chương trình tới.</source>
        <translation>
            <numerusform>%n action is waiting to be sent to the server. It is kept on this PC and will be sent the next time the program starts.</numerusform>
            <numerusform>%n actions are waiting to be sent to the server. They are kept on this PC and will be sent the next time the program starts.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/close_guard.py" line="21"/>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/close_guard.py" line="22"/>
        <source>Ở lại</source>
        <translation>Stay</translation>
    </message>
</context>
<context>
    <name>ConflictPanel</name>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="39"/>
        <source>Phản ánh không còn trong danh sách của đơn vị bạn.</source>
        <translation>This report is no longer in your unit&apos;s list.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="40"/>
        <source>Hồ sơ không còn trong danh sách của đơn vị bạn.</source>
        <translation>This dossier is no longer in your unit&apos;s list.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="41"/>
        <source>Phản ánh được gửi lúc {time}, chưa có cập nhật nào</source>
        <translation>The report was submitted at {time} and has not been updated since</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="42"/>
        <source>Hồ sơ được gửi lúc {time}, chưa có cập nhật nào</source>
        <translation>The dossier was submitted at {time} and has not been updated since</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="43"/>
        <source>Phản ánh đã được {name} cập nhật lúc {time}</source>
        <translation>The report was updated by {name} at {time}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="44"/>
        <source>Hồ sơ đã được {name} cập nhật lúc {time}</source>
        <translation>The dossier was updated by {name} at {time}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="45"/>
        <source>Phản ánh đã được cập nhật lúc {time}</source>
        <translation>The report was updated at {time}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="46"/>
        <source>Hồ sơ đã được cập nhật lúc {time}</source>
        <translation>The dossier was updated at {time}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="47"/>
        <source>Phản ánh đã được cập nhật</source>
        <translation>The report was updated</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="48"/>
        <source>Hồ sơ đã được cập nhật</source>
        <translation>The dossier was updated</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="77"/>
        <source>Xung đột</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="77"/>
        <source>Lỗi</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="88"/>
        <source>Máy chủ trả lời: {words}</source>
        <translation>The server answered: {words}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="105"/>
        <source>Thao tác không thể gửi lại vì mục này không còn thuộc đơn vị. Hãy chép lại nội dung cần giữ (nếu có), rồi bỏ thao tác này.</source>
        <translation>This action cannot be sent again because the item no longer belongs to your unit. Copy anything you want to keep, then discard the action.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="108"/>
        <source>Thao tác chưa được thực hiện. Xem thông tin mới nhất trên máy chủ, rồi áp dụng lại trên phiên bản mới hoặc bỏ thao tác này.</source>
        <translation>The action was not carried out. Check the latest state on the server, then re-apply it on the new version or discard it.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="111"/>
        <source>Thao tác chưa được thực hiện. Xem lý do ở trên, rồi áp dụng lại hoặc bỏ thao tác này.</source>
        <translation>The action was not carried out. See the reason above, then re-apply or discard it.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="118"/>
        <source>Áp dụng lại trên phiên bản mới</source>
        <translation>Re-apply on the new version</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="126"/>
        <source>Bỏ thao tác này</source>
        <translation>Discard this action</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="148"/>
        <source>Bạn muốn</source>
        <translation>You wanted</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="158"/>
        <source>Trên máy chủ hiện nay</source>
        <translation>On the server now</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="166"/>
        <source>Trạng thái: {status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="169"/>
        <source>Chưa phân công</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="170"/>
        <source>Người xử lý: {name}</source>
        <translation>Assignee: {name}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="173"/>
        <source>Bước xử lý: {step}</source>
        <translation>Step: {step}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="188"/>
        <source>công dân</source>
        <translation>the citizen</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/conflict_panel.py" line="190"/>
        <source>hệ thống</source>
        <translation>the system</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="98"/>
        <source>Chọn một phản ánh hoặc hồ sơ trong danh sách để xem chi tiết.</source>
        <translation>Select a report or dossier in the list to see its details.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="70"/>
        <source>Tiếp nhận</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="73"/>
        <source>Phân công…</source>
        <translation>Assign…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="77"/>
        <source>Nhận xử lý</source>
        <translation>Take it on</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="81"/>
        <source>Ghi chú nội bộ…</source>
        <translation>Internal note…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="86"/>
        <source>Trả lời công dân…</source>
        <translation>Reply to citizen…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="92"/>
        <source>Đổi trạng thái…</source>
        <translation>Change status…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="96"/>
        <source>Yêu cầu bổ sung…</source>
        <translation>Request documents…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="100"/>
        <source>Trả kết quả…</source>
        <translation>Return result…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="310"/>
        <source>Nội dung phản ánh</source>
        <translation>Report description</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="312"/>
        <source>Tệp đính kèm</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="314"/>
        <source>Diễn biến xử lý</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="324"/>
        <source>Chưa có diễn biến nào.</source>
        <translation>Nothing has happened yet.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="274"/>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="371"/>
        <source>{kind} · {code}</source>
        <translation>{kind} · {code}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="131"/>
        <source>Thao tác khác</source>
        <translation>More actions</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="107"/>
        <source>Đổi mức độ ưu tiên…</source>
        <translation>Change priority…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="111"/>
        <source>Chuyển đơn vị khác xử lý…</source>
        <translation>Transfer to another unit…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="115"/>
        <source>Gộp vào phản ánh trùng…</source>
        <translation>Merge into a duplicate report…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="119"/>
        <source>Yêu cầu nộp phí, lệ phí…</source>
        <translation>Request fees…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="124"/>
        <source>Gia hạn và xin lỗi công dân…</source>
        <translation>Extend with an apology…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="250"/>
        <source>Có bản nháp chưa gửi: {names}</source>
        <translation>Unsent draft: {names}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="275"/>
        <source>Không còn thuộc đơn vị</source>
        <translation>No longer in your unit</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="281"/>
        <source>Mục này đã rời khỏi danh sách của đơn vị (chuyển đơn vị khác, gộp, công dân rút hoặc bị xóa). Các thao tác dưới đây chưa được gửi và đang chờ bạn quyết định.</source>
        <translation>This item has left your unit&apos;s list (transferred, merged, withdrawn by the citizen or deleted). The actions below were not sent and wait for your decision.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="347"/>
        <source>Hồ sơ còn dưới 1 ngày làm việc. Đề xuất gia hạn đến {date} và gửi văn bản xin lỗi.</source>
        <translation>Less than one working day is left on this dossier. Proposed: extend it to {date} and send a letter of apology.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="355"/>
        <source>Soạn gia hạn và thư xin lỗi…</source>
        <translation>Write the extension and apology…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="387"/>
        <source>số điện thoại</source>
        <translation>phone number</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="387"/>
        <source>số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="396"/>
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="401"/>
        <source>{status} (mã {dvc})</source>
        <translation>{status} (code {dvc})</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="404"/>
        <source>{status} (đang chờ gửi)</source>
        <translation>{status} (waiting to be sent)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="408"/>
        <source>Tiêu đề</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="409"/>
        <source>Lĩnh vực</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="410"/>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="422"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="411"/>
        <source>Mức độ</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="412"/>
        <source>Kênh tiếp nhận</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="413"/>
        <source>Người phản ánh</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="414"/>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="428"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="415"/>
        <source>Địa điểm</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="416"/>
        <source>Tọa độ</source>
        <translation>Coordinates</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="420"/>
        <source>Trích yếu</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="421"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="423"/>
        <source>Bước xử lý</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="424"/>
        <source>Kênh nộp</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="425"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="426"/>
        <source>Số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="429"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="430"/>
        <source>Lệ phí</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="431"/>
        <source>Số ngày tạm dừng</source>
        <translation>Paused working days</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="435"/>
        <source>Người xử lý</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="435"/>
        <source>Chưa phân công</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="436"/>
        <source>Ngày gửi</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="437"/>
        <source>Ngày tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="438"/>
        <source>Hạn xử lý</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="440"/>
        <source>Ngày trả kết quả</source>
        <translation>Result returned</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="441"/>
        <source>Ngày kết thúc</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="442"/>
        <source>Cập nhật lúc</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="446"/>
        <source>Đánh giá của công dân</source>
        <translation>Citizen rating</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="446"/>
        <source>{n}/5</source>
        <translation>{n}/5</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="447"/>
        <source>Đã gộp vào</source>
        <translation>Merged into</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="474"/>
        <source>{phone} (công dân không muốn được liên hệ)</source>
        <translation>{phone} (the citizen does not want to be contacted)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="481"/>
        <source>Không có tệp đính kèm.</source>
        <translation>No attachments.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="507"/>
        <source>Xem ảnh</source>
        <translation>View photo</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="508"/>
        <source>Lưu về máy…</source>
        <translation>Save to computer…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="526"/>
        <source>Nội bộ</source>
        <translation>Internal</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="530"/>
        <source>Công khai — công dân nhìn thấy</source>
        <translation>Public — the citizen sees this</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="561"/>
        <source>Công dân</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="562"/>
        <source>Hệ thống</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/detail_panel.py" line="597"/>
        <source>Bỏ thao tác này</source>
        <translation>Discard this action</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../triage_desktop/ui/error_dialog.py" line="39"/>
        <source>Đã xảy ra lỗi</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/error_dialog.py" line="40"/>
        <source>Chương trình gặp một lỗi không mong đợi. Các thao tác đã lưu trên máy vẫn được giữ. Nếu lỗi lặp lại, hãy sao chép chi tiết dưới đây và gửi bộ phận CNTT.</source>
        <translation>The program hit an unexpected error. The actions saved on this computer are kept. If it happens again, copy the details below and send them to IT.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/error_dialog.py" line="44"/>
        <source>Phiên bản {version}. Nhật ký: {folder}</source>
        <translation>Version {version}. Log: {folder}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/error_dialog.py" line="45"/>
        <source>(không có)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/error_dialog.py" line="53"/>
        <source>Sao chép chi tiết</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/error_dialog.py" line="56"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ExtendDialog</name>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/dossier_action_dialogs.py" line="104"/>
        <source>Hạn mới phải muộn hơn hạn hiện tại ({due}).</source>
        <translation>The new due date must be later than the current one ({due}).</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/dossier_action_dialogs.py" line="108"/>
        <source>Hạn mới đã qua. Hãy chọn một thời điểm sau {now}.</source>
        <translation>The new due date has already passed. Choose a time after {now}.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/dossier_action_dialogs.py" line="134"/>
        <source>Gia hạn và xin lỗi công dân</source>
        <translation>Extend with an apology to the applicant</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/dossier_action_dialogs.py" line="137"/>
        <source>Gia hạn</source>
        <translation>Extend</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/dossier_action_dialogs.py" line="140"/>
        <source>Hạn hiện tại</source>
        <translation>Current due date</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/dossier_action_dialogs.py" line="141"/>
        <source>Chưa có</source>
        <translation>None yet</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/dossier_action_dialogs.py" line="148"/>
        <source>Hạn mới</source>
        <translation>New due date</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/dossier_action_dialogs.py" line="149"/>
        <source>Văn bản xin lỗi và hẹn lại ngày trả kết quả…</source>
        <translation>Apology letter with the new date for the result…</translation>
    </message>
</context>
<context>
    <name>FeeDialog</name>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/dossier_action_dialogs.py" line="54"/>
        <source>Yêu cầu nộp phí, lệ phí</source>
        <translation>Request fees</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/dossier_action_dialogs.py" line="57"/>
        <source>Gửi yêu cầu</source>
        <translation>Send request</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/dossier_action_dialogs.py" line="66"/>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/dossier_action_dialogs.py" line="67"/>
        <source>Nội dung thông báo cho công dân…</source>
        <translation>Message to the applicant…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/dossier_action_dialogs.py" line="75"/>
        <source>Hồ sơ {code} cần thực hiện nghĩa vụ tài chính. Đề nghị ông/bà nộp {amount} để cơ quan tiếp tục giải quyết hồ sơ.</source>
        <translation>Dossier {code} requires a fee. Please pay {amount} so that we can continue processing it.</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../triage_desktop/ui/filter_bar.py" line="66"/>
        <source>Hiện hoặc ẩn các bộ lọc</source>
        <translation>Show or hide the filters</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/filter_bar.py" line="72"/>
        <source>Bỏ lọc</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/filter_bar.py" line="74"/>
        <source>Bỏ mọi bộ lọc: hiện cả danh sách</source>
        <translation>Clear every filter: show the whole list</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/filter_bar.py" line="100"/>
        <source>Trạng thái:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/filter_bar.py" line="100"/>
        <source>Người xử lý:</source>
        <translation>Assignee:</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/filter_bar.py" line="101"/>
        <source>Kênh:</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/filter_bar.py" line="101"/>
        <source>Thời hạn:</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/filter_bar.py" line="107"/>
        <source>Thủ tục:</source>
        <translation>Procedure:</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/filter_bar.py" line="107"/>
        <source>Lĩnh vực:</source>
        <translation>Category:</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/filter_bar.py" line="123"/>
        <source>Chưa phân công</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/filter_bar.py" line="127"/>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/filter_bar.py" line="189"/>
        <source>Bộ lọc (%n)</source>
        <translation>
            <numerusform>Filters (%n)</numerusform>
            <numerusform>Filters (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/filter_bar.py" line="189"/>
        <source>Bộ lọc</source>
        <translation>Filters</translation>
    </message>
</context>
<context>
    <name>GateWindow</name>
    <message>
        <location filename="../../triage_desktop/ui/gate_window.py" line="21"/>
        <source>Tiếp nhận phản ánh, hồ sơ</source>
        <translation>Reports and dossiers</translation>
    </message>
</context>
<context>
    <name>ItemListView</name>
    <message>
        <location filename="../../triage_desktop/ui/item_list_view.py" line="176"/>
        <source>Cột hiển thị</source>
        <translation>Columns shown</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/item_list_view.py" line="195"/>
        <source>Đặt lại cột mặc định</source>
        <translation>Reset to default columns</translation>
    </message>
</context>
<context>
    <name>ItemTableModel</name>
    <message>
        <location filename="../../triage_desktop/ui/models/item_table_model.py" line="62"/>
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/models/item_table_model.py" line="63"/>
        <source>Hạn / còn lại</source>
        <translation>Deadline / left</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/models/item_table_model.py" line="64"/>
        <source>Tiêu đề / Nội dung</source>
        <translation>Title / Summary</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/models/item_table_model.py" line="65"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/models/item_table_model.py" line="67"/>
        <source>Mức độ</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/models/item_table_model.py" line="68"/>
        <source>Lĩnh vực / Thủ tục</source>
        <translation>Category / Procedure</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/models/item_table_model.py" line="448"/>
        <source>Hạn xử lý: {date}</source>
        <translation>Due: {date}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/models/item_table_model.py" line="455"/>
        <source>Số ngày làm việc {note}.</source>
        <translation>Working days {note}.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/models/item_table_model.py" line="66"/>
        <source>Người xử lý</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/models/item_table_model.py" line="69"/>
        <source>Ngày gửi</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/models/item_table_model.py" line="412"/>
        <source>{status} · xung đột</source>
        <translation>{status} · conflict</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/models/item_table_model.py" line="414"/>
        <source>{status} · đang chờ gửi</source>
        <translation>{status} · waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/models/item_table_model.py" line="423"/>
        <source>Chưa phân công</source>
        <translation>Unassigned</translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/models/item_table_model.py" line="436"/>
        <source>Có %Ln thao tác bị xung đột hoặc lỗi: mở để xử lý.</source>
        <translation>
            <numerusform>%Ln action was refused or failed: open it to deal with it.</numerusform>
            <numerusform>%Ln actions were refused or failed: open it to deal with them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/models/item_table_model.py" line="439"/>
        <source>Có %Ln thao tác đang chờ gửi lên máy chủ.</source>
        <translation>
            <numerusform>%Ln action is waiting to be sent to the server.</numerusform>
            <numerusform>%Ln actions are waiting to be sent to the server.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LetterheadDialog</name>
    <message>
        <location filename="../../triage_desktop/ui/papers/letterhead_dialog.py" line="15"/>
        <source>Thông tin đơn vị trên giấy tờ</source>
        <translation>Unit details on documents</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/letterhead_dialog.py" line="17"/>
        <source>Cơ quan chủ quản</source>
        <translation>Governing body</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/letterhead_dialog.py" line="17"/>
        <source>Tên đơn vị</source>
        <translation>Unit name</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/letterhead_dialog.py" line="18"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/letterhead_dialog.py" line="18"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/letterhead_dialog.py" line="19"/>
        <source>Họ tên người ký</source>
        <translation>Signatory’s full name</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/letterhead_dialog.py" line="19"/>
        <source>Chức danh người ký</source>
        <translation>Signatory’s title</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/letterhead_dialog.py" line="20"/>
        <source>Địa danh ghi ở dòng ngày tháng</source>
        <translation>Place name on the date line</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/letterhead_dialog.py" line="31"/>
        <source>Nhập một lần cho đơn vị; mọi giấy tờ in sau đó dùng các thông tin này.</source>
        <translation>Enter once for the unit; every document printed afterwards uses these details.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/letterhead_dialog.py" line="34"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/letterhead_dialog.py" line="35"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ListExporter</name>
    <message>
        <location filename="../../triage_desktop/ui/list_export.py" line="75"/>
        <source>Xuất danh sách…</source>
        <translation>Export list…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_export.py" line="78"/>
        <source>Xuất danh sách đang xem (cả bộ lọc) ra Excel hoặc CSV (Ctrl+Shift+E)</source>
        <translation>Export the list being viewed (with filters) to Excel or CSV (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_export.py" line="90"/>
        <source>Chọn một danh sách trước.</source>
        <translation>Select a list first.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_export.py" line="93"/>
        <source>Đang xuất một danh sách; chờ xong hoặc hủy trước.</source>
        <translation>A list is already being exported; wait for it to finish or cancel it first.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_export.py" line="101"/>
        <source>danh-sach-ho-so</source>
        <translation>dossier-list</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_export.py" line="101"/>
        <source>danh-sach-phan-anh</source>
        <translation>report-list</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_export.py" line="102"/>
        <location filename="../../triage_desktop/ui/list_export.py" line="157"/>
        <source>Xuất danh sách</source>
        <translation>Export list</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_export.py" line="153"/>
        <source>Đang xuất danh sách vào “{name}”…</source>
        <translation>Exporting list to “{name}”…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_export.py" line="153"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_export.py" line="172"/>
        <source>Đang xuất danh sách vào “{name}”…
Đã ghi {done} / {total} mục</source>
        <translation>Exporting list to “{name}”…
Written {done} / {total} items</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_export.py" line="189"/>
        <source>Đã xuất danh sách</source>
        <translation>List exported</translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/list_export.py" line="190"/>
        <source>Đã xuất %n mục vào tệp:</source>
        <translation>
            <numerusform>Exported %n item to file:</numerusform>
            <numerusform>Exported %n items to file:</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_export.py" line="194"/>
        <source>Thư mục: {folder}</source>
        <translation>Folder: {folder}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_export.py" line="195"/>
        <source>Mở thư mục</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_export.py" line="198"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/list_export.py" line="199"/>
        <source>Đã xuất %n mục vào “{name}”</source>
        <translation>
            <numerusform>Exported %n item to “{name}”</numerusform>
            <numerusform>Exported %n items to “{name}”</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_export.py" line="207"/>
        <source>Đã hủy xuất danh sách: tệp đang ghi dở đã được xóa, tệp cũ cùng tên (nếu có) vẫn giữ nguyên.</source>
        <translation>List export cancelled: the partly written file has been deleted; any existing file with the same name is unchanged.</translation>
    </message>
</context>
<context>
    <name>LocationLinks</name>
    <message>
        <location filename="../../triage_desktop/ui/location_links.py" line="29"/>
        <source>Mở bản đồ</source>
        <translation>Open map</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/location_links.py" line="31"/>
        <source>Mở vị trí {coordinates} trên bản đồ trong trình duyệt</source>
        <translation>Open {coordinates} on a map in the browser</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/location_links.py" line="35"/>
        <source>Sao chép tọa độ</source>
        <translation>Copy coordinates</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <location filename="../../triage_desktop/ui/lock_page.py" line="26"/>
        <source>Đã khóa — nhập mật khẩu để tiếp tục</source>
        <translation>Locked — enter your password to continue</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/lock_page.py" line="35"/>
        <location filename="../../triage_desktop/ui/lock_page.py" line="36"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/lock_page.py" line="44"/>
        <location filename="../../triage_desktop/ui/lock_page.py" line="108"/>
        <source>Mở khóa</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/lock_page.py" line="47"/>
        <source>Đăng xuất</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/lock_page.py" line="74"/>
        <source>Đang đăng nhập: {name}</source>
        <translation>Logged in: {name}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/lock_page.py" line="108"/>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/login_dialog.py" line="54"/>
        <source>Đăng nhập — Tiếp nhận phản ánh, hồ sơ</source>
        <translation>Log in — Reports and dossiers</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/login_dialog.py" line="56"/>
        <source>Đăng nhập bằng tài khoản cán bộ do đơn vị cấp.</source>
        <translation>Log in with the staff account your unit gave you.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/login_dialog.py" line="63"/>
        <location filename="../../triage_desktop/ui/dialogs/login_dialog.py" line="83"/>
        <source>Tên đăng nhập</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/login_dialog.py" line="66"/>
        <location filename="../../triage_desktop/ui/dialogs/login_dialog.py" line="84"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/login_dialog.py" line="73"/>
        <location filename="../../triage_desktop/ui/dialogs/login_dialog.py" line="123"/>
        <source>Đăng nhập</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/login_dialog.py" line="76"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/login_dialog.py" line="82"/>
        <source>Máy chủ</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/login_dialog.py" line="191"/>
        <source>Địa chỉ máy chủ không hợp lệ. Địa chỉ phải bắt đầu bằng https:// (http:// chỉ với máy chủ tập huấn trên chính máy này), ví dụ do bộ phận CNTT cung cấp.</source>
        <translation>The server address is not valid. It must start with https:// (http:// only for a training server on this computer), as given by IT.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/login_dialog.py" line="195"/>
        <source>Vui lòng nhập tên đăng nhập và mật khẩu.</source>
        <translation>Please enter your username and password.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/login_dialog.py" line="123"/>
        <source>Đang đăng nhập…</source>
        <translation>Logging in…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/login_dialog.py" line="126"/>
        <source>Đang kết nối máy chủ, vui lòng chờ…</source>
        <translation>Connecting to the server, please wait…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/login_dialog.py" line="211"/>
        <source>Sai tên đăng nhập hoặc mật khẩu. Vui lòng kiểm tra lại (chú ý chữ hoa, chữ thường và bộ gõ tiếng Việt).</source>
        <translation>Wrong username or password. Please check them (mind upper/lower case and the Vietnamese keyboard).</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/login_dialog.py" line="214"/>
        <source>Tài khoản đang bị khóa do nhập sai mật khẩu nhiều lần. Vui lòng chờ ít phút hoặc liên hệ bộ phận CNTT để mở khóa.</source>
        <translation>The account is locked after too many wrong passwords. Wait a few minutes or ask IT to unlock it.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/login_dialog.py" line="217"/>
        <source>Không kết nối được máy chủ. Kiểm tra mạng và địa chỉ máy chủ (có thể địa chỉ bị gõ sai).</source>
        <translation>Cannot reach the server. Check the network and the server address (it may be mistyped).</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/login_dialog.py" line="220"/>
        <source>Địa chỉ này không phải máy chủ tiếp nhận phản ánh, hồ sơ, hoặc máy chủ trả lời không đúng. Kiểm tra lại địa chỉ máy chủ.</source>
        <translation>This address is not a reports-and-dossiers server, or the server answered wrongly. Check the server address.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/login_dialog.py" line="223"/>
        <source>Máy chủ đang bận. Vui lòng thử lại sau ít phút.</source>
        <translation>The server is busy. Please try again in a few minutes.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/login_dialog.py" line="225"/>
        <source>Phiên bản phần mềm đã cũ, máy chủ không cho đăng nhập. Vui lòng liên hệ bộ phận CNTT để cài bản cập nhật.</source>
        <translation>This version is too old and the server refuses it. Please ask IT to install the update.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/login_dialog.py" line="228"/>
        <source>Không tìm thấy dịch vụ ở địa chỉ này. Kiểm tra lại địa chỉ máy chủ.</source>
        <translation>No service found at this address. Check the server address.</translation>
    </message>
</context>
<context>
    <name>LogoutDialog</name>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/logout_dialog.py" line="20"/>
        <location filename="../../triage_desktop/ui/dialogs/logout_dialog.py" line="39"/>
        <location filename="../../triage_desktop/ui/dialogs/logout_dialog.py" line="62"/>
        <source>Đăng xuất</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/logout_dialog.py" line="21"/>
        <source>Đăng xuất khỏi máy này? Lần sau cần nhập lại mật khẩu để xem dữ liệu.</source>
        <translation>Sign out of this computer? You will need your password again to see the data.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/dialogs/logout_dialog.py" line="32"/>
        <source>Còn %n thao tác chưa gửi lên máy chủ. Nếu xóa dữ liệu trên máy này, các thao tác đó sẽ bị mất; hãy đồng bộ để gửi trước khi xóa.</source>
        <translation>
            <numerusform>%n action has not been sent to the server yet. If you delete the data on this computer, it will be lost; sync to send it before deleting.</numerusform>
            <numerusform>%n actions have not been sent to the server yet. If you delete the data on this computer, they will be lost; sync to send them before deleting.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/logout_dialog.py" line="36"/>
        <source>Xóa dữ liệu trên máy này</source>
        <translation>Delete the data on this computer</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/logout_dialog.py" line="37"/>
        <source>Xóa bản sao phản ánh, hồ sơ trên máy; lần đăng nhập sau sẽ tải lại từ máy chủ.</source>
        <translation>Delete the copies of reports and dossiers on this computer; the next login downloads them again from the server.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/logout_dialog.py" line="42"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/dialogs/logout_dialog.py" line="58"/>
        <source>Xóa và mất %n thao tác chưa gửi</source>
        <translation>
            <numerusform>Delete and lose %n unsent action</numerusform>
            <numerusform>Delete and lose %n unsent actions</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/logout_dialog.py" line="60"/>
        <source>Xóa dữ liệu và đăng xuất</source>
        <translation>Delete the data and log out</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="153"/>
        <source>Tìm theo mã, tiêu đề, tên, địa chỉ… (gõ không dấu cũng được)</source>
        <translation>Search code, title, name, address… (accents optional)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="154"/>
        <location filename="../../triage_desktop/ui/main_window.py" line="316"/>
        <source>Tìm kiếm</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="205"/>
        <source>Cảnh báo: dữ liệu trên máy này KHÔNG được mã hóa (theo cấu hình của bộ phận CNTT). Không để người khác dùng máy khi chưa đăng xuất.</source>
        <translation>Warning: the data on this computer is NOT encrypted (as configured by IT). Do not let others use this computer before you log out.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="303"/>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="305"/>
        <source>Đồng bộ ngay (F9)</source>
        <translation>Sync now (F9)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="307"/>
        <source>Hộp thư đi</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="309"/>
        <source>Đăng nhập lại…</source>
        <translation>Log in again…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="311"/>
        <source>Đăng xuất</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="313"/>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="319"/>
        <source>Chữ to hơn</source>
        <translation>Larger text</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="322"/>
        <source>Chữ nhỏ hơn</source>
        <translation>Smaller text</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="325"/>
        <source>Cỡ chữ mặc định</source>
        <translation>Default text size</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="328"/>
        <location filename="../../triage_desktop/ui/main_window.py" line="682"/>
        <source>Phân công nhiều mục…</source>
        <translation>Assign several items…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="332"/>
        <source>Bỏ lọc</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="334"/>
        <source>Lưu chế độ xem…</source>
        <translation>Save view…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="336"/>
        <source>Thống kê</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="338"/>
        <source>Thống kê kết quả giải quyết đúng hạn, trễ hạn</source>
        <translation>Statistics on on-time and late settlement</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="341"/>
        <source>&amp;Tài khoản</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="346"/>
        <source>Đồng &amp;bộ</source>
        <translation>&amp;Sync</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="349"/>
        <source>&amp;Xem</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="359"/>
        <source>&amp;Danh sách</source>
        <translation>&amp;List</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="367"/>
        <source>Thanh công cụ</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="514"/>
        <source>Của {name} — chờ người này đăng nhập để gửi</source>
        <translation>{name}&apos;s — waits for that officer to log in and send it</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="516"/>
        <source>Không rõ người tạo — chỉ có thể bỏ</source>
        <translation>Made by an unknown officer — it can only be discarded</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="642"/>
        <source>Lưu chế độ xem</source>
        <translation>Save view</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="643"/>
        <source>Tên chế độ xem (hàng việc, bộ lọc và thứ tự đang dùng):</source>
        <translation>Name of the view (the queue, filters and order in use):</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="644"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="645"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="660"/>
        <source>Đã lưu chế độ xem “{name}”</source>
        <translation>Saved the view “{name}”</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="667"/>
        <source>Đã xóa chế độ xem “{name}”</source>
        <translation>Deleted the view “{name}”</translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/main_window.py" line="681"/>
        <source>Phân công %n mục…</source>
        <translation>
            <numerusform>Assign %n item…</numerusform>
            <numerusform>Assign %n items…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/main_window.py" line="717"/>
        <source>Đã lưu phân công %n mục — đang chờ gửi</source>
        <translation>
            <numerusform>Saved the assignment of %n item — waiting to be sent</numerusform>
            <numerusform>Saved the assignment of %n items — waiting to be sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/main_window.py" line="736"/>
        <source>Đã phân công %n mục</source>
        <translation>
            <numerusform>Assigned %n item</numerusform>
            <numerusform>Assigned %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/main_window.py" line="737"/>
        <source>%n xung đột</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/main_window.py" line="738"/>
        <source>%n mục không phân công được</source>
        <translation>
            <numerusform>%n item could not be assigned</numerusform>
            <numerusform>%n items could not be assigned</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="741"/>
        <source>(mã {codes})</source>
        <translation>(codes {codes})</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="759"/>
        <source>Việc của {name} — quá hạn trước</source>
        <translation>{name}&apos;s work — overdue first</translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/main_window.py" line="816"/>
        <source>Hiện %n kết quả mới nhất — gõ thêm để thu hẹp</source>
        <translation>
            <numerusform>Showing the newest result — type more to narrow it</numerusform>
            <numerusform>Showing the newest %n results — type more to narrow them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/main_window.py" line="818"/>
        <source>Tìm thấy %n kết quả</source>
        <translation>
            <numerusform>%n result found</numerusform>
            <numerusform>%n results found</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="820"/>
        <source>Không tìm thấy kết quả nào</source>
        <translation>Nothing found</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="995"/>
        <source>Tệp dữ liệu trên máy bị hỏng nên đã được cất riêng ({file}).</source>
        <translation>The data file on this computer was damaged, so it was set aside ({file}).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/main_window.py" line="996"/>
        <source>Đã giữ lại %Ln thao tác chưa gửi.</source>
        <translation>
            <numerusform>%Ln unsent action was kept.</numerusform>
            <numerusform>%Ln unsent actions were kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/main_window.py" line="999"/>
        <source>Không đọc lại được %Ln thao tác: có thể chúng đã được gửi trước khi tệp hỏng; nếu chưa, xin làm lại.</source>
        <translation>
            <numerusform>%Ln action could not be read back: it may have been sent before the file was damaged; if not, please do it again.</numerusform>
            <numerusform>%Ln actions could not be read back: they may have been sent before the file was damaged; if not, please do them again.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="1002"/>
        <source>Không chắc đã đọc lại được mọi thao tác chưa gửi: xin xem lại Hộp thư đi.</source>
        <translation>It is not certain that every unsent action could be read back: please check the Outbox.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="1003"/>
        <source>Toàn bộ phản ánh và hồ sơ đang được tải lại từ máy chủ.</source>
        <translation>All reports and dossiers are being downloaded again from the server.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="1004"/>
        <source>Dữ liệu trên máy đã được khôi phục</source>
        <translation>The local data was recovered</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="1007"/>
        <source>Đã hiểu</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="1102"/>
        <source>Tiếp nhận phản ánh, hồ sơ</source>
        <translation>Reports and dossiers</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="1231"/>
        <source>Đã lưu “{action}” — đang chờ gửi</source>
        <translation>Saved “{action}” — waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="1242"/>
        <source>Đã hoàn tác “{action}” — không gửi</source>
        <translation>Undone “{action}” — not sent</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="1256"/>
        <source>Đã áp dụng lại “{action}” trên phiên bản mới — đang chờ gửi</source>
        <translation>Re-applied “{action}” on the new version — waiting to send</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="1270"/>
        <location filename="../../triage_desktop/ui/main_window.py" line="1274"/>
        <source>Bỏ thao tác</source>
        <translation>Discard action</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="1271"/>
        <source>Bỏ thao tác “{action}”? Thao tác sẽ không được gửi lên máy chủ và không thể khôi phục.</source>
        <translation>Discard “{action}”? It will not be sent to the server and cannot be restored.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="1275"/>
        <source>Giữ lại</source>
        <translation>Keep it</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="1326"/>
        <source>Không thực hiện được</source>
        <translation>Could not do that</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/main_window.py" line="1328"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>MaskedValue</name>
    <message>
        <location filename="../../triage_desktop/ui/masked_value.py" line="27"/>
        <source>Đã che một phần</source>
        <translation>Partly hidden</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/masked_value.py" line="31"/>
        <source>Hiện</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/masked_value.py" line="37"/>
        <source>Hiện đầy đủ {what}</source>
        <translation>Show the full {what}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/masked_value.py" line="38"/>
        <source>Hiện đầy đủ {what} (việc xem được ghi vào nhật ký)</source>
        <translation>Show the full {what} (viewing it is recorded in the audit log)</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/report_action_dialogs.py" line="95"/>
        <source>Gộp vào phản ánh trùng</source>
        <translation>Merge into a duplicate report</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/report_action_dialogs.py" line="98"/>
        <source>Gộp</source>
        <translation>Merge</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/report_action_dialogs.py" line="103"/>
        <source>Phản ánh này sẽ được gộp vào phản ánh gốc và rời khỏi danh sách; phản ánh gốc ghi lại việc gộp.</source>
        <translation>This report will be merged into the original and leave the list; the original records the merge.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/report_action_dialogs.py" line="105"/>
        <source>Mã hoặc nội dung phản ánh gốc…</source>
        <translation>Code or words of the original report…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/report_action_dialogs.py" line="107"/>
        <source>Tìm</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/report_action_dialogs.py" line="110"/>
        <source>Phản ánh gốc</source>
        <translation>Original report</translation>
    </message>
</context>
<context>
    <name>NewArrivals</name>
    <message>
        <location filename="../../triage_desktop/ui/new_arrivals.py" line="26"/>
        <source>Mục mới chưa mở được in đậm trong danh sách. Bấm để xem.</source>
        <translation>New items you have not opened are shown in bold in the list. Click to see them.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/new_arrivals.py" line="35"/>
        <source>%Ln phản ánh mới</source>
        <translation>
            <numerusform>%Ln new report</numerusform>
            <numerusform>%Ln new reports</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/new_arrivals.py" line="37"/>
        <source>%Ln hồ sơ mới</source>
        <translation>
            <numerusform>%Ln new dossier</numerusform>
            <numerusform>%Ln new dossiers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="314"/>
        <source>Ghi chú nội bộ</source>
        <translation>Internal note</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="317"/>
        <source>Lưu ghi chú</source>
        <translation>Save note</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="320"/>
        <source>Nội bộ: chỉ cán bộ trong đơn vị nhìn thấy ghi chú này.</source>
        <translation>Internal: only staff of the unit see this note.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="324"/>
        <source>Nội dung ghi chú…</source>
        <translation>Note text…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="327"/>
        <source>Nội dung</source>
        <translation>Text</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <location filename="../../triage_desktop/ui/notices.py" line="127"/>
        <source>Không làm phiền</source>
        <translation>Do not disturb</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/notices.py" line="130"/>
        <source>Không hiện thông báo việc mới (vẫn đếm ở thanh trạng thái)</source>
        <translation>Show no notices of new work (the status bar still counts it)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/notices.py" line="145"/>
        <source>Tiếp nhận phản ánh, hồ sơ</source>
        <translation>Reports and dossiers</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/notices.py" line="147"/>
        <source>Mở cửa sổ</source>
        <translation>Open the window</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/notices.py" line="253"/>
        <source>Việc mới cho bạn</source>
        <translation>New work for you</translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/notices.py" line="260"/>
        <source>%Ln phản ánh mới</source>
        <translation>
            <numerusform>%Ln new report</numerusform>
            <numerusform>%Ln new reports</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/notices.py" line="260"/>
        <source>%Ln hồ sơ mới</source>
        <translation>
            <numerusform>%Ln new dossier</numerusform>
            <numerusform>%Ln new dossiers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/notices.py" line="262"/>
        <source>%Ln phản ánh giao cho bạn</source>
        <translation>
            <numerusform>%Ln report assigned to you</numerusform>
            <numerusform>%Ln reports assigned to you</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/notices.py" line="263"/>
        <source>%Ln hồ sơ giao cho bạn</source>
        <translation>
            <numerusform>%Ln dossier assigned to you</numerusform>
            <numerusform>%Ln dossiers assigned to you</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/notices.py" line="264"/>
        <source>%Ln phản ánh của bạn sắp đến hạn hoặc quá hạn</source>
        <translation>
            <numerusform>%Ln of your reports is due soon or overdue</numerusform>
            <numerusform>%Ln of your reports are due soon or overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/notices.py" line="265"/>
        <source>%Ln hồ sơ của bạn sắp đến hạn hoặc quá hạn</source>
        <translation>
            <numerusform>%Ln of your dossiers is due soon or overdue</numerusform>
            <numerusform>%Ln of your dossiers are due soon or overdue</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/notices.py" line="269"/>
        <source>Có việc mới</source>
        <translation>New work has arrived</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/notices.py" line="271"/>
        <source>Việc mới giao cho bạn</source>
        <translation>New work assigned to you</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/notices.py" line="272"/>
        <source>Việc cần làm trong ngày</source>
        <translation>Due today</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <location filename="../../triage_desktop/ui/outbox_view.py" line="36"/>
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/outbox_view.py" line="37"/>
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/outbox_view.py" line="38"/>
        <source>Thao tác</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/outbox_view.py" line="39"/>
        <source>Tình trạng</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/outbox_view.py" line="40"/>
        <source>Số lần gửi</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/outbox_view.py" line="41"/>
        <source>Trả lời của máy chủ</source>
        <translation>Server&apos;s answer</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/outbox_view.py" line="54"/>
        <source>Lần gửi trước chưa tới được máy chủ; sẽ tự gửi lại</source>
        <translation>The last attempt did not reach the server; it will be sent again automatically</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/outbox_view.py" line="63"/>
        <source>Chi tiết: {words}</source>
        <translation>Details: {words}</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <location filename="../../triage_desktop/ui/outbox_view.py" line="147"/>
        <source>Không có thao tác nào chờ gửi. Mọi thao tác đã được máy chủ ghi nhận.</source>
        <translation>Nothing is waiting. The server has every action.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/outbox_view.py" line="152"/>
        <source>Áp dụng lại trên phiên bản mới</source>
        <translation>Re-apply on the new version</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/outbox_view.py" line="154"/>
        <source>Bỏ thao tác này</source>
        <translation>Discard this action</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/outbox_view.py" line="156"/>
        <source>Mở phản ánh / hồ sơ</source>
        <translation>Open report / dossier</translation>
    </message>
</context>
<context>
    <name>PaperOffer</name>
    <message>
        <location filename="../../triage_desktop/ui/papers/offer.py" line="26"/>
        <source>In / Lưu PDF…</source>
        <translation>Print / Save PDF…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/offer.py" line="28"/>
        <source>Giấy tờ của mục này: chọn mẫu, sửa, in hoặc lưu PDF</source>
        <translation>Documents for this item: choose a form, edit, print or save as PDF</translation>
    </message>
</context>
<context>
    <name>PapersDialog</name>
    <message>
        <location filename="../../triage_desktop/ui/papers/dialog.py" line="66"/>
        <source>Giấy tờ — {code}</source>
        <translation>Documents — {code}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/dialog.py" line="70"/>
        <source>Mẫu giấy tờ</source>
        <translation>Document forms</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/dialog.py" line="74"/>
        <source>Thông tin đơn vị…</source>
        <translation>Unit details…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/dialog.py" line="76"/>
        <source>Cơ quan chủ quản, địa chỉ, người ký, địa danh trên giấy tờ</source>
        <translation>Governing body, address, signatory and place name on documents</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/dialog.py" line="81"/>
        <source>Nội dung giấy tờ (sửa được trước khi in)</source>
        <translation>Document content (editable before printing)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/dialog.py" line="93"/>
        <source>In…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/dialog.py" line="95"/>
        <location filename="../../triage_desktop/ui/papers/dialog.py" line="247"/>
        <source>Xem trước khi in</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/dialog.py" line="97"/>
        <source>Lưu PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/dialog.py" line="99"/>
        <source>Điền lại từ hồ sơ</source>
        <translation>Refill from dossier</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/dialog.py" line="101"/>
        <source>Bỏ những chỗ đã sửa trong mẫu này, điền lại từ dữ liệu trên máy</source>
        <translation>Discard edits to this form and refill it from the data on this computer</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/dialog.py" line="103"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/dialog.py" line="110"/>
        <source>Mẫu:</source>
        <translation>Form:</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/dialog.py" line="179"/>
        <source>Đang đọc ảnh lưu trên máy…</source>
        <translation>Reading images stored on this computer…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/dialog.py" line="198"/>
        <source>Đang hiện bản đã sửa của mẫu này.</source>
        <translation>Showing the edited version of this form.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/dialog.py" line="234"/>
        <source>In giấy tờ</source>
        <translation>Print document</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/dialog.py" line="264"/>
        <source>Lưu PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/dialog.py" line="264"/>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/dialog.py" line="279"/>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/dialog.py" line="291"/>
        <source>Đã lưu {name}</source>
        <translation>Saved {name}</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <location filename="../../triage_desktop/ui/offline_photos.py" line="253"/>
        <source>Xem ảnh: {name}</source>
        <translation>View photo: {name}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/offline_photos.py" line="286"/>
        <source>Đang tải ảnh…</source>
        <translation>Loading photo…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/offline_photos.py" line="286"/>
        <source>Ảnh chưa có trên máy (đang ngoại tuyến)</source>
        <translation>Photo not on this PC yet (offline)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/offline_photos.py" line="287"/>
        <source>Chưa tải ảnh</source>
        <translation>Photo not loaded</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/photo_viewer.py" line="69"/>
        <source>Ảnh đính kèm</source>
        <translation>Attached photo</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/photo_viewer.py" line="95"/>
        <source>Ảnh trước</source>
        <translation>Previous photo</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/photo_viewer.py" line="97"/>
        <source>Ảnh sau</source>
        <translation>Next photo</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/photo_viewer.py" line="99"/>
        <source>Thu nhỏ</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/photo_viewer.py" line="102"/>
        <source>Phóng to</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/photo_viewer.py" line="105"/>
        <source>Vừa khung</source>
        <translation>Fit</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/photo_viewer.py" line="106"/>
        <source>Xoay phải</source>
        <translation>Rotate right</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/photo_viewer.py" line="215"/>
        <source>Ảnh: {name}</source>
        <translation>Photo: {name}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/photo_viewer.py" line="216"/>
        <source>Ảnh {n}/{total}</source>
        <translation>Photo {n}/{total}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/photo_viewer.py" line="223"/>
        <source>Đang tải ảnh…</source>
        <translation>Loading photo…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/photo_viewer.py" line="123"/>
        <source>Lưu về máy…</source>
        <translation>Save to computer…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/photo_viewer.py" line="124"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>PriorityDialog</name>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/report_action_dialogs.py" line="29"/>
        <source>Đổi mức độ ưu tiên</source>
        <translation>Change priority</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/report_action_dialogs.py" line="32"/>
        <source>Đổi mức độ</source>
        <translation>Change priority</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/report_action_dialogs.py" line="40"/>
        <source>Mức độ</source>
        <translation>Priority</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../triage_desktop/ui/queue_panel.py" line="34"/>
        <source>Danh sách hàng việc</source>
        <translation>Queues</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/queue_panel.py" line="101"/>
        <source>Hộp thư đi ({n})</source>
        <translation>Outbox ({n})</translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/queue_panel.py" line="103"/>
        <source>%Ln xung đột</source>
        <translation>
            <numerusform>%Ln conflict</numerusform>
            <numerusform>%Ln conflicts</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/queue_panel.py" line="106"/>
        <source>{name} ({n})</source>
        <translation>{name} ({n})</translation>
    </message>
</context>
<context>
    <name>RecordFilterLine</name>
    <message>
        <location filename="../../triage_desktop/ui/record_filter_line.py" line="26"/>
        <location filename="../../triage_desktop/ui/record_filter_line.py" line="27"/>
        <source>Bỏ lọc theo Thống kê</source>
        <translation>Clear Statistics filter</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_filter_line.py" line="40"/>
        <source>Từ Thống kê: {what}</source>
        <translation>From Statistics: {what}</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <location filename="../../triage_desktop/ui/models/record_table_model.py" line="80"/>
        <source>Bấm để xem {n} mục này trong danh sách</source>
        <translation>Click to view these {n} items in the list</translation>
    </message>
</context>
<context>
    <name>RecordWindow</name>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="76"/>
        <source>Thống kê kết quả giải quyết</source>
        <translation>Settlement statistics</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="88"/>
        <source>Tháng này</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="88"/>
        <source>Tháng trước</source>
        <translation>Last month</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="88"/>
        <source>Năm nay</source>
        <translation>This year</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="89"/>
        <source>Tùy chọn</source>
        <translation>Custom</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="91"/>
        <source>Kỳ thống kê</source>
        <translation>Statistics period</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="92"/>
        <source>Từ ngày</source>
        <translation>From date</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="93"/>
        <source>Đến ngày</source>
        <translation>To date</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="96"/>
        <source>Hồ sơ thủ tục hành chính</source>
        <translation>Administrative procedure dossiers</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="97"/>
        <source>Phản ánh hiện trường</source>
        <translation>Field reports</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="98"/>
        <source>Loại</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="99"/>
        <source>Đang tính…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="104"/>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="108"/>
        <source>Cách tính</source>
        <translation>How figures are calculated</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="110"/>
        <source>Xuất Excel (mọi bảng)</source>
        <translation>Export to Excel (all tables)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="113"/>
        <source>Xuất CSV (mọi bảng)</source>
        <translation>Export to CSV (all tables)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="120"/>
        <source>Kỳ:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="120"/>
        <source>Từ:</source>
        <translation>From:</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="121"/>
        <source>Đến:</source>
        <translation>To:</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="121"/>
        <source>Loại:</source>
        <translation>Type:</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="214"/>
        <source>Xuất Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="217"/>
        <source>Xuất CSV</source>
        <translation>Export to CSV</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="221"/>
        <source>Bấm vào một số để xem các mục đó trong danh sách.</source>
        <translation>Click a number to view those items in the list.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="286"/>
        <source>Ngày kết thúc không được trước ngày bắt đầu.</source>
        <translation>The end date cannot be before the start date.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="384"/>
        <source>Từ chối</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="460"/>
        <source>Số hồ sơ của kỳ: hồ sơ tiếp nhận trong kỳ và hồ sơ tồn kỳ trước (tiếp nhận trước kỳ, chưa giải quyết xong và chưa dừng trước ngày đầu kỳ). Mỗi hồ sơ thuộc đúng một cột kết quả.</source>
        <translation>Dossiers of the period: those received in the period and those carried over (received before it, neither settled nor stopped before its first day). Each dossier falls in exactly one outcome column.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="467"/>
        <source>Đang giải quyết trong hạn / quá hạn: chưa xong ở cuối kỳ, ngày hẹn còn / đã qua. Hồ sơ đang chờ công dân bổ sung giấy tờ hoặc nộp phí ở cuối kỳ được tính trong hạn: thời hạn tạm dừng.</source>
        <translation>Open on time / overdue: not finished at the end of the period, appointment not yet passed / passed. A dossier waiting for the citizen&apos;s documents or fee at the end of the period counts as on time: its clock is paused.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="470"/>
        <source>Dừng/rút/từ chối: dừng xử lý, không được tiếp nhận (phản ánh: từ chối); không tính vào tỷ lệ.</source>
        <translation>Stopped/withdrawn/refused: processing stopped or not accepted (reports: rejected); left out of the rates.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="472"/>
        <source>Hồ sơ công dân đã rút, phản ánh đã chuyển đơn vị khác hoặc đã gộp vào phản ánh khác không còn trên máy (máy chủ không gửi nữa), nên không có trong số nào của thống kê: số tiếp nhận của một kỳ đã qua có thể giảm khi có hồ sơ, phản ánh như vậy.</source>
        <translation>Dossiers the citizen withdrew and reports transferred to another unit or merged into another report are no longer on this computer (the server stops sending them), so they are in no number of the statistics: the received count of a past period can drop when that happens.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="306"/>
        <source>Đã dừng tính số liệu. Chọn lại kỳ để tính.</source>
        <translation>Calculation stopped. Choose a period again to recalculate.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="321"/>
        <source>Không tính được số liệu thống kê (xem nhật ký).</source>
        <translation>Could not calculate the statistics (see the log).</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="334"/>
        <source>Đúng hạn: xong không muộn hơn ngày hẹn trả đang có hiệu lực (sau tạm dừng, gia hạn) — xem “Cách tính”.</source>
        <translation>On time: completed no later than the appointment date in effect (after pauses and extensions) — see “How figures are calculated”.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="337"/>
        <source>Theo cán bộ</source>
        <translation>By officer</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="338"/>
        <source>Theo {what}</source>
        <translation>By {what}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="339"/>
        <source>Phản ánh theo lĩnh vực và trạng thái</source>
        <translation>Reports by category and status</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="383"/>
        <source>Đang xử lý</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="383"/>
        <source>Đã xử lý</source>
        <translation>Handled</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="387"/>
        <source>Phản ánh tiếp nhận trong kỳ theo lĩnh vực</source>
        <translation>Reports received in the period by category</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="390"/>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="390"/>
        <source>Trễ hạn</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="391"/>
        <source>Đang trong hạn</source>
        <translation>In progress, within deadline</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="392"/>
        <source>Đang quá hạn</source>
        <translation>In progress, overdue</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="417"/>
        <source>{what} ({period})</source>
        <translation>{what} ({period})</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="427"/>
        <source>Thong-ke-{kind}</source>
        <translation>Statistics-{kind}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="432"/>
        <source>Cách tính số liệu thống kê</source>
        <translation>How the statistics are calculated</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="434"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="457"/>
        <source>Kỳ: từ 00:00 ngày bắt đầu đến hết ngày kết thúc (giờ Việt Nam). Kỳ chưa kết thúc được tính đến thời điểm hiện tại.</source>
        <translation>Period: from 00:00 on the start date to the end of the end date (Viet Nam time). A period that has not yet ended is counted up to the present moment.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="463"/>
        <source>Đúng hạn: giải quyết xong (có kết quả) không muộn hơn ngày hẹn trả đang có hiệu lực. Ngày hẹn là ngày máy chủ đang giữ: đã lùi theo thời gian tạm dừng (bổ sung giấy tờ, nghĩa vụ tài chính) và theo văn bản xin lỗi, hẹn lại. Trễ hạn: sau ngày hẹn.</source>
        <translation>On time: settled (with a result) no later than the appointment date in effect. The appointment date is the one held by the server: moved back by paused time (additional documents, financial obligations) and by letters of apology with a new appointment. Late: after the appointment date.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="476"/>
        <source>Tỷ lệ trễ hạn = (đã giải quyết trễ hạn + đang quá hạn) ÷ (đã giải quyết + đang giải quyết), như thống kê quốc gia; tỷ lệ đúng hạn = 1 − tỷ lệ trễ hạn.</source>
        <translation>Late rate = (settled late + currently overdue) ÷ (settled + being settled), as in the national statistics; on-time rate = 1 − late rate.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/record_view.py" line="479"/>
        <source>Phản ánh: thời gian tính bằng ngày làm việc theo lịch của tỉnh (chỉ giờ hành chính). Phản hồi đầu tiên: lần đầu cán bộ trả lời công khai. Tỷ lệ trong thời hạn = số đã xử lý trong thời hạn của lĩnh vực ÷ (số đã xử lý + số chưa xử lý đã quá thời hạn ở cuối kỳ); phản ánh chưa quá thời hạn chưa được tính.</source>
        <translation>Reports: time is counted in working days according to the provincial calendar (office hours only). First response: the first time an officer replies publicly. Within-deadline rate = number handled within the category’s deadline ÷ (number handled + number unhandled and past the deadline at the end of the period); reports not yet past the deadline are not counted.</translation>
    </message>
</context>
<context>
    <name>ReplyDialog</name>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="417"/>
        <source>Trả lời công dân</source>
        <translation>Reply to citizen</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="420"/>
        <source>Gửi trả lời</source>
        <translation>Send reply</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="423"/>
        <source>Nội dung trả lời công dân…</source>
        <translation>Reply to the citizen…</translation>
    </message>
</context>
<context>
    <name>ReturnResultDialog</name>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="455"/>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="458"/>
        <source>Trả kết quả</source>
        <translation>Return result</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="461"/>
        <source>Nội dung thông báo trả kết quả…</source>
        <translation>Notice that the result is ready…</translation>
    </message>
</context>
<context>
    <name>SessionShell</name>
    <message>
        <location filename="../../triage_desktop/ui/session_shell.py" line="82"/>
        <source>Đang mở…</source>
        <translation>Opening…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/session_shell.py" line="234"/>
        <source>Đang đăng xuất…</source>
        <translation>Logging out…</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <location filename="../../triage_desktop/ui/shortcut_sheet.py" line="30"/>
        <source> hoặc </source>
        <translation> or </translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcut_sheet.py" line="72"/>
        <source>Trong danh sách</source>
        <translation>In the list</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcut_sheet.py" line="73"/>
        <source>Khác</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcut_sheet.py" line="81"/>
        <source>Phím tắt</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcut_sheet.py" line="85"/>
        <source>Thao tác</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcut_sheet.py" line="85"/>
        <source>Phím</source>
        <translation>Keys</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcut_sheet.py" line="91"/>
        <source>Các phím chữ đơn (J/K) chỉ dùng được trong danh sách và phải bật ở menu Xem, để không vướng khi gõ tiếng Việt (Telex, VNI).</source>
        <translation>Single-letter keys (J/K) work only in the list and must be turned on in the View menu, so they never get in the way of Vietnamese typing (Telex, VNI).</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcut_sheet.py" line="129"/>
        <source>Đang tắt</source>
        <translation>Off</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../triage_desktop/ui/shortcuts.py" line="56"/>
        <source>Thao tá&amp;c</source>
        <translation>&amp;Actions</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcuts.py" line="58"/>
        <source>Thao tác chính của mục đang chọn</source>
        <translation>Main action of the selected item</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcuts.py" line="81"/>
        <source>In / Lưu PDF giấy tờ…</source>
        <translation>Print / Save document as PDF…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcuts.py" line="85"/>
        <source>Mục tiếp theo trong danh sách</source>
        <translation>Next item in the list</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcuts.py" line="87"/>
        <source>Mục trước trong danh sách</source>
        <translation>Previous item in the list</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcuts.py" line="94"/>
        <source>Chuyển đến</source>
        <translation>Go to</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcuts.py" line="97"/>
        <source>Danh sách hàng việc</source>
        <translation>Queue list</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcuts.py" line="98"/>
        <source>Danh sách mục</source>
        <translation>Item list</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcuts.py" line="99"/>
        <source>Chi tiết mục</source>
        <translation>Item details</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcuts.py" line="112"/>
        <source>Phím J/K trong danh sách</source>
        <translation>J/K keys in the list</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcuts.py" line="115"/>
        <source>J: mục tiếp theo, K: mục trước — chỉ khi đang ở danh sách</source>
        <translation>J: next item, K: previous item — only while in the list</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcuts.py" line="119"/>
        <source>Mục tiếp theo (trong danh sách)</source>
        <translation>Next item (in the list)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcuts.py" line="120"/>
        <source>Mục trước (trong danh sách)</source>
        <translation>Previous item (in the list)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcuts.py" line="127"/>
        <source>Tương phản cao</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcuts.py" line="133"/>
        <source>Phím tắt</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcuts.py" line="148"/>
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcuts.py" line="209"/>
        <location filename="../../triage_desktop/ui/shortcuts.py" line="219"/>
        <source>Chọn một mục trong danh sách trước.</source>
        <translation>Select an item in the list first.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcuts.py" line="211"/>
        <source>«{action}» không dùng được cho mục đang chọn.</source>
        <translation>«{action}» is not available for the selected item.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/shortcuts.py" line="237"/>
        <source>{keys}; {enter} ở danh sách</source>
        <translation>{keys}; {enter} in the list</translation>
    </message>
</context>
<context>
    <name>SignInForm</name>
    <message>
        <location filename="../../triage_desktop/ui/sign_in_form.py" line="27"/>
        <location filename="../../triage_desktop/ui/sign_in_form.py" line="49"/>
        <location filename="../../triage_desktop/ui/sign_in_form.py" line="116"/>
        <source>Đăng nhập</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/sign_in_form.py" line="29"/>
        <source>Đăng nhập bằng tài khoản cán bộ do đơn vị cấp để xem phản ánh, hồ sơ.</source>
        <translation>Log in with the official account your unit gave you to see reports and dossiers.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/sign_in_form.py" line="34"/>
        <location filename="../../triage_desktop/ui/sign_in_form.py" line="57"/>
        <source>Máy chủ</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/sign_in_form.py" line="37"/>
        <location filename="../../triage_desktop/ui/sign_in_form.py" line="38"/>
        <location filename="../../triage_desktop/ui/sign_in_form.py" line="58"/>
        <source>Tên đăng nhập</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/sign_in_form.py" line="41"/>
        <location filename="../../triage_desktop/ui/sign_in_form.py" line="42"/>
        <location filename="../../triage_desktop/ui/sign_in_form.py" line="59"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/sign_in_form.py" line="116"/>
        <source>Đang đăng nhập…</source>
        <translation>Logging in…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/sign_in_form.py" line="119"/>
        <source>Đang kiểm tra mật khẩu và mở dữ liệu, vui lòng chờ…</source>
        <translation>Checking the password and opening the data, please wait…</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="500"/>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="503"/>
        <source>Đổi trạng thái</source>
        <translation>Change status</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="507"/>
        <source>Trạng thái hiện tại</source>
        <translation>Current status</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="511"/>
        <source>Chuyển sang</source>
        <translation>Change to</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="515"/>
        <source>Lý do từ chối</source>
        <translation>Rejection reason</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="540"/>
        <source>Lý do (bắt buộc)</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="540"/>
        <source>Ghi chú (không bắt buộc)</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="541"/>
        <source>Công dân sẽ nhìn thấy lý do này</source>
        <translation>The citizen will see this reason</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="542"/>
        <source>Công dân sẽ nhìn thấy ghi chú này</source>
        <translation>The citizen will see this note</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="544"/>
        <source>Nêu rõ lý do; nội dung này được lưu vào hồ sơ.</source>
        <translation>State the reason clearly; it is kept on record.</translation>
    </message>
</context>
<context>
    <name>SupplementDialog</name>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="435"/>
        <source>Yêu cầu bổ sung hồ sơ</source>
        <translation>Request more documents</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="438"/>
        <source>Gửi yêu cầu</source>
        <translation>Send request</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="441"/>
        <source>Nội dung yêu cầu bổ sung…</source>
        <translation>What is needed…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="442"/>
        <source>Mỗi dòng một giấy tờ, ví dụ: Bản sao giấy chứng sinh</source>
        <translation>One document per line, e.g. Copy of birth certificate</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="443"/>
        <source>Giấy tờ cần bổ sung</source>
        <translation>Documents needed</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../triage_desktop/ui/sync_indicator.py" line="27"/>
        <source>Bấm để đồng bộ ngay</source>
        <translation>Click to sync now</translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/sync_indicator.py" line="49"/>
        <source>%Ln xung đột</source>
        <translation>
            <numerusform>%Ln conflict</numerusform>
            <numerusform>%Ln conflicts</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/sync_indicator.py" line="55"/>
        <source>Đang đồng bộ…</source>
        <translation>Syncing…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/sync_indicator.py" line="58"/>
        <source>Ngoại tuyến — %Ln thao tác chờ gửi</source>
        <translation>
            <numerusform>Offline — %Ln action waiting</numerusform>
            <numerusform>Offline — %Ln actions waiting</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/sync_indicator.py" line="60"/>
        <source>Chứng chỉ máy chủ không hợp lệ — báo bộ phận CNTT</source>
        <translation>The server&apos;s certificate is not valid — tell IT</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/sync_indicator.py" line="62"/>
        <source>Cần đăng nhập lại</source>
        <translation>Log in again</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/sync_indicator.py" line="64"/>
        <source>Phần mềm đã cũ — cần cài bản cập nhật</source>
        <translation>Out of date — install the update</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/sync_indicator.py" line="66"/>
        <source>Lỗi đồng bộ — bấm để thử lại</source>
        <translation>Sync error — click to retry</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/sync_indicator.py" line="69"/>
        <source>Đã đồng bộ {time}</source>
        <translation>Synced {time}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/sync_indicator.py" line="71"/>
        <source>Chưa đồng bộ</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/sync_indicator.py" line="71"/>
        <source>Đã đồng bộ</source>
        <translation>Synced</translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/ui/sync_indicator.py" line="73"/>
        <source>%Ln thao tác chờ gửi</source>
        <translation>
            <numerusform>%Ln action waiting</numerusform>
            <numerusform>%Ln actions waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TableExporter</name>
    <message>
        <location filename="../../triage_desktop/ui/table_export.py" line="62"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/table_export.py" line="63"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/table_export.py" line="92"/>
        <source>Lưu bảng số liệu</source>
        <translation>Save the tables</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/table_export.py" line="98"/>
        <source>Đang lưu “{name}”…</source>
        <translation>Saving “{name}”…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/table_export.py" line="106"/>
        <source>Đã lưu {names}</source>
        <translation>Saved {names}</translation>
    </message>
</context>
<context>
    <name>TemplatedDialog</name>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="347"/>
        <source>Công dân sẽ nhìn thấy nội dung này</source>
        <translation>The citizen will see this text</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="351"/>
        <source>Nội dung</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="358"/>
        <source>Tệp đính kèm</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="364"/>
        <source>— Không dùng mẫu —</source>
        <translation>— No template —</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="369"/>
        <source>Mẫu</source>
        <translation>Template</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="389"/>
        <source>Dùng mẫu</source>
        <translation>Use template</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="390"/>
        <source>Thay nội dung đang viết bằng mẫu “{title}”? Nội dung đang viết sẽ mất.</source>
        <translation>Replace what you are writing with the template “{title}”? Your text will be lost.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="394"/>
        <source>Thay bằng mẫu</source>
        <translation>Replace with template</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/action_dialogs.py" line="395"/>
        <source>Giữ nội dung đang viết</source>
        <translation>Keep my text</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/report_action_dialogs.py" line="57"/>
        <source>Chuyển đơn vị khác xử lý</source>
        <translation>Transfer to another unit</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/report_action_dialogs.py" line="60"/>
        <source>Chuyển đi</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/report_action_dialogs.py" line="63"/>
        <source>Công dân sẽ nhìn thấy lý do chuyển</source>
        <translation>The citizen will see the reason for the transfer</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/report_action_dialogs.py" line="65"/>
        <source>— Chọn đơn vị nhận —</source>
        <translation>— Choose the receiving unit —</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/report_action_dialogs.py" line="68"/>
        <source>Đơn vị nhận</source>
        <translation>Receiving unit</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/report_action_dialogs.py" line="69"/>
        <source>Ví dụ: Nội dung thuộc thẩm quyền của Điện lực, không thuộc phường.</source>
        <translation>For example: this is the power company&apos;s responsibility, not the ward&apos;s.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/dialogs/report_action_dialogs.py" line="70"/>
        <source>Lý do (bắt buộc)</source>
        <translation>Reason (required)</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <location filename="../../triage_desktop/ui/undo_window.py" line="51"/>
        <source>Hoàn tác</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/undo_window.py" line="62"/>
        <source>Hoàn tác: không gửi thao tác vừa xếp ({keys})</source>
        <translation>Undo: do not send the action just queued ({keys})</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/undo_window.py" line="66"/>
        <source>Hoàn tác gửi</source>
        <translation>Undo send</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/undo_window.py" line="109"/>
        <source>Thao tác đã được gửi đi, không hoàn tác được nữa.</source>
        <translation>The action has already been sent and can no longer be undone.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/undo_window.py" line="112"/>
        <source>Không hoàn tác được.</source>
        <translation>Could not undo.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/undo_window.py" line="133"/>
        <source>Đã xếp gửi “{action}” —</source>
        <translation>Queued “{action}” —</translation>
    </message>
</context>
<context>
    <name>ViewPicker</name>
    <message>
        <location filename="../../triage_desktop/ui/view_picker.py" line="42"/>
        <source>Chế độ xem:</source>
        <translation>View:</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/view_picker.py" line="45"/>
        <source>Chế độ xem</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/view_picker.py" line="52"/>
        <source>Lưu chế độ xem…</source>
        <translation>Save view…</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/view_picker.py" line="54"/>
        <source>Lưu danh sách đang xem (hàng việc, bộ lọc, thứ tự) dưới một tên</source>
        <translation>Keep the list as shown (queue, filters, order) under a name</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/view_picker.py" line="55"/>
        <source>Xóa chế độ xem</source>
        <translation>Delete view</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/view_picker.py" line="72"/>
        <source>Tùy chỉnh</source>
        <translation>Custom</translation>
    </message>
</context>
<context>
    <name>WholeFile</name>
    <message>
        <location filename="../../triage_desktop/ui/whole_file.py" line="54"/>
        <source>Ổ đĩa đã đầy: chưa lưu được “{name}”. Hãy giải phóng chỗ trống hoặc chọn ổ khác; tệp cũ cùng tên (nếu có) vẫn giữ nguyên.</source>
        <translation>The disk is full: “{name}” could not be saved. Free up space or choose another drive; any existing file with the same name is unchanged.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/whole_file.py" line="58"/>
        <source>Không thay được “{name}”: tệp đang mở trong chương trình khác (như Excel) hoặc chỉ cho đọc. Hãy đóng tệp rồi lưu lại, hoặc chọn tên khác.</source>
        <translation>Could not replace “{name}”: the file is open in another program (such as Excel) or is read-only. Close the file and save again, or choose another name.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/whole_file.py" line="62"/>
        <source>Không có quyền ghi vào thư mục “{folder}”. Hãy chọn thư mục khác, ví dụ Tài liệu.</source>
        <translation>No permission to write to the folder “{folder}”. Choose another folder, for example Documents.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/whole_file.py" line="65"/>
        <source>Không lưu được “{name}” ({reason}). Tệp cũ cùng tên (nếu có) vẫn giữ nguyên.</source>
        <translation>Could not save “{name}” ({reason}). Any existing file with the same name is unchanged.</translation>
    </message>
</context>
<context>
    <name>action_text</name>
    <message>
        <location filename="../../triage_desktop/ui/action_text.py" line="84"/>
        <source>Giấy tờ cần bổ sung: {docs}</source>
        <translation>Documents requested: {docs}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_text.py" line="88"/>
        <source>Hạn mới: {date}</source>
        <translation>New due date: {date}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_text.py" line="91"/>
        <source>Số tiền: {amount}</source>
        <translation>Amount: {amount}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_text.py" line="96"/>
        <source>Chuyển đến: {unit}</source>
        <translation>Transferred to: {unit}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_text.py" line="107"/>
        <source>Giao cho: {name} (thay {previous})</source>
        <translation>Assigned to: {name} (instead of {previous})</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_text.py" line="109"/>
        <source>Giao cho: {name}</source>
        <translation>Assigned to: {name}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_text.py" line="116"/>
        <source>Gộp vào: {code}</source>
        <translation>Merged into: {code}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_text.py" line="119"/>
        <source>Phản ánh trùng được gộp vào đây: {code}</source>
        <translation>Duplicate merged into this one: {code}</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <location filename="../../triage_desktop/cli.py" line="84"/>
        <source>Tiếp nhận và xử lý phản ánh hiện trường, hồ sơ thủ tục hành chính.</source>
        <translation>Triage citizens&apos; field reports and administrative dossiers.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="87"/>
        <source>thư mục dữ liệu (mặc định: TRIAGE_PROFILE hoặc thư mục người dùng)</source>
        <translation>data folder (default: TRIAGE_PROFILE or the user data folder)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="88"/>
        <source>ngôn ngữ giao diện</source>
        <translation>interface language</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="102"/>
        <source>đăng nhập vào máy chủ</source>
        <translation>log in to the server</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="103"/>
        <source>địa chỉ máy chủ (URL gốc của API)</source>
        <translation>server address (the API base URL)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="105"/>
        <source>đọc mật khẩu từ đầu vào chuẩn</source>
        <translation>read the password from standard input</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="107"/>
        <source>đồng bộ với máy chủ</source>
        <translation>synchronise with the server</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="108"/>
        <source>đồng bộ một lần đến khi khớp rồi thoát</source>
        <translation>synchronise until in step, then exit</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="117"/>
        <source>xếp một thao tác vào hộp thư đi (chạy được khi mất mạng)</source>
        <translation>queue one action in the outbox (works offline)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="125"/>
        <source>gửi kèm tệp (JPEG, PNG, PDF, DOCX, XLSX) với trả lời hoặc trả kết quả; lặp lại cho nhiều tệp, theo thứ tự gửi. Tệp được chép vào dữ liệu máy ngay</source>
        <translation>attach a file (JPEG, PNG, PDF, DOCX, XLSX) to a reply or a returned result; repeat for several files, in sending order. The file is copied into the local data at once</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="128"/>
        <source>các thao tác chưa gửi</source>
        <translation>unsent actions</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="130"/>
        <source>áp dụng lại thao tác xung đột trên phiên bản mới</source>
        <translation>re-apply a conflicting action on the new version</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="131"/>
        <source>bỏ thao tác này</source>
        <translation>discard this action</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="133"/>
        <source>bỏ tệp thứ N (đếm từ 1) khỏi thao tác bị máy chủ từ chối, rồi dùng --retry để gửi lại</source>
        <translation>remove file N (counting from 1) from an action the server refused, then use --retry to send it again</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="136"/>
        <source>xuất dữ liệu đã đồng bộ</source>
        <translation>export the synchronised data</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="139"/>
        <source>csv: mã máy (mặc định, cho tập lệnh) hoặc vi: tiêu đề cột, nhãn và ngày giờ tiếng Việt như bảng Excel</source>
        <translation>csv: machine codes (default, for scripts) or vi: Vietnamese column headings, labels and dates/times as in the Excel sheet</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="141"/>
        <source>tệp kết quả (mặc định: đầu ra chuẩn)</source>
        <translation>output file (default: standard output)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="143"/>
        <source>liệt kê phản ánh hoặc hồ sơ trong dữ liệu đã đồng bộ, theo hàng đợi, bộ lọc hoặc dạng xem đã lưu</source>
        <translation>list synced reports or dossiers by queue, filters or a saved view</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="146"/>
        <source>hàng đợi (mặc định: all)</source>
        <translation>queue (default: all)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="148"/>
        <source>mã lĩnh vực hoặc mã thủ tục</source>
        <translation>category or procedure code</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="149"/>
        <source>mã cán bộ xử lý</source>
        <translation>the assignee&apos;s user id</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="150"/>
        <source>kênh tiếp nhận (zalo_mini_app, hotline, online…)</source>
        <translation>channel (zalo_mini_app, hotline, online…)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="151"/>
        <source>tình trạng hạn xử lý</source>
        <translation>deadline state</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="154"/>
        <source>sắp xếp theo (mặc định: hạn xử lý cho các hàng đợi theo hạn, ngày gửi cho các hàng đợi khác)</source>
        <translation>sort by (default: the deadline for the deadline queues, the submission date for the others)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="156"/>
        <source>sắp xếp tăng dần</source>
        <translation>sort ascending</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="160"/>
        <source>số mục của từng hàng đợi, kể cả sắp đến hạn và quá hạn</source>
        <translation>the number of items in each queue, due-soon and overdue included</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="164"/>
        <source>nhật ký thao tác: ai đã làm gì, với mục nào, lúc nào</source>
        <translation>audit log: who did what, to which item, when</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="166"/>
        <source>kiểm tra chuỗi mã băm: in OK (mã thoát 0), hoặc một dòng cho mỗi mục bị sửa hay bị xóa (mã thoát 5)</source>
        <translation>check the hash chain: prints OK (exit code 0), or one line per edited or removed entry (exit code 5)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="168"/>
        <source>ghi nhật ký ra tệp CSV (UTF-8 có BOM, kèm mã băm), chỉ người dùng này đọc được</source>
        <translation>write the log to a CSV file (UTF-8 with BOM, with the hashes) that only this user can read</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="171"/>
        <source>lập giấy tờ của một mục thành tệp PDF: mẫu 01–06 của hồ sơ, phiếu tóm tắt của cả hai loại</source>
        <translation>create an item’s documents as a PDF file: forms 01–06 for dossiers, summary sheet for both types</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="176"/>
        <source>tệp PDF (mặc định: &lt;mã&gt;-&lt;mẫu&gt;.pdf trong thư mục hiện tại)</source>
        <translation>PDF file (default: &lt;code&gt;-&lt;form&gt;.pdf in the current folder)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="179"/>
        <source>ảnh của công dân giữ trên máy để xem khi mất mạng: số ảnh và dung lượng</source>
        <translation>citizens&apos; photos kept on this PC for offline viewing: how many and how much space</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="181"/>
        <source>tải trước ảnh của các mục mới nhất trong hàng đợi của tôi, chưa phân công và mới, trong hạn mức</source>
        <translation>fetch the photos of the newest items in my, unassigned and new queues, within the budget</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="185"/>
        <source>thống kê kết quả giải quyết đúng hạn, trễ hạn của một kỳ (như màn hình Thống kê)</source>
        <translation>on-time and late settlement statistics for a period (as on the Statistics screen)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="191"/>
        <source>tệp kết quả (mặc định: đầu ra chuẩn; xlsx cần tệp)</source>
        <translation>output file (default: standard output; xlsx requires a file)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="193"/>
        <source>chạy máy chủ thử nghiệm</source>
        <translation>run the sandbox server</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="200"/>
        <source>phản ánh mới đến mỗi N giây</source>
        <translation>a new report arrives every N seconds</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="202"/>
        <source>tỉ lệ yêu cầu bị lỗi giả lập, từ 0 đến 1</source>
        <translation>share of requests that get a simulated fault, from 0 to 1</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="203"/>
        <source>hạt giống cho chế độ lỗi</source>
        <translation>random seed for the fault mode</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="205"/>
        <source>mỗi trang thay đổi có ngẫu nhiên 1 đến N mục</source>
        <translation>each feed page holds a random 1 to N changes</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="207"/>
        <source>thời hạn của access token, tính bằng giây</source>
        <translation>lifetime of an access token, in seconds</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="223"/>
        <source>cần một số từ 0 đến 1</source>
        <translation>expected a number from 0 to 1</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="251"/>
        <source>Máy này chỉ được đăng nhập vào máy chủ {server} (bộ phận CNTT đã khóa địa chỉ máy chủ).</source>
        <translation>This computer may only log in to the server {server} (IT has locked the server address).</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="310"/>
        <source>Trong đó {held} thao tác của cán bộ khác, chờ người đó đăng nhập để gửi.</source>
        <translation>{held} of them were made by another officer and wait for that officer to log in.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="376"/>
        <source>Chưa có cán bộ nào đăng nhập trên hồ sơ này: dùng lệnh login.</source>
        <translation>Nobody is logged in on this profile: use the login command.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="397"/>
        <source>Không có tệp thứ {n} trong thao tác {id}.</source>
        <translation>Action {id} has no file number {n}.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="408"/>
        <source>đã tải lên</source>
        <translation>uploaded</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="408"/>
        <source>đang chờ gửi</source>
        <translation>waiting to be sent</translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/cli.py" line="467"/>
        <location filename="../../triage_desktop/cli.py" line="492"/>
        <source>Đã xuất %n mục.</source>
        <translation>
            <numerusform>Exported %n item.</numerusform>
            <numerusform>Exported %n items.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="474"/>
        <source>--labels vi chỉ dùng với --format csv hoặc xlsx.</source>
        <translation>--labels vi can only be used with --format csv or xlsx.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="476"/>
        <source>--format xlsx cần --output TỆP (tệp Excel không in ra màn hình).</source>
        <translation>--format xlsx requires --output FILE (Excel files cannot be printed to the screen).</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="554"/>
        <source>{shown}/{total} mục.</source>
        <translation>{shown}/{total} items.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="568"/>
        <source>Dạng xem &quot;{name}&quot; là của {kind}.</source>
        <translation>The view &quot;{name}&quot; is for {kind}.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="571"/>
        <source>Không có dạng xem đã lưu tên &quot;{name}&quot;.</source>
        <translation>No saved view is called &quot;{name}&quot;.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="612"/>
        <source>Đã tải {count} ảnh ({size}).</source>
        <translation>Fetched {count} photos ({size}).</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="615"/>
        <source>Bỏ qua {count} ảnh không khớp mã băm SHA-256.</source>
        <translation>Skipped {count} photos whose SHA-256 did not match.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="617"/>
        <source>Ảnh giữ trên máy: {count} ảnh, {size} (hạn mức {budget}).</source>
        <translation>Photos kept on this PC: {count}, {size} (budget {budget}).</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="620"/>
        <source>Mất kết nối với máy chủ giữa chừng: chưa tải hết ảnh.</source>
        <translation>The connection to the server dropped: not every photo was fetched.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="634"/>
        <source>Không có {kind} {id} trong dữ liệu trên máy.</source>
        <translation>No {kind} {id} in the data on this computer.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="641"/>
        <source>Không lập được {form}: {reason}.</source>
        <translation>Could not create {form}: {reason}.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="710"/>
        <source>Ngày --to không được trước ngày --from.</source>
        <translation>--to cannot be before --from.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/cli.py" line="659"/>
        <source>Đã xuất %n mục nhật ký.</source>
        <translation>
            <numerusform>Exported %n audit entry.</numerusform>
            <numerusform>Exported %n audit entries.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="683"/>
        <source>Mục {seq}: nội dung đã bị sửa (không khớp mã băm của nó).</source>
        <translation>Entry {seq}: its content was edited (it does not match its hash).</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="684"/>
        <source>Mục {seq}: không nối với mục trước nó (mục trước đã bị sửa hoặc thay).</source>
        <translation>Entry {seq}: it does not link to the entry before it (that entry was edited or replaced).</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="685"/>
        <source>Mục {seq}: trước nó đã bị xóa mục {span}.</source>
        <translation>Entry {seq}: entry {span} before it was removed.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="686"/>
        <source>Mục {seq}: đã bị xóa mục {span} ở cuối nhật ký.</source>
        <translation>Entry {seq}: entry {span} was removed from the end of the log.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="687"/>
        <source>Mục {seq}: bộ đếm của nhật ký đã bị sửa.</source>
        <translation>Entry {seq}: the log&apos;s counter was edited.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="706"/>
        <source>Định dạng xlsx cần --output TỆP.xlsx.</source>
        <translation>The xlsx format requires --output FILE.xlsx.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="739"/>
        <source>cần một ngày YYYY-MM-DD</source>
        <translation>expected a date YYYY-MM-DD</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="750"/>
        <source>Không mở được máy chủ thử nghiệm ở {host}:{port} ({reason}). Chọn cổng khác bằng --port.</source>
        <translation>Could not start the sandbox server at {host}:{port} ({reason}). Choose another port with --port.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../triage_desktop/cli.py" line="760"/>
        <source>Còn %n thao tác chưa gửi: xóa dữ liệu sẽ làm mất chúng. Đồng bộ trước, hoặc thêm --force.</source>
        <translation>
            <numerusform>%n action is unsent: deleting the data would lose it. Sync first, or add --force.</numerusform>
            <numerusform>%n actions are unsent: deleting the data would lose them. Sync first, or add --force.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="763"/>
        <source>Đã đăng xuất.</source>
        <translation>Logged out.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="763"/>
        <source>Đã xóa dữ liệu trên máy này.</source>
        <translation>The data on this computer was deleted.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="791"/>
        <source>Tệp dữ liệu bị hỏng đã được cất riêng ({file}); giữ lại {kept} thao tác chưa gửi.</source>
        <translation>The damaged data file was set aside ({file}); {kept} unsent actions were kept.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="794"/>
        <source>Không đọc lại được các thao tác số {ids} (có thể đã gửi trước đó).</source>
        <translation>Actions number {ids} could not be read back (they may have been sent before).</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="841"/>
        <source>Dữ liệu trên máy này đã được mã hóa và máy không có kho khóa an toàn: cần mật khẩu, dùng --password-stdin.</source>
        <translation>The data on this computer is encrypted and this computer has no secure keyring: the password is needed, use --password-stdin.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="853"/>
        <source>Lỗi không mong đợi (lỗi của chương trình). Chi tiết trong nhật ký: {path}</source>
        <translation>Unexpected error (a bug in the program). Details in the log: {path}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="209"/>
        <source>mở cửa sổ với máy chủ thử nghiệm và dữ liệu mẫu</source>
        <translation>open the window with the sandbox server and sample data</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="99"/>
        <source>đọc mật khẩu từ đầu vào chuẩn để mở dữ liệu đã mã hóa</source>
        <translation>read the password from standard input to open the encrypted data</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="110"/>
        <source>đọc mật khẩu từ đầu vào chuẩn: mở dữ liệu và đăng nhập cho lần chạy này</source>
        <translation>read the password from standard input: open the data and log in for this run</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="112"/>
        <source>đăng xuất: thu hồi phiên trên máy chủ, xóa khóa khỏi kho khóa</source>
        <translation>log out: revoke the session on the server, delete the key from the keyring</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="113"/>
        <source>xóa luôn dữ liệu trên máy này</source>
        <translation>also delete the data on this computer</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="115"/>
        <source>xóa cả khi còn thao tác chưa gửi (các thao tác đó sẽ mất)</source>
        <translation>delete even when actions are unsent (they will be lost)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="152"/>
        <source>dạng xem: có sẵn ({names}) hoặc đã lưu của cán bộ đang đăng nhập</source>
        <translation>a view: built in ({names}) or saved by the signed-in official</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="213"/>
        <source>bắt đầu lại với dữ liệu mẫu mới</source>
        <translation>start over with fresh sample data</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="233"/>
        <source>cần một số nguyên dương</source>
        <translation>expected a positive whole number</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="241"/>
        <source>Mật khẩu: </source>
        <translation>Password: </translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="248"/>
        <source>Chưa có địa chỉ máy chủ: dùng --server hoặc deployment.toml.</source>
        <translation>No server address: use --server or deployment.toml.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="256"/>
        <source>Đã đăng nhập: {name} ({username}), đơn vị {unit}.</source>
        <translation>Logged in: {name} ({username}), unit {unit}.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="259"/>
        <source>Máy này không có kho khóa an toàn: phiên đăng nhập chỉ giữ trong lần chạy này; dùng --password-stdin với lệnh sync.</source>
        <translation>This machine has no secure keyring: the login lasts only for this run; use --password-stdin with sync.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="286"/>
        <source>Chưa đăng nhập lần nào trên hồ sơ này: dùng lệnh login trước.</source>
        <translation>Nobody has logged in on this profile yet: run login first.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="293"/>
        <source>Cần đăng nhập: dùng lệnh login, hoặc --password-stdin.</source>
        <translation>Login needed: run login, or pass --password-stdin.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="316"/>
        <source>Đã đồng bộ: {pulled} thay đổi, {pushed} thao tác đã gửi, {unsent} chưa gửi, {conflicts} xung đột.</source>
        <translation>Synchronised: {pulled} changes, {pushed} actions sent, {unsent} unsent, {conflicts} conflicts.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="307"/>
        <source>Chưa khớp: còn {unsent} thao tác chưa gửi được.</source>
        <translation>Not in step: {unsent} actions could not be sent.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/cli.py" line="346"/>
        <source>Chưa đồng bộ được: {reason} Thử lại sau {seconds} giây.</source>
        <translation>Could not sync: {reason} Trying again in {seconds} s.</translation>
    </message>
</context>
<context>
    <name>deadlines</name>
    <message>
        <location filename="../../triage_desktop/ui/deadlines.py" line="63"/>
        <source>{days} ngày</source>
        <translation>{days} d</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/deadlines.py" line="61"/>
        <source>{days} ngày {hours} giờ</source>
        <translation>{days} d {hours} h</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/deadlines.py" line="65"/>
        <location filename="../../triage_desktop/ui/item_list_view.py" line="290"/>
        <source>{hours} giờ</source>
        <translation>{hours} h</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/deadlines.py" line="52"/>
        <source>quá hạn</source>
        <translation>overdue</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/deadlines.py" line="52"/>
        <source>đến hạn</source>
        <translation>due now</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/deadlines.py" line="54"/>
        <source>quá hạn {amount} làm việc</source>
        <translation>overdue by {amount} of working time</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/deadlines.py" line="55"/>
        <source>còn {amount} làm việc</source>
        <translation>{amount} of working time left</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/deadlines.py" line="94"/>
        <location filename="../../triage_desktop/ui/item_list_view.py" line="291"/>
        <source>Tạm dừng — chờ công dân</source>
        <translation>Paused — waiting for the citizen</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/deadlines.py" line="101"/>
        <source>Quá hạn {days} ngày</source>
        <translation>Overdue by {days} days</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/deadlines.py" line="103"/>
        <source>Quá hạn {hours} giờ</source>
        <translation>Overdue by {hours} hours</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/deadlines.py" line="104"/>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/deadlines.py" line="108"/>
        <source>Sắp đến hạn — đến hạn</source>
        <translation>Due soon — due now</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/deadlines.py" line="109"/>
        <location filename="../../triage_desktop/ui/item_list_view.py" line="289"/>
        <source>Sắp đến hạn — còn {amount}</source>
        <translation>Due soon — {amount} left</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/deadlines.py" line="111"/>
        <location filename="../../triage_desktop/ui/item_list_view.py" line="292"/>
        <source>Còn {days} ngày làm việc</source>
        <translation>{days} working days left</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/deadlines.py" line="112"/>
        <source>Còn {hours} giờ làm việc</source>
        <translation>{hours} working hours left</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/deadlines.py" line="137"/>
        <source>ước tính theo lịch nghỉ lễ quốc gia; tỉnh chưa công bố lịch năm {years}</source>
        <translation>estimated on the national holidays; the province has not published its calendar for {years}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/deadlines.py" line="146"/>
        <source>{due} — {note}</source>
        <translation>{due} — {note}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/deadlines.py" line="42"/>
        <source>tạm dừng, chờ công dân</source>
        <translation>paused, waiting for the citizen</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/deadlines.py" line="45"/>
        <source>{date} ({left})</source>
        <translation>{date} ({left})</translation>
    </message>
</context>
<context>
    <name>display_check</name>
    <message>
        <location filename="../../triage_desktop/ui/display_check.py" line="35"/>
        <source>Máy này không có màn hình để mở cửa sổ (không có DISPLAY). Hãy chạy trên máy có màn hình, hoặc dùng `make screenshot` để xem cửa sổ dưới dạng ảnh.</source>
        <translation>This machine has no display to open the window on (no DISPLAY). Run it on a machine with a display, or use `make screenshot` to see the window as a picture.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/display_check.py" line="38"/>
        <source>Thiếu thư viện hệ thống libxcb-cursor0 mà Qt cần để mở cửa sổ trên Linux. Cài bằng: sudo apt-get install libxcb-cursor0</source>
        <translation>The system library libxcb-cursor0, which Qt needs to open a window on Linux, is missing. Install it with: sudo apt-get install libxcb-cursor0</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="17"/>
        <location filename="../../triage_desktop/ui/labels.py" line="112"/>
        <source>Mới</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="18"/>
        <source>Đã tiếp nhận</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="19"/>
        <location filename="../../triage_desktop/ui/labels.py" line="31"/>
        <source>Đang xử lý</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="20"/>
        <source>Đã xử lý</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="21"/>
        <source>Đã đóng</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="22"/>
        <source>Đã chuyển đơn vị khác</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="23"/>
        <location filename="../../triage_desktop/ui/labels.py" line="72"/>
        <source>Từ chối</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="28"/>
        <source>Mới đăng ký</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="29"/>
        <source>Được tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="30"/>
        <source>Không được tiếp nhận</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="32"/>
        <source>Yêu cầu bổ sung giấy tờ</source>
        <translation>Awaiting documents</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="33"/>
        <source>Yêu cầu thực hiện nghĩa vụ tài chính</source>
        <translation>Awaiting fee payment</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="34"/>
        <location filename="../../triage_desktop/ui/labels.py" line="74"/>
        <source>Công dân rút hồ sơ</source>
        <translation>Withdrawn by citizen</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="35"/>
        <location filename="../../triage_desktop/ui/labels.py" line="69"/>
        <source>Dừng xử lý</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="36"/>
        <location filename="../../triage_desktop/ui/labels.py" line="70"/>
        <source>Đã xử lý xong</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="37"/>
        <source>Đã trả kết quả</source>
        <translation>Result returned</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="41"/>
        <source>Thấp</source>
        <translation>Low</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="42"/>
        <source>Bình thường</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="43"/>
        <source>Cao</source>
        <translation>High</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="44"/>
        <source>Khẩn cấp</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="48"/>
        <source>Trùng lặp</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="49"/>
        <source>Không thuộc thẩm quyền</source>
        <translation>Not our competence</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="50"/>
        <source>Tin rác, quấy rối</source>
        <translation>Spam or abuse</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="51"/>
        <source>Thiếu thông tin</source>
        <translation>Not enough information</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="52"/>
        <source>Lý do khác</source>
        <translation>Other reason</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="56"/>
        <source>Gửi lên</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="70"/>
        <location filename="../../triage_desktop/ui/labels.py" line="57"/>
        <source>Tiếp nhận</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="73"/>
        <location filename="../../triage_desktop/ui/action_registry.py" line="77"/>
        <location filename="../../triage_desktop/ui/labels.py" line="58"/>
        <source>Phân công</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="59"/>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="85"/>
        <location filename="../../triage_desktop/ui/labels.py" line="60"/>
        <source>Trả lời công dân</source>
        <translation>Reply to citizen</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="91"/>
        <location filename="../../triage_desktop/ui/labels.py" line="61"/>
        <source>Đổi trạng thái</source>
        <translation>Status changed</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="106"/>
        <location filename="../../triage_desktop/ui/labels.py" line="62"/>
        <source>Đổi mức độ</source>
        <translation>Priority changed</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="110"/>
        <location filename="../../triage_desktop/ui/labels.py" line="63"/>
        <source>Chuyển đơn vị</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="114"/>
        <location filename="../../triage_desktop/ui/labels.py" line="64"/>
        <source>Gộp phản ánh</source>
        <translation>Merged</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="95"/>
        <location filename="../../triage_desktop/ui/labels.py" line="65"/>
        <source>Yêu cầu bổ sung</source>
        <translation>Documents requested</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="66"/>
        <source>Đã nhận bổ sung</source>
        <translation>Documents received</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="118"/>
        <location filename="../../triage_desktop/ui/labels.py" line="67"/>
        <source>Yêu cầu nộp phí</source>
        <translation>Fee requested</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="68"/>
        <source>Đã nộp phí</source>
        <translation>Fee paid</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="100"/>
        <location filename="../../triage_desktop/ui/labels.py" line="71"/>
        <source>Trả kết quả</source>
        <translation>Result returned</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="123"/>
        <location filename="../../triage_desktop/ui/labels.py" line="73"/>
        <source>Gia hạn</source>
        <translation>Extended</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="75"/>
        <source>Công dân đánh giá</source>
        <translation>Citizen rating</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/action_registry.py" line="81"/>
        <source>Ghi chú nội bộ</source>
        <translation>Internal note</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="79"/>
        <source>Đang chờ gửi</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="80"/>
        <source>Đang gửi</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="81"/>
        <source>Xung đột</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="82"/>
        <source>Lỗi</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="83"/>
        <source>Đã gửi</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="87"/>
        <source>Zalo</source>
        <translation>Zalo</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="88"/>
        <source>Đường dây nóng</source>
        <translation>Hotline</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="89"/>
        <source>Cổng thông tin</source>
        <translation>Web portal</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="90"/>
        <source>Trực tiếp</source>
        <translation>In person</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="91"/>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="92"/>
        <source>Bưu chính</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="97"/>
        <source>Phản ánh</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="98"/>
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="110"/>
        <source>Việc của tôi</source>
        <translation>My work</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="111"/>
        <source>Chưa phân công</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="113"/>
        <location filename="../../triage_desktop/ui/labels.py" line="123"/>
        <source>Sắp đến hạn</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="114"/>
        <location filename="../../triage_desktop/ui/labels.py" line="124"/>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="115"/>
        <source>Chờ bổ sung / chờ phí</source>
        <translation>Waiting for documents / fees</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="116"/>
        <source>Chưa hoàn thành</source>
        <translation>Not finished</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="117"/>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="122"/>
        <source>Còn hạn</source>
        <translation>On track</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="125"/>
        <source>Tạm dừng</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="130"/>
        <source>Việc của tôi — gấp nhất trước</source>
        <translation>My work — most urgent first</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="131"/>
        <source>Quá hạn của đơn vị</source>
        <translation>The unit&apos;s overdue work</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="132"/>
        <source>Chưa phân công — cũ nhất trước</source>
        <translation>Unassigned — oldest first</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="133"/>
        <source>Chưa hoàn thành — gấp nhất trước</source>
        <translation>Not finished — most urgent first</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="137"/>
        <source>Công dân gửi</source>
        <translation>From the citizen</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="138"/>
        <source>Cán bộ gửi</source>
        <translation>From staff</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="142"/>
        <source>Lãnh đạo</source>
        <translation>Leader</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="143"/>
        <source>Cán bộ</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="144"/>
        <source>Một cửa</source>
        <translation>One-stop desk</translation>
    </message>
</context>
<context>
    <name>labels.one</name>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="105"/>
        <source>Phản ánh</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/labels.py" line="106"/>
        <source>Hồ sơ</source>
        <translation>Dossier</translation>
    </message>
</context>
<context>
    <name>list_export</name>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="27"/>
        <source>Tiêu đề</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="27"/>
        <source>Trích yếu</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="28"/>
        <source>Tiêu đề / Trích yếu</source>
        <translation>Title / Summary</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="30"/>
        <source>Lĩnh vực</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="30"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="31"/>
        <source>Lĩnh vực / Thủ tục</source>
        <translation>Category / Procedure</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="34"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="33"/>
        <source>Người phản ánh</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="35"/>
        <source>Người phản ánh / Người nộp</source>
        <translation>Reported by / Applicant</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="37"/>
        <source>Loại</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="38"/>
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="39"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="40"/>
        <source>Mức độ</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="41"/>
        <source>Người xử lý</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="42"/>
        <source>Kênh</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="43"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="44"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="45"/>
        <source>Ngày gửi</source>
        <translation>Date sent</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="46"/>
        <source>Hạn xử lý</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="47"/>
        <source>Còn lại (ngày làm việc, âm: quá hạn)</source>
        <translation>Remaining (working days, negative: overdue)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="48"/>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="97"/>
        <source>Danh sách phản ánh</source>
        <translation>Report list</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="99"/>
        <source>Danh sách hồ sơ</source>
        <translation>Dossier list</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="100"/>
        <source>Danh sách phản ánh và hồ sơ</source>
        <translation>Report and dossier list</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="117"/>
        <source>{name}: {value}</source>
        <translation>{name}: {value}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="120"/>
        <source>Thời hạn: {state}</source>
        <translation>Deadline: {state}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="123"/>
        <source>Tìm: “{text}”</source>
        <translation>Search: “{text}”</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="125"/>
        <source>Từ Thống kê: {what}</source>
        <translation>From Statistics: {what}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="127"/>
        <source>xuất lúc {moment}</source>
        <translation>exported at {moment}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/list_words.py" line="135"/>
        <source>Chưa phân công</source>
        <translation>Unassigned</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="21"/>
        <source>nội dung</source>
        <translation>text</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="22"/>
        <source>người xử lý</source>
        <translation>assignee</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="23"/>
        <source>trạng thái</source>
        <translation>status</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="24"/>
        <source>lý do</source>
        <translation>reason</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="25"/>
        <source>nội dung lý do</source>
        <translation>reason text</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="26"/>
        <source>mức độ</source>
        <translation>priority</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="27"/>
        <source>đơn vị nhận</source>
        <translation>receiving unit</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="28"/>
        <source>phản ánh gốc</source>
        <translation>original report</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="29"/>
        <source>giấy tờ cần bổ sung</source>
        <translation>documents needed</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="30"/>
        <source>số tiền</source>
        <translation>amount</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="31"/>
        <source>hạn mới</source>
        <translation>new due date</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="32"/>
        <source>thư xin lỗi</source>
        <translation>apology letter</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="33"/>
        <source>tệp đính kèm</source>
        <translation>attachments</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="44"/>
        <source>Chỉ trả lời phản ánh và trả kết quả hồ sơ mới gửi kèm được tệp.</source>
        <translation>Only a reply to a report and a returned dossier result can carry files.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="46"/>
        <source>Thiếu thông tin bắt buộc: {field}.</source>
        <translation>Required information missing: {field}.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="49"/>
        <source>Nội dung quá dài (tối đa {limit} ký tự).</source>
        <translation>The text is too long (at most {limit} characters).</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="51"/>
        <source>Giá trị không hợp lệ: {field}.</source>
        <translation>Invalid value: {field}.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="53"/>
        <source>Cán bộ chỉ được tự nhận xử lý; phân công người khác cần lãnh đạo.</source>
        <translation>Officers may only assign themselves; assigning others needs a leader.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="55"/>
        <source>Vai trò của bạn không được phép thực hiện thao tác này.</source>
        <translation>Your role may not do this.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="57"/>
        <source>Không thể chuyển sang trạng thái này bằng thao tác đổi trạng thái.</source>
        <translation>This status cannot be reached with “Change status”.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="59"/>
        <source>Thao tác này không áp dụng cho loại hồ sơ này.</source>
        <translation>This action does not apply to this kind of item.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="60"/>
        <source>Thao tác không hợp lệ ({code}).</source>
        <translation>Invalid action ({code}).</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="67"/>
        <source>Tệp “{name}” quá lớn: máy chủ chỉ nhận tệp đến {size}.</source>
        <translation>The file “{name}” is too large: the server takes files up to {size}.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="70"/>
        <source>Không gửi được tệp “{name}”: chỉ nhận ảnh JPEG, PNG, tệp PDF, Word (.docx) hoặc Excel (.xlsx).</source>
        <translation>The file “{name}” cannot be sent: only JPEG and PNG photos, PDF, Word (.docx) or Excel (.xlsx) files.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="73"/>
        <source>Tệp “{name}” trống.</source>
        <translation>The file “{name}” is empty.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="74"/>
        <source>Không đọc được tệp “{name}” (đã bị xóa, chuyển đi hoặc đang bị khóa).</source>
        <translation>The file “{name}” cannot be read (deleted, moved or locked).</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="81"/>
        <source>Sai tên đăng nhập hoặc mật khẩu.</source>
        <translation>Wrong username or password.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="83"/>
        <source>Tài khoản đang bị khóa do nhập sai nhiều lần. Vui lòng chờ hoặc liên hệ bộ phận CNTT.</source>
        <translation>The account is locked after too many wrong attempts. Wait or contact IT.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="85"/>
        <source>Mật khẩu không đúng. Vui lòng nhập lại (chú ý chữ hoa, chữ thường và bộ gõ tiếng Việt).</source>
        <translation>The data on this computer is locked with another official&apos;s password and this computer has no secure keyring. That official needs to log in, or IT can set up a separate profile.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="87"/>
        <source>Dữ liệu trên máy này được khóa bằng mật khẩu của cán bộ khác và máy không có kho khóa an toàn. Người đó cần đăng nhập, hoặc bộ phận CNTT cấp hồ sơ riêng.</source>
        <translation>Wrong password. Please try again (mind upper and lower case and the Vietnamese keyboard).</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="90"/>
        <source>Dữ liệu trên máy đang được khóa: cần nhập mật khẩu để mở.</source>
        <translation>The data on this computer is locked: enter the password to open it.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="92"/>
        <source>Tài khoản này chưa đăng nhập lần nào trên máy này: lần đầu cần kết nối máy chủ. Kiểm tra mạng rồi thử lại.</source>
        <translation>This account has never logged in on this computer: the first time needs the server. Check the network and try again.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="95"/>
        <source>Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại; các thao tác chưa gửi vẫn được giữ.</source>
        <translation>Your session has expired. Please log in again; unsent actions are kept.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="97"/>
        <source>Máy chủ {host} dùng địa chỉ http:// không mã hóa: mật khẩu và dữ liệu sẽ đi qua mạng ở dạng đọc được, nên phần mềm không kết nối. Hãy dùng địa chỉ https:// do bộ phận CNTT cung cấp.</source>
        <translation>The server {host} uses an unencrypted http:// address: the password and the data would cross the network readable, so the program does not connect. Use the https:// address IT gives you.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="101"/>
        <source>Không xác minh được chứng chỉ bảo mật của máy chủ {host}, nên phần mềm không kết nối (có thể bị giả mạo). Vui lòng gọi bộ phận CNTT của tỉnh; các thao tác chưa gửi vẫn được giữ.</source>
        <translation>The security certificate of the server {host} could not be verified, so the program does not connect (it may be an impostor). Please call the province&apos;s IT; unsent actions are kept.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="105"/>
        <source>Không kết nối được máy chủ. Kiểm tra mạng hoặc địa chỉ máy chủ; các thao tác sẽ được gửi khi có mạng.</source>
        <translation>Cannot reach the server. Check the network or the server address; actions will be sent when the network is back.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="108"/>
        <source>Máy chủ đang bận, sẽ tự thử lại sau.</source>
        <translation>The server is busy; it will be retried automatically.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="110"/>
        <source>Máy chủ trả về dữ liệu không hợp lệ. Kiểm tra địa chỉ máy chủ hoặc báo bộ phận CNTT.</source>
        <translation>The server sent invalid data. Check the server address or tell IT.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="112"/>
        <source>Phiên bản phần mềm đã cũ. Vui lòng liên hệ bộ phận CNTT để cài bản cập nhật; các thao tác chưa gửi vẫn được giữ.</source>
        <translation>This version is out of date. Please ask IT to install the update; unsent actions are kept.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="115"/>
        <source>Máy này còn thao tác chưa gửi của {name}. Người đó cần đăng nhập và đồng bộ trước, hoặc dùng một hồ sơ riêng (--profile).</source>
        <translation>This computer still has unsent actions of {name}. They must log in and sync first, or use a separate profile (--profile).</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="120"/>
        <source>Không tìm thấy hồ sơ/phản ánh này trong dữ liệu đã đồng bộ.</source>
        <translation>This report/dossier is not in the synced data.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="122"/>
        <source>Không ghi được dữ liệu trên máy (ổ đĩa đầy hoặc bị khóa). Dữ liệu đã có không bị mất.</source>
        <translation>Could not write to this computer (disk full or locked). Nothing already saved was lost.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="124"/>
        <source>Đã hủy.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="126"/>
        <source>Máy chủ từ chối yêu cầu (mã {status}).</source>
        <translation>The server refused the request (code {status}).</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/messages.py" line="127"/>
        <source>Lỗi không mong đợi: {error}</source>
        <translation>Unexpected error: {error}</translation>
    </message>
</context>
<context>
    <name>papers</name>
    <message>
        <location filename="../../triage_desktop/ui/papers/wording.py" line="13"/>
        <source>Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả</source>
        <translation>Form 01 — Dossier receipt and appointment for results</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/wording.py" line="14"/>
        <source>Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ</source>
        <translation>Form 02 — Request to supplement and complete a dossier</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/wording.py" line="15"/>
        <source>Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ</source>
        <translation>Form 03 — Refusal to receive a dossier for settlement</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/wording.py" line="16"/>
        <source>Mẫu 04 — Văn bản xin lỗi và đề nghị gia hạn</source>
        <translation>Form 04 — Letter of apology and extension request</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/wording.py" line="17"/>
        <source>Mẫu 05 — Thông báo dừng giải quyết hồ sơ</source>
        <translation>Form 05 — Notice of stopping dossier settlement</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/wording.py" line="18"/>
        <source>Mẫu 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ</source>
        <translation>Form 06 — Dossier settlement process control sheet</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/wording.py" line="19"/>
        <source>Phiếu tóm tắt</source>
        <translation>Summary sheet</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/wording.py" line="24"/>
        <source>In giấy tiếp nhận (Mẫu 01)</source>
        <translation>Print receipt (Form 01)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/wording.py" line="25"/>
        <source>In phiếu yêu cầu bổ sung (Mẫu 02)</source>
        <translation>Print supplement request (Form 02)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/wording.py" line="26"/>
        <source>In phiếu từ chối (Mẫu 03)</source>
        <translation>Print refusal (Form 03)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/wording.py" line="27"/>
        <source>In văn bản xin lỗi (Mẫu 04)</source>
        <translation>Print letter of apology (Form 04)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/wording.py" line="28"/>
        <source>In thông báo dừng giải quyết (Mẫu 05)</source>
        <translation>Print notice of stopping settlement (Form 05)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/wording.py" line="32"/>
        <source>Mẫu này chỉ dùng cho hồ sơ thủ tục hành chính</source>
        <translation>This form applies only to administrative procedure dossiers</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/wording.py" line="33"/>
        <source>Hồ sơ chưa được tiếp nhận</source>
        <translation>The dossier has not been received yet</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/wording.py" line="34"/>
        <source>Hồ sơ chưa có yêu cầu bổ sung</source>
        <translation>The dossier has no request for supplements</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/wording.py" line="35"/>
        <source>Hồ sơ không bị từ chối tiếp nhận</source>
        <translation>The dossier has not been refused</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/wording.py" line="36"/>
        <source>Hồ sơ chưa được gia hạn</source>
        <translation>The dossier has not been extended</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/papers/wording.py" line="37"/>
        <source>Hồ sơ không ở trạng thái dừng xử lý</source>
        <translation>The dossier is not in the stopped state</translation>
    </message>
</context>
<context>
    <name>problems</name>
    <message>
        <location filename="../../triage_desktop/ui/problems.py" line="57"/>
        <source>Hồ sơ đã được người khác cập nhật</source>
        <translation>Someone else has updated this dossier</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/problems.py" line="58"/>
        <source>Phản ánh đã được người khác cập nhật</source>
        <translation>Someone else has updated this report</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/problems.py" line="60"/>
        <source>Trạng thái hiện tại không cho phép thao tác này</source>
        <translation>The current status does not allow this action</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/problems.py" line="62"/>
        <source>Vai trò của bạn không được phép thực hiện thao tác này</source>
        <translation>Your role is not allowed to do this</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/problems.py" line="64"/>
        <source>Không còn thuộc đơn vị (đã chuyển đi, gộp, rút hoặc xóa)</source>
        <translation>No longer in your unit (transferred, merged, withdrawn or deleted)</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/problems.py" line="68"/>
        <source>Máy chủ không nhận tệp “{name}” vì quá lớn: bỏ tệp này rồi áp dụng lại</source>
        <translation>The server refused “{name}” as too large: remove this file, then re-apply</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/problems.py" line="70"/>
        <source>Máy chủ không nhận loại tệp của “{name}”: bỏ tệp này rồi áp dụng lại</source>
        <translation>The server does not take the type of “{name}”: remove this file, then re-apply</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/problems.py" line="73"/>
        <source>Tệp đính kèm của thao tác này không còn trên máy (dữ liệu đã được khôi phục sau sự cố): bỏ thao tác rồi gửi lại kèm tệp, hoặc áp dụng lại không kèm tệp</source>
        <translation>This action&apos;s attachments are no longer on this PC (the data was recovered after a failure): discard the action and send it again with the files, or re-apply it without them</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/problems.py" line="78"/>
        <source>Dữ liệu không hợp lệ: {fields}</source>
        <translation>Invalid data: {fields}</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/problems.py" line="79"/>
        <source>Dữ liệu không hợp lệ</source>
        <translation>Invalid data</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/problems.py" line="81"/>
        <source>Máy chủ từ chối thao tác (mã {status})</source>
        <translation>The server refused the action (code {status})</translation>
    </message>
    <message>
        <location filename="../../triage_desktop/ui/problems.py" line="82"/>
        <source>Máy chủ từ chối thao tác</source>
        <translation>The server refused the action</translation>
    </message>
</context>
</TS>
