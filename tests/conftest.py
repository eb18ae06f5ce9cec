import os
import tempfile

import pytest

# the start-up cache (claimcheck/lang/recache.py) of this test run, never the
# user's: every run starts cold, and the CLI tests run as subprocesses share it
os.environ.setdefault("CLAIMCHECK_CACHE_DIR", tempfile.mkdtemp(prefix="claimcheck-test-cache-"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen-golden", action="store_true", default=False,
                     help="rewrite tests/golden/* from the current output instead of comparing")


@pytest.fixture
def regen_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden"))
