#!/usr/bin/env python3
"""Writes baseline.csv, current-stable.csv and current-drifted.csv for the credit-scoring model.

Deterministic: a SplitMix64 generator with fixed seeds and Box-Muller normals, so the files are the same on every
machine and Python version. Run from this folder: python3 generate.py
"""
import math

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 11) / float(1 << 53)

    def normal(self):
        u1 = max(self.uniform(), 1e-300)
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * self.uniform())

    def choice(self, weights):
        u = self.uniform() * sum(w for _, w in weights)
        for value, w in weights:
            u -= w
            if u < 0:
                return value
        return weights[-1][0]


REGIONS = [("north", 0.30), ("south", 0.25), ("east", 0.20), ("west", 0.20), ("islands", 0.05)]
# The drifted period: a new campaign in the south and the islands.
REGIONS_DRIFTED = [("north", 0.15), ("south", 0.45), ("east", 0.15), ("west", 0.10), ("islands", 0.15)]


def rows(seed, n, drifted):
    rng = SplitMix64(seed)
    out = []
    for _ in range(n):
        # Income: log-normal around 42,000 EUR/year; 20% lower in the drifted period.
        income = math.exp(math.log(42000) + 0.45 * rng.normal()) * (0.8 if drifted else 1.0)
        # Debt ratio: in [0, 1], mean 0.30; higher in the drifted period.
        debt = min(max(0.30 + (0.08 if drifted else 0.0) + 0.12 * rng.normal(), 0.0), 1.0)
        # Years in employment: exponential, mean 8; about 3% missing (an empty cell).
        years = "" if rng.uniform() < 0.03 else "%.1f" % (-8.0 * math.log(1.0 - rng.uniform()))
        region = rng.choice(REGIONS_DRIFTED if drifted else REGIONS)
        out.append("%d,%.3f,%s,%s" % (round(income), debt, years, region))
    return out


def write(name, seed, n, drifted):
    with open(name, "w", newline="\n") as f:
        f.write("income,debt_ratio,employment_years,region\n")
        for line in rows(seed, n, drifted):
            f.write(line + "\n")


write("baseline.csv", 20261128, 500, False)
write("current-stable.csv", 20261129, 400, False)
write("current-drifted.csv", 20261130, 400, True)
