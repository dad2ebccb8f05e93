"""The maturity pages: the list and the assessment's details (``assessments``), the questionnaire and
the workflow buttons (``answers``)."""
