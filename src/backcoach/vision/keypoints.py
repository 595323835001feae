"""Reading and writing keypoint files: backcoach's own JSON, OpenPose BODY_25 and COCO-17.

The parsers are pure functions over JSON data that is already parsed (dicts and lists);
the ``read_*`` helpers only open files (gzip or not) and hand the data over.
Keypoints from other tools are mapped onto MediaPipe's 33-landmark layout
(:class:`~backcoach.vision.pose.Landmark`) with NaN where the tool has no such landmark.

Formats accepted
----------------
backcoach (``"format": "mediapipe-pose-33"``, the devset's format)::

    {"format": "mediapipe-pose-33", "fps": 30.0, "width": 720, "height": 1280,
     "image_fields": ["x", "y", "z", "visibility"],          # optional, this is the default
     "frames": [{"t": 0.0, "image": [[x, y, z, v], ... 33] or null,
                 "world": [[x, y, z, v], ... 33] or null (optional)}, ...]}

  ``image_fields`` may drop ``z`` (``["x", "y", "visibility"]``), as the compact test
  files do; x and y are normalised to the frame size, y points down.

OpenPose BODY_25, a folder of per-frame files ``*_keypoints.json`` (as ``--write_json``
writes them), ordered by the frame number in the file name::

    {"people": [{"pose_keypoints_2d": [x0, y0, c0, x1, y1, c1, ... 25 joints]}, ...]}

  x, y in pixels, c the confidence (0 with x = y = 0 when the joint was not found).
  OpenPose files carry no frame rate or frame size: pass ``fps``, and ``width`` and
  ``height`` when known. Without them x and y are normalised by the keypoints' extent,
  which changes nothing in the analysis (it works in pixels).

COCO-17 keypoints, either a list of annotations (the COCO results layout) or a dataset
dict ``{"images": [...], "annotations": [...]}``::

    [{"image_id": 0, "keypoints": [x, y, v, ... 17 joints], "score": 0.97,
      "frame_index": 0}, ...]                                      # score, frame_index optional

  The frame of an annotation is its ``frame_index`` when given, else its image's
  ``frame_index``, else its ``image_id`` counted from the smallest id. With an
  ``images`` list, images without an annotation become frames without a pose, and the
  first image's ``width`` and ``height`` give the frame size. ``v`` is read as COCO's
  visibility flag when any value is above 1 (0 not labelled, 1 labelled but hidden,
  2 visible) and as a confidence 0..1 otherwise. A top-level ``"fps"`` is used when the
  ``fps`` argument is not given.

Several people in one frame (OpenPose, COCO): the main person is the one with the
largest, most central bounding box, kept from frame to frame while the boxes overlap;
:attr:`PoseSequence.people_max` records how many people were seen.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from backcoach.vision.errors import KeypointFormatError
from backcoach.vision.pose import (
    CORE,
    LANDMARK_NAMES,
    MEDIAPIPE_FORMAT,
    N_LANDMARKS,
    FloatArray,
    Landmark,
    PoseSequence,
)

OPENPOSE_FORMAT = "openpose-body25"
COCO_FORMAT = "coco-17"

_DEFAULT_FIELDS = ("x", "y", "z", "visibility")
_COMPACT_FIELDS = ("x", "y", "visibility")

#: BODY_25 joint index -> MediaPipe landmark (the person's left and right in both).
OPENPOSE_TO_MEDIAPIPE: dict[int, Landmark] = {
    0: Landmark.NOSE,
    2: Landmark.RIGHT_SHOULDER,
    3: Landmark.RIGHT_ELBOW,
    4: Landmark.RIGHT_WRIST,
    5: Landmark.LEFT_SHOULDER,
    6: Landmark.LEFT_ELBOW,
    7: Landmark.LEFT_WRIST,
    9: Landmark.RIGHT_HIP,
    10: Landmark.RIGHT_KNEE,
    11: Landmark.RIGHT_ANKLE,
    12: Landmark.LEFT_HIP,
    13: Landmark.LEFT_KNEE,
    14: Landmark.LEFT_ANKLE,
    15: Landmark.RIGHT_EYE,
    16: Landmark.LEFT_EYE,
    17: Landmark.RIGHT_EAR,
    18: Landmark.LEFT_EAR,
    19: Landmark.LEFT_FOOT_INDEX,
    21: Landmark.LEFT_HEEL,
    22: Landmark.RIGHT_FOOT_INDEX,
    24: Landmark.RIGHT_HEEL,
}

#: COCO-17 keypoint order, as MediaPipe landmarks: the CORE set, which is written in
#: COCO's own order.
COCO_TO_MEDIAPIPE: tuple[Landmark, ...] = CORE


# --- files -------------------------------------------------------------------------------


def load_json(path: str | os.PathLike[str]) -> Any:
    """Parse a JSON file, gunzipping it first when it is gzip-compressed."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise KeypointFormatError(f"There is no file {p}.", "Check the path.") from None
    except IsADirectoryError:
        raise KeypointFormatError(f"{p} is a folder, not a keypoint file.") from None
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise KeypointFormatError(
                f"{p} is a damaged gzip file ({exc}).", "Export the keypoints again."
            ) from exc
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise KeypointFormatError(
            f"{p} is not valid JSON ({exc}).", "Give a keypoint file written as JSON."
        ) from exc


