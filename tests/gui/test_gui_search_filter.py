"""The filter box of every list: pinyin and initials find Chinese names, the search keys are made
once per load (not per keystroke), and each change of the filter runs it once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from swdesk.gui.search_filter import SearchBox, SearchFilterProxy
from swdesk.gui.table_model import Row, RowsModel

PEOPLE = [
    ("张伟", "2026-0001"),
    ("王芳", "2026-0002"),
    ("曾国藩", "2026-0003"),
    ("李娜", "2026-0004"),
]


def shown(proxy: SearchFilterProxy) -> list[str]:
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def make() -> tuple[RowsModel, SearchFilterProxy]:
    model = RowsModel(lambda: ["Name", "Number"])
    model.set_rows([Row(cells) for cells in PEOPLE])
    proxy = SearchFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def test_typing_pinyin_or_initials_finds_the_name(qtbot) -> None:
    model, proxy = make()
    box = SearchBox(proxy)
    qtbot.addWidget(box)
    for query, names in [
        ("zw", ["张伟"]),
        ("zhangwei", ["张伟"]),
        ("Wang", ["王芳"]),
        ("cgf", ["曾国藩"]),
        ("0004", ["李娜"]),
        ("", ["张伟", "王芳", "曾国藩", "李娜"]),
    ]:
        box.setText(query)
        box.apply()
        assert shown(proxy) == names, query


def test_keys_are_made_once_per_load_and_the_filter_runs_once_per_keystroke(qtbot) -> None:
    model, proxy = make()
    box = SearchBox(proxy)
    qtbot.addWidget(box)
    box.show()
    runs = proxy.filter_runs
    for letter in "zhang":
        qtbot.keyClicks(box, letter)
        box.apply()  # as the pause after each key would
    assert proxy.key_builds == 1
    assert proxy.filter_runs - runs == 5
    assert shown(proxy) == ["张伟"]
    # A sort moves the rows: the keys follow (remade from the cells, still once).
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert shown(proxy) == ["张伟"] and proxy.key_builds == 2
    # A new load.
    model.set_rows([Row(("张薇", "2026-0009"))])
    assert shown(proxy) == ["张薇"] and proxy.key_builds == 3


def test_the_pause_after_typing_filters_once(qtbot) -> None:
    model, proxy = make()
    counted: list[int] = []
    box = SearchBox(proxy, filtered=lambda: counted.append(proxy.rowCount()))
    qtbot.addWidget(box)
    box.show()
    qtbot.keyClicks(box, "lina")
    qtbot.waitUntil(lambda: counted == [1], timeout=2000)
    assert shown(proxy) == ["李娜"]


def test_another_condition_is_applied_in_the_same_run(qtbot) -> None:
    model, proxy = make()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    only_2026_000x = {0, 1}
    box = SearchBox(proxy, accept=lambda: only_2026_000x.__contains__)
    box.setText("a")  # 张伟 zhang, 王芳 wang, 李娜 na, 曾国藩 fan
    box.apply()
    assert shown(proxy) == ["张伟", "王芳"] and view.model().rowCount() == 2
