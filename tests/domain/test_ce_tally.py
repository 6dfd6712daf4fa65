from collections import Counter

from swdesk.domain.ce_compliance import Status, status_tally
from swdesk.i18n import set_language


def test_one_wording_for_the_status_tally_in_both_languages() -> None:
    counts = Counter({Status.MET: 3, Status.BEHIND: 2})
    assert status_tally(counts) == "met 3, on pace 0, behind 2, not required 0"
    set_language("zh_CN")
    try:
        assert status_tally(counts) == "已达标 3 人，进度正常 0 人，进度滞后 2 人，不作要求 0 人"
    finally:
        set_language("en")
