"""paratrain: train and supervise paraprofessionals in community mental health."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
