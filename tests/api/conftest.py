import os
import tempfile
from pathlib import Path

from hypothesis.configuration import set_hypothesis_home_dir

# Hypothesis keeps caches (constants, Unicode tables) in ./.hypothesis even without an example
# database; keep them out of the working tree unless told otherwise.
if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "hallbar-hypothesis")


def pytest_collection_modifyitems(items):
    """Name each schemathesis test after its operation.

    With schemathesis 4.32 and pytest 9.2 every operation's test item gets the same node id
    (``test_api_against_its_schema``); put the operation back in, as in
    ``test_api_against_its_schema[POST /api/v1/units/]``, so reports say which one failed.
    Does nothing when either side changes how node ids are built.
    """
    for item in items:
        label = getattr(item, "operation_label", None)
        node_id = getattr(item, "_id", None)
        if label and hasattr(node_id, "with_params") and not item.nodeid.endswith("]"):
            item._id = node_id.with_params(label)
