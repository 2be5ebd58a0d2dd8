"""Print how much of the published record the dataset holds (issue 13's before/after counts).

Usage: python scripts/record_counts.py [DATA_DIR]   (default: the app's dataset folder)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd

from odd17 import context, dataset, indicators, reports


def main(argv: list[str]) -> int:
    ds = dataset.load(Path(argv[0]) if argv else None)
    f = ds.figures
    family = f["indicator"].map(ds.indicators.set_index("id")["family"])
    regional = f["region"].ne(indicators.FRANCE) & f["value"].notna()
    codes = ds.regions["code"].tolist()
    profiles = {c: indicators.region_profile(ds, c) for c in codes}
    shown = [c for c in codes if profiles[c]["value"].notna().any()]
    beyond_base = [c for c in codes if (profiles[c]["value"].notna() & profiles[c]["indicator"].ne(indicators.SAMPLE_BASE)).any()]
    populated = [c for c in codes if (row := context.population(ds, c)) is not None and not pd.isna(row["value"])]
    print(f"figure rows: {len(f)} (with a value: {int(f['value'].notna().sum())})")
    print(f"indicators: {len(ds.indicators)}; sources: {len(ds.sources)}")
    print(
        f"regional values with a figure: {int(regional.sum())} (study only, context excluded: {int((regional & family.ne(context.FAMILY)).sum())})"
    )
    print(f"regions whose profile shows a published number: {len(shown)} {shown}")
    print(f"  of which beyond the Q7 sample base: {len(beyond_base)} {beyond_base}")
    print(f"regions with an Insee population: {len(populated)}; with a published report linked: {len(reports.covered_regions(ds))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
