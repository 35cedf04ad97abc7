#include "ner/tagger_clusters.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace pactgraph::tagger {
namespace {

// Bigram counts between items 0..n-1, both directions, as adjacency lists.
struct BigramGraph {
  size_t n = 0;
  std::vector<double> count;  // unigram count of each item
  std::vector<std::vector<std::pair<uint32_t, double>>> succ, pred;
};

inline double XLogX(double x) { return x > 0 ? x * std::log(x) : 0.0; }

// Moves items between `k` classes to maximise the class-bigram likelihood.
// Returns the class of every item.
std::vector<int> Exchange(const BigramGraph& g, int k, int iterations, std::ostream* log) {
  std::vector<int> cls(g.n);
  for (size_t w = 0; w < g.n; ++w) cls[w] = static_cast<int>(w % k);
  std::vector<double> nc(k, 0.0), ncc(static_cast<size_t>(k) * k, 0.0);
  for (size_t w = 0; w < g.n; ++w) {
    nc[cls[w]] += g.count[w];
    for (auto [v, c] : g.succ[w]) ncc[cls[w] * k + cls[v]] += c;
  }
  std::vector<double> s(k, 0.0), p(k, 0.0);
  std::vector<int> s_idx, p_idx;
  for (int it = 0; it < iterations; ++it) {
    size_t moved = 0;
    for (size_t w = 0; w < g.n; ++w) {
      double self = 0;
      s_idx.clear();
      p_idx.clear();
      for (auto [v, c] : g.succ[w]) {
        if (v == w) {
          self += c;
          continue;
        }
        if (s[cls[v]] == 0) s_idx.push_back(cls[v]);
        s[cls[v]] += c;
      }
      for (auto [u, c] : g.pred[w]) {
        if (u == w) continue;
        if (p[cls[u]] == 0) p_idx.push_back(cls[u]);
        p[cls[u]] += c;
      }
      const int a = cls[w];
      for (int c : s_idx) ncc[a * k + c] -= s[c];
      for (int c : p_idx) ncc[c * k + a] -= p[c];
      ncc[a * k + a] -= self;
      nc[a] -= g.count[w];
      int best = a;
      double best_delta = -1e300;
      for (int cand = 0; cand < k; ++cand) {
        double d = 0;
        for (int c : s_idx) {
          if (c == cand) continue;
          double x = ncc[cand * k + c];
          d += XLogX(x + s[c]) - XLogX(x);
        }
        for (int c : p_idx) {
          if (c == cand) continue;
          double x = ncc[c * k + cand];
          d += XLogX(x + p[c]) - XLogX(x);
        }
        double kk = ncc[cand * k + cand];
        d += XLogX(kk + s[cand] + p[cand] + self) - XLogX(kk);
        d -= 2 * (XLogX(nc[cand] + g.count[w]) - XLogX(nc[cand]));
        if (d > best_delta + 1e-9) {
          best_delta = d;
          best = cand;
        }
      }
      for (int c : s_idx) ncc[best * k + c] += s[c];
      for (int c : p_idx) ncc[c * k + best] += p[c];
      ncc[best * k + best] += self;
      nc[best] += g.count[w];
      if (best != a) ++moved;
      cls[w] = best;
      for (int c : s_idx) s[c] = 0;
      for (int c : p_idx) p[c] = 0;
    }
    if (log)
      *log << "  exchange k=" << k << " pass " << it + 1 << ": moved " << moved << " of " << g.n << "\n";
    if (moved == 0) break;
  }
  return cls;
}

}  // namespace

WordClusters LearnWordClusters(const std::vector<std::vector<std::string_view>>& sentences,
                               const ClusterOptions& options, std::ostream* log) {
  std::unordered_map<std::string_view, uint32_t> freq;
  for (const auto& s : sentences)
    for (std::string_view w : s) ++freq[w];
  std::vector<std::pair<std::string_view, uint32_t>> vocab;
  for (const auto& [w, c] : freq)
    if (c >= static_cast<uint32_t>(options.min_count)) vocab.emplace_back(w, c);
  std::sort(vocab.begin(), vocab.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (vocab.size() > options.max_vocab) vocab.resize(options.max_vocab);
  std::unordered_map<std::string_view, uint32_t> id;
  for (uint32_t i = 0; i < vocab.size(); ++i) id[vocab[i].first] = i;
  const uint32_t other = static_cast<uint32_t>(vocab.size());  // rare words and sentence edges

  BigramGraph g;
  g.n = vocab.size() + 1;
  g.count.assign(g.n, 0.0);
  std::unordered_map<uint64_t, double> bigrams;
  for (const auto& s : sentences) {
    uint32_t prev = other;
    g.count[other] += 1;
    for (std::string_view w : s) {
      auto it = id.find(w);
      uint32_t cur = it == id.end() ? other : it->second;
      g.count[cur] += 1;
      bigrams[(uint64_t{prev} << 32) | cur] += 1;
      prev = cur;
    }
    bigrams[(uint64_t{prev} << 32) | other] += 1;
  }
  g.succ.resize(g.n);
  g.pred.resize(g.n);
  for (const auto& [key, c] : bigrams) {
    uint32_t a = static_cast<uint32_t>(key >> 32), b = static_cast<uint32_t>(key & 0xffffffffu);
    g.succ[a].emplace_back(b, c);
    g.pred[b].emplace_back(a, c);
  }
  if (log) *log << "clusters: " << sentences.size() << " sentences, vocabulary " << vocab.size() << "\n";
  std::vector<int> fine = Exchange(g, options.fine_classes, options.iterations, log);

  // Coarse classes: the same algorithm over the fine classes' bigrams.
  const int kf = options.fine_classes;
  BigramGraph cg;
  cg.n = kf;
  cg.count.assign(kf, 0.0);
  std::vector<double> m(static_cast<size_t>(kf) * kf, 0.0);
  for (size_t w = 0; w < g.n; ++w) {
    cg.count[fine[w]] += g.count[w];
    for (auto [v, c] : g.succ[w]) m[fine[w] * kf + fine[v]] += c;
  }
  cg.succ.resize(kf);
  cg.pred.resize(kf);
  for (int a = 0; a < kf; ++a)
    for (int b = 0; b < kf; ++b)
      if (double c = m[a * kf + b]; c > 0) {
        cg.succ[a].emplace_back(b, c);
        cg.pred[b].emplace_back(a, c);
      }
  std::vector<int> coarse = Exchange(cg, options.coarse_classes, options.iterations * 3, log);

  WordClusters out;
  for (uint32_t i = 0; i < vocab.size(); ++i) {
    out.Add(vocab[i].first, {static_cast<uint16_t>(coarse[fine[i]] + 1), static_cast<uint16_t>(fine[i] + 1)});
  }
  return out;
}

}  // namespace pactgraph::tagger