def read_keypoints(
    path: str | os.PathLike[str],
    *,
    fps: float | None = None,
    width: int | None = None,
    height: int | None = None,
) -> PoseSequence:
    """Read a keypoint file or folder in any supported format (told apart by content).

    A folder is read as OpenPose per-frame files; a file as backcoach's own format or as
    COCO-17. ``fps`` (and ``width``, ``height``) are needed where the format lacks them.
    """
    p = Path(path)
    if p.is_dir():
        return read_openpose_folder(p, fps=fps, width=width, height=height)
    data = load_json(p)
    if isinstance(data, Mapping) and data.get("format") == MEDIAPIPE_FORMAT:
        return parse_backcoach(data)
    if isinstance(data, list) or (isinstance(data, Mapping) and "annotations" in data):
        return parse_coco(data, fps=fps, width=width, height=height)
    if isinstance(data, Mapping) and "people" in data:
        raise KeypointFormatError(
            f"{p} is a single OpenPose frame.",
            "Give the folder that holds all the per-frame *_keypoints.json files.",
        )
    raise KeypointFormatError(
        f"{p} is not a keypoint format backcoach reads.",
        "Use backcoach's own JSON (format 'mediapipe-pose-33'), an OpenPose BODY_25 folder, "
        "or COCO-17 keypoint JSON.",
    )


def read_backcoach(path: str | os.PathLike[str]) -> PoseSequence:
    """Read backcoach's own keypoint file (gzip or not)."""
    return parse_backcoach(load_json(path))


def write_backcoach(
    poses: PoseSequence,
    path: str | os.PathLike[str],
    *,
    decimals: int = 4,
    keep_z: bool = True,
    keep_world: bool = True,
    gzip_level: int | None = None,
) -> None:
    """Write ``poses`` in backcoach's own format; gzip it when ``gzip_level`` is given."""
    data = to_backcoach(poses, decimals=decimals, keep_z=keep_z, keep_world=keep_world)
    text = json.dumps(data, separators=(",", ":"), allow_nan=False).encode()
    if gzip_level is not None:
        text = gzip.compress(text, compresslevel=gzip_level, mtime=0)
    Path(path).write_bytes(text)


def read_openpose_folder(
    folder: str | os.PathLike[str],
    *,
    fps: float | None,
    width: int | None = None,
    height: int | None = None,
) -> PoseSequence:
    """Read an OpenPose ``--write_json`` folder (one ``*_keypoints.json`` per frame)."""
    d = Path(folder)
    files = sorted(d.glob("*.json"), key=_frame_number_key)
    if not files:
        raise KeypointFormatError(
            f"{d} holds no OpenPose .json files.",
            "Point at the folder OpenPose wrote with --write_json.",
        )
    return parse_openpose([load_json(f) for f in files], fps=fps, width=width, height=height)


def read_coco(
    path: str | os.PathLike[str],
    *,
    fps: float | None = None,
    width: int | None = None,
    height: int | None = None,
) -> PoseSequence:
    """Read a COCO-17 keypoint JSON file (see the module notes for the layout)."""
    return parse_coco(load_json(path), fps=fps, width=width, height=height)


# --- backcoach's own format --------------------------------------------------------------


