"""Generated histories run through the services and the data file: people apply, withdraw, are
paid, and old payments are imported, on random days; the total paid never exceeds the highest
level held and no level is paid twice."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from swdesk.domain import idnumber
from swdesk.domain.errors import SwdeskError
from swdesk.services import applications as apps
from swdesk.services.agency import init_agency
from swdesk.services.awards import level_award_for
from swdesk.services.claims import create_level_award
from swdesk.services.staff import add_credential, add_staff
from swdesk.services.workspace import Workspace

AMOUNTS = {"assistant": 1000, "social_worker": 2000, "senior": 5000}
LEVELS = list(AMOUNTS)
START = dt.date(2012, 1, 1)

day_numbers = st.integers(min_value=0, max_value=(dt.date(2026, 11, 21) - START).days)
histories = st.fixed_dictionaries(
    {
        # service may have begun long before the certificates, or after them
        "since": st.integers(min_value=-2500, max_value=(dt.date(2025, 6, 1) - START).days),
        "civil_servant": st.sampled_from([False, False, False, True]),
        "certs": st.lists(st.tuples(st.sampled_from(LEVELS), day_numbers), min_size=1, max_size=3),
        "visits": st.lists(
            st.tuples(day_numbers, st.sampled_from(["pay", "pay", "withdraw", "import", "reject"])),
            min_size=2,
            max_size=6,
        ),
    }
)


def _day(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


def _visit(ws: Workspace, number: str, staff_id: int, action: str) -> None:
    if action == "import":
        r = level_award_for(ws, staff_id, ws.today())
        if r.amount_due > 0:  # the old ledger: what was due, paid outside the program
            ws.db["award_payments"].insert(
                {
                    "staff_id": staff_id,
                    "award": "level_award",
                    "level": r.level.value,
                    "amount": r.amount_due,
                    "paid_on": ws.today().isoformat(),
                    "source": "import",
                }
            )
        return
    try:
        changes = create_level_award(ws, number)
    except SwdeskError:
        return
    n = ws.db.execute(
        "SELECT number FROM applications WHERE id = ?", [changes.created_id]
    ).fetchone()[0]
    if action == "withdraw":
        apps.withdraw(ws, n, "录入错误")
        return
    apps.submit(ws, n)
    if action == "reject":
        apps.reject(ws, n, "民政局", "材料不全")
        return
    apps.approve(ws, n, "民政局")
    apps.pay(ws, n)


def _n(day: dt.date) -> int:
    return (day - START).days


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories)
# assistant paid after an import, then social worker: the difference, once
@example(
    {
        "since": _n(dt.date(2010, 3, 1)),
        "civil_servant": False,
        "certs": [
            ("assistant", _n(dt.date(2021, 6, 20))),
            ("social_worker", _n(dt.date(2025, 6, 21))),
        ],
        "visits": [
            (_n(dt.date(2023, 9, 15)), "import"),
            (_n(dt.date(2025, 7, 1)), "pay"),
            (_n(dt.date(2026, 1, 1)), "pay"),
        ],
    }
)
def test_histories_through_the_services_keep_the_invariant(h):
    with tempfile.TemporaryDirectory() as folder:
        clock = {"today": dt.date(2026, 11, 21)}
        ws = Workspace.open(Path(folder) / "a.db", clock=lambda: clock["today"], user="prop")
        try:
            init_agency(ws, name="测试机构", profile_id="fangchenggang-2023")
            number = idnumber.make("452822", dt.date(1980, 1, 1), 42)
            staff_id = add_staff(
                ws,
                name="测试",
                id_number=number,
                social_work_since=_day(h["since"]),
                civil_servant=h["civil_servant"],
            ).created_id
            for i, (level, n) in enumerate(h["certs"]):
                add_credential(
                    ws,
                    number,
                    level=level,
                    certificate_number=f"N{i}",
                    obtained_on=max(_day(n), dt.date(2008, 1, 1)),
                )
            for n, action in sorted(h["visits"]):
                clock["today"] = _day(n)
                _visit(ws, number, staff_id, action)
                held = [
                    AMOUNTS[r["level"]]
                    for r in ws.db.query(
                        "SELECT level FROM credentials WHERE obtained_on <= ?",
                        [_day(n).isoformat()],
                    )
                ]
                total = ws.db.execute(
                    "SELECT COALESCE(SUM(amount), 0) FROM award_payments"
                ).fetchone()[0]
                assert total <= max(held, default=0)
                if h["civil_servant"]:
                    assert total == 0
            levels = [r[0] for r in ws.db.execute("SELECT level FROM award_payments").fetchall()]
            assert len(levels) == len(set(levels))
            # every payment made through an application matches its paid step
            for row in ws.db.query("SELECT * FROM award_payments WHERE source = 'application'"):
                app = apps.get_application(
                    ws,
                    ws.db.execute(
                        "SELECT number FROM applications WHERE id = ?", [row["application_id"]]
                    ).fetchone()[0],
                )
                assert app.paid_amount == row["amount"] and app.level.value == row["level"]
        finally:
            ws.close()
