"""A stick-figure motion generator: pose sequences with a known answer.

A body is a handful of segments in 3-D (x forward, y up, z to the person's left; one
torso length = 1). Each exercise maps a repetition's progress p (0 = bottom, 1 = top)
to joint angles; a timeline of repetitions (tempo, holds, partial depth, injected
faults) turns into landmark positions, which are projected for a side, front or back
camera into MediaPipe's 33-landmark layout, with noise and dropped frames on request.

Only the landmarks the analysis reads (COCO-17's set) are filled in; the rest are NaN,
as they are in keypoints read from OpenPose or COCO.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

from backcoach.vision.pose import Landmark, PoseSequence

Array = npt.NDArray[np.float64]
View = Literal["side", "front", "back"]

# Segment lengths in torso lengths (shoulder midpoint to hip midpoint = 1), after the
# usual fractions of stature (Drillis and Contini, tabulated by Winter 2009): torso 0.288,
# upper arm 0.186, forearm (elbow to wrist) 0.146, thigh 0.245, shin 0.246.
UPPER_ARM = 0.62
FOREARM = 0.51
THIGH = 0.85
SHIN = 0.85
HALF_SHOULDERS = 0.4
HALF_HIPS = 0.22
NECK_TO_NOSE = 0.35
NECK_TO_EARS = 0.3


def unit_sagittal(angle_deg: float) -> Array:
    """Direction in the body's sagittal plane: 0 = down, 90 = forward, 180 = up."""
    a = math.radians(angle_deg)
    return np.array([math.sin(a), -math.cos(a), 0.0])


def unit_frontal(angle_deg: float, side: int) -> Array:
    """Direction in the frontal plane: 0 = down, 90 = straight out to ``side`` (+1 left)."""
    a = math.radians(angle_deg)
    return np.array([0.0, -math.cos(a), side * math.sin(a)])


@dataclass
class Stance:
    """Everything that places the stick figure in one frame."""

    hip: Array = field(default_factory=lambda: np.zeros(3))
    torso_tilt: float = 0.0  # degrees forward from vertical (negative leans back)
    shoulder_rise: float = 0.0  # shrug: shoulders up along the torso (torso lengths)
    shoulder_forward: float = 0.0  # shoulders forward of the torso line (torso lengths)
    # Arms: (upper arm angle, forearm angle, plane) per side; plane "sagittal" or "frontal".
    left_arm: tuple[float, float, str] = (0.0, 0.0, "sagittal")
    right_arm: tuple[float, float, str] = (0.0, 0.0, "sagittal")
    # Arm reach override: wrist positions given directly (pull-ups hang from fixed hands).
    left_wrist: Array | None = None
    right_wrist: Array | None = None
    # Legs: (thigh angle, shin angle) in the sagittal plane, 0 = straight down.
    left_leg: tuple[float, float] = (0.0, 0.0)
    right_leg: tuple[float, float] = (0.0, 0.0)
    # Legs spread out to the sides by this angle (degrees; a jumping jack).
    leg_spread: float = 0.0


