"""JUnit XML: a test suite per file, a test case per finding (unique names)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from itertools import groupby

from crisiskit.diagnostics.findings import Finding, Level
from crisiskit.output.visible import visible


def render_junit(findings: Sequence[Finding], files: Sequence[str], strict: bool = False) -> str:
    """Errors are failures; with ``strict`` warnings too, as they fail the run."""
    failing = {Level.ERROR, Level.WARNING} if strict else {Level.ERROR}
    root = ET.Element("testsuites", name="crisiskit")
    by_file = {file: list(group) for file, group in groupby(findings, key=lambda f: f.file)}
    total = failures = 0
    for raw_file in sorted(set(files) | set(by_file)):
        found = by_file.get(raw_file, [])
        file = visible(raw_file)  # XML 1.0 cannot carry control characters at all
        suite = ET.SubElement(root, "testsuite", name=file)
        names: set[str] = set()
        failed = 0
        for finding in found:
            message = visible(finding.message)
            name = f"{finding.code} {visible(finding.path) or finding.name} (line {finding.line})"
            unique, n = name, 2
            while unique in names:
                unique, n = f"{name} #{n}", n + 1
            names.add(unique)
            case = ET.SubElement(suite, "testcase", name=unique, classname=file)
            tag = "failure" if finding.severity in failing else "system-out"
            if tag == "failure":
                failed += 1
                element = ET.SubElement(case, "failure", message=message, type=finding.name)
            else:
                element = ET.SubElement(case, "system-out")
            element.text = (
                f"{finding.severity.value} {finding.code} {finding.name}\n"
                f"{file}:{finding.line}:{finding.column} {visible(finding.path)}\n{message}"
                + (f"\nhint: {visible(finding.hint)}" if finding.hint else "")
            )
        if not found:
            ET.SubElement(suite, "testcase", name="valid", classname=file)
        cases = max(len(found), 1)
        suite.set("tests", str(cases))
        suite.set("failures", str(failed))
        suite.set("errors", "0")
        total += cases
        failures += failed
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
