"""report.md, in the order of the evaluation report itself:
评价结论 (score table), 存在的问题 (findings grouped by rule family), 建议和改进措施."""

from __future__ import annotations

from ..check import Result
from .common import deduction, percent, places, points, provisional_note, requests

LEVEL_COLUMNS = 4


def render(result: Result) -> str:
    families = result.families
    parts = [
        f"# {result.case.meta.get('project', result.case.case)} 绩效评价结果",
        "",
        f"案例 case `{result.case.case}`，年度 {result.case.year}；评价方案《{result.scheme.name}》"
        f"（`{result.scheme.id}`）。本文件由 jixiao 根据规则和事实生成。",
        "",
        *integrity_section(result),
        "## 一、评价结论",
        "",
        conclusion(result),
        "",
        *score_table(result),
        "",
        "## 二、存在的问题",
        "",
        *problems(result, families),
        "## 三、建议和改进措施",
        "",
        *recommendations(result),
        *request_section(result),
    ]
    return "\n".join(parts).rstrip() + "\n"


def request_section(result: Result) -> list[str]:
    """资料清单: the evidence to request for the indicators that could not be assessed."""
    if not result.cannot_assess:
        return []
    lines = ["", "## 四、资料清单（需补充的证据）", "", "以下资料缺失，相关指标无法评价，补充后重新评价：", ""]
    lines += [f"{n}. [{indicator}] {request}" for n, (indicator, request) in enumerate(requests(result), start=1)]
    return lines


def integrity_section(result: Result) -> list[str]:
    """Disagreements within the facts, shown before everything that rests on them."""
    if not result.integrity:
        return []
    lines = ["## 数据核对（不扣分）", "",
             f"以下 {len(result.integrity)} 处基础数据前后不一致，评价结论以现有数据为准，请核对原始资料：", ""]
    for note in result.integrity:
        lines.append(f"- {note.message}（{places(note.evidence())}）")
    return [*lines, ""]


def conclusion(result: Result) -> str:
    scores = result.scores
    roots = [r for r in scores.rows if r.parent is None]
    by_root = "；".join(f"{r.name}类指标得 {points(r.score)} 分，得分率为 {percent(r.rate)}" for r in roots)
    text = (f"项目总体得分为 **{points(scores.total)}** 分，评价等级为“**{scores.grade}**”。"
            f"其中{by_root}。")
    if scores.provisional:
        text += f"\n\n**注意：{provisional_note(result)}**（见“资料清单”）。"
    reference = result.case.meta.get("expert_score")
    if isinstance(reference, dict) and "total" in reference:
        text += (f"\n\n对照：评价报告中专家组评分为 {reference['total']} 分，等级“{reference.get('grade', '')}”"
                 f"（{reference.get('source', '评价报告')}）。上表得分由 jixiao 根据规则和事实计算。")
    return text


def score_table(result: Result) -> list[str]:
    header = ["一级指标", "二级指标", "三级指标", "四级指标", "权重", "得分"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * 4 + "---:|---:|"]
    for row in result.scores.rows:
        cells = [""] * LEVEL_COLUMNS
        cells[min(row.level, LEVEL_COLUMNS) - 1] = f"{row.id} {row.name}"
        lines.append("| " + " | ".join([*cells, points(row.weight), points(row.score)]) + " |")
    total_weight = sum(r.weight for r in result.scores.rows if r.parent is None)
    lines.append(f"| **合计** | | | | **{points(total_weight)}** | **{points(result.scores.total)}** |")
    return lines


def problems(result: Result, families: dict) -> list[str]:
    if not result.findings:
        return ["未发现问题。", ""]
    names = {i.id: i.name for i in result.scheme.indicators.values()}
    lines = []
    order = list(dict.fromkeys(f.family for f in result.findings))
    for number, family in enumerate(order, start=1):
        title = families.get(family, {}).get("title", family)
        lines += [f"### {number}. {title}", ""]
        for finding in (f for f in result.findings if f.family == family):
            cut = f"扣 {deduction(finding.deduction)} 分" if finding.deduction else "未扣分"
            lines.append(f"- **{finding.indicator} {names[finding.indicator]}（{cut}）** {finding.text}"
                         f"  \n  依据：{finding.source}；证据：{places(finding.evidence)}")
        lines.append("")
    return lines


def recommendations(result: Result) -> list[str]:
    grouped: dict[str, list] = {}
    for finding in result.findings:
        grouped.setdefault(finding.recommendation, []).append(finding)
    lines = []
    for number, (text, findings) in enumerate(grouped.items(), start=1):
        about = "、".join(dict.fromkeys(f.indicator for f in findings))
        source = next((f.recommendation_source for f in findings if f.recommendation_source), "")
        note = f"（针对 {about}" + (f"；来源：{source}" if source else "") + "）"
        lines.append(f"{number}. {text}{note}")
    return lines or ["无。"]
