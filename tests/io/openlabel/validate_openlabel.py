#!/usr/bin/env python3
"""Checks an OpenLABEL file against the official JSON schema and against what the schema cannot
express. Usage: validate_openlabel.py SCHEMA FILE. Exit 0 when valid; otherwise each problem on
stderr and exit 1; exit 3 when the jsonschema module is missing (the caller skips).

Beyond the schema: object uids are unique across element kinds; each object's frame_intervals
cover exactly the frames holding its data, and the root frame_intervals exactly the frames
present; every coordinate system is reachable from the one root, with parent and children
agreeing; every coordinate system and stream an element, transform or stream sync names is
declared."""
import json
import sys

try:
    import jsonschema
except ImportError:
    sys.exit(3)


def frames_of(intervals):
    out = set()
    for i in intervals:
        out.update(range(i["frame_start"], i["frame_end"] + 1))
    return out


def geometry_elements(object_data):
    for kind, items in object_data.items():
        for item in items:
            yield kind, item


def check(doc):
    problems = []
    ol = doc["openlabel"]
    systems = ol.get("coordinate_systems", {})
    streams = ol.get("streams", {})
    frames = ol.get("frames", {})
    roots = [n for n, cs in systems.items() if cs["parent"] == ""]
    if systems and len(roots) != 1:
        problems.append(f"coordinate_systems: {len(roots)} roots {roots}, expected one")
    for name, cs in systems.items():
        if cs["parent"] and cs["parent"] not in systems:
            problems.append(f"coordinate_systems.{name}: undeclared parent {cs['parent']}")
        for child in cs.get("children", []):
            if systems.get(child, {}).get("parent") != name:
                problems.append(f"coordinate_systems.{name}.children: {child} is not its child")
        seen, at = set(), name
        while at and at not in seen and at in systems:
            seen.add(at)
            at = systems[at]["parent"]
        if at:
            problems.append(f"coordinate_systems.{name}: not reachable from the root")
    present = {int(k) for k in frames}
    if "frame_intervals" in ol and frames_of(ol["frame_intervals"]) != present:
        problems.append("frame_intervals: do not cover exactly the frames present")
    uids = {}
    for kind in ("objects", "actions", "events", "contexts", "relations"):
        for uid in ol.get(kind, {}):
            if uid in uids:
                problems.append(f"{kind}.{uid}: uid also used by {uids[uid]}")
            uids[uid] = kind
    data_frames = {uid: set() for uid in ol.get("objects", {})}

    def check_cs(where, element):
        cs = element.get("coordinate_system")
        if cs is not None and cs not in systems and cs not in streams:
            problems.append(f"{where}: undeclared coordinate system {cs}")

    for key, frame in frames.items():
        props = frame.get("frame_properties", {})
        for name in props.get("streams", {}):
            if name not in streams:
                problems.append(f"frames.{key}.frame_properties.streams.{name}: undeclared stream")
        for name, t in props.get("transforms", {}).items():
            for end in ("src", "dst"):
                if t[end] not in systems:
                    problems.append(f"frames.{key}.frame_properties.transforms.{name}.{end}: undeclared {t[end]}")
        for uid, entry in frame.get("objects", {}).items():
            if uid not in data_frames:
                problems.append(f"frames.{key}.objects.{uid}: undeclared object")
                continue
            if entry.get("object_data"):
                data_frames[uid].add(int(key))
            for kind, item in geometry_elements(entry.get("object_data", {})):
                check_cs(f"frames.{key}.objects.{uid}.object_data.{kind}", item)
    for uid, obj in ol.get("objects", {}).items():
        if "frame_intervals" in obj and frames_of(obj["frame_intervals"]) != data_frames[uid]:
            problems.append(f"objects.{uid}.frame_intervals: do not cover exactly the frames with its data")
        check_cs(f"objects.{uid}", obj)
    return problems


def main():
    schema = json.load(open(sys.argv[1]))
    doc = json.load(open(sys.argv[2]))
    problems = [f"schema: {e.json_path}: {e.message}" for e in jsonschema.Draft7Validator(schema).iter_errors(doc)]
    problems += check(doc) if not problems else []
    for p in problems:
        print(p, file=sys.stderr)
    sys.exit(1 if problems else 0)


main()
