"""readouts: diplomatic press releases, readouts and news pages into a structured record of diplomacy."""

__version__ = "0.1.0"
