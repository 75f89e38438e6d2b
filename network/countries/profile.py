"""The fields of a country profile, and the first questionnaire version built from them.

A question whose key is one of FIELDS fills that field of the profile; any other key is kept
as an extra answer. Labels are marked for translation here and translated when shown, so a
questionnaire stored as data still reads in the viewer's language.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _
from django_countries import countries as all_countries

from network.gaps.enums import Disaggregation, ExploitationForm

from .enums import ActionPlan, Kind, TraffickingRole, YesNo

ROLE = "roles"
FORMS = "exploitation_forms"
ACTION_PLAN = "action_plan"
ACTION_PLAN_FROM = "action_plan_from"
ACTION_PLAN_TO = "action_plan_to"
INSTITUTION = "coordinating_institution"
PALERMO = "palermo_ratified"
PALERMO_YEAR = "palermo_year"
DATA_SYSTEMS = "data_systems"
DISAGGREGATIONS = "disaggregations"
SUMMARY = "summary"
CHILDREN_IDENTIFIED = "children_identified"


def _pairs(choices):
    return [[value, str(label)] for value, label in choices]


# (section, key, kind, label, help text, choices, unit, counts people)
QUESTIONNAIRE_V1 = [
    (_("Trafficking patterns"), ROLE, Kind.MULTIPLE,
     _("Reported role of the country"), "", _pairs(TraffickingRole.choices), "", False),
    (_("Trafficking patterns"), FORMS, Kind.MULTIPLE,
     _("Forms of exploitation reported"), "", _pairs(ExploitationForm.choices), "", False),
    (_("Policy"), ACTION_PLAN, Kind.CHOICE,
     _("National action plan"), "", _pairs(ActionPlan.choices), "", False),
    (_("Policy"), ACTION_PLAN_FROM, Kind.YEAR,
     _("Action plan: first year"), "", [], "", False),
    (_("Policy"), ACTION_PLAN_TO, Kind.YEAR,
     _("Action plan: last year"), "", [], "", False),
    (_("Policy"), INSTITUTION, Kind.TEXT,
     _("National coordinating institution"),
     _("The name of the institution, never of a person."), [], "", False),
    (_("Policy"), PALERMO, Kind.YES_NO,
     _("Palermo Protocol ratified"), "", _pairs(YesNo.choices), "", False),
    (_("Policy"), PALERMO_YEAR, Kind.YEAR,
     _("Year of ratification"), "", [], "", False),
    (_("Data"), DATA_SYSTEMS, Kind.TEXT,
     _("Data-collection systems"),
     _("Which systems collect data on child trafficking, and who runs them."), [], "", False),
    (_("Data"), DISAGGREGATIONS, Kind.MULTIPLE,
     _("Disaggregations the data-collection systems publish"), "",
     _pairs(Disaggregation.choices), "", False),
    (_("Data"), CHILDREN_IDENTIFIED, Kind.NUMBER,
     _("Children identified as trafficked in the latest year with data"),
     _("A published total, never a case list."), [], _("children"), True),
    (_("Situation"), SUMMARY, Kind.TEXT,
     _("Situation summary"), _("Optional."), [], "", False),
]  # fmt: skip

FIELDS = [row[1] for row in QUESTIONNAIRE_V1 if row[1] != CHILDREN_IDENTIFIED]

QUESTIONNAIRE_V1_VERSION = "v1"
# Named after what the 2004 workshop expected to produce (000_61f360c1c0374434.txt).
QUESTIONNAIRE_V1_TITLE = _("Model questionnaire for the Europe component")

DISCLOSURE_THRESHOLD = 11


def display(question_kind, value, *, choices=(), unit="", counts_people=False):
    """A stored value as a person reads it, in the active language."""
    if value in (None, "", []):
        return ""
    labels = {str(v): gettext(label) for v, label in choices}
    if question_kind in (Kind.CHOICE, Kind.YES_NO):
        return labels.get(str(value), str(value))
    if question_kind == Kind.MULTIPLE:
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    if question_kind == Kind.COUNTRIES:
        return ", ".join(all_countries.name(code) or code for code in value)
    if question_kind == Kind.NUMBER:
        if counts_people and float(value) < DISCLOSURE_THRESHOLD:
            return gettext("fewer than 11")
        number = f"{float(value):g}"
        return f"{number} {gettext(unit)}".strip() if unit else number
    return str(value)
