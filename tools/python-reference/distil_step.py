#!/usr/bin/env python3
"""Times one MiniALBERT distillation update in eager PyTorch, the way the Python reference computes it.

The reference trains Hugging Face modules (a BERT teacher, an ALBERT-based recursive student) in eager
PyTorch. This script rebuilds the same update from ../../docs and the specification, in plain
torch.nn so that it needs nothing but PyTorch: the default job's shapes (teacher 12 layers, H = 384;
student E = 128, H = 384, 6 iterations of one shared layer with bottleneck adapters before each
sub-block), BERT masking, the masked-LM, attention-KL and hidden-cosine terms with the reference's
weights, gradient clipping and AdamW. It prints the GEMM ceiling of this PyTorch, measured like
`./minialbert bench` does, and the median seconds per update.

    python3 tools/python-reference/distil_step.py --threads 2 --batch 8 --length 128

By default the masked-LM head projects every position onto the vocabulary, as Hugging Face's
masked-LM heads do, and the loss ignores the unmasked ones; --labelled-only projects the masked
positions alone (what minialbert does), to compare the same work. Weights are random: speed does
not depend on their values.
"""

import argparse
import math
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

VOCAB = 30522
HIDDEN = 384
HEADS = 12
INTERMEDIATE = 1536
EMBEDDING = 128
TEACHER_LAYERS = 12
ITERATIONS = 6
REDUCTION = 16
DROPOUT = 0.1
EPSILON = 1e-12


