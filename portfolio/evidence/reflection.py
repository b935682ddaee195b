"""Reflective models whose stages become guided prompts on an entry.

Each stage is stored separately (ReflectionStage) so the practitioner's writing
keeps its shape when it is shown to a supervisor or exported.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReflectiveModel(models.TextChoices):
    GIBBS = "gibbs", _("Gibbs' reflective cycle")
    KOLB = "kolb", _("Kolb's learning cycle")
    WHAT_SO_WHAT = "what_so_what", _("What? So what? Now what?")
    SCHON = "schon", _("Schön: reflection-in-action and reflection-on-action")


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    prompt: str


STAGES: dict[str, tuple[Stage, ...]] = {
    ReflectiveModel.GIBBS: (
        Stage("description", _("Description"), _("What happened? Keep it anonymous.")),
        Stage("feelings", _("Feelings"), _("What were you thinking and feeling?")),
        Stage("evaluation", _("Evaluation"), _("What went well, and what did not?")),
        Stage(
            "analysis",
            _("Analysis"),
            _("What sense can you make of it? What does research or theory say?"),
        ),
        Stage("conclusion", _("Conclusion"), _("What else could you have done?")),
        Stage(
            "action_plan",
            _("Action plan"),
            _("What will you do differently next time?"),
        ),
    ),
    ReflectiveModel.KOLB: (
        Stage(
            "concrete_experience",
            _("Concrete experience"),
            _("What did you do or see?"),
        ),
        Stage(
            "reflective_observation",
            _("Reflective observation"),
            _("Looking back, what do you notice?"),
        ),
        Stage(
            "abstract_conceptualisation",
            _("Abstract conceptualisation"),
            _("What do you now understand, and which ideas help explain it?"),
        ),
        Stage(
            "active_experimentation",
            _("Active experimentation"),
            _("How will you try this out in practice?"),
        ),
    ),
    ReflectiveModel.WHAT_SO_WHAT: (
        Stage("what", _("What?"), _("Describe the situation and your part in it.")),
        Stage("so_what", _("So what?"), _("Why does it matter? What have you learnt?")),
        Stage(
            "now_what",
            _("Now what?"),
            _("What will you do now, and how will you know it helped?"),
        ),
    ),
    # Schön's are two modes of reflecting rather than stages in a cycle: while
    # it happened (in action) and afterwards (on action).
    ReflectiveModel.SCHON: (
        Stage(
            "in_action",
            _("Reflection-in-action"),
            _(
                "While it was happening, what did you notice, and how did you "
                "change what you were doing there and then?"
            ),
        ),
        Stage(
            "on_action",
            _("Reflection-on-action"),
            _(
                "Looking back afterwards, what do you make of it, what theory or "
                "research helps, and what would you do next time?"
            ),
        ),
    ),
}


def stages_for(model: str) -> tuple[Stage, ...]:
    return STAGES.get(model, ())
