"""Language-level helpers: sentences join as each language writes them."""

from swdesk.i18n import _, join_sentences, set_language
from swdesk.storage.errors import DamagedDatabase


def test_sentences_join_with_a_space_in_english_and_none_in_chinese(tmp_path) -> None:
    assert join_sentences("One.", "Two.") == "One. Two."
    set_language("zh_CN")
    try:
        assert join_sentences("第一句。", "第二句。") == "第一句。第二句。"
        message = str(DamagedDatabase(tmp_path / "a.db", "bad page", None))
        second = _(
            "No good backup was found beside it. Keep a copy of the file and ask for help "
            "before doing anything else with it."
        )
        assert message.endswith("。" + second)
    finally:
        set_language("en")
