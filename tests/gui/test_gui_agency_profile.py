"""At agency creation the policy profile follows the address typed (防城港市… → 防城港市（2023）),
until the user chooses one by hand; an agency's own profile is never guessed again."""

from __future__ import annotations

from swdesk.domain.agency import Agency
from swdesk.gui.agency_form import AgencyForm


def test_the_profile_follows_the_address_until_chosen(qtbot) -> None:
    form = AgencyForm()
    qtbot.addWidget(form)
    form.address.setText("广西防城港市港口区渔洲坪街道")
    assert form.values()["profile_id"] == "fangchenggang-2023"
    form.address.setText("北京市朝阳区建国路 88 号")
    assert form.values()["profile_id"] == "beijing-2017"
    form.address.setText("南宁市青秀区")  # no profile of its own: the last stays
    assert form.values()["profile_id"] == "beijing-2017"
    # The user picks one: the address no longer moves it.
    index = form.profile.findData("fangchenggang-2023")
    form.profile.setCurrentIndex(index)
    form.profile.activated.emit(index)
    form.address.setText("北京市海淀区")
    assert form.values()["profile_id"] == "fangchenggang-2023"


def test_an_agencys_own_profile_stays(qtbot) -> None:
    form = AgencyForm()
    qtbot.addWidget(form)
    form.set_agency(Agency("某中心", "", "北京市朝阳区", "", "", "fangchenggang-2023"))
    assert form.values()["profile_id"] == "fangchenggang-2023"
