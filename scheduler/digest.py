"""What a manager is told: the daily digest, in Thai, and the webhook's JSON.

Pure functions of alert rows, so the exact words can be tested. The digest is
grouped by responsible unit, then by rule; each item names the activity, its
place in the plan and the day it was due, with Buddhist-era dates.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from domain.calendar import thai_date
from domain.flags import Rule
from domain.periods import PERIOD_WORDS, REMINDER_DAYS
from domain.words import RESOLUTIONS, RULES
from projections.alerts_view import AlertRow
from projections.assess import code_key
from projections.facts import PlanFacts
from projections.rounds import Round

RULE_ORDER = (Rule.LATE_START, Rule.OVERDUE, Rule.STEP_OVERDUE, Rule.STALLED, Rule.OVER_BUDGET_RISK)


def digest(
    display_name: str, day: date, raised: list[AlertRow], resolved: list[AlertRow], link: str,
    rounds: Sequence[tuple[PlanFacts, Round]] = (),
) -> tuple[str, str] | None:  # fmt: skip
    """Subject and body of a manager's digest for ``day``; None when there is nothing new
    (no flag raised or resolved, no report round coming due)."""
    if not raised and not resolved and not rounds:
        return None
    subject = (
        f"[ติดตาม] สรุปการแจ้งเตือน {thai_date(day)}: "
        f"ใหม่ {len(raised)} รายการ แก้ไขแล้ว {len(resolved)} รายการ"
    )
    if rounds:
        subject += f" รายงานครบกำหนดยื่น {len(rounds)} รอบ"
    lines = [
        f"เรียน {display_name}",
        "",
        f"สรุปการแจ้งเตือนกิจกรรมตามแผนดำเนินงาน ประจำวันที่ {thai_date(day)}",
    ]
    if raised:
        lines += ["", f"การแจ้งเตือนใหม่ {len(raised)} รายการ"]
        for unit, rows in _by_unit(raised):
            lines += ["", f"■ {unit}"]
            for rule in RULE_ORDER:
                of_rule = [r for r in rows if r.rule == rule]
                if not of_rule:
                    continue
                lines.append(f"  {RULES[rule].th}")
                for code in dict.fromkeys(r.code for r in of_rule):
                    items = [r for r in of_rule if r.code == code]
                    lines.append(f"  - {code} {items[0].name}")
                    lines.extend(f"    {r.what_th()}" for r in items)
                    lines.append(f"    ตำแหน่งในแผน: {items[0].place_th()}")
    if resolved:
        lines += ["", f"แก้ไขแล้ว {len(resolved)} รายการ"]
        for unit, rows in _by_unit(resolved):
            lines += ["", f"■ {unit}"]
            for row in rows:
                step = f" ขั้นตอนที่ {row.step}" if row.step else ""
                reason = _reason_th(row)
                when = thai_date(row.resolved_on) if row.resolved_on else ""
                lines.append(f"  - {row.code}{step} {RULES[row.rule].th}: {reason} ({when})")
    lines += _round_lines(rounds)
    lines += [
        "",
        f"ดูรายละเอียดและรับทราบการแจ้งเตือน: {link}",
        "",
        "--",
        "ระบบติดตามแผนดำเนินงาน (Tidtam) · ข้อความนี้ส่งโดยอัตโนมัติ",
    ]
    return subject, "\n".join(lines) + "\n"


def _round_lines(rounds: Sequence[tuple[PlanFacts, Round]]) -> list[str]:
    """The report rounds coming due: the plan, the round, its cut-off and due day."""
    if not rounds:
        return []
    lines = ["", f"รายงานผลการติดตามที่ครบกำหนดยื่นใน {REMINDER_DAYS} วัน"]
    for plan, round_ in rounds:
        lines.append(
            f"  - {plan.organisation} ปีงบประมาณ {plan.fiscal_year}: "
            f"{PERIOD_WORDS[round_.period].th} ข้อมูล ณ {thai_date(round_.cut_off)} "
            f"ยื่นภายใน {thai_date(round_.due)}"
        )
    return lines


def webhook_body(kind: str, row: AlertRow, delivery: UUID) -> str:
    """The JSON a webhook receives for a flag raised or resolved."""
    words = RULES[row.rule]
    text = f"{words.th}: {row.code} {row.name} — {row.what_th()}"
    if kind == "flag_resolved":
        reason = _reason_th(row)
        text = f"แก้ไขแล้ว: {row.code} {row.name} ({words.th}) — {reason}"
    payload: dict[str, Any] = {
        "delivery_id": str(delivery),
        "kind": kind,
        "text": text,
        "flag": {
            "id": str(row.flag_id),
            "rule": row.rule,
            "rule_th": words.th,
            "rule_en": words.en,
            "step": row.step or None,
            "period": row.period,
            "detected_on": row.detected_on.isoformat(),
            "resolved_on": row.resolved_on.isoformat() if row.resolved_on else None,
            "resolved_reason": row.resolved_reason,
        },
        "activity": {
            "id": str(row.activity_id),
            "code": row.code,
            "name": row.name,
            "unit": row.unit,
            "project": row.project_code,
            "plan": row.strategy_path,
            "fiscal_year": row.fiscal_year,
        },
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True)


def _by_unit(rows: list[AlertRow]) -> list[tuple[str, list[AlertRow]]]:
    units: dict[str, tuple[str, list[AlertRow]]] = {}
    for row in rows:
        units.setdefault(row.unit_key, (row.unit, []))[1].append(row)
    ordered = sorted(units.values(), key=lambda item: item[0])
    return [
        (unit, sorted(items, key=lambda r: (code_key(r.code), r.step, r.period)))
        for unit, items in ordered
    ]


def _reason_th(row: AlertRow) -> str:
    reason = row.resolved_reason or ""
    words = RESOLUTIONS.get(reason)
    return words.th if words else reason