def landmarks(st: Stance) -> Array:
    """(33, 3) world positions of the core landmarks for a stance (NaN elsewhere)."""
    p = np.full((33, 3), np.nan)
    tilt = math.radians(st.torso_tilt)
    up = np.array([math.sin(tilt), math.cos(tilt), 0.0])
    fwd = np.array([math.cos(tilt), -math.sin(tilt), 0.0])
    lat = np.array([0.0, 0.0, 1.0])
    hip = st.hip
    neck = hip + up * 1.0
    shoulders = neck + up * st.shoulder_rise + fwd * st.shoulder_forward
    p[Landmark.LEFT_HIP] = hip + lat * HALF_HIPS
    p[Landmark.RIGHT_HIP] = hip - lat * HALF_HIPS
    p[Landmark.LEFT_SHOULDER] = shoulders + lat * HALF_SHOULDERS
    p[Landmark.RIGHT_SHOULDER] = shoulders - lat * HALF_SHOULDERS
    p[Landmark.NOSE] = neck + up * NECK_TO_NOSE + fwd * 0.12
    p[Landmark.LEFT_EYE] = neck + up * (NECK_TO_NOSE + 0.05) + fwd * 0.1 + lat * 0.05
    p[Landmark.RIGHT_EYE] = neck + up * (NECK_TO_NOSE + 0.05) + fwd * 0.1 - lat * 0.05
    p[Landmark.LEFT_EAR] = neck + up * NECK_TO_EARS + lat * 0.1
    p[Landmark.RIGHT_EAR] = neck + up * NECK_TO_EARS - lat * 0.1
    for side, sh, el, wr, arm, given in (
        (
            1,
            Landmark.LEFT_SHOULDER,
            Landmark.LEFT_ELBOW,
            Landmark.LEFT_WRIST,
            st.left_arm,
            st.left_wrist,
        ),
        (
            -1,
            Landmark.RIGHT_SHOULDER,
            Landmark.RIGHT_ELBOW,
            Landmark.RIGHT_WRIST,
            st.right_arm,
            st.right_wrist,
        ),
    ):
        if given is not None:
            p[wr] = given
            p[el] = _elbow_between(p[sh], given, side)
            continue
        upper, fore, plane = arm
        if plane == "sagittal":
            p[el] = p[sh] + UPPER_ARM * unit_sagittal(upper)
            p[wr] = p[el] + FOREARM * unit_sagittal(fore)
        else:
            p[el] = p[sh] + UPPER_ARM * unit_frontal(upper, side)
            p[wr] = p[el] + FOREARM * unit_frontal(fore, side)
    spread = math.radians(st.leg_spread)
    for side, hp, kn, an, leg in (
        (1, Landmark.LEFT_HIP, Landmark.LEFT_KNEE, Landmark.LEFT_ANKLE, st.left_leg),
        (-1, Landmark.RIGHT_HIP, Landmark.RIGHT_KNEE, Landmark.RIGHT_ANKLE, st.right_leg),
    ):
        thigh, shin = leg
        out = lat * side * math.sin(spread)
        p[kn] = p[hp] + THIGH * (unit_sagittal(thigh) * math.cos(spread) + out)
        p[an] = p[kn] + SHIN * (unit_sagittal(shin) * math.cos(spread) + out)
    return p


def _elbow_between(shoulder: Array, wrist: Array, side: int) -> Array:
    """Elbow position for a shoulder and a wrist (the elbow points out to the side)."""
    d = wrist - shoulder
    dist = float(np.linalg.norm(d))
    dist = min(dist, UPPER_ARM + FOREARM - 1e-6)
    a = (UPPER_ARM**2 - FOREARM**2 + dist**2) / (2 * dist)
    h = math.sqrt(max(UPPER_ARM**2 - a**2, 0.0))
    along = d / max(dist, 1e-9)
    out = np.array([0.0, 0.0, float(side)])
    out = out - along * float(out @ along)
    out = out / max(float(np.linalg.norm(out)), 1e-9)
    return np.asarray(shoulder + along * a + out * h, dtype=np.float64)


def project(world: Array, view: View) -> Array:
    """(…, 3) world points -> (…, 2) image-plane points (x right, y down), torso units."""
    x, y, z = world[..., 0], world[..., 1], world[..., 2]
    if view == "side":  # camera on the person's right, person faces image-right
        u = x
    elif view == "front":  # person faces the camera: their left is on the image's right
        u = z
    else:  # back: the person's left is on the image's left
        u = -z
    return np.stack([u, -y], axis=-1)


