"""The Council: how each member voted on peace operations, per resolution and per member."""
