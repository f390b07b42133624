"""detect: what could be a statement (quotation spans, speech cues)."""
from .cues import Cue, find_cues
from .quotes import Quote, find_quotes

__all__ = ["Cue", "Quote", "find_cues", "find_quotes"]
