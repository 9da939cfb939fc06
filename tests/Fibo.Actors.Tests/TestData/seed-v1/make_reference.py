#!/usr/bin/python3
"""Reference outputs of the seed's own model for the import test (run once, output checked in).

Run with Debian's python3-torch (1.13), numpy, scikit-learn and joblib:
    apt-get install -y python3-torch python3-numpy python3-sklearn python3-joblib
    /usr/bin/python3 make_reference.py        # writes reference_outputs.json next to this file

It rebuilds the seed's LSTM2Head (SEED-SPEC §6.1, the class from fiboevo.py), loads model_best.pt strictly and
scaler.pkl with joblib, makes seeded raw (unscaled) feature windows, scales them with the seed's scaler exactly as
prepare_input_for_model does (float64 transform, then float32), and writes inputs and outputs to JSON.
"""
import json
import os
import sys

import numpy as np

# scaler.pkl was written with numpy 2 (module numpy._core); Debian's numpy 1.24 names it numpy.core.
import numpy.core as _np_core
import numpy.core.multiarray as _np_multiarray
sys.modules.setdefault("numpy._core", _np_core)
sys.modules.setdefault("numpy._core.multiarray", _np_multiarray)

import joblib
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))


class LSTM2Head(nn.Module):
    """The seed's model, as in fiboevo.py."""

    def __init__(self, input_size, hidden_size=64, num_layers=2, dropout=0.1):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, num_layers, batch_first=True,
                            dropout=dropout if num_layers > 1 else 0.0)
        head_hidden = max(4, hidden_size // 2)
        self.head_ret = nn.Sequential(nn.Linear(hidden_size, head_hidden), nn.ReLU(), nn.Linear(head_hidden, 1))
        self.head_vol = nn.Sequential(nn.Linear(hidden_size, head_hidden), nn.ReLU(), nn.Linear(head_hidden, 1),
                                      nn.Softplus())

    def forward(self, x):
        out, _ = self.lstm(x)
        last = out[:, -1, :]
        return self.head_ret(last).squeeze(-1), self.head_vol(last).squeeze(-1)


def main():
    with open(os.path.join(HERE, "meta.json")) as f:
        meta = json.load(f)
    features = meta["feature_cols"]
    seq_len = int(meta["seq_len"])
    state = torch.load(os.path.join(HERE, "model_best.pt"), map_location="cpu")
    layers = 1 + max(int(k.split("_l")[-1]) for k in state if k.startswith("lstm.weight_ih_l"))
    model = LSTM2Head(len(features), hidden_size=int(meta["hidden"]), num_layers=layers)
    model.load_state_dict(state, strict=True)
    model.eval()

    scaler = joblib.load(os.path.join(HERE, "scaler.pkl"))

    # Raw windows around the scaler's own statistics, so the scaled values are O(1) like real inputs.
    rng = np.random.default_rng(20240601)
    batch = 4
    raw = scaler.mean_ + scaler.scale_ * rng.standard_normal((batch, seq_len, len(features)))
    scaled = scaler.transform(raw.reshape(-1, len(features))).reshape(batch, seq_len, len(features))
    with torch.no_grad():
        ret, vol = model(torch.from_numpy(scaled.astype(np.float32)))

    out = {
        "generated_by": "make_reference.py with torch " + torch.__version__ + ", numpy " + np.__version__,
        "feature_names": features,
        "seq_len": seq_len,
        "hidden": int(meta["hidden"]),
        "num_layers": layers,
        "scaler_mean": scaler.mean_.tolist(),
        "scaler_scale": scaler.scale_.tolist(),
        "scaler_n_samples_seen": int(scaler.n_samples_seen_),
        "input_shape": list(raw.shape),
        "raw_input": raw.reshape(-1).tolist(),
        "pred_ret": [float(v) for v in ret.numpy()],
        "pred_vol": [float(v) for v in vol.numpy()],
    }
    with open(os.path.join(HERE, "reference_outputs.json"), "w") as f:
        json.dump(out, f, indent=1)
    print("ret", out["pred_ret"])
    print("vol", out["pred_vol"])


if __name__ == "__main__":
    main()
