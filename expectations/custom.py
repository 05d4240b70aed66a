"""Custom Great Expectations expectations: consistency rules the built-in ones cannot say.

Each is a multicolumn map expectation on pandas: a row is unexpected when its values break the
rule; rows with a missing value are ignored (`ignore_row_if="any_value_is_missing"`).

- `ExpectStatedShareToMatchPartOfWhole(column_list=[share, part, whole, tolerance])`:
  a stated share (in percent) equals 100 x part / whole, within `tolerance` percentage points
  ("171 ... (81.4% of the total)" of 210 holds: 171 / 210 = 81.4%).
- `ExpectValuesToAgreeWithinRounding(column_list=[value, rounding, other, other_rounding])`:
  two reports of one quantity differ by no more than their roundings together ("196.4 billion"
  and "196.43 billion" agree; "196.4 billion" and "19.6 billion" do not).
"""
from __future__ import annotations

from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import MulticolumnMapExpectation
from great_expectations.expectations.metrics.map_metric_provider import (
    MulticolumnMapMetricProvider,
    multicolumn_condition_partial,
)

_DOMAIN_KEYS = ("batch_id", "table", "column_list", "row_condition", "condition_parser", "ignore_row_if")


class MulticolumnShareMatchesPartOfWhole(MulticolumnMapMetricProvider):
    condition_metric_name = "multicolumn_values.share_matches_part_of_whole"
    condition_domain_keys = _DOMAIN_KEYS

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list, **kwargs):
        share, part, whole, tolerance = (column_list.iloc[:, i].astype(float) for i in range(4))
        return (whole != 0) & ((share - 100.0 * part / whole).abs() <= tolerance)


class ExpectStatedShareToMatchPartOfWhole(MulticolumnMapExpectation):
    """A stated share (percent) equals 100 x part / whole within a tolerance (percentage points).

    column_list: [share, part, whole, tolerance].
    """

    map_metric = "multicolumn_values.share_matches_part_of_whole"
    success_keys = ("column_list", "mostly")


class MulticolumnValuesAgreeWithinRounding(MulticolumnMapMetricProvider):
    condition_metric_name = "multicolumn_values.agree_within_rounding"
    condition_domain_keys = _DOMAIN_KEYS

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list, **kwargs):
        value, rounding, other, other_rounding = (column_list.iloc[:, i].astype(float) for i in range(4))
        return (value - other).abs() <= rounding.abs() + other_rounding.abs() + 1e-9 * value.abs()


class ExpectValuesToAgreeWithinRounding(MulticolumnMapExpectation):
    """Two reports of one quantity differ by no more than their roundings together.

    column_list: [value, rounding, other_value, other_rounding].
    """

    map_metric = "multicolumn_values.agree_within_rounding"
    success_keys = ("column_list", "mostly")