def orbiting(world: Array, bearing_deg: Array, pitch_deg: float = 0.0) -> Array:
    """(T, K, 3) world points -> (T, K, 2) image points for a camera whose bearing around
    the person changes frame by frame (0 side-on from their right, 90 in front, -90
    behind), raised ``pitch_deg`` to look down on them."""
    b = np.radians(bearing_deg)[:, None]
    e = math.radians(pitch_deg)
    x, y, z = world[..., 0], world[..., 1], world[..., 2]
    u = x * np.cos(b) + z * np.sin(b)
    depth = x * np.sin(b) - z * np.cos(b)  # toward the camera's side of the person
    v = y * math.cos(e) - depth * math.sin(e)
    return np.stack([u, -v], axis=-1)


# --- exercises: progress (0..1) -> stance --------------------------------------------------

Fault = str


def ramp(p: float) -> float:
    """Smooth 0..1 ease in and out."""
    return 0.5 - 0.5 * math.cos(math.pi * min(max(p, 0.0), 1.0))


def pull_up(p: float, faults: frozenset[Fault], t: float) -> Stance:
    """Hanging from a bar at height 0 with the hands 0.55 either side; p pulls up."""
    top_elbow = 70.0 if "chin-short" in faults else 20.0
    elbow = 178.0 - p * (178.0 - top_elbow)
    e = math.radians(elbow)
    reach = math.sqrt(UPPER_ARM**2 + FOREARM**2 - 2 * UPPER_ARM * FOREARM * math.cos(e))
    hands_z = 0.55
    drop = math.sqrt(max(reach**2 - (hands_z - HALF_SHOULDERS) ** 2, 1e-6))
    sway = 0.0
    knee = 90.0
    if "kipping" in faults:
        sway = 0.35 * math.sin(math.pi * p)
        knee = 90.0 - 60.0 * math.sin(math.pi * p)
    if "feet-down" in faults:
        knee = 0.0
    hip = np.array([sway, -drop - 1.0, 0.0])
    leg = (0.0, -knee)
    return Stance(
        hip=hip,
        left_wrist=np.array([0.0, 0.0, hands_z]),
        right_wrist=np.array([0.0, 0.0, -hands_z]),
        left_leg=leg,
        right_leg=leg,
    )


def soft_knees(knee_angle: float) -> tuple[float, float]:
    """Thigh and shin angles for a knee bent to ``knee_angle`` (180 = straight)."""
    k = (180.0 - knee_angle) / 2
    return (k, -k)


def row(p: float, faults: frozenset[Fault], t: float) -> Stance:
    """Hinged over at 45 degrees, knees soft; p pulls the elbows back to the body."""
    tilt = 25.0 if "torso-too-upright" in faults else 45.0
    if "body-english" in faults:
        tilt = 52.0 - 22.0 * p
    top_upper = -35.0 if "short-pull" in faults else -95.0
    upper = top_upper * p
    legs = soft_knees(176.0 if "locked-knees" in faults else 155.0)
    return Stance(
        hip=np.zeros(3),
        torso_tilt=tilt,
        left_arm=(upper, 0.0, "sagittal"),
        right_arm=(upper, 0.0, "sagittal"),
        left_leg=legs,
        right_leg=legs,
    )


def shrug(p: float, faults: frozenset[Fault], t: float) -> Stance:
    """Standing tall, arms hanging; p lifts the shoulders toward the ears."""
    bend = 40.0 if "bent-arms" in faults else 0.0
    rise = (0.06 if "shallow-shrug" in faults else 0.14) * p
    # Rolling: the shoulders swing forward through the middle of the lift and back.
    roll = 0.15 * math.sin(math.pi * p) if "rolling-shoulders" in faults else 0.0
    arm = (0.0, bend, "sagittal")
    return Stance(
        hip=np.zeros(3), shoulder_rise=rise, shoulder_forward=roll, left_arm=arm, right_arm=arm
    )