def parse_backcoach(data: Mapping[str, Any]) -> PoseSequence:
    """Build a PoseSequence from backcoach's keypoint JSON (already parsed)."""
    if data.get("format") != MEDIAPIPE_FORMAT:
        raise KeypointFormatError(
            f"Keypoint format is {data.get('format')!r}, not {MEDIAPIPE_FORMAT!r}.",
            "Write the file with backcoach, or convert it to this format.",
        )
    fps = _positive_number(data, "fps")
    width = int(_positive_number(data, "width"))
    height = int(_positive_number(data, "height"))
    fields = tuple(data.get("image_fields", _DEFAULT_FIELDS))
    if fields not in (_DEFAULT_FIELDS, _COMPACT_FIELDS):
        raise KeypointFormatError(
            f"Unknown image_fields {list(fields)}.",
            f"Use {list(_DEFAULT_FIELDS)} or {list(_COMPACT_FIELDS)}.",
        )
    frames = data.get("frames")
    if not isinstance(frames, list):
        raise KeypointFormatError("The keypoint file has no 'frames' list.")
    n = len(frames)
    t = np.empty(n)
    image = np.full((n, N_LANDMARKS, 4), np.nan)
    world = np.full((n, N_LANDMARKS, 4), np.nan)
    any_world = False
    for i, frame in enumerate(frames):
        if not isinstance(frame, Mapping) or "t" not in frame:
            raise KeypointFormatError(f"Frame {i} has no time 't'.")
        t[i] = float(frame["t"])
        img = frame.get("image")
        if img is not None:
            image[i] = _landmark_rows(img, fields, i, "image")
        wld = frame.get("world")
        if wld is not None:
            any_world = True
            world[i] = _landmark_rows(wld, _DEFAULT_FIELDS, i, "world")
    return PoseSequence(
        t=t,
        image=image,
        world=world if any_world else None,
        fps=fps,
        width=width,
        height=height,
        source_format=MEDIAPIPE_FORMAT,
        rotation_applied=bool(data.get("rotation_applied", False)),
    )


def to_backcoach(
    poses: PoseSequence, *, decimals: int = 4, keep_z: bool = True, keep_world: bool = True
) -> dict[str, Any]:
    """backcoach's keypoint JSON for ``poses`` (NaN values become null)."""
    cols = [0, 1, 2, 3] if keep_z else [0, 1, 3]
    fields = _DEFAULT_FIELDS if keep_z else _COMPACT_FIELDS
    has = poses.has_pose
    frames: list[dict[str, Any]] = []
    for i in range(len(poses)):
        frame: dict[str, Any] = {"t": round(float(poses.t[i]), 4)}
        frame["image"] = _rows_out(poses.image[i][:, cols], decimals) if has[i] else None
        if keep_world and poses.world is not None:
            w = poses.world[i]
            frame["world"] = _rows_out(w, decimals) if np.isfinite(w[:, 0]).any() else None
        frames.append(frame)
    out: dict[str, Any] = {
        "format": MEDIAPIPE_FORMAT,
        "fps": poses.fps,
        "width": poses.width,
        "height": poses.height,
        "frame_count": len(poses),
        "rotation_applied": poses.rotation_applied,
        "landmark_names": list(LANDMARK_NAMES),
    }
    if not keep_z:
        out["image_fields"] = list(fields)
    out["frames"] = frames
    return out


def _landmark_rows(rows: Any, fields: Sequence[str], i: int, what: str) -> FloatArray:
    if not isinstance(rows, list) or len(rows) != N_LANDMARKS:
        raise KeypointFormatError(f"Frame {i}: '{what}' must list 33 landmarks.")
    out = np.full((N_LANDMARKS, 4), np.nan)
    cols = [_DEFAULT_FIELDS.index(f) for f in fields]
    try:
        arr = np.array([[np.nan if v is None else float(v) for v in r] for r in rows])
    except (TypeError, ValueError) as exc:
        raise KeypointFormatError(
            f"Frame {i}: '{what}' holds a value that is not a number."
        ) from exc
    if arr.shape != (N_LANDMARKS, len(fields)):
        raise KeypointFormatError(
            f"Frame {i}: each '{what}' landmark needs {len(fields)} values ({', '.join(fields)})."
        )
    out[:, cols] = arr
    return out


def _rows_out(rows: FloatArray, decimals: int) -> list[list[float | None]]:
    return [[None if not math.isfinite(v) else round(float(v), decimals) for v in r] for r in rows]


