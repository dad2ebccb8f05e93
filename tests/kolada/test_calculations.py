"""Peer statistics, checked against values computed by hand (and Excel's QUARTILE.INC)."""

import math

import pytest

from hallbar.kolada.calculations import (
    DECREASE,
    INCREASE,
    PeerYear,
    competition_rank,
    peer_statistics,
    peer_year,
    quantile,
)


def test_quantiles_interpolate_linearly_between_order_statistics():
    values = [1.0, 2.0, 3.0, 4.0]
    # h = (n-1)p: Q1 at 0.75 → 1 + 0.75·(2-1); median at 1.5 → 2.5; Q3 at 2.25 → 3 + 0.25·(4-3)
    assert quantile(values, 0.25) == 1.75
    assert quantile(values, 0.5) == 2.5
    assert quantile(values, 0.75) == 3.25
    assert quantile(values, 0) == 1.0 and quantile(values, 1) == 4.0


def test_quantiles_of_an_odd_count_hit_the_values():
    values = [10.0, 20.0, 30.0, 40.0, 50.0]
    assert [quantile(values, p) for p in (0.25, 0.5, 0.75)] == [20.0, 30.0, 40.0]


def test_quantiles_of_one_and_no_value():
    assert [quantile([7.0], p) for p in (0.25, 0.5, 0.75)] == [7.0, 7.0, 7.0]
    assert quantile([], 0.5) is None
    with pytest.raises(ValueError):
        quantile([1.0], 1.5)


def test_rank_follows_the_desired_direction():
    peers = [10.0, 20.0, 30.0, 40.0, 50.0]
    assert competition_rank(25.0, peers, INCREASE) == 4  # 30, 40 and 50 are better
    assert competition_rank(25.0, peers, DECREASE) == 3  # 10 and 20 are better
    assert competition_rank(60.0, peers, INCREASE) == 1
    assert competition_rank(60.0, peers, DECREASE) == 6
    with pytest.raises(ValueError):
        competition_rank(1.0, peers, "sideways")


def test_ties_share_a_rank_and_the_next_rank_is_skipped():
    # Values 30, 20 (own), 20, 10; higher is better: 30 → 1, both 20s → 2, 10 → 4.
    assert competition_rank(20.0, [30.0, 20.0, 10.0], INCREASE) == 2
    assert competition_rank(10.0, [30.0, 20.0, 20.0], INCREASE) == 4
    assert competition_rank(30.0, [30.0, 30.0], DECREASE) == 1


def test_peer_year_combines_everything():
    row = peer_year(2022, 2.6, [2.0, 3.1, None, float("nan")], DECREASE)
    assert row == PeerYear(
        year=2022,
        own=2.6,
        n=2,
        median=2.55,
        lower_quartile=2.0 + 0.25 * 1.1,
        upper_quartile=2.0 + 0.75 * 1.1,
        rank=2,
        rank_of=3,
        versus_median="worse",  # lower is better and 2.6 > 2.55
    )
    assert math.isclose(row.lower_quartile, 2.275) and math.isclose(row.upper_quartile, 2.825)


def test_without_own_value_or_direction_there_is_no_rank():
    assert peer_year(2022, None, [1.0, 2.0], INCREASE).rank is None
    assert peer_year(2022, None, [1.0, 2.0], INCREASE).rank_of == 2
    row = peer_year(2022, 1.5, [1.0, 2.0], None)
    assert row.rank is None and row.versus_median is None and row.median == 1.5


def test_versus_median():
    assert peer_year(2022, 3.0, [1.0, 2.0, 3.0], INCREASE).versus_median == "better"
    assert peer_year(2022, 2.0, [1.0, 2.0, 3.0], INCREASE).versus_median == "equal"
    assert peer_year(2022, 1.0, [1.0, 2.0, 3.0], DECREASE).versus_median == "better"
    assert peer_year(2022, 1.0, [], DECREASE).versus_median is None  # no peers, no median


def test_peer_statistics_per_year_oldest_first_and_only_years_with_data():
    rows = peer_statistics(
        {2021: 5.0, 2019: 1.0, 2023: None},
        {2020: [2.0, 4.0], 2021: [4.0, 6.0, 8.0], 2023: []},
        INCREASE,
    )
    assert [row.year for row in rows] == [2019, 2020, 2021]
    by_year = {row.year: row for row in rows}
    assert by_year[2019].n == 0 and by_year[2019].median is None and by_year[2019].rank == 1
    assert by_year[2020].own is None and by_year[2020].median == 3.0
    assert (by_year[2021].median, by_year[2021].rank, by_year[2021].rank_of) == (6.0, 3, 4)
