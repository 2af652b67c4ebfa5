"""Run chapter notebooks with nbclient in *this* Python; print one JSON line per notebook.

Used by tests/routes/test_colab.py inside the Colab-like environment:

    python run_chapters.py OUT_DIR NOTEBOOK...

Each executed notebook is written to OUT_DIR (with its saved widget state); the JSON
line says which cells failed and which widget models the notebook saved.
"""
import json
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def main(out_dir, *paths):
    out = Path(out_dir)
    for path in map(Path, paths):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=240, kernel_name="python3", store_widget_state=True,
                                resources={"metadata": {"path": str(path.parent)}})
        start = time.monotonic()
        error = None
        try:
            client.execute()
        except CellExecutionError as err:
            error = str(err)[-3000:]
        errors = [o.get("ename", "") + ": " + o.get("evalue", "") for c in nb.cells if c.cell_type == "code"
                  for o in c.get("outputs", []) if o.get("output_type") == "error"]
        state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
        views = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                    if "application/vnd.jupyter.widget-view+json" in o.get("data", {}))
        nbformat.write(nb, out / path.name)
        print(json.dumps({"notebook": path.name, "error": error, "errors": errors, "views": views,
                          "models": sorted({m["model_name"] for m in state.values()}),
                          "n_models": len(state), "seconds": round(time.monotonic() - start, 1)}),
              flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