def overhead(p: float, faults: frozenset[Fault], t: float) -> Stance:
    """Standing, dumbbells at the shoulders (elbows out and down); p presses them up."""
    top = 125.0 if "soft-lockout" in faults else 178.0
    lean = -15.0 * p if "leaning-back" in faults else 0.0
    pl = p
    # One arm lags on the way up and down but still reaches the top.
    pr = p**2.5 if "uneven-arms" in faults else p
    arms = []
    for q in (pl, pr):
        upper = 50.0 + q * (top - 50.0)
        arms.append((upper, 180.0, "frontal"))
    return Stance(hip=np.zeros(3), torso_tilt=lean, left_arm=arms[0], right_arm=arms[1])


def swimming(p: float, faults: frozenset[Fault], t: float) -> Stance:
    """Lying face down (torso horizontal), arms turning over; p is the stroke phase."""
    a = 360.0 * p
    return Stance(
        hip=np.zeros(3),
        torso_tilt=90.0,
        left_arm=(a, a, "sagittal"),
        right_arm=(a + 180.0, a + 180.0, "sagittal"),
        left_leg=(-90.0, -90.0),
        right_leg=(-90.0, -90.0),
    )


EXERCISES: dict[str, Callable[[float, frozenset[Fault], float], Stance]] = {
    "pull-up": pull_up,
    "bent-over-row": row,
    "barbell-shrug": shrug,
    "overhead-dumbbell-raise": overhead,
    "swimming": swimming,
}


# --- other movements: none of the five, each resembling one of them ---------------------------


def push_up(p: float, faults: frozenset[Fault], t: float) -> Stance:
    """Hands and toes on the floor, the body straight; p lowers the chest to the floor.
    The elbows bend as in a row, but the body moves to still hands."""
    del faults, t
    top = math.radians(20.0)
    body = math.radians(20.0 - 15.0 * p)  # the body's angle above the floor
    along = np.array([math.cos(body), math.sin(body), 0.0])
    toes = np.array([-2.6, 0.05, 0.0])
    hands_x = toes[0] + 2.7 * math.cos(top)
    leg = -(90.0 - math.degrees(body))
    return Stance(
        hip=toes + 1.7 * along,
        torso_tilt=90.0 - math.degrees(body),
        left_wrist=np.array([hands_x, 0.0, 0.5]),
        right_wrist=np.array([hands_x, 0.0, -0.5]),
        left_leg=(leg, leg),
        right_leg=(leg, leg),
    )


def curl(p: float, faults: frozenset[Fault], t: float) -> Stance:
    """Standing, elbows by the sides; p curls the hands up to the shoulders. The hands
    rise as in a front raise, the upper arms do not."""
    del faults, t
    arm = (0.0, 140.0 * p, "sagittal")
    return Stance(hip=np.zeros(3), left_arm=arm, right_arm=arm)


def jumping_jack(p: float, faults: frozenset[Fault], t: float) -> Stance:
    """p jumps the feet apart and swings the arms from the sides to overhead, as in a
    lateral raise taken overhead."""
    del faults, t
    arm = 15.0 + 150.0 * p
    return Stance(
        hip=np.array([0.0, 0.1 * math.sin(math.pi * p), 0.0]),
        left_arm=(arm, arm, "frontal"),
        right_arm=(arm, arm, "frontal"),
        leg_spread=25.0 * p,
    )


def deadlift(p: float, faults: frozenset[Fault], t: float) -> Stance:
    """From a hinge over the bar (p = 0) to standing tall (p = 1), arms hanging. Seen
    face-on the shoulders come up past the ears in the picture, as in a shrug."""
    del faults, t
    tilt = 70.0 * (1.0 - p)
    legs = soft_knees(140.0 + 40.0 * p)
    return Stance(
        hip=np.array([-0.2 * (1.0 - p), -0.25 * (1.0 - p), 0.0]),
        torso_tilt=tilt,
        left_leg=legs,
        right_leg=legs,
    )


OTHER_MOVEMENTS: dict[str, Callable[[float, frozenset[Fault], float], Stance]] = {
    "push-up": push_up,
    "curl": curl,
    "jumping-jack": jumping_jack,
    "deadlift": deadlift,
}


