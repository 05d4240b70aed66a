"""Plain questions an analyst asks, answered by the curated tables (curated.indicators, targets,
rankings) after every real stage has run on short articles written for this test."""
import pytest

from tests.conftest import query, run_stages

ARTICLES = {
    "q1.txt": "Lishui GDP up 7.3% in Q1\n\nUpdated: Apr 22, 2024\n\nLishui's GDP reached 48.6 billion yuan in the "
              "first quarter, up 7.3 percent year-on-year. Retail sales of consumer goods totaled 25.1 billion yuan, "
              "an increase of 5.2 percent.",
    "q2.txt": "Zhejiang's consumption recovers in H1\n\nUpdated: July 26, 2022\n\nIn the first half of 2022, total retail "
              "sales of consumer goods in Zhejiang province reached 1.42 trillion yuan, up 0.5 percent year-on-year.",
    "q3.txt": "Zhejiang sets income and output goals\n\nUpdated: June 8, 2021\n\nBy 2025, Zhejiang's per capita GDP will "
              "exceed 130,000 yuan, and the province's urbanization rate will reach 75 percent.",
    "q4.txt": "Lishui's growth among the fastest\n\nUpdated: Feb 1, 2019\n\nIn 2018, Lishui's GDP grew 8.2 percent to "
              "140.2 billion yuan, ranking second in the province.",
    "q5.txt": "Huzhou's economy in the first three quarters\n\nUpdated: Oct 27, 2023\n\nFrom January to September, "
              "Huzhou's GDP reached 282.4 billion yuan, up 5.4 percent. The city's exports rose 3.1 percent.",
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    root = tmp_path_factory.mktemp("questions")
    gates = run_stages(root / "src", root / "wh" / "w.duckdb", ARTICLES)
    assert gates.passed
    return root / "wh" / "w.duckdb"


def test_lishuis_gdp_in_q1_2024_is_one_indicator_with_its_growth(warehouse):
    assert query(warehouse, "select value, unit, yoy_growth, documents from curated.indicators "
                            "where metric_id = 'gdp' and region = 'Lishui' and year = 2024 and period = 'Q1'") == [
        (48.6e9, "CNY", 7.3, ["q1.txt"])]


def test_zhejiangs_retail_sales_in_h1_2022(warehouse):
    assert query(warehouse, "select value, yoy_growth from curated.indicators where metric_id = 'retail_sales' "
                            "and region = 'Zhejiang' and year = 2022 and period = 'H1'") == [(1.42e12, 0.5)]


def test_zhejiangs_2025_per_capita_gdp_target(warehouse):
    assert query(warehouse, "select value, unit, approx from curated.targets where metric_id = 'gdp_per_capita' "
                            "and region = 'Zhejiang' and horizon_year = 2025") == [(130000.0, "CNY", "over")]


def test_lishuis_rank_in_2018(warehouse):
    assert query(warehouse, "select rank, scope, ranked_metric_id from curated.rankings "
                            "where region = 'Lishui' and year = 2018") == [(2, "province", "gdp")]


def test_other_cities_are_their_own_region_and_keep_their_period(warehouse):
    assert query(warehouse, "select metric_id, value, yoy_growth from curated.indicators where region = 'Huzhou' "
                            "and year = 2023 and period = 'M01-M09' order by 1") == [
        ("exports", None, 3.1), ("gdp", 282.4e9, 5.4)]


def test_no_quarterly_figure_sits_in_an_annual_row(warehouse):
    mixed = query(warehouse, """
        select i.indicator_id, f.figure_id from curated.indicators i, unnest(i.figure_ids) as u(id)
        join curated.figures f on f.figure_id = u.id
        where f.period is distinct from i.period""")
    assert mixed == []
    assert query(warehouse, "select count(*) from curated.indicators where period is null") == [(1,)]
