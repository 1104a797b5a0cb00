"""The examples in the package's docstrings run and print what they show."""

import doctest

import geokg


def test_docstring_examples():
    result = doctest.testmod(geokg)
    assert result.attempted > 0 and result.failed == 0