class SelfAttention(nn.Module):
    """Post-LayerNorm BERT attention block; returns the block output and the probabilities."""

    def __init__(self):
        super().__init__()
        self.query = nn.Linear(HIDDEN, HIDDEN)
        self.key = nn.Linear(HIDDEN, HIDDEN)
        self.value = nn.Linear(HIDDEN, HIDDEN)
        self.dense = nn.Linear(HIDDEN, HIDDEN)
        self.norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.attention_dropout = nn.Dropout(DROPOUT)
        self.hidden_dropout = nn.Dropout(DROPOUT)

    def heads(self, x):
        b, t, _ = x.shape
        return x.view(b, t, HEADS, HIDDEN // HEADS).permute(0, 2, 1, 3)

    def forward(self, x):
        q, k, v = self.heads(self.query(x)), self.heads(self.key(x)), self.heads(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(HIDDEN // HEADS)
        # Hugging Face adds the attention mask's bias even when nothing is padded
        scores = scores + torch.zeros(x.shape[0], 1, 1, x.shape[1])
        probabilities = scores.softmax(-1)
        context = torch.matmul(self.attention_dropout(probabilities), v)
        context = context.permute(0, 2, 1, 3).reshape(x.shape)
        return self.norm(x + self.hidden_dropout(self.dense(context))), probabilities


class FeedForward(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = nn.Linear(HIDDEN, INTERMEDIATE)
        self.down = nn.Linear(INTERMEDIATE, HIDDEN)
        self.norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.dropout = nn.Dropout(DROPOUT)

    def forward(self, x):
        return self.norm(x + self.dropout(self.down(F.gelu(self.up(x)))))


class Embeddings(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.words = nn.Embedding(VOCAB, width)
        self.positions = nn.Embedding(512, width)
        self.types = nn.Embedding(2, width)
        self.norm = nn.LayerNorm(width, eps=1e-12)
        self.dropout = nn.Dropout(DROPOUT)

    def forward(self, ids):
        positions = torch.arange(ids.shape[1]).unsqueeze(0)
        return self.dropout(self.norm(self.words(ids) + self.positions(positions) + self.types(torch.zeros_like(ids))))


class Teacher(nn.Module):
    def __init__(self):
        super().__init__()
        self.embeddings = Embeddings(HIDDEN)
        self.attention = nn.ModuleList(SelfAttention() for _ in range(TEACHER_LAYERS))
        self.feed_forward = nn.ModuleList(FeedForward() for _ in range(TEACHER_LAYERS))

    def forward(self, ids):
        x = self.embeddings(ids)
        hidden, attentions = [x], []
        for attention, feed_forward in zip(self.attention, self.feed_forward):
            y, p = attention(x)
            x = feed_forward(y)
            hidden.append(x)
            attentions.append(p)
        return hidden, attentions


class Adapter(nn.Module):
    """Reference bottleneck adapter: LN(x + U GELU(D x + bd) + bu)."""

    def __init__(self):
        super().__init__()
        self.down = nn.Linear(HIDDEN, HIDDEN // REDUCTION)
        self.up = nn.Linear(HIDDEN // REDUCTION, HIDDEN)
        self.norm = nn.LayerNorm(HIDDEN, eps=1e-12)

    def forward(self, x):
        return self.norm(x + self.up(F.gelu(self.down(x))))


class Student(nn.Module):
    def __init__(self):
        super().__init__()
        self.embeddings = Embeddings(EMBEDDING)
        self.projector = nn.Linear(EMBEDDING, HIDDEN)
        self.attention = SelfAttention()
        self.feed_forward = FeedForward()
        self.attention_adapters = nn.ModuleList(Adapter() for _ in range(ITERATIONS))
        self.feed_forward_adapters = nn.ModuleList(Adapter() for _ in range(ITERATIONS))
        self.transform = nn.Linear(HIDDEN, HIDDEN)
        self.transform_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.vocabulary = nn.Linear(HIDDEN, VOCAB)

    def forward(self, ids):
        x = self.projector(self.embeddings(ids))
        hidden, attentions = [x], []
        for i in range(ITERATIONS):
            y, p = self.attention(self.attention_adapters[i](x))
            x = self.feed_forward(self.feed_forward_adapters[i](y))
            hidden.append(x)
            attentions.append(p)
        return hidden, attentions

    def logits(self, rows):
        return self.vocabulary(self.transform_norm(F.gelu(self.transform(rows))))


def mask_tokens(ids, generator):
    """BERT masking: 15% selected; of those 80% [MASK] (id 103), 10% random, 10% kept; -100 elsewhere."""
    selected = torch.rand(ids.shape, generator=generator) < 0.15
    labels = torch.where(selected, ids, torch.full_like(ids, -100))
    draw = torch.rand(ids.shape, generator=generator)
    masked = ids.clone()
    masked[selected & (draw < 0.8)] = 103
    swap = selected & (draw >= 0.8) & (draw < 0.9)
    masked[swap] = torch.randint(VOCAB, (int(swap.sum()),), generator=generator)
    return masked, labels


def update(teacher, student, optimizer, ids, labels, labelled_only):
    with torch.no_grad():
        teacher_hidden, teacher_attentions = teacher(ids)
    hidden, attentions = student(ids)
    if labelled_only:
        chosen = labels.view(-1) != -100
        mlm = F.cross_entropy(student.logits(hidden[-1].reshape(-1, HIDDEN)[chosen]), labels.view(-1)[chosen])
    else:
        mlm = F.cross_entropy(student.logits(hidden[-1]).view(-1, VOCAB), labels.view(-1), ignore_index=-100)
    align = 0
    for i in range(ITERATIONS):
        g = 2 * i + 1
        s = attentions[i] + EPSILON
        t = teacher_attentions[g] + EPSILON
        align = align + F.kl_div(s.log(), t, reduction="mean")
        a = hidden[1 + i].reshape(-1, HIDDEN)
        b = teacher_hidden[1 + g].reshape(-1, HIDDEN)
        align = align + F.cosine_embedding_loss(a, b, torch.ones(a.shape[0]))
    loss = mlm + 3 * align
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(student.parameters(), 1.0)
    optimizer.step()
    return loss.item()


def ceiling(sizes, repeats):
    best = 0.0
    for n in sizes:
        a, b = torch.randn(n, n), torch.randn(n, n)
        torch.mm(a, b)
        for _ in range(repeats):
            start = time.perf_counter()
            torch.mm(a, b)
            best = max(best, 2 * n ** 3 / (time.perf_counter() - start) / 1e9)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--length", type=int, default=128)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--steps", type=int, default=6)
    parser.add_argument("--labelled-only", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    print(f"GEMM ceiling: {ceiling([1024, 2048, 4096], 3):.1f} GFLOP/s")
    teacher = Teacher().eval()
    student = Student().train()
    no_decay = [p for n, p in student.named_parameters() if n.endswith("bias") or "norm" in n]
    decay = [p for n, p in student.named_parameters() if not (n.endswith("bias") or "norm" in n)]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": 1e-4}, {"params": no_decay, "weight_decay": 0.0}],
                                  lr=5e-4, betas=(0.9, 0.999), eps=1e-8)
    generator = torch.Generator().manual_seed(42)
    times = []
    for step in range(args.warmup + args.steps):
        ids = torch.randint(VOCAB, (args.batch, args.length), generator=generator)
        start = time.perf_counter()
        masked, labels = mask_tokens(ids, generator)
        loss = update(teacher, student, optimizer, masked, labels, args.labelled_only)
        elapsed = time.perf_counter() - start
        print(f"step {step}: {elapsed:.3f} s, loss {loss:.4f}")
        if step >= args.warmup:
            times.append(elapsed)
    mode = "masked positions only" if args.labelled_only else "every position (as the reference)"
    print(f"distil {args.batch}x{args.length}, masked-LM head on {mode}: median {statistics.median(times):.3f} s per "
          f"update, {args.batch * args.length / statistics.median(times):.0f} tokens/s")


if __name__ == "__main__":
    main()