# --- timelines ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RepSpec:
    """One repetition: phase durations (seconds), how far it goes, injected faults."""

    up: float = 1.0
    top: float = 0.3
    down: float = 2.0
    rest: float = 0.6
    depth: float = 1.0
    faults: frozenset[Fault] = frozenset()


def reps(
    n: int, *, seed: int = 0, faults: frozenset[Fault] = frozenset(), tempo: float = 1.0
) -> list[RepSpec]:
    """``n`` full repetitions at a varied tempo (each phase 0.75-1.35 times ``tempo``)."""
    rng = np.random.default_rng(seed)

    def vary(x: float) -> float:
        return float(x * tempo * rng.uniform(0.75, 1.35))

    return [
        RepSpec(up=vary(1.0), top=vary(0.3), down=vary(2.0), rest=vary(0.6), faults=faults)
        for _ in range(n)
    ]


@dataclass
class Clip:
    """A synthetic clip and what it holds."""

    poses: PoseSequence
    full_reps: int
    partial_reps: int
    faults: set[Fault]


def progress_track(specs: list[RepSpec], fps: float, lead_in: float) -> tuple[Array, list[int]]:
    """(T,) progress 0..1 over time, and the index of each repetition in ``specs``."""
    values: list[float] = [0.0] * round(lead_in * fps)
    owner: list[int] = [-1] * len(values)
    for k, s in enumerate(specs):
        for dur, f in (
            (s.up, lambda q, d=s.depth: d * ramp(q)),
            (s.top, lambda q, d=s.depth: d),
            (s.down, lambda q, d=s.depth: d * (1 - ramp(q))),
            (s.rest, lambda q: 0.0),
        ):
            m = max(1, round(dur * fps))
            values.extend(f(i / m) for i in range(m))
            owner.extend([k] * m)
    return np.array(values), owner


