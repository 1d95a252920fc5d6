"""Event stages: trigger classes and triggers, modality and certainty cues."""
