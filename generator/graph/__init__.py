"""The entity graph: who appears where, mentions, related briefings, timeline periods."""
