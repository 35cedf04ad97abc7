#include "ner/tagger_decode.h"

#include <algorithm>
#include <limits>

namespace pactgraph::tagger {
namespace {

constexpr float kNegInf = -std::numeric_limits<float>::infinity();

// allowed[prev + 1][cur], computed once: the decoders' inner loops run it
// hundreds of times per token.
// prev[y][0..count[y]): the labels that may precede y, ascending.
struct AllowedTable {
  bool allowed[kNumLabels + 1][kNumLabels];
  int prev[kNumLabels][kNumLabels];
  int count[kNumLabels] = {};
  AllowedTable() {
    for (int p = -1; p < kNumLabels; ++p)
      for (int y = 0; y < kNumLabels; ++y) allowed[p + 1][y] = TransitionAllowed(p, y);
    for (int y = 0; y < kNumLabels; ++y)
      for (int p = 0; p < kNumLabels; ++p)
        if (allowed[p + 1][y]) prev[y][count[y]++] = p;
  }
};

const AllowedTable& Table() {
  static const AllowedTable table;
  return table;
}

inline bool Allowed(int prev, int cur) { return Table().allowed[prev + 1][cur]; }

// alpha[t][y]: best score of a prefix ending at token t with label y.
void Forward(const std::vector<float>& em, size_t n, const Transitions& trans, std::vector<float>* alpha,
             std::vector<int>* back) {
  alpha->assign(n * kNumLabels, kNegInf);
  if (back) back->assign(n * kNumLabels, 0);
  for (int y = 0; y < kNumLabels; ++y) {
    if (Allowed(-1, y)) (*alpha)[y] = em[y] + trans[0][y];
  }
  const AllowedTable& table = Table();
  for (size_t t = 1; t < n; ++t) {
    const float* prev = &(*alpha)[(t - 1) * kNumLabels];
    for (int y = 0; y < kNumLabels; ++y) {
      float best = kNegInf;
      int arg = 0;
      for (int k = 0; k < table.count[y]; ++k) {
        const int p = table.prev[y][k];
        float s = prev[p] + trans[p + 1][y];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      (*alpha)[t * kNumLabels + y] = best + em[t * kNumLabels + y];
      if (back) (*back)[t * kNumLabels + y] = arg;
    }
  }
}

}  // namespace

void Viterbi(const std::vector<float>& emissions, size_t n, const Transitions& trans,
             std::vector<int>* labels) {
  labels->assign(n, 0);
  if (n == 0) return;
  thread_local std::vector<float> alpha;
  thread_local std::vector<int> back;
  Forward(emissions, n, trans, &alpha, &back);
  const float* last = &alpha[(n - 1) * kNumLabels];
  int y = 0;
  for (int z = 1; z < kNumLabels; ++z)
    if (EndAllowed(z) && last[z] > last[y]) y = z;
  for (size_t t = n; t-- > 0;) {
    (*labels)[t] = y;
    if (t > 0) y = back[t * kNumLabels + y];
  }
}

void TokenMargins(const std::vector<float>& emissions, size_t n, const Transitions& trans,
                  const std::vector<int>& labels, std::vector<float>* margins) {
  margins->assign(n, 0.0f);
  if (n == 0) return;
  std::vector<float> alpha, beta(n * kNumLabels, 0.0f);
  Forward(emissions, n, trans, &alpha, nullptr);
  for (int y = 0; y < kNumLabels; ++y)
    if (!EndAllowed(y)) beta[(n - 1) * kNumLabels + y] = kNegInf;
  // beta[t][y]: best score of the suffix after token t given label y at t.
  for (size_t t = n - 1; t-- > 0;) {
    for (int y = 0; y < kNumLabels; ++y) {
      float best = kNegInf;
      for (int z = 0; z < kNumLabels; ++z) {
        if (!Allowed(y, z)) continue;
        best = std::max(
            best, trans[y + 1][z] + emissions[(t + 1) * kNumLabels + z] + beta[(t + 1) * kNumLabels + z]);
      }
      beta[t * kNumLabels + y] = best;
    }
  }
  for (size_t t = 0; t < n; ++t) {
    float chosen = alpha[t * kNumLabels + labels[t]] + beta[t * kNumLabels + labels[t]];
    float other = kNegInf;
    for (int y = 0; y < kNumLabels; ++y) {
      if (y != labels[t]) other = std::max(other, alpha[t * kNumLabels + y] + beta[t * kNumLabels + y]);
    }
    (*margins)[t] = other == kNegInf ? 1e6f : std::max(0.0f, chosen - other);
  }
}

}  // namespace pactgraph::tagger
