"""The decisions of the policies carried by the profiles as data, each with its clause: the keys
kept from 1.0 (a higher certificate for a lower post, hours counted in the period an event ends,
owed from the next period, the difference rule), the new ones (effective dates, units, subject
shares, the degree), and a malformed one refused with its key."""

import dataclasses
import datetime as dt
from fractions import Fraction
from pathlib import Path

import pytest

from swdesk.domain.grades import check_appointment
from swdesk.domain.levels import Level
from swdesk.policies import ProfileError, find_profile, load_profile

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "policies"
UNIT_LINE = next(
    line
    for line in (SHIPPED / "national.toml").read_text(encoding="utf-8").splitlines()
    if line.startswith('unit = "clock_hours"')
)


def test_the_shipped_profiles_state_each_decision() -> None:
    fcg = find_profile("fangchenggang-2023")
    assert fcg.higher_certificate_qualifies
    assert fcg.level_award.pay_difference and fcg.level_award.cutoff_year == 2022
    assert fcg.level_award.effective_from == dt.date(2023, 1, 1)
    assert fcg.reimbursement.effective_from == dt.date(2023, 1, 1)
    assert {s.effective_from for s in fcg.agency_subsidies} == {dt.date(2023, 1, 1)}
    annual, period = (next(q for q in fcg.ce_requirements if q.id == i) for i in
                      ("annual", "registration_period"))  # fmt: skip
    assert (annual.unit, annual.certified_during_period) == ("study_hours", "next_period")
    assert (period.unit, period.minutes_per_study_hour, period.subject_shares) == (
        "clock_hours", None, {}
    )  # fmt: skip
    assert fcg.degree.hours == 90 and fcg.degree.clause.ref == "民发〔2009〕123号"
    bj = find_profile("beijing-2017")
    assert bj.degree == fcg.degree and bj.higher_certificate_qualifies


def test_a_higher_certificate_for_a_lower_post_follows_the_profile() -> None:
    fcg = find_profile("fangchenggang-2023")
    held = [(Level.SOCIAL_WORKER, dt.date(2020, 6, 20))]
    assert check_appointment(fcg, "ASW1", held, dt.date(2021, 1, 1)).allowed
    strict = dataclasses.replace(fcg, higher_certificate_qualifies=False)
    refused = check_appointment(strict, "ASW1", held, dt.date(2021, 1, 1))
    assert not refused.allowed and refused.clause.ref == "FCG-2023 (十)"
    both = [*held, (Level.ASSISTANT, dt.date(2018, 6, 20))]
    assert check_appointment(strict, "ASW1", both, dt.date(2021, 1, 1)).allowed


def write(tmp_path: Path, extra: str) -> Path:
    text = (SHIPPED / "national.toml").read_text(encoding="utf-8")
    path = tmp_path / "bad-test.toml"
    path.write_text(
        text.replace('id = "national"\nabstract = true', 'id = "bad-test"') + extra,
        encoding="utf-8",
    )
    return path


def test_a_fraction_share_is_read_exactly(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    text = path.read_text(encoding="utf-8").replace(
        UNIT_LINE, UNIT_LINE + '\nsubject_shares = { professional = "2/3" }'
    )
    path.write_text(text, encoding="utf-8")
    [period] = load_profile(path).ce_requirements
    assert period.subject_shares == {"professional": Fraction(2, 3)}


@pytest.mark.parametrize(
    ("before", "after", "key"),
    [
        ('unit = "clock_hours"', 'unit = "minutes"', "ce.requirements[0].unit"),
        (UNIT_LINE, UNIT_LINE + '\nsubject_shares = { professional = "3/2" }',
         "ce.requirements[0].subject_shares.professional"),
        (UNIT_LINE, UNIT_LINE + '\nsubject_shares = { elective = 0.5 }',
         "ce.requirements[0].subject_shares.elective"),
        ("degree_hours = 90", "degree_hours = 90\nminutes_per_study_hour = 90",
         "ce.minutes_per_study_hour"),
        ('counts_in = "period_of_end"', 'counts_in = "period_of_start"',
         "ce.requirements[0].counts_in"),
    ],
)  # fmt: skip
def test_a_malformed_decision_names_its_key(tmp_path: Path, before, after, key) -> None:
    path = write(tmp_path, "")
    path.write_text(path.read_text(encoding="utf-8").replace(before, after), encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        load_profile(path)
    assert err.value.key == key


def test_an_effective_date_with_a_time_is_refused(tmp_path: Path) -> None:
    text = (SHIPPED / "fangchenggang-2023.toml").read_text(encoding="utf-8")
    path = tmp_path / "timed-test.toml"
    path.write_text(
        text.replace('id = "fangchenggang-2023"', 'id = "timed-test"').replace(
            "effective_from = 2023-01-01\n", "effective_from = 2023-01-01T08:00:00\n", 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(ProfileError) as err:
        load_profile(path)
    assert err.value.key == "awards.level.effective_from"
