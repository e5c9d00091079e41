"""Time to build the gazetteer index from the installed GeoNames packages, and to load it.

A measurement, not a test: it prints figures and checks nothing. The index is built into a
temporary directory, so the one the coder uses is left alone.

    python bench/gazetteer.py [--runs 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from newsevents.place.gazetteer import Gazetteer, build_index


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="load runs to time (default 3)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gazetteer.tsv.gz"
        t0 = time.perf_counter()
        build_index(path)
        built = time.perf_counter() - t0
        loads = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            gaz = Gazetteer.load(path)
            loads.append(time.perf_counter() - t0)
        size = path.stat().st_size / 1e6
    print("newsevents gazetteer index")
    print(f"build: {built:.1f} s; size {size:.1f} MB; "
          f"load: best {min(loads):.2f} s, worst {max(loads):.2f} s of {args.runs}")
    print(f"places: {len(gaz.candidates('Paris'))} called Paris; "
          f"first {gaz.candidates('Paris')[0].name}, {gaz.candidates('Paris')[0].country}")


if __name__ == "__main__":
    main()
