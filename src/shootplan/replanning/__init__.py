"""When the plan breaks: re-plan the remaining days with the fewest changes crews have to learn.

An actor calls in sick, a location falls through, it rains on an exterior day, the studio adds two
days. :func:`replan` takes the production, the schedule everybody is working to, the date and
what happened (:class:`Changes`), and returns a new schedule that

- keeps every day already shot exactly as it was (days before ``today``, and ``today`` itself
  unless ``freeze_today=False``), including the shot part of a multi-day scene, which therefore
  keeps its remaining days too;
- otherwise minimizes the producer's usual cost (:func:`shootplan.evaluate`) **plus a churn cost**
  for every scene moved off the date crews were told, so that the plan changes only where the
  disruption forces it or where moving saves real money;
- swaps weather-cover sets (``Scene.cover``) into days whose exterior work is rained out first.

:func:`compare` reports how two schedules differ (metrics and the scenes that moved), for a
re-plan as for any what-if.

How it works, in four steps:

1. The changes are applied to a copy of the production (:meth:`Changes.apply`). Weather is not
   part of a :class:`~shootplan.Production` (it is news, not a plan): while re-planning it is a
   stand-in "performer" on every exterior strip of the affected locations, away on the rained-out
   dates, so the solver, the scorer and the infeasibility explainer all enforce and explain it;
   it never appears in the returned production or in reports.
2. Scenes already shot are pinned to their dates. Every other scene gets another stand-in
   performer, away on every day already shot, so nothing new lands on a shot day.
3. The old plan is repaired the way an AD repairs a board: scenes that can stay, stay; cover sets
   go into rained-out days; displaced scenes go to the nearest day with room, by a day swap or by
   moving a few strips aside; a short tabu search takes a tight board back under its caps.
4. :func:`shootplan.solve` runs with the churn costs, first on the days around the disruption only
   (every other scene pinned where the repaired board has it), then on every remaining day,
   starting from the better plan; a last pass puts back scenes the search moved for nothing.

The modules, one job each (a name used by another module of the package is public in its own;
only the names below are the package's API):

- ``changes``: the change records, :class:`Changes` (load, describe, apply) and applying them to a
  production with every reference checked;
- ``compare``: :class:`SceneMove`, :class:`Comparison` and :func:`compare`;
- ``result``: :class:`ReplanResult`, which holds the solver's :class:`~shootplan.Result`;
- ``standins``: the stand-in performers for weather and for the days already shot, and scoring a
  schedule with the weather counted;
- ``repair``: the warm start, the old plan repaired by hand-board moves (step 3);
- ``polish``: the closing pass and the frozen days laid back in front of the solved ones;
- ``reasons``: why no schedule exists and why each scene moved, in words;
- ``params``: :class:`ReplanParams`, the re-plan's settings as one validated object (TOML too);
- ``baseline``: :func:`with_board`, the planned production with a board's edits, said in words;
- ``guards``: today's work made impossible by the news, and the plan's day count kept;
- ``core``: :func:`replan` itself, a short list of phases.
"""

from shootplan.replanning.baseline import with_board as with_board
from shootplan.replanning.changes import CastUnavailable as CastUnavailable
from shootplan.replanning.changes import Changes as Changes
from shootplan.replanning.changes import LocationLost as LocationLost
from shootplan.replanning.changes import LocationUnavailable as LocationUnavailable
from shootplan.replanning.changes import LocationWindows as LocationWindows
from shootplan.replanning.changes import Pin as Pin
from shootplan.replanning.changes import ReplanWarning as ReplanWarning
from shootplan.replanning.changes import Weather as Weather
from shootplan.replanning.compare import Comparison as Comparison
from shootplan.replanning.compare import SceneMove as SceneMove
from shootplan.replanning.compare import compare as compare
from shootplan.replanning.core import replan as replan
from shootplan.replanning.params import ReplanParams as ReplanParams
from shootplan.replanning.result import ReplanResult as ReplanResult

__all__ = [
    "CastUnavailable",
    "Changes",
    "Comparison",
    "LocationLost",
    "LocationUnavailable",
    "LocationWindows",
    "Pin",
    "ReplanParams",
    "ReplanResult",
    "ReplanWarning",
    "SceneMove",
    "Weather",
    "compare",
    "replan",
    "with_board",
]
