"""Feedback that never shows hidden tests: neither their source nor a traceback that quotes them."""

from __future__ import annotations

from nbgrader.preprocessors import ClearHiddenTests


class RedactHiddenTests(ClearHiddenTests):
    """Remove hidden-test regions from the source, and reduce the errors of those cells to one
    line without a traceback (IPython's traceback quotes the failing source lines)."""

    def preprocess_cell(self, cell, resources, index):
        had_hidden_tests = self.begin_test_delimeter in cell.source
        cell, resources = super().preprocess_cell(cell, resources, index)
        if had_hidden_tests and cell.cell_type == "code":
            outputs = []
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    output.traceback = [f"Hidden tests failed: {output.ename}: {output.evalue}"]
                    outputs.append(output)
                elif output.output_type == "stream" and output.name == "stderr":
                    continue
                else:
                    outputs.append(output)
            cell.outputs = outputs
        return cell, resources
