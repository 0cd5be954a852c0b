"""What a fresh user found reading the outputs of the bundled forms (issue 14 item 6 and the
form-output faults): cells keep no line-wrap spaces, the self-reported total is graded with the
scheme's bands, the text summary sets self-reported beside recomputed with the gap, a
provisional total says how many points could be assessed, and report.docx has the review sheet."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.check.case import check_case
from jixiao.load.form_sheet import unwrapped

from conftest import FACTS

JISHAN = FACTS / "form-jishan-medical-insurance" / "2020"
SHIDIAN = FACTS / "form-shidian-agri-entities" / "2019"
YONGDE = FACTS / "form-yongde-nutrition" / "2022"
TIANCHANG = FACTS / "form-tianchang-flood-drought" / "2022"


@pytest.fixture(scope="module")
def jishan(rulebook):
    return check_case(JISHAN, rulebook)


@pytest.fixture(scope="module")
def shidian(rulebook):
    return check_case(SHIDIAN, rulebook)


@pytest.fixture(scope="module")
def yongde(rulebook):
    return check_case(YONGDE, rulebook)


def test_form_cells_lose_the_spaces_a_line_wrap_left_between_chinese_characters(jishan):
    """稷山's cells read “纳入医 保统筹”, “及时纳 入”, “建档立卡人 员”: the wraps of the page copied."""
    assert [row.name for row in jishan.scores.rows] == [
        "预算执行率", "产出指标", "指标1:全县参合人数", "指标1:资金是否全部纳入医保统筹", "指标1:资金是否全部及时纳入",
        "指标1:配套资金每人每年", "效益指标", "指标1:是否解决建档立卡人员看病难贵问题", "满意度指标", "指标1:是否满意",
        "自评表填报质量复核（不计分）"]
    rows = {r.values["code"]: r.values for r in jishan.case.tables["form_indicators"]}
    assert rows["B1"]["deviation"] == "建档立卡中有新增死亡人员,导致有偏差"
    assert rows["B1"]["level1"] == "产出指标 (50分)"  # Chinese beside Latin: kept
    assert jishan.case.tables["form_header"][0].values["goal_actual"] == "提高医疗保障水平,推进了因病致贫问题的基本性解决"


@pytest.mark.parametrize("raw, read", [
    ("资金是否全部纳入医 保统筹", "资金是否全部纳入医保统筹"), ("纳\n入", "纳入"), ("新型\u3000主体", "新型主体"),
    ("目标一。\n目标二", "目标一。\n目标二"), ("扶持发展新型农业经营主体 (个)", "扶持发展新型农业经营主体 (个)"),
    ("指标 1：数量", "指标 1：数量"), (" 95 % ", "95 %"), ("≥ 50 个", "≥ 50 个"), ("效果 明显，", "效果明显，")])
def test_unwrapped(raw, read):
    assert unwrapped(raw) == read


@given(st.text(alphabet=st.characters(max_codepoint=0x2fff)))
def test_text_without_chinese_is_only_stripped(text):
    assert unwrapped(text) == text.strip()
