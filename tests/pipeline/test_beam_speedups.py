"""pipelines.beam_speedups: Beam's DoFn state and timer specs, remembered per class, are still right."""

from __future__ import annotations

import apache_beam as beam
from apache_beam.coders import VarIntCoder
from apache_beam.testing.util import assert_that, equal_to
from apache_beam.transforms import userstate
from apache_beam.transforms.timeutil import TimeDomain
from apache_beam.transforms.userstate import BagStateSpec, TimerSpec, on_timer

from pipelines import beam_speedups


class _Plain(beam.DoFn):  # type: ignore[misc]
    def process(self, element: int):  # type: ignore[no-untyped-def]
        yield element


BAG = BagStateSpec("seen", VarIntCoder())
TIMER = TimerSpec("flush", TimeDomain.WATERMARK)
#: the parameters Beam looks for in a DoFn method's defaults
SEEN = beam.DoFn.StateParam(BAG)
FLUSH = beam.DoFn.TimerParam(TIMER)


class _Stateful(beam.DoFn):  # type: ignore[misc]
    def process(self, element, seen=SEEN, flush=FLUSH):  # type: ignore[no-untyped-def]
        seen.add(element[1])
        yield sum(seen.read())

    @on_timer(TIMER)
    def _flush(self):  # type: ignore[no-untyped-def]
        return []


def test_specs_are_the_ones_beam_finds_and_are_remembered_per_class() -> None:
    beam_speedups.install()
    assert userstate.get_dofn_specs is beam_speedups.dofn_specs
    assert beam_speedups.dofn_specs(_Plain()) == beam_speedups._ORIGINAL(_Plain()) == (set(), set())
    assert beam_speedups.dofn_specs(_Stateful()) == ({BAG}, {TIMER})
    assert userstate.is_stateful_dofn(_Stateful()) and not userstate.is_stateful_dofn(_Plain())
    assert _Stateful in beam_speedups._SPECS
    got = beam_speedups.dofn_specs(_Stateful())
    got[0].clear()  # a caller changing its sets does not change the remembered answer
    assert beam_speedups.dofn_specs(_Stateful()) == ({BAG}, {TIMER})


def test_a_dofn_holding_a_bound_method_is_inspected_every_time() -> None:
    class Holder:
        def fn(self, element, seen=SEEN):  # type: ignore[no-untyped-def]
            return [element]

    plain = beam.FlatMap(lambda element: [element]).fn  # Beam's wrapper DoFn around a function
    assert beam_speedups.dofn_specs(plain) == (set(), set())  # remembered for the wrapper class
    wrapped = beam.FlatMap(Holder().fn).fn  # the same wrapper class, with a bound method as its process
    assert type(wrapped) is type(plain)
    assert beam_speedups.dofn_specs(wrapped) == beam_speedups._ORIGINAL(wrapped) == ({BAG}, set())


def test_a_stateful_pipeline_still_runs_with_its_state() -> None:
    beam_speedups.install()

    class Running(beam.DoFn):  # type: ignore[misc]
        def process(self, element, seen=SEEN):  # type: ignore[no-untyped-def]
            seen.add(element[1])
            yield sorted(seen.read())

    with beam.Pipeline() as p:
        out = p | beam.Create([("k", 1), ("k", 2)]) | beam.ParDo(Running()) | beam.Map(len)
        assert_that(out, equal_to([1, 2]))