def _positive_number(data: Mapping[str, Any], key: str) -> float:
    value = data.get(key)
    if not isinstance(value, int | float) or isinstance(value, bool) or not value > 0:
        raise KeypointFormatError(
            f"The keypoint file's '{key}' is {value!r}; it must be a positive number."
        )
    return float(value)


# --- OpenPose BODY_25 --------------------------------------------------------------------


def parse_openpose(
    frames: Sequence[Any],
    *,
    fps: float | None,
    width: int | None = None,
    height: int | None = None,
) -> PoseSequence:
    """Build a PoseSequence from OpenPose BODY_25 frames (one parsed JSON dict per frame)."""
    if fps is None or not fps > 0:
        raise KeypointFormatError(
            "OpenPose files carry no frame rate.", "Give the video's frame rate (fps)."
        )
    people: list[list[FloatArray]] = []
    for i, frame in enumerate(frames):
        if not isinstance(frame, Mapping) or not isinstance(frame.get("people"), list):
            raise KeypointFormatError(f"OpenPose frame {i} has no 'people' list.")
        found: list[FloatArray] = []
        for person in frame["people"]:
            flat = person.get("pose_keypoints_2d") if isinstance(person, Mapping) else None
            if not isinstance(flat, list) or len(flat) != 75:
                raise KeypointFormatError(
                    f"OpenPose frame {i}: 'pose_keypoints_2d' must hold 75 numbers (BODY_25).",
                    "Run OpenPose with the BODY_25 model (the default).",
                )
            joints = np.asarray(flat, dtype=np.float64).reshape(25, 3)
            found.append(_to_layout(joints, OPENPOSE_TO_MEDIAPIPE.items()))
        people.append(found)
    return _sequence_from_pixels(people, fps, width, height, OPENPOSE_FORMAT)


def _frame_number_key(path: Path) -> tuple[int, str]:
    numbers = re.findall(r"\d+", path.stem)
    return (int(numbers[-1]) if numbers else -1, path.name)


# --- COCO-17 -----------------------------------------------------------------------------


def parse_coco(
    data: Any,
    *,
    fps: float | None = None,
    width: int | None = None,
    height: int | None = None,
) -> PoseSequence:
    """Build a PoseSequence from COCO-17 keypoint JSON (see the module notes for layouts)."""
    images: list[Mapping[str, Any]] = []
    if isinstance(data, Mapping):
        annotations = data.get("annotations")
        images = list(data.get("images") or [])
        if fps is None and isinstance(data.get("fps"), int | float):
            fps = float(data["fps"])
    else:
        annotations = data
    if not isinstance(annotations, list):
        raise KeypointFormatError("COCO keypoints need a list of annotations.")
    if fps is None or not fps > 0:
        raise KeypointFormatError(
            "The COCO keypoints carry no frame rate.", "Give the video's frame rate (fps)."
        )
    if images:
        first = images[0]
        width = width or _int_or_none(first.get("width"))
        height = height or _int_or_none(first.get("height"))
    frame_of_image: dict[Any, int] = {}
    for img in images:
        if "id" in img and "frame_index" in img:
            frame_of_image[img["id"]] = int(img["frame_index"])
    if images and not frame_of_image:
        ordered = sorted(images, key=lambda im: im.get("id", 0))
        frame_of_image = {im.get("id"): k for k, im in enumerate(ordered)}
    ids = [a.get("image_id") for a in annotations if isinstance(a, Mapping)]
    numeric_ids = [i for i in ids if isinstance(i, int)]
    base = min(numeric_ids) if numeric_ids else 0
    by_frame: dict[int, list[FloatArray]] = {}
    values: list[FloatArray] = []
    for k, ann in enumerate(annotations):
        if not isinstance(ann, Mapping):
            raise KeypointFormatError(f"COCO annotation {k} is not an object.")
        kp = ann.get("keypoints")
        if not isinstance(kp, list) or len(kp) != 51:
            raise KeypointFormatError(
                f"COCO annotation {k}: 'keypoints' must hold 51 numbers (17 x [x, y, v])."
            )
        if "frame_index" in ann:
            frame = int(ann["frame_index"])
        elif ann.get("image_id") in frame_of_image:
            frame = frame_of_image[ann["image_id"]]
        elif isinstance(ann.get("image_id"), int):
            frame = int(ann["image_id"]) - base
        else:
            raise KeypointFormatError(
                f"COCO annotation {k} has neither 'frame_index' nor a numeric 'image_id'."
            )
        arr = np.asarray(kp, dtype=np.float64).reshape(17, 3)
        values.append(arr)
        by_frame.setdefault(frame, []).append(arr)
    flags = any(float(np.max(v[:, 2])) > 1.0 for v in values)
    n = max([*by_frame, *frame_of_image.values(), -1]) + 1
    people: list[list[FloatArray]] = []
    for f in range(n):
        found = []
        for arr in by_frame.get(f, []):
            joints = arr.copy()
            if flags:
                joints[:, 2] = np.select([arr[:, 2] >= 2, arr[:, 2] >= 1], [1.0, 0.5], default=0.0)
            found.append(_to_layout(joints, enumerate(COCO_TO_MEDIAPIPE)))
        people.append(found)
    return _sequence_from_pixels(people, fps, width, height, COCO_FORMAT)


