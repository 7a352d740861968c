import pytest

pipeline = pytest.importorskip("cicd.pipeline")
from cicd.model import PipelineError  # noqa: E402


def test_order_follows_needs():
    text = "name: app\njobs:\n  build:\n    run: make\n    needs: [test]\n  test:\n    run: pytest\n"
    assert pipeline.parse_pipeline(text).order == ("test", "build")


def test_unknown_need_names_its_line():
    with pytest.raises(PipelineError, match="line 3"):
        pipeline.parse_pipeline("name: app\njobs:\n  build:\n    run: make\n    needs: [nope]\n")
