"""Reading documents: sources and encodings, archives, Markdown drafts, the offset-keeping normaliser."""
