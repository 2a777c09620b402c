"""Words of the search page (``/search``). Pairs are (Thai, English)."""

from __future__ import annotations

SEARCH_TEXT: dict[str, tuple[str, str]] = {
    "nav.search": ("ค้นหา", "Search"),
    "search.title": ("ค้นหาโครงการและกิจกรรม", "Find projects and activities"),
    "search.label": ("รหัสหรือคำค้น", "Code or words"),
    "search.hint": (
        "พิมพ์รหัส (เช่น 2.1) หรือคำในชื่อ หน่วยงาน หรือสถานที่ ไม่ต้องเว้นวรรคระหว่างคำ",
        "Type a code (e.g. 2.1) or words of the name, unit or area",
    ),
    "search.submit": ("ค้นหา", "Search"),
    "search.results": ("พบ {count} รายการสำหรับ “{q}”", "{count} found for “{q}”"),
    "search.none": ("ไม่พบโครงการหรือกิจกรรมที่ตรงกับคำค้น", "Nothing matches"),
    "search.more": (
        "แสดง {limit} รายการแรก กรุณาระบุคำค้นให้แคบลง",
        "The first {limit} are shown: narrow the search",
    ),
    "search.activity": ("กิจกรรม {code}", "Activity {code}"),
    "search.project": ("โครงการ {code}", "Project {code}"),
}
