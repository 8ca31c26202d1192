"""NLP building blocks (no Beam here): language identification, spaCy pipelines and components."""
