"""Certificates, training hours and award payments imported as written; one bad row among good
ones leaves every table exactly as it was."""

from __future__ import annotations

import datetime as dt

import pytest

from swdesk.services.changes import Area
from swdesk.services.imports import run_import
from swdesk.services.staff import credentials_of, find_staff


def test_credentials_import(on_staff, kit, xlsx):
    path = xlsx(
        [
            ["填报日期：2026年3月1日"],
            ["序号", "身份证号码", "姓名", "证书等级", "证书编号", "取得时间", "登记日期"],
            [1, kit.LI[1], "李  明", "助理社工师", "2019045060011", "2019年10月15日", "2020/3/1"],
            [
                2,
                kit.LI[1],
                "李明",
                "社会工作师",
                " 2022 0450 6001 2 ",
                dt.datetime(2022, 11, 5),
                None,
            ],
            [3, kit.WANG[1].lower(), None, "高级", "G-7", "2023-12-01", ""],
            [4],  # a numbered but unused line of the form
            ["合计", "3"],
        ]
    )
    result = run_import(on_staff, "credentials", path)

    assert result.errors == ()
    assert result.to_add == {"credentials": 3}
    li = credentials_of(on_staff, find_staff(on_staff, kit.LI[1]).id)
    assert [(c.level.value, c.certificate_number, c.obtained_on, c.registered_on) for c in li] == [
        ("assistant", "2019045060011", dt.date(2019, 10, 15), dt.date(2020, 3, 1)),
        ("social_worker", "2022045060012", dt.date(2022, 11, 5), None),
    ]
    assert result.changes is not None and result.changes.areas == {Area.CREDENTIALS}


def test_training_rows_make_one_event_and_reuse_it_on_a_second_sheet(on_staff, kit, xlsx):
    header = ["身份证号", "培训名称", "开始日期", "结束日期", "学时", "形式", "主办单位"]
    day1, day2 = "2025-05-10", "2025-05-11"
    first = xlsx([header, [kit.LI[1], "伦理培训", day1, day2, 12, "面授", "市社工协会"],
                  [kit.WANG[1], "伦理培训", day1, day2, "6学时", "线下", "市社工协会"]])  # fmt: skip
    result = run_import(on_staff, "training", first)
    assert result.to_add == {"training_events": 1, "attendance": 2}
    [event] = on_staff.db.query("SELECT * FROM training_events")
    assert (event["title"], event["form"], event["hours"]) == ("伦理培训", "face_to_face", 12)
    hours = {r["staff_id"]: r["hours"] for r in on_staff.db.query("SELECT * FROM attendance")}
    assert sorted(hours.values()) == [6, 12]

    second = xlsx([header, [kit.ZHAO[1], "伦理培训", day1, day2, 12, "面授", "市社工协会"]])
    result = run_import(on_staff, "training", second)
    assert result.to_add == {"training_events": 0, "attendance": 1}
    assert on_staff.db["training_events"].count == 1
    assert on_staff.db["attendance"].count == 3


def test_award_history_import(on_staff, kit, xlsx):
    path = xlsx([["身份证号", "奖励类型", "证书等级", "金额（元）", "发放日期"],
                 [kit.LI[1], "专业水平提升奖励", "助理社会工作师", "1,000元", "2023-09-15"],
                 [kit.LI[1], "专业水平提升奖励", "社会工作师", 1000, "2025/9/15"],
                 [kit.WANG[1], "考试费用报销", "", 320, "2024年8月1日"]])  # fmt: skip
    result = run_import(on_staff, "awards", path)

    assert result.errors == ()
    rows = list(
        on_staff.db.query("SELECT award, level, amount, paid_on, source FROM award_payments")
    )
    assert rows == [
        {"award": "level_award", "level": "assistant", "amount": 1000, "paid_on": "2023-09-15",
         "source": "import"},
        {"award": "level_award", "level": "social_worker", "amount": 1000,
         "paid_on": "2025-09-15", "source": "import"},
        {"award": "exam_reimbursement", "level": None, "amount": 320, "paid_on": "2024-08-01",
         "source": "import"},
    ]  # fmt: skip


def _good_and_bad(kit):
    """For each kind: a sheet whose middle row is wrong between good ones."""
    return {
        "staff": [
            kit.STAFF_HEADER,
            kit.staff_row("周一", "450602199001010017"),
            kit.staff_row("吴二", "450602199001010026"),  # wrong check character
            kit.staff_row("郑三", "450602199001020020"),
        ],
        "credentials": [
            ["身份证号", "证书等级", "证书编号", "取得日期"],
            [kit.LI[1], "助理社会工作师", "N1", "2020-10-10"],
            [kit.WANG[1], "助理社会工作师", "N2", "2030-10-10"],
            [kit.ZHAO[1], "社会工作师", "N3", "2021-10-10"],
        ],
        "training": [
            ["身份证号", "培训名称", "开始日期", "学时", "形式"],
            [kit.LI[1], "督导会", "2025-03-01", 3, "督导"],
            [kit.WANG[1], "督导会", "2025-03-01", -3, "督导"],
            [kit.ZHAO[1], "督导会", "2025-03-01", 3, "督导"],
        ],
        "awards": [
            ["身份证号", "奖励类型", "证书等级", "金额", "发放日期"],
            [kit.LI[1], "专业水平提升奖励", "助理社会工作师", 1000, "2024-01-05"],
            ["450602199001010017", "专业水平提升奖励", "助理社会工作师", 1000, "2024-01-05"],
            [kit.ZHAO[1], "专业水平提升奖励", "助理社会工作师", 1000, "2024-01-05"],
        ],
    }


@pytest.mark.parametrize("kind", ["staff", "credentials", "training", "awards"])
def test_one_bad_row_among_good_ones_changes_nothing(on_staff, kit, xlsx, kind):
    from swdesk.services.staff import add_credential

    # Something of every kind on file already, so that "unchanged" covers every table.
    add_credential(on_staff, kit.ZHAO[1], level="助理社会工作师", certificate_number="OLD-1",
                   obtained_on=dt.date(2019, 10, 1))  # fmt: skip
    run_import(on_staff, "training", xlsx([["身份证号", "培训名称", "开始日期", "学时", "形式"],
                                            [kit.ZHAO[1], "年会", "2024-12-01", 6, "会议"]]))  # fmt: skip
    before = kit.dump(on_staff)
    assert all(before[t] for t in ("staff", "credentials", "training_events", "attendance"))

    result = run_import(on_staff, kind, xlsx(_good_and_bad(kit)[kind]))

    assert [e.row for e in result.errors] == [3]
    assert result.rows_ok == 2 and result.rows_read == 3
    assert kit.dump(on_staff) == before
