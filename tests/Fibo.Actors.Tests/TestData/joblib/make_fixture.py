#!/usr/bin/python3
"""A second joblib StandardScaler fixture, unlike the seed's in two ways: written by numpy 1.x (module numpy.core)
and carrying feature_names_in_ (an object array, which joblib stores as a nested pickle), as sklearn does when it
is fitted on a DataFrame (the seed's prepare_dataset). Run once with Debian's python3-sklearn/joblib; the outputs
are checked in:
    /usr/bin/python3 make_fixture.py   # writes scaler_with_names.pkl and scaler_with_names.json
"""
import json
import os

import joblib
import numpy as np
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
names = ["log_ret_1", "rsi_14", "bb_width", "constant"]
rng = np.random.default_rng(7)
x = np.column_stack([rng.normal(0, 0.01, 50), rng.uniform(0, 100, 50), rng.gamma(2.0, 0.05, 50), np.full(50, 3.0)])
scaler = StandardScaler().fit(x)
scaler.feature_names_in_ = np.array(names, dtype=object)
joblib.dump(scaler, os.path.join(HERE, "scaler_with_names.pkl"))
with open(os.path.join(HERE, "scaler_with_names.json"), "w") as f:
    json.dump({"feature_names": names, "mean": scaler.mean_.tolist(), "scale": scaler.scale_.tolist(),
               "n_samples_seen": int(scaler.n_samples_seen_)}, f, indent=1)
