"""paratrain's competency framework, written in our own words.

Each competency is an observable thing a paraprofessional does. It is mapped to the
frameworks it draws on (the EQUIP version of ENACT, the C3 community health worker
roles and skills, and SAMHSA's core competencies for peer workers) by *reference only*:
item numbers and category names, never their wording.

Levels follow ENACT's gated logic (see :mod:`paratrain.competencies.levels`): any
potentially harmful behaviour gives level 1 whatever else was shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Domain(StrEnum):
    """The five areas the curriculum is organised around."""

    FOUNDATIONS = "foundations"
    HELPING = "helping-skills"
    CRISIS = "crisis"
    CASE_MANAGEMENT = "case-management"
    REFERRAL = "referral"
    COMMUNITY = "community"
    PRACTICE = "professional-practice"


@dataclass(frozen=True)
class Competency:
    """One competency: an id that never changes, a name, and what it looks like.

    Attributes
    ----------
    id:
        Stable identifier used in scenario files, transcripts and the supervision store.
    name:
        Short name shown to trainees and supervisors.
    domain:
        The area of the curriculum it belongs to.
    description:
        What a competent paraprofessional does, in one or two sentences.
    harmful, basic, advanced:
        Examples of behaviour at each grade (our own words), shown in feedback and rubrics.
    sources:
        References to the frameworks it draws on, e.g. ``"ENACT item 7"``.
    """

    id: str
    name: str
    domain: Domain
    description: str
    harmful: tuple[str, ...]
    basic: tuple[str, ...]
    advanced: tuple[str, ...]
    sources: tuple[str, ...] = field(default_factory=tuple)


def _c(
    id: str,
    name: str,
    domain: Domain,
    description: str,
    *,
    harmful: tuple[str, ...],
    basic: tuple[str, ...],
    advanced: tuple[str, ...],
    sources: tuple[str, ...],
) -> Competency:
    return Competency(id, name, domain, description, harmful, basic, advanced, sources)


F, H, C, M, R, Y, P = (
    Domain.FOUNDATIONS,
    Domain.HELPING,
    Domain.CRISIS,
    Domain.CASE_MANAGEMENT,
    Domain.REFERRAL,
    Domain.COMMUNITY,
    Domain.PRACTICE,
)

COMPETENCIES: tuple[Competency, ...] = (
    # --- Foundations: role, scope, confidentiality, boundaries, culture -------------
    _c(
        "role-and-scope",
        "Working within role and scope",
        F,
        "Explains what a paraprofessional does and does not do, stays inside that role "
        "(no diagnosing, prescribing or acting as a therapist) and brings in a supervisor "
        "when something is beyond it.",
        harmful=("names a diagnosis or advises on medication", "acts as the person's therapist"),
        basic=("introduces own role plainly", "says what is outside the role and who can help"),
        advanced=("turns a request outside the role into a linked next step",),
        sources=(
            "C3 skill 9 (professional skills and conduct)",
            "SAMHSA peer principles",
            "WHO PM+ scope (does not diagnose)",
        ),
    ),
    _c(
        "confidentiality",
        "Explaining confidentiality and its limits",
        F,
        "Tells the person what stays private, what does not (risk to self or others, "
        "abuse of a child or vulnerable adult) and why, without promising secrecy.",
        harmful=(
            "promises to keep everything secret",
            "forces the person to disclose",
            "has a child or other relative interpret private or sensitive matters",
        ),
        basic=("explains confidentiality", "names the exceptions and why they exist"),
        advanced=(
            "checks the person understood",
            "explains what would happen next if an exception applied",
        ),
        sources=("ENACT item 3", "Pedersen et al. 2020 (common factor: confidentiality)"),
    ),
    _c(
        "boundaries",
        "Keeping professional boundaries",
        F,
        "Keeps the relationship helpful and safe: no dual relationships, no contact outside "
        "agreed channels, self-disclosure only when it serves the person.",
        harmful=(
            "gives a personal phone number or meets socially",
            "talks at length about own problems",
        ),
        basic=("declines a dual relationship kindly", "keeps self-disclosure brief and relevant"),
        advanced=("names the boundary and offers what the service can do instead",),
        sources=("ENACT item 4", "SAMHSA peer category 9", "C3 skill 9"),
    ),
    _c(
        "cultural-humility",
        "Cultural humility and the person's own explanation",
        F,
        "Asks how the person and their family understand what is happening, respects "
        "language, faith and culture, and does not assume.",
        harmful=(
            "ridicules or dismisses the person's explanation",
            "uses stereotypes",
            "asks a child or young relative to interpret instead of a trained interpreter",
            "argues with what the person hears or believes, or agrees that a frightening "
            "belief is true",
        ),
        basic=("asks the person's view of the cause", "asks about preferred language and name"),
        advanced=("works the person's own words and beliefs into the plan",),
        sources=("ENACT item 9", "C3 role 1 (cultural mediation)"),
    ),
    _c(
        "recovery-orientation",
        "Recovery orientation",
        F,
        "Treats recovery as the person's own journey toward a meaningful life, builds on "
        "strengths and supports, and keeps the person in charge of choices.",
        harmful=("decides for the person", "talks about the person as a diagnosis"),
        basic=("asks what matters to the person", "names a strength"),
        advanced=("links the next step to the person's own goals and supports",),
        sources=(
            "SAMHSA peer principles (recovery-oriented, person-centred)",
            "Rapp & Goscha strengths model",
        ),
    ),
    # --- Foundational helping skills -------------------------------------------------
    _c(
        "active-listening",
        "Listening and open questions",
        H,
        "Lets the person finish, asks open questions, reflects and summarises what was said.",
        harmful=(
            "interrupts or talks over the person",
            "fires closed or leading questions",
            "corrects or accuses",
        ),
        basic=("asks open questions", "reflects or paraphrases", "summarises"),
        advanced=("invites more ('tell me more about...')", "checks a summary with the person"),
        sources=("ENACT items 1-2", "C3 skill 1 (communication)"),
    ),
    _c(
        "empathy",
        "Empathy, warmth and genuineness",
        H,
        "Shows warm, genuine concern that the person can feel, and names emotions accurately.",
        harmful=("is critical or dismissive", "responds with false or mismatched emotion"),
        basic=("responds warmly", "names the feeling the person describes"),
        advanced=("checks whether the empathic reflection fits",),
        sources=("ENACT item 6",),
    ),
    _c(
        "normalising-feelings",
        "Exploring and normalising feelings",
        H,
        "Invites the person to talk about feelings at their own pace and lets them know "
        "their reactions make sense.",
        harmful=(
            "says the reaction is abnormal",
            "minimises feelings ('just cheer up')",
            "pushes the person to talk",
        ),
        basic=("invites feelings", "normalises the reaction"),
        advanced=("explores hesitation gently",),
        sources=("ENACT item 5",),
    ),
    _c(
        "rapport",
        "Building rapport",
        H,
        "Introduces self and role, asks how the person wants to be addressed and makes "
        "them comfortable.",
        harmful=("takes over with own story", "asks embarrassing questions early"),
        basic=("introduces self", "asks preferred name", "makes small, fitting conversation"),
        advanced=("checks comfort with setting and language",),
        sources=("ENACT item 4",),
    ),
    _c(
        "realistic-hope",
        "Promoting realistic hope",
        H,
        "Gives honest reasons for hope and praises help-seeking without promising outcomes.",
        harmful=("promises everything will be fine", "says nothing can be done"),
        basic=("praises reaching out", "gives a realistic reason for hope"),
        advanced=("explores the person's doubts about change",),
        sources=("ENACT item 12",),
    ),
    _c(
        "eliciting-feedback",
        "Asking for feedback on suggestions",
        H,
        "Checks whether ideas fit the person and adjusts, instead of lecturing.",
        harmful=("lectures or gives advice without asking", "makes harmful suggestions"),
        basic=("asks whether a suggestion would help", "adjusts to the answer"),
        advanced=("summarises the feedback and checks it was understood",),
        sources=("ENACT item 15",),
    ),
    _c(
        "coping-and-supports",
        "Building on coping and supports",
        H,
        "Asks what has helped before and who the person can count on, and builds on it.",
        harmful=("disparages the person's coping", "approves harmful coping"),
        basic=("asks about past and current coping", "asks who is close"),
        advanced=("brainstorms safer alternatives together",),
        sources=("ENACT items 10 and 13",),
    ),
    # --- Crisis response ---------------------------------------------------------------
    _c(
        "crisis-first-contact",
        "First contact in a crisis",
        C,
        "Checks safety and urgent needs first, listens without pressing for details, helps "
        "the person feel calmer and links them to practical help and people.",
        harmful=(
            "presses for a detailed account of a traumatic event",
            "leaves without a next step",
            "ignores an urgent safety or medical need",
        ),
        basic=("checks immediate safety", "asks about needs and concerns", "links to help"),
        advanced=("helps the person reconnect with their own supports",),
        sources=(
            "WHO PFA look-listen-link (paraphrased)",
            "NCTSN PFA core actions",
            "SAMHSA peer category 8",
        ),
    ),
    _c(
        "de-escalation",
        "Verbal de-escalation",
        C,
        "Keeps distance and a calm voice, uses short sentences, listens for what the person "
        "wants, offers choices, and leaves when staying is unsafe.",
        harmful=(
            "argues, threatens or blocks the exit",
            "touches or corners the person",
            "stays in an unsafe situation alone",
        ),
        basic=(
            "keeps space and a calm tone",
            "acknowledges the person's feelings and wants",
            "offers choices",
        ),
        advanced=("agrees to disagree while keeping clear limits",),
        sources=("Richmond et al. 2012, Project BETA",),
    ),
    _c(
        "suicide-inquiry",
        "Asking directly about suicide",
        C,
        "Asks plainly whether the person is thinking about suicide, and listens for desire, "
        "capability, intent and what keeps them safe.",
        harmful=(
            "does not ask when there are warning signs",
            "asks in a way that invites 'no'",
            "expresses disbelief or lectures",
        ),
        basic=("asks directly using the word suicide", "asks about a plan, means and timing"),
        advanced=("asks about reasons for living and other buffers",),
        sources=(
            "ENACT item 7",
            "Joiner et al. 2007 (Lifeline risk assessment standards)",
            "Dazzi et al. 2014; DeCou & Schumann 2018",
        ),
    ),
    _c(
        "safety-planning",
        "Supporting a safety plan",
        C,
        "Within the programme's policy, helps the person write their own plan: warning signs, "
        "things they can do alone, people and places, people to ask for help, professionals "
        "and crisis lines, and making the surroundings safer.",
        harmful=(
            "asks for a no-suicide promise instead of a plan",
            "writes the plan for the person",
        ),
        basic=("uses the person's own words for warning signs", "includes 988 and local help"),
        advanced=("checks how likely the plan is to be used and solves barriers",),
        sources=("Stanley & Brown 2012 safety planning intervention", "ENACT item 7 (advanced)"),
    ),
    _c(
        "lethal-means",
        "Lethal-means safety",
        C,
        "Asks about access to firearms, medicines and other means and supports temporary, "
        "voluntary steps to put time and distance between the person and them.",
        harmful=(
            "never asks about means",
            "lectures about gun ownership",
            "takes away or removes means without the person's agreement, or takes "
            "medicines another household member needs",
        ),
        basic=("asks about firearms and medicines", "explains temporary storage options"),
        advanced=("involves a trusted person in storage, with the person's agreement",),
        sources=("CALM (Frank & Ciocca), concepts only", "Harvard Means Matter"),
    ),
    _c(
        "staying-and-escalating",
        "Staying with the person and escalating",
        C,
        "Does not leave someone at imminent risk alone, brings in a supervisor at once, and "
        "calls emergency services when a life is in danger.",
        harmful=(
            "promises secrecy about suicide risk",
            "leaves a person at imminent risk alone",
            "decides alone on emergency dispatch or a duty-to-protect disclosure",
            "delays escalation: leaves suicide risk or a threat to others until the end "
            "of the shift or the next visit, or waits for a supervisor's go-ahead before "
            "calling 911 when a life is in danger now",
            "disengages during an attempt in progress: hangs up, puts the person on hold, "
            "lets them drift off or asks their permission before sending help",
            "hands over a crisis number and leaves it there when someone is at risk",
        ),
        basic=("tells the person who else needs to know and why", "contacts the supervisor"),
        advanced=("hands off warmly and arranges follow-up",),
        sources=(
            "Lifeline imminent-risk policy (Draper et al. 2015)",
            "Crisis Text Line active rescue policy",
        ),
    ),
    _c(
        "crisis-documentation",
        "Documenting a crisis contact",
        C,
        "Writes what was seen and said, in the person's words where it matters, what was "
        "done and who was told, without opinions or diagnoses.",
        harmful=("records a diagnosis or a judgement", "leaves out who was told"),
        basic=("records facts and exact words", "records actions and times"),
        advanced=("records the plan and follow-up owner",),
        sources=("DAP/BIRP documentation practice",),
    ),
    _c(
        "mandated-reporting",
        "Mandated reporting and duties to others",
        C,
        "Recognises suspected abuse or neglect and threats to others, knows that a personal "
        "reporting duty may not be met by telling a supervisor, and follows agency policy.",
        harmful=(
            "promises not to report suspected abuse",
            "investigates instead of reporting",
            "delays a report to gather more evidence or to see whether it happens again",
        ),
        basic=("tells the person about the duty honestly", "reports and informs the supervisor"),
        advanced=("keeps the person engaged and supported through the report",),
        sources=("CAPTA 1974 and state statutes", "Tarasoff v. Regents (1976)"),
    ),
    # --- Case management -------------------------------------------------------------
    _c(
        "strengths-assessment",
        "Strengths-based assessment",
        M,
        "Finds out what the person is good at, cares about and already has, not only what "
        "is wrong.",
        harmful=("lists only problems and deficits",),
        basic=("asks about strengths and interests", "asks about community resources already used"),
        advanced=("uses strengths to shape the plan",),
        sources=("Rapp & Goscha strengths model", "C3 role 8 (assessment)"),
    ),
    _c(
        "needs-screening",
        "Screening for social needs",
        M,
        "Asks respectfully about housing, food, transport, utilities and safety, explains "
        "why, and lets the person decline.",
        harmful=("interrogates or shames", "screens without explaining why"),
        basic=("explains the purpose", "asks across the core domains"),
        advanced=("prioritises with the person what to work on first",),
        sources=("CMS AHC HRSN core domains (concepts only)",),
    ),
    _c(
        "collaborative-planning",
        "Collaborative goals and care plans",
        M,
        "Sets specific, measurable, realistic and time-bound goals that the person chooses, "
        "and keeps the person in charge of the plan.",
        harmful=("dictates goals", "makes unrealistic promises"),
        basic=("asks what the person wants", "makes the goal specific and time-bound"),
        advanced=("breaks a goal into steps and plans for barriers",),
        sources=("ENACT item 11", "Doran 1981 (SMART)", "SAMHSA peer category 5"),
    ),
    _c(
        "information-sharing",
        "Consent and information sharing",
        M,
        "Shares only what is needed, only with consent or when law requires, and knows that "
        "substance-use treatment records have stricter rules.",
        harmful=("shares details without consent", "uses a blanket release for everything"),
        basic=("asks consent before sharing", "shares the minimum necessary"),
        advanced=("explains to the person what will be shared, with whom and why",),
        sources=("45 CFR 164.502(b) minimum necessary", "42 CFR Part 2 (2024 rule)"),
    ),
    # --- Referral and linkage ----------------------------------------------------------
    _c(
        "resource-matching",
        "Matching needs to services",
        R,
        "Finds services that fit the person's needs and circumstances: eligibility, language, "
        "hours, distance, cost and access.",
        harmful=("refers without checking eligibility or that the service exists",),
        basic=("checks eligibility and hours", "checks language and access needs"),
        advanced=("offers a choice of options and explains trade-offs",),
        sources=("Inform USA I&R standards", "C3 role 3 (navigation)"),
    ),
    _c(
        "warm-handoff",
        "Warm handoff",
        R,
        "Introduces the person directly to the receiving service, with their consent, so that "
        "someone there knows them and what happens next.",
        harmful=("hands over a phone number and leaves it there after a crisis",),
        basic=("gets consent for the introduction", "makes the introduction together"),
        advanced=("confirms the first appointment and what to bring",),
        sources=("Faces & Voices of Recovery peer crisis role", "integrated care literature"),
    ),
    _c(
        "closing-the-loop",
        "Following up on referrals",
        R,
        "Tracks what happened to a referral and acts when it fails, stalls or is declined.",
        harmful=("closes a case without knowing whether help arrived",),
        basic=("checks the referral status", "follows up with the person"),
        advanced=("finds another option when a referral fails",),
        sources=("HL7 Gravity SDOH Clinical Care (referral task statuses)",),
    ),
    # --- Community integration and peer practice ---------------------------------------
    _c(
        "community-integration",
        "Supporting community integration",
        Y,
        "Helps the person take part in community life they choose: housing, work, learning, "
        "friends, faith and leisure, using ordinary community places.",
        harmful=("keeps the person in services only", "plans activities the person did not choose"),
        basic=("asks about the community life the person wants", "identifies one step"),
        advanced=("partners with a community organisation to open a door",),
        sources=(
            "Wong & Solomon 2002 (community integration model)",
            "C3 role 6 (capacity building)",
        ),
    ),
    _c(
        "social-modeling",
        "Modeling and rehearsal",
        Y,
        "Demonstrates a skill, lets the person rehearse it, and supports them to try it in "
        "real life, drawing on attention, retention, reproduction and motivation.",
        harmful=("shares lived experience in a way that centres the worker",),
        basic=("demonstrates a step", "invites the person to practise"),
        advanced=("plans a real-world try and reviews it together",),
        sources=("Bandura 1977, Social Learning Theory", "SAMHSA peer category 3"),
    ),
    _c(
        "self-care-and-supervision",
        "Self-care and using supervision",
        P,
        "Notices signs of stress and vicarious trauma, prepares cases for supervision and "
        "uses feedback.",
        harmful=("hides a mistake from the supervisor", "carries a crisis alone"),
        basic=("brings a prepared case to supervision", "names own stress signs"),
        advanced=("turns feedback into a concrete practice plan",),
        sources=("Kemp et al. 2019 (supervision of task-shared care)", "IC&RC PR supervision"),
    ),
)

BY_ID: dict[str, Competency] = {c.id: c for c in COMPETENCIES}


def get(competency_id: str) -> Competency:
    """Return the competency with this id.

    Raises
    ------
    KeyError
        If the id is not in the framework; callers that read user files turn this into
        a :class:`paratrain.errors.ScenarioError` that names the file.
    """
    return BY_ID[competency_id]
