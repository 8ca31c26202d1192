"""claimflow: Kafka → Apache Beam → Parquet ingestion of news articles and the claims they report."""

__version__ = "0.1.0"
