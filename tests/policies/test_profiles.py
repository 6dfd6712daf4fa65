from pathlib import Path

import pytest

from swdesk.domain.levels import Level
from swdesk.paths import policies_dir
from swdesk.policies import ProfileError, available_profiles, find_profile, load_profile


def test_shipped_profiles_load_with_their_rules() -> None:
    ids = {p.id for p in available_profiles()}
    assert {"fangchenggang-2023", "beijing-2017"} <= ids
    assert "national" not in ids  # abstract: only a base
    fcg = find_profile("fangchenggang-2023")
    assert [q.id for q in fcg.ce_requirements] == ["registration_period", "annual"]
    annual = fcg.ce_requirements[1]
    assert annual.hours == 50 and annual.period == "calendar_year"
    assert annual.clause.ref == "FCG-2023 (八)"
    national = fcg.ce_requirements[0]
    assert national.hours_for(Level.ASSISTANT) == 72 and national.hours_for(Level.SENIOR) == 90
    assert fcg.level_award is not None
    assert dict(fcg.level_award.amounts) == {
        Level.ASSISTANT: 1000,
        Level.SOCIAL_WORKER: 2000,
        Level.SENIOR: 5000,
    }
    assert fcg.level_award.cutoff_year == 2022
    assert [g.post_level for g in fcg.grades] == [8, 9, 10, 11, 12]
    bj = find_profile("beijing-2017")
    assert bj.level_award is None
    assert bj.appointment_clause.ref == "BJ-2017 三(六)"
    assert [q.id for q in bj.ce_requirements] == ["registration_period"]


def _write(folder: Path, name: str, text: str) -> Path:
    (folder / "national.toml").write_text(
        (policies_dir() / "national.toml").read_text("utf-8"), "utf-8"
    )
    path = folder / f"{name}.toml"
    path.write_text(text, "utf-8")
    return path


BASE = """
id = "x"
extends = "national"
name = "X"
name_en = "X"
document = "X-1"
title = "t"
[clauses.a]
ref = "X (一)"
text = "..."
"""


@pytest.mark.parametrize(
    "extra, key, words",
    [
        (
            '[[ce.requirements]]\nid = "y"\nperiod = "month"\nhours = 5\nclause = "a"\n',
            "ce.requirements[1].period",
            "calendar_year",
        ),
        (
            '[[ce.requirements]]\nid = "y"\nperiod = "calendar_year"\nhours = -5\nclause = "a"\n',
            "ce.requirements[1].hours",
            "at least",
        ),
        (
            '[[ce.requirements]]\nid = "y"\nperiod = "calendar_year"\nhours = 5\nclause = "zz"\n',
            "ce.requirements[1].clause",
            "zz",
        ),
        (
            '[[ce.requirements]]\nid = "y"\nperiod = "calendar_year"\nhours = 5\nclause = "a"\ncaps = { tv = 3 }\n',
            "ce.requirements[1].caps.tv",
            "training form",
        ),
        (
            '[awards.level]\namounts = { assistant = 3000, social_worker = 2000 }\nservice_years = 2\nexclude_civil_servants = true\ncutoff_year = 2022\npay_difference = true\nclause = "a"\n',
            "awards.level.amounts",
            "higher level",
        ),
        (
            '[awards.level]\namounts = { expert = 3000 }\nservice_years = 2\nexclude_civil_servants = true\ncutoff_year = 2022\npay_difference = true\nclause = "a"\n',
            "awards.level.amounts.expert",
            "unknown level",
        ),
        (
            '[[grades]]\ncode = "A"\nname = "a"\nname_en = "a"\npost_level = 8\nband = "middle"\n[appointment]\nclause = "a"\n',
            "grades[0].band",
            "junior",
        ),
        (
            '[[grades]]\ncode = "A"\nname = "a"\nname_en = "a"\npost_level = 8\nband = "junior"\n',
            "appointment",
            "missing",
        ),
        (
            '[reimbursement]\nfirst_exam_year = "2023"\nitems = ["a"]\nclause = "a"\n',
            "reimbursement.first_exam_year",
            "expected",
        ),
    ],
)
def test_malformed_profile_is_refused_with_file_key_and_problem(
    tmp_path: Path, extra: str, key: str, words: str
) -> None:
    path = _write(tmp_path, "x", BASE + extra)
    with pytest.raises(ProfileError) as err:
        load_profile(path)
    assert err.value.key == key
    assert err.value.path == str(path)
    assert words in err.value.problem
    assert str(path) in str(err.value) and key in str(err.value)


def test_id_must_match_file_name_and_toml_errors_are_reported(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="file name"):
        load_profile(_write(tmp_path, "other", BASE))
    with pytest.raises(ProfileError, match="not valid TOML"):
        load_profile(_write(tmp_path, "x", BASE + "[[["))


def test_unknown_profile_lists_the_known_ones() -> None:
    from swdesk.domain.errors import SwdeskError

    with pytest.raises(SwdeskError, match="fangchenggang-2023"):
        find_profile("shanghai-2099")


def test_an_agencys_own_profile_is_found_and_may_extend_a_shipped_one(
    monkeypatch, tmp_path: Path
) -> None:
    from swdesk.paths import user_policies_dir

    monkeypatch.setenv("SWDESK_DATA_DIR", str(tmp_path))
    own = user_policies_dir()
    own.mkdir(parents=True)
    text = (policies_dir() / "fangchenggang-2023.toml").read_text("utf-8")
    text = text.replace('id = "fangchenggang-2023"', 'id = "dongxing-2026"').replace(
        "hours = 50", "hours = 60"
    )
    (own / "dongxing-2026.toml").write_text(text, "utf-8")
    profile = find_profile("dongxing-2026")
    assert profile.ce_requirements[-1].hours == 60
    assert profile.ce_requirements[0].id == "registration_period"  # from the shipped national rules
    assert {"dongxing-2026", "fangchenggang-2023", "beijing-2017"} <= {
        p.id for p in available_profiles()
    }
