"""Search indexes: dense (FAISS), lexical (character n-grams) and their fusion."""
