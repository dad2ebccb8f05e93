#!/usr/bin/env python3
"""Build hallbar/frameworks/libraries/sdg.yaml from the SDG source CSVs.

Stdlib only. The output is deterministic: running the script twice on the same
input gives byte-identical output, so the generated file can be committed and
diffed.

Inputs
  <data-dir>/sdg_goals.csv        goal, short_title_en, title_en, short_title_sv
  <data-dir>/sdg_targets.csv      target, goal, title_en
  <data-dir>/sdg_indicators.csv   indicator, target, goal, title_en
  scripts/sdg_target_labels.csv   target, label_sv, label_en  (short labels
                                  written for Hallbar, max ~80 characters)

The English goal, target and indicator texts come from
open-sdg/sdg-translations (MIT); the goal and target wording is UN resolution
A/RES/70/1. The Swedish goal descriptions below are Hallbar's own translations
of the goal titles. No Swedish target texts are included (no verified source).

Usage
  python3 scripts/build_sdg_library.py [--data-dir DIR] [--output FILE] [--check]

  --check  do not write; exit 1 if FILE differs from what would be generated.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = Path(os.environ.get("HALLBAR_SDG_DATA_DIR", "/work/shared/data/goals_frameworks"))
DEFAULT_OUTPUT = REPO_ROOT / "hallbar" / "frameworks" / "libraries" / "sdg.yaml"
LABELS_CSV = Path(__file__).resolve().parent / "sdg_target_labels.csv"

# Bump when the generated content changes.
LIBRARY_VERSION = 1

LIBRARY_HEADER = {
    "urn": "urn:hallbar:library:sdg",
    "version": LIBRARY_VERSION,
    "kind": "goals",
    "name": {
        "sv": "Agenda 2030 – de globala målen för hållbar utveckling",
        "en": "Agenda 2030 – the Sustainable Development Goals",
    },
    "description": {
        "sv": (
            "De 17 globala målen och 169 delmålen i FN:s Agenda 2030, med de "
            "globala indikatorerna under respektive delmål. Delmålens och "
            "indikatorernas officiella texter finns på engelska; de korta "
            "svenska och engelska etiketterna är skrivna för Hållbar. "
            "Indikatorlistan är en ögonblicksbild från 2019 och är inte FN:s "
            "aktuella indikatorramverk."
        ),
        "en": (
            "The 17 goals and 169 targets of the UN 2030 Agenda, with the "
            "global indicators listed under their targets. Official target and "
            "indicator texts are in English; the short Swedish and English "
            "labels were written for Hållbar. The indicator list is a 2019 "
            "snapshot, not the UN's current global indicator framework."
        ),
    },
    "publisher": "United Nations",
    "source": (
        "open-sdg/sdg-translations @ 0cda585 (MIT), translations/en/"
        "global_goals.yml, global_targets.yml, global_indicators.yml "
        "(last changed 2019-09-07); UN resolution A/RES/70/1"
    ),
    "licence": (
        "MIT (Copyright (c) 2019 Open SDG) for the machine-readable texts; "
        "goal and target wording from UN General Assembly resolution "
        "A/RES/70/1. Swedish goal short titles, Swedish goal descriptions and "
        "short target labels written for Hållbar."
    ),
}

# Hallbar's own Swedish rendering of each goal's full title (title_en).
GOAL_DESCRIPTION_SV = {
    "1": "Avskaffa all form av fattigdom överallt.",
    "2": (
        "Avskaffa hunger, uppnå tryggad livsmedelsförsörjning och bättre nutrition samt främja ett hållbart jordbruk."
    ),
    "3": "Säkerställ ett hälsosamt liv och främja välbefinnande för alla i alla åldrar.",
    "4": ("Säkerställ en inkluderande och jämlik utbildning av god kvalitet och främja livslångt lärande för alla."),
    "5": "Uppnå jämställdhet och alla kvinnors och flickors egenmakt.",
    "6": ("Säkerställ tillgång till och hållbar förvaltning av vatten och sanitet för alla."),
    "7": ("Säkerställ tillgång till ekonomiskt överkomlig, tillförlitlig, hållbar och modern energi för alla."),
    "8": (
        "Främja varaktig, inkluderande och hållbar ekonomisk tillväxt, full "
        "och produktiv sysselsättning och anständiga arbetsvillkor för alla."
    ),
    "9": (
        "Bygg motståndskraftig infrastruktur, främja inkluderande och hållbar "
        "industrialisering och stimulera innovation."
    ),
    "10": "Minska ojämlikheten inom och mellan länder.",
    "11": ("Gör städer och bosättningar inkluderande, säkra, motståndskraftiga och hållbara."),
    "12": "Säkerställ hållbara konsumtions- och produktionsmönster.",
    "13": ("Vidta omedelbara åtgärder för att bekämpa klimatförändringarna och deras konsekvenser."),
    "14": ("Bevara och nyttja haven och de marina resurserna på ett hållbart sätt för en hållbar utveckling."),
    "15": (
        "Skydda, återställ och främja ett hållbart nyttjande av ekosystem på "
        "land, bruka skogar hållbart, bekämpa ökenspridning, hejda och vänd "
        "markförstöring samt hejda förlusten av biologisk mångfald."
    ),
    "16": (
        "Främja fredliga och inkluderande samhällen för hållbar utveckling, "
        "ge alla tillgång till rättvisa och bygg upp effektiva och "
        "inkluderande institutioner med ansvarsutkrävande på alla nivåer."
    ),
    "17": ("Stärk medlen för genomförandet och återvitalisera det globala partnerskapet för hållbar utveckling."),
}

# Indicator codes left out on purpose, with the reason. Codes in the source are
# unique, but the 2019 snapshot still lists 17.6.2 with exactly the same title
# as 17.6.1 under the same target (an artefact of the 2020 renumbering, where
# the old 17.6.1 was deleted and 17.6.2 became 17.6.1). Keeping both would show
# two identical indicators under target 17.6.
EXCLUDED_INDICATORS = {
    "17.6.2": "duplicate of 17.6.1 (same title, same target) in the 2019 snapshot",
}

URN_SAFE = re.compile(r"^[a-z0-9.:-]+$")


# --------------------------------------------------------------------------
# Minimal, dependency-free YAML emission. Every string is written as a YAML
# double-quoted scalar produced by json.dumps, which is valid YAML 1.1/1.2
# (JSON string escapes are a subset of YAML double-quoted escapes).
# --------------------------------------------------------------------------


def q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return q(str(value))


def flow_map(mapping: dict) -> str:
    return "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in mapping.items()) + "}"


def emit(header: dict, items: list[dict]) -> str:
    out = [
        "# GENERATED FILE – do not edit by hand.",
        "# Regenerate with: python3 scripts/build_sdg_library.py",
    ]
    for key, value in header.items():
        if isinstance(value, dict):
            out.append(f"{key}: {flow_map(value)}")
        else:
            out.append(f"{key}: {scalar(value)}")
    out.append("items:")
    for item in items:
        first = True
        for key in ("urn", "parent", "ref", "level", "name", "description", "attributes"):
            if key not in item:
                continue
            value = item[key]
            rendered = flow_map(value) if isinstance(value, dict) else scalar(value)
            prefix = "  - " if first else "    "
            out.append(f"{prefix}{key}: {rendered}")
            first = False
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def clean(text: str) -> str:
    return " ".join(text.split())


def target_sort_key(code: str):
    """Order targets as 1.1, 1.2, ... 1.10, then 1.a, 1.b (UN order)."""
    goal, sub = code.split(".", 1)
    return (int(goal), 0 if sub.isdigit() else 1, int(sub) if sub.isdigit() else sub)


def build_items(data_dir: Path) -> list[dict]:
    goals = read_csv(data_dir / "sdg_goals.csv")
    targets = read_csv(data_dir / "sdg_targets.csv")
    indicators = read_csv(data_dir / "sdg_indicators.csv")
    labels = {row["target"]: row for row in read_csv(LABELS_CSV)}

    errors: list[str] = []

    targets_by_goal: dict[str, list[dict]] = {}
    for row in targets:
        targets_by_goal.setdefault(row["goal"], []).append(row)
        if row["target"] not in labels:
            errors.append(f"no short label for target {row['target']}")
    extra_labels = set(labels) - {row["target"] for row in targets}
    if extra_labels:
        errors.append(f"labels for unknown targets: {sorted(extra_labels)}")

    indicators_by_target: dict[str, list[dict]] = {}
    seen_codes: set[str] = set()
    for row in indicators:
        code = row["indicator"]
        if code in seen_codes or code in EXCLUDED_INDICATORS:
            continue  # keep first occurrence only; skip known artefacts
        seen_codes.add(code)
        indicators_by_target.setdefault(row["target"], []).append(row)

    for goal in goals:
        if goal["goal"] not in GOAL_DESCRIPTION_SV:
            errors.append(f"no Swedish description for goal {goal['goal']}")

    if errors:
        raise SystemExit("build_sdg_library: " + "; ".join(errors))

    items: list[dict] = []
    for goal in sorted(goals, key=lambda g: int(g["goal"])):
        g = goal["goal"]
        goal_urn = f"urn:hallbar:sdg:goal:{g}"
        items.append(
            {
                "urn": goal_urn,
                "ref": g,
                "level": "goal",
                "name": {"sv": clean(goal["short_title_sv"]), "en": clean(goal["short_title_en"])},
                "description": {"sv": GOAL_DESCRIPTION_SV[g], "en": clean(goal["title_en"])},
            }
        )
        for target in sorted(targets_by_goal.get(g, []), key=lambda t: target_sort_key(t["target"])):
            t = target["target"]
            target_urn = f"urn:hallbar:sdg:target:{t}"
            label = labels[t]
            items.append(
                {
                    "urn": target_urn,
                    "parent": goal_urn,
                    "ref": t,
                    "level": "target",
                    "name": {"sv": clean(label["label_sv"]), "en": clean(label["label_en"])},
                    "description": {"en": clean(target["title_en"])},
                }
            )
            for ind in indicators_by_target.get(t, []):
                code = ind["indicator"]
                items.append(
                    {
                        "urn": f"urn:hallbar:sdg:indicator:{code}",
                        "parent": target_urn,
                        "ref": code,
                        "level": "indicator",
                        "name": {"en": clean(ind["title_en"])},
                    }
                )

    for item in items:
        if not URN_SAFE.match(item["urn"]):
            raise SystemExit(f"build_sdg_library: unsafe urn {item['urn']!r}")
    return items


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)

    items = build_items(args.data_dir)
    text = emit(LIBRARY_HEADER, items)

    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date; run scripts/build_sdg_library.py", file=sys.stderr)
            return 1
        return 0

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    counts: dict[str, int] = {}
    for item in items:
        counts[item["level"]] = counts.get(item["level"], 0) + 1
    summary = ", ".join(f"{n} {level}s" for level, n in counts.items())
    print(f"wrote {args.output} ({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
