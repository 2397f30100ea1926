"""Writing: what each output depends on (keys) and the out folder, staged and swapped in whole (site)."""
