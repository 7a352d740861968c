"""What the loader counts as a setup name rebound by a later cell (course.content.shadowing)."""

from __future__ import annotations

from course.content.shadowing import bindings, rebinding, setup_names


def _setup(*sources: str) -> dict:
    return setup_names([(s, 10 * i) for i, s in enumerate(sources, 1)])


def test_bindings_reach_into_blocks_but_not_functions() -> None:
    source = "if True:\n    a = 1\nelse:\n    b = 2\ntry:\n    c = 3\nexcept E:\n    d = 4\ndef f():\n    e = 5\n"
    assert [(b.name, b.how, b.line) for b in bindings(source)] == [
        ("a", "assign", 2), ("b", "assign", 4), ("c", "assign", 6), ("d", "assign", 8), ("f", "def", 9),
    ]  # fmt: skip


def test_a_loop_variable_replacing_a_helper_is_found() -> None:
    found = rebinding("rows = []\nfor change in rows:\n    pass\n", _setup("def change(x):\n    return x\n"))
    assert found is not None
    binding, original, setup_line = found
    assert (binding.name, binding.how, binding.line, original.how, setup_line) == ("change", "for", 2, "def", 10)


def test_the_same_import_again_is_fine_another_object_is_not() -> None:
    setup = _setup("import logging\nfrom course.runtime.aws import client\n")
    assert rebinding("import logging.handlers\nfrom course.runtime.aws import client\n", setup) is None
    found = rebinding("from botocore import client\n", setup)
    assert found is not None and found[0].how == "import botocore.client"


def test_setup_working_variables_are_not_helpers() -> None:
    setup = _setup("for name in ['a']:\n    pass\nwith open('f') as handle:\n    pass\n")
    assert setup == {}
    assert rebinding("name = 'x'\nhandle = 1\n", setup) is None


def test_source_that_does_not_parse_binds_nothing() -> None:
    assert bindings("def broken(:\n") == []