def _int_or_none(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) and value > 0 else None


# --- shared: pixels -> normalised, main person -------------------------------------------


def _to_layout(joints: FloatArray, mapping: Any) -> FloatArray:
    """(n, 3) x, y, confidence in pixels -> (33, 4) in MediaPipe order, pixels, NaN if absent."""
    out = np.full((N_LANDMARKS, 4), np.nan)
    for src, lm in mapping:
        x, y, c = joints[src]
        if c > 0 or x != 0 or y != 0:
            out[lm] = (x, y, np.nan, c)
    return out


def _box(p: FloatArray) -> tuple[float, float, float, float] | None:
    ok = np.isfinite(p[:, 0])
    if ok.sum() < 2:
        return None
    xs, ys = p[ok, 0], p[ok, 1]
    return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())


def _iou(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    area = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / area if area > 0 else 0.0


def _main_person(
    found: list[FloatArray],
    previous: tuple[float, float, float, float] | None,
    centre: tuple[float, float],
    diag: float,
) -> int | None:
    """Index of the main person: a box that overlaps the previous pick, else the largest,
    most central box (area discounted by distance from the frame centre). None when the
    main person was not found in this frame and only someone much smaller was."""
    best, best_score, best_area, overlaps = None, -1.0, 0.0, False
    for k, p in enumerate(found):
        box = _box(p)
        if box is None:
            continue
        area = (box[2] - box[0]) * (box[3] - box[1])
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        off = math.hypot(cx - centre[0], cy - centre[1]) / max(diag / 2, 1e-9)
        score = area * max(0.05, 1.0 - 0.5 * off)
        overlap = previous is not None and _iou(box, previous) > 0.3
        if overlap:
            score *= 4.0
        if score > best_score:
            best, best_score, best_area, overlaps = k, score, area, overlap
    if best is not None and previous is not None and not overlaps:
        prev_area = (previous[2] - previous[0]) * (previous[3] - previous[1])
        if best_area < 0.25 * prev_area:
            return None
    return best


def _sequence_from_pixels(
    people: list[list[FloatArray]],
    fps: float,
    width: int | None,
    height: int | None,
    source: str,
) -> PoseSequence:
    n = len(people)
    if width is None or height is None:
        xs = [float(np.nanmax(p[:, 0])) for f in people for p in f if np.isfinite(p[:, 0]).any()]
        ys = [float(np.nanmax(p[:, 1])) for f in people for p in f if np.isfinite(p[:, 1]).any()]
        width = width or max(1, math.ceil(max(xs, default=1.0)))
        height = height or max(1, math.ceil(max(ys, default=1.0)))
    image = np.full((n, N_LANDMARKS, 4), np.nan)
    centre, diag = (width / 2, height / 2), math.hypot(width, height)
    previous = None
    most = 0
    for i, found in enumerate(people):
        most = max(most, len(found))
        k = _main_person(found, previous, centre, diag)
        if k is None:
            continue
        p = found[k].copy()
        previous = _box(p)
        p[:, 0] /= width
        p[:, 1] /= height
        image[i] = p
    return PoseSequence(
        t=np.arange(n, dtype=np.float64) / fps,
        image=image,
        world=None,
        fps=fps,
        width=width,
        height=height,
        source_format=source,
        people_max=max(most, 1),
    )
