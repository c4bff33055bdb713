"""The CP-SAT decision variables, created only for pairs that can happen (tight domains)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from shootplan.solver.instance import Instance

__all__ = ["Variables"]


@dataclass
class Variables:
    """Containers of the model's variables with query helpers.

    - ``start[s][d]``: scene ``s`` starts on candidate day ``d`` (single-day scenes: is shot on d);
    - ``used[d]``: day ``d`` is a shoot day of the schedule (used days form a prefix);
    - ``busy[d]``: day ``d`` has work (a used day may be an empty, dark day);
    - ``at[loc][d]``: the unit works at location ``loc`` on day ``d``;
    - ``works[c][d]``: performer ``c`` works on day ``d``;
    - ``started[c][d]`` / ``remaining[c][d]``: ``c`` has worked by day ``d`` / still works on or
      after ``d``; ``hold[c][d]``: a paid idle day; ``dropped[c][d]``: an unpaid drop day;
    - ``night[d]`` / ``daylight[d]``: day ``d`` has exteriors that need the dark (night, dusk,
      dawn) / daylight (the day's type: split when both);
    - ``late[d]``: day ``d`` wraps late: it has work in the dark, or it continues a run of
      consecutive late days (its call waits for the rest after the previous wrap);
    - ``run_start[loc][d]``: a run of days at ``loc`` starts on ``d`` (the unit was not there on the
      last day with work before); ``here[loc][d]``: the unit was at ``loc`` on the last day with
      work up to ``d``. Only for locations whose returns cost something.
    """

    model: cp_model.CpModel
    instance: Instance
    start: list[dict[int, cp_model.IntVar]] = field(default_factory=list)
    used: list[cp_model.IntVar] = field(default_factory=list)
    busy: list[cp_model.IntVar] = field(default_factory=list)
    at: dict[str, dict[int, cp_model.IntVar]] = field(default_factory=dict)
    works: dict[str, dict[int, cp_model.IntVar]] = field(default_factory=dict)
    started: dict[str, dict[int, cp_model.IntVar]] = field(default_factory=dict)
    remaining: dict[str, dict[int, cp_model.IntVar]] = field(default_factory=dict)
    hold: dict[str, dict[int, cp_model.IntVar]] = field(default_factory=dict)
    dropped: dict[str, dict[int, cp_model.IntVar]] = field(default_factory=dict)
    night: dict[int, cp_model.IntVar] = field(default_factory=dict)
    daylight: dict[int, cp_model.IntVar] = field(default_factory=dict)
    split: dict[int, cp_model.IntVar] = field(default_factory=dict)
    late: dict[int, cp_model.IntVar] = field(default_factory=dict)
    by_day: list[list[tuple[int, cp_model.IntVar]]] = field(default_factory=list)
    run_start: dict[str, dict[int, cp_model.IntVar]] = field(default_factory=dict)
    here: dict[str, dict[int, cp_model.IntVar]] = field(default_factory=dict)

    @classmethod
    def create(cls, model: cp_model.CpModel, instance: Instance) -> Variables:
        """Create every variable the constraints and the objective use."""
        v = cls(model, instance)
        horizon = instance.horizon
        for s, scene in enumerate(instance.scenes):
            v.start.append({d: model.new_bool_var(f"start[{scene.number},{d}]") for d in instance.starts[s]})
        v.by_day = [[] for _ in range(horizon)]
        for s, starts in enumerate(v.start):
            for d, literal in starts.items():
                for i in range(instance.length[s]):
                    v.by_day[d + i].append((s, literal))
        v.used = [model.new_bool_var(f"used[{d}]") for d in range(horizon)]
        v.busy = [model.new_bool_var(f"busy[{d}]") for d in range(horizon)]
        for name, members in instance.location_scenes.items():
            days = sorted(set().union(*(instance.days_of(s) for s in members))) if members else []
            v.at[name] = {d: model.new_bool_var(f"at[{name},{d}]") for d in days}
            if days and instance.return_cost(name) > 0:
                v.run_start[name] = {d: model.new_bool_var(f"run_start[{name},{d}]") for d in days}
                # Read on the day before each possible day: from the first to the last but one.
                v.here[name] = {d: model.new_bool_var(f"here[{name},{d}]") for d in range(days[0], days[-1])}
        for cast_id, members in instance.cast_scenes.items():
            days = sorted(set().union(*(instance.days_of(s) for s in members))) if members else []
            v.works[cast_id] = {d: model.new_bool_var(f"works[{cast_id},{d}]") for d in days}
            if instance.hold_rate(cast_id) > 0 and len(members) > 1 and days:
                # Holds can only fall strictly between the earliest and latest possible work days.
                span = range(days[0], days[-1] + 1)
                v.started[cast_id] = {d: model.new_bool_var(f"started[{cast_id},{d}]") for d in span}
                v.remaining[cast_id] = {d: model.new_bool_var(f"remaining[{cast_id},{d}]") for d in span}
                v.hold[cast_id] = {d: model.new_bool_var(f"hold[{cast_id},{d}]") for d in span}
                member = instance.production.cast_member(cast_id)
                if member.drop_pickup and member.max_drops > 0:
                    v.dropped[cast_id] = {d: model.new_bool_var(f"dropped[{cast_id},{d}]") for d in span}
        nights = [s for s, scene in enumerate(instance.scenes) if scene.needs_dark]
        days_ = [s for s, scene in enumerate(instance.scenes) if scene.needs_daylight]
        if nights:
            night_days = set().union(*(instance.days_of(s) for s in nights))
            day_days = set().union(*(instance.days_of(s) for s in days_)) if days_ else set()
            v.night = {d: model.new_bool_var(f"night[{d}]") for d in sorted(night_days)}
            v.daylight = {d: model.new_bool_var(f"daylight[{d}]") for d in sorted(day_days)}
            v.split = {d: model.new_bool_var(f"split[{d}]") for d in sorted(night_days & day_days)}
            first_late = min(night_days)
            v.late = {d: model.new_bool_var(f"late[{d}]") for d in range(first_late, horizon)}
        return v

    def on(self, scene: int, day: int) -> list[cp_model.IntVar]:
        """The start literals that put ``scene`` on ``day`` (at most one of them can be true)."""
        k = self.instance.length[scene]
        starts = self.start[scene]
        return [starts[d] for d in range(day - k + 1, day + 1) if d in starts]

    def scenes_on(self, day: int) -> list[tuple[int, cp_model.IntVar]]:
        """(scene, literal) pairs that may put a scene on ``day``."""
        return self.by_day[day]