def make_clip(
    exercise: str,
    specs: list[RepSpec],
    *,
    view: View = "side",
    fps: float = 30.0,
    noise: float = 0.0,
    drop: float = 0.0,
    walk_in: float = 0.0,
    walk_out: float = 0.0,
    lead_in: float = 0.8,
    seed: int = 0,
    width: int = 720,
    height: int = 1280,
    torso_px: float = 220.0,
    orbit: tuple[float, ...] | None = None,
    pitch: float = 0.0,
) -> Clip:
    """Render a timeline of repetitions of ``exercise`` as a PoseSequence.

    ``noise`` is the landmark jitter in torso lengths; ``drop`` the share of frames lost
    in short dropouts (1-3 frames); ``walk_in`` / ``walk_out`` seconds of walking into
    and out of the frame (marching steps, arms swinging) before and after the set, with
    a brief move into (out of) the exercise's position. For swimming each spec is one
    stroke cycle lasting ``up + down`` seconds. ``orbit`` moves the camera around the
    person instead of the fixed ``view``: its bearing in degrees (0 side-on from the
    person's right, 90 in front, -90 behind) at evenly spaced moments from the first
    frame to the last, steady in between. ``pitch``
    (degrees) raises an orbiting camera to look down on the person.
    """
    rng = np.random.default_rng(seed)
    body = EXERCISES.get(exercise) or OTHER_MOVEMENTS[exercise]
    if exercise == "swimming":
        phases = _stroke_phases(specs, fps)
        core = [landmarks(body(float(q), frozenset(), 0.0)) for q in phases]
    else:
        prog, owner = progress_track(specs, fps, lead_in)
        core = [
            landmarks(body(float(q), specs[max(k, 0)].faults if specs else frozenset(), 0.0))
            for q, k in zip(prog, owner, strict=True)
        ]
    frames: list[Array] = []
    hip_y = float(np.nanmean(core[0][[Landmark.LEFT_HIP, Landmark.RIGHT_HIP], 1]))
    if walk_in > 0:
        walk = [landmarks(st) for st in _walking(walk_in, fps, entering=True, hip_y=hip_y)]
        frames.extend(walk)
        frames.extend(_blend(walk[-1], core[0], round(0.7 * fps)))
    frames.extend(core)
    if walk_out > 0:
        walk = [landmarks(st) for st in _walking(walk_out, fps, entering=False, hip_y=hip_y)]
        frames.extend(_blend(core[-1], walk[0], round(0.7 * fps)))
        frames.extend(walk)
    world = np.stack(frames)
    if orbit is None:
        img = project(world, view) * torso_px
    else:
        keys = np.linspace(0.0, 1.0, len(orbit))
        bearing = np.interp(np.linspace(0.0, 1.0, len(frames)), keys, np.asarray(orbit))
        img = orbiting(world, bearing, pitch) * torso_px
    img[..., 0] += width / 2
    img[..., 1] += height * 0.55
    if noise > 0:
        img += rng.normal(0.0, noise * torso_px, img.shape)
    n = len(frames)
    image = np.full((n, 33, 4), np.nan)
    image[:, :, 0] = img[..., 0] / width
    image[:, :, 1] = img[..., 1] / height
    known = np.isfinite(world[0, :, 0])
    vis = np.where(known, 0.95, np.nan)
    if view == "side" and orbit is None:
        far = [
            Landmark.LEFT_SHOULDER,
            Landmark.LEFT_ELBOW,
            Landmark.LEFT_WRIST,
            Landmark.LEFT_HIP,
            Landmark.LEFT_KNEE,
            Landmark.LEFT_ANKLE,
        ]
        vis[[int(f) for f in far]] = 0.7
    image[:, :, 3] = vis
    if drop > 0:
        i = 0
        while i < n:
            if rng.random() < drop / 2:
                k = int(rng.integers(1, 4))
                image[i : i + k] = np.nan
                i += k + 3
            else:
                i += 1
    poses = PoseSequence(
        t=np.arange(n) / fps, image=image, world=None, fps=fps, width=width, height=height
    )
    full = sum(1 for s in specs if s.depth >= 0.9 and not (s.faults & PARTIAL_FAULTS))
    faults: set[Fault] = set().union(*(s.faults for s in specs)) if specs else set()
    return Clip(poses=poses, full_reps=full, partial_reps=len(specs) - full, faults=faults)


def _blend(a: Array, b: Array, m: int) -> list[Array]:
    """``m`` frames moving smoothly from landmark set ``a`` to ``b``."""
    return [a + (b - a) * ramp((i + 1) / (m + 1)) for i in range(m)]


def _stroke_phases(specs: list[RepSpec], fps: float) -> Array:
    """Stroke phase (cycles, growing by one per spec) for a swim, frame by frame."""
    out: list[float] = []
    for k, s in enumerate(specs):
        m = max(2, round((s.up + s.down) * fps))
        out.extend(k + i / m for i in range(m))
    out.append(float(len(specs)))
    return np.array(out)


#: Injected faults that make a repetition partial rather than merely faulty.
PARTIAL_FAULTS = frozenset({"chin-short", "shallow-shrug", "short-pull"})


def _walking(seconds: float, fps: float, *, entering: bool, hip_y: float) -> list[Stance]:
    """Marching steps across the frame toward (or away from) the exercise spot."""
    out: list[Stance] = []
    m = max(1, round(seconds * fps))
    start_x, end_x = (-2.5, 0.0) if entering else (0.0, 2.5)
    for i in range(m):
        x = start_x + (end_x - start_x) * i / m
        step = math.sin(2 * math.pi * 1.8 * i / fps)
        swing = 25.0 * step
        out.append(
            Stance(
                hip=np.array([x, hip_y, 0.0]),
                left_arm=(swing, swing + 20.0, "sagittal"),
                right_arm=(-swing, -swing + 20.0, "sagittal"),
                left_leg=(45.0 * max(step, 0.0), 0.0),
                right_leg=(45.0 * max(-step, 0.0), 0.0),
            )
        )
    return out
