"""Export a trained tagger to ONNX, quantised to int8 per channel, with its tokenizer.

Per-channel weights keep the int8 model's tags close to float32's (one scale per output
row); the file is about 23 MB. Needs torch, onnx and onnxruntime's quantiser: training only.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import torch
from onnxruntime.quantization import QuantType, quantize_dynamic

MODEL_FILE = "tagger.onnx"
TOKENIZER_FILE = "tokenizer.json"


class _Logits(torch.nn.Module):
    """The model with plain tensors in and out, as ONNX wants."""

    def __init__(self, model: torch.nn.Module):
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.model(input_ids=input_ids, attention_mask=attention_mask).logits


def export(model: torch.nn.Module, tokenizer_json: Path, out: Path, max_pieces: int) -> Path:
    """Write out/tagger.onnx (int8) and out/tokenizer.json (padding and truncation off)."""
    out.mkdir(parents=True, exist_ok=True)
    ids = torch.ones((2, max_pieces), dtype=torch.long)
    with tempfile.TemporaryDirectory() as tmp:
        float_model = Path(tmp) / "float.onnx"
        with torch.no_grad():
            torch.onnx.export(
                _Logits(model).eval(), (ids, torch.ones_like(ids)), str(float_model),
                input_names=["input_ids", "attention_mask"], output_names=["logits"],
                dynamic_axes={"input_ids": {0: "batch", 1: "pieces"},
                              "attention_mask": {0: "batch", 1: "pieces"},
                              "logits": {0: "batch", 1: "pieces"}},
                opset_version=17, dynamo=False)
        quantize_dynamic(str(float_model), str(out / MODEL_FILE), weight_type=QuantType.QInt8, per_channel=True)
    config = json.loads(tokenizer_json.read_text(encoding="utf-8"))
    config["truncation"] = None
    config["padding"] = None
    (out / TOKENIZER_FILE).write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    return out / MODEL_FILE
