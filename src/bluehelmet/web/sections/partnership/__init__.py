"""Partnership: UN and non-UN peacekeepers in the same conflicts, and the battle-deaths model."""
