"""Topics from the documents paratrain was created from (shared seeds), by stable id.

Every topic must be taught somewhere in the curriculum; the coverage table in
``curriculum/README.md`` is generated from lesson front matter and checked by a test.
"""

from __future__ import annotations

SEED_TOPICS: dict[str, str] = {
    # seed 000: community-based therapy
    "community-based-care": (
        "What community-based care is and why it is delivered where people live"
    ),
    "community-care-challenges": "Challenges of community care: resources, consistency and quality",
    "community-participation": (
        "Community members taking part in planning and evaluating services"
    ),
    # seed 001: recovery model of psychiatric rehabilitation
    "recovery-model": "The recovery model: strengths, rights and goals, not only symptoms",
    "support-networks": "Building support networks: family, friends, peers and professionals",
    "community-resources": "Integrating community resources: housing, work, education, social life",
    "recovery-barriers": ("Barriers to recovery-oriented services: stigma, funding, coordination"),
    "evidence-based-practices": (
        "Evidence-based practices the worker supports but does not deliver: CBT, motivational "
        "interviewing, skills training"
    ),
    # seed 002: community integration in mental health rehabilitation
    "community-integration-steps": "The eight steps of community integration",
    # seed 003: the paraprofessional in the sociocultural approach
    "paraprofessional-role": "The paraprofessional role and its duties",
    "paraprofessional-limits": (
        "What paraprofessionals may not do: diagnose, prescribe, act as therapist"
    ),
    "working-under-supervision": "Working under the supervision of a licensed professional",
    "treatment-plan-vs-service-plan": (
        "A clinician's treatment plan contrasted with the worker's service or care plan"
    ),
    # seed 004: social modeling in community-based therapy
    "social-modeling": "Social modeling and Bandura's social cognitive theory",
    "observational-learning": (
        "Observational learning: attention, retention, reproduction, motivation"
    ),
    "participant-modeling": "Participant modeling and behavioural rehearsal",
    "clubhouse-model": "The Clubhouse model",
    "housing-first": "Housing First",
    "social-model-of-mental-health": "The social model of mental health and social identity",
    "stigma-reduction": "Reducing stigma through education, contact and positive models",
    # seed 004 (social justice and mental health equity), named as the field names it
    "social-determinants-of-health": (
        "Social determinants of health, by name, and how they differ from one person's social needs"
    ),
}
