#!/usr/bin/env python3
"""`make mutants`: plants each bug of tests/mutants/mutants.yaml in a copy of the tree, one
at a time, runs the test suite on it, and prints the mutation score and the survivors.

A mutant is killed when a test fails on it; one that only a timeout catches counts as a
survivor, since the suite must catch each bug with a test written for that behaviour.
A mutant whose text is not found exactly once, or that does not compile, is an error in
the list: fix the list. Exits 1 below a score of 100 %.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIST = os.path.join(ROOT, "tests", "mutants", "mutants.yaml")
WORK = os.path.join(ROOT, "build", "mutants")
TREE = os.path.join(WORK, "tree")
JOBS = str(os.cpu_count() or 2)
KEYS = {"name", "class", "file", "find", "replace", "why", "tests"}


def load(path):
    with open(path) as f:
        mutants = yaml.safe_load(f)
    if not isinstance(mutants, list) or not mutants:
        sys.exit(f"mutants: {path}: expected a list of mutants")
    names = set()
    for i, m in enumerate(mutants, 1):
        if not isinstance(m, dict) or not {"name", "class", "file", "find", "replace", "why"} <= set(m):
            sys.exit(f"mutants: {path}: mutant {i} needs name, class, file, find, replace and why")
        unknown = set(m) - KEYS
        if unknown:
            sys.exit(f"mutants: {path}: mutant {m['name']}: unknown keys {sorted(unknown)}")
        if m["name"] in names:
            sys.exit(f"mutants: {path}: two mutants are named {m['name']}")
        names.add(m["name"])
    return mutants


def copy_tree():
    """The files git knows (tracked and new, not ignored) as they are in the work tree."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.split("\n")
    for rel in filter(None, files):
        src, dst = os.path.join(ROOT, rel), os.path.join(TREE, rel)
        if not os.path.isfile(src):
            continue
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if not os.path.exists(dst) or open(src, "rb").read() != open(dst, "rb").read():
            shutil.copy2(src, dst)


def run(cmd, log, timeout=None):
    with open(log, "a") as out:
        out.write("$ " + " ".join(cmd) + "\n")
        out.flush()
        return subprocess.run(cmd, cwd=TREE, stdout=out, stderr=subprocess.STDOUT, timeout=timeout).returncode


def configure(log):
    fw = ["cmake", "-S", ".", "-B", "build/firmware", "-DCMAKE_TOOLCHAIN_FILE=cmake/arm-none-eabi.cmake",
          "-DCMAKE_BUILD_TYPE=MinSizeRel"]
    # Paths into the copy, set explicitly: a cache left by an earlier run must not point elsewhere.
    host = ["cmake", "-S", ".", "-B", "build/host", "-DCMAKE_BUILD_TYPE=Release", "-DSANITIZE=OFF",
            f"-DSVD_FILE={TREE}/third_party/svd/STM32F446.svd", f"-DFIRMWARE_ELF={TREE}/build/firmware/stopwatch.elf"]
    if run(fw, log) or run(host, log):
        sys.exit(f"mutants: configuring the copy failed; see {log}")


def build(log):
    return run(["cmake", "--build", "build/firmware", "-j", JOBS], log) == 0 and \
        run(["cmake", "--build", "build/host", "-j", JOBS], log) == 0


def test(log, pattern=None, stop_early=False):
    """Runs CTest; returns (passed, failing test names, timed-out test names)."""
    junit = os.path.join(WORK, "ctest.xml")
    if os.path.exists(junit):
        os.remove(junit)
    # Static analysis and the size check judge the code, not its behaviour: a mutant is
    # killed by a behaviour's test or survives. With a mutant, the first failure is enough.
    cmd = ["ctest", "--test-dir", "build/host", "-j", JOBS, "--timeout", "300", "--output-junit", junit,
           "-E", "^(static_analysis|static_analysis_sim|firmware_build_and_size)$"]
    if stop_early:
        cmd += ["--stop-on-failure"]
    if pattern:
        cmd += ["-R", pattern]
    code = run(cmd, log)
    failed, timed_out = [], []
    if os.path.exists(junit):
        for case in ET.parse(junit).getroot().iter("testcase"):
            if case.get("status") == "fail" or case.find("failure") is not None:
                text = ET.tostring(case, encoding="unicode")
                (timed_out if "Timeout" in text else failed).append(case.get("name"))
    return code == 0, failed, timed_out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="run only the mutants whose name contains this text (or one of several, "
                                       "comma-separated)")
    args = parser.parse_args()
    mutants = load(LIST)
    if args.only:
        wanted = [w for w in args.only.split(",") if w]
        mutants = [m for m in mutants if any(w in m["name"] for w in wanted)]
    os.makedirs(WORK, exist_ok=True)
    log = os.path.join(WORK, "mutants.log")
    open(log, "w").close()
    copy_tree()
    configure(log)
    print(f"mutants: building the copy and running the suite once unchanged ({len(mutants)} mutants to go)")
    if not build(log):
        sys.exit(f"mutants: the unchanged copy does not build; see {log}")
    ok, failed, timed_out = test(log)
    if not ok:
        sys.exit(f"mutants: the suite fails without any mutant ({failed + timed_out}); see {log}")

    survivors, errors, killed = [], [], 0
    for m in mutants:
        path = os.path.join(TREE, m["file"])
        original = open(path).read()
        if original.count(m["find"]) != 1:
            errors.append(f"{m['name']}: the text to replace is found {original.count(m['find'])} times in {m['file']}")
            continue
        start = time.monotonic()
        try:
            with open(path, "w") as f:
                f.write(original.replace(m["find"], m["replace"]))
            if not build(log):
                errors.append(f"{m['name']}: does not compile (see {log})")
                continue
            ok, failed, timed_out = test(log, m.get("tests"), stop_early=True)
        finally:
            with open(path, "w") as f:
                f.write(original)
        took = time.monotonic() - start
        if failed:
            killed += 1
            print(f"  killed   {m['class']:<18} {m['name']:<34} by {', '.join(failed[:3])}"
                  f"{' ...' if len(failed) > 3 else ''} ({took:.0f} s)")
        else:
            why = "only by a timeout: " + ", ".join(timed_out) if timed_out else "no test failed"
            survivors.append(f"{m['name']} ({m['class']}): {why}")
            print(f"  SURVIVED {m['class']:<18} {m['name']:<34} {why} ({took:.0f} s)")
    build(log)  # leave the copy built as it is

    total = len(mutants) - len(errors)
    score = 100.0 * killed / total if total else 0.0
    print(f"\nmutation score: {killed} of {total} killed, {score:.1f} %")
    for s in survivors:
        print(f"  survivor: {s}")
    for e in errors:
        print(f"  error in the list: {e}")
    # The closing line CI reads: a mutant caught is a check passed.
    print(f"mutants: {killed} passed, {len(survivors) + len(errors)} failed")
    sys.exit(0 if total and killed == total and not errors else 1)


if __name__ == "__main__":
    main()
