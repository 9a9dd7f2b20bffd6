"""Text reuse: shingles, MinHash, LSH, verified pairs, alignment, clause families."""
