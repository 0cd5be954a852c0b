"""The peer workload (workload.py, from the project's shared peer benchmark) and the engines
benchmarks/peer.py runs on it: zen-engine (zen_peer.py), raw durable-rules (durable_peer.py),
jixiao in memory and from fact files (jixiao_peer.py, with its rules in rules/)."""
