"""Charts: one function per figure, data in, matplotlib figure out."""
