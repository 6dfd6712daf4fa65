"""File names as the system hands them over, made text a person can read."""

from swdesk.domain.text import readable_name


def test_a_file_name_the_system_could_not_decode_is_read_as_gbk() -> None:
    assert readable_name("\udcc8\udccb\udcd4\udcb1.png") == "人员.png"  # GBK bytes, escaped
    assert readable_name("人员名单.xlsx") == "人员名单.xlsx"
    # Not GB18030 either: what cannot be read is marked, never refused.
    assert readable_name("a\udcff.png") == "a\ufffd.png"
