"""Tools for instructors: nbgrader metadata for the lessons, assigning and grading them.

Needs the ``instructor`` extra (``pip install 'mlcourse[instructor]'``), which brings nbgrader.
"""
