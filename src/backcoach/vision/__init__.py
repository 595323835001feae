"""The form check: poses -> kinematics -> repetitions -> faults -> report.

The analysis core is pure (no video, no model, no drawing)::

    from backcoach.vision.analyse import analyse
    from backcoach.vision.keypoints import read_keypoints

    report = analyse(read_keypoints("set.json.gz"), "pull-up")
    print(report.counted_reps, [f.cue for f in report.faults])

Modules: :mod:`~backcoach.vision.pose` (types, the estimator interface),
:mod:`~backcoach.vision.keypoints` (keypoint files), :mod:`~backcoach.vision.kinematics`
(cleaning, angles, body-scaled distances, camera view), :mod:`~backcoach.vision.reps`
(repetition segmentation), :mod:`~backcoach.vision.analysers` (one per exercise),
:mod:`~backcoach.vision.recognise`, :mod:`~backcoach.vision.report` and
:mod:`~backcoach.vision.analyse` (the one entry point). This package's ``__init__``
imports nothing heavy, so importing it costs the CLI nothing until a clip is analysed.
See docs/vision.md.
"""
