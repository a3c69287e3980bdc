"""The playgrounds: the learning rate's (lessons 5 and 6) and the classifiers' (lessons 8–11).

The learning-rate playground: :mod:`~mlcourse.playground.figure` draws (the still background
once per data set, then each run's line, curve and path as marks, or blitted into a PNG),
:mod:`~mlcourse.playground.controls` holds the widgets and wires them to the figure;
:mod:`~mlcourse.playground.status` puts a run into words. The classifier playground:
:mod:`~mlcourse.playground.classifier_training` trains and words a run,
:mod:`~mlcourse.playground.classifier` draws it and holds the widgets. Both draw through
:mod:`~mlcourse.playground.browser_figure`.

In a notebook: ``from mlcourse.playground import playground; playground()``, or
``classifier_playground(lesson=8)``.
"""

from mlcourse.playground.classifier import ClassifierPlayground, classifier_playground
from mlcourse.playground.controls import (
    MAX_EPOCHS,
    MAX_NOISE,
    N_CHOICES,
    Playground,
    playground,
)
from mlcourse.playground.figure import MAX_POINTS_SHOWN, PlaygroundFigure
from mlcourse.playground.rate_controls import ETA_STEP, RATE_RANGE
from mlcourse.playground.status import describe, remaining_gap

__all__ = [
    "ETA_STEP",
    "MAX_EPOCHS",
    "MAX_NOISE",
    "MAX_POINTS_SHOWN",
    "N_CHOICES",
    "RATE_RANGE",
    "ClassifierPlayground",
    "Playground",
    "PlaygroundFigure",
    "classifier_playground",
    "describe",
    "playground",
    "remaining_gap",
]
