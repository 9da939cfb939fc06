#!/usr/bin/python3
"""A tiny seed-style artifact whose checkpoint uses another layout the seed's loaders accept:
{"state_dict": {...}, "meta": {...}} with DataParallel "module." prefixes (SEED-SPEC §6.5), plus its scaler.pkl,
meta.json (with num_layers) and the PyTorch outputs for a fixed raw input. Run once with Debian's python3-torch:
    /usr/bin/python3 make_fixture.py
"""
import json
import os
import sys

import numpy as np
import numpy.core as _np_core
sys.modules.setdefault("numpy._core", _np_core)
import joblib
import torch
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "seed-v1"))
from make_reference import LSTM2Head  # the seed's class

HERE = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(3)
names = ["a", "b", "c"]
model = LSTM2Head(3, hidden_size=6, num_layers=1)
model.eval()
state = {"module." + k: v for k, v in model.state_dict().items()}
torch.save({"state_dict": state, "meta": {"note": "wrapped"}}, os.path.join(HERE, "model_best.pt"))

rng = np.random.default_rng(11)
fit_rows = rng.normal([1.0, -5.0, 0.01], [0.5, 2.0, 0.002], (40, 3))
scaler = StandardScaler().fit(fit_rows)
joblib.dump(scaler, os.path.join(HERE, "scaler.pkl"))
meta = {"feature_cols": names, "seq_len": 5, "horizon": 2, "hidden": 6, "num_layers": 1, "input_size": 3}
with open(os.path.join(HERE, "meta.json"), "w") as f:
    json.dump(meta, f, indent=1)

raw = rng.normal([1.0, -5.0, 0.01], [0.5, 2.0, 0.002], (2, 5, 3))
scaled = scaler.transform(raw.reshape(-1, 3)).reshape(2, 5, 3).astype(np.float32)
with torch.no_grad():
    ret, vol = model(torch.from_numpy(scaled))
with open(os.path.join(HERE, "reference_outputs.json"), "w") as f:
    json.dump({"raw_input": raw.reshape(-1).tolist(), "input_shape": list(raw.shape),
               "pred_ret": [float(v) for v in ret], "pred_vol": [float(v) for v in vol]}, f, indent=1)
print(ret, vol)
