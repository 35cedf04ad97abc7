#include "ner/tagger_decode.h"

#include <algorithm>
#include <limits>

#if defined(__SSE__)
#include <xmmintrin.h>
#endif

namespace pactgraph::tagger {
namespace {

constexpr float kNegInf = -std::numeric_limits<float>::infinity();

// Four floats (GCC and Clang vector extensions: SSE on x86-64).
typedef float Vec4 __attribute__((vector_size(16)));

// allowed[prev + 1][cur], computed once: the decoders' inner loops run it
// hundreds of times per token.
// prev[y][0..count[y]): the labels that may precede y, ascending.
// Most labels (O, B-X, U-X) share one predecessor list (O, L-X, U-X: any
// label that closes its name); Forward scores those "free" labels together,
// a row of kFreeWidth lanes (vectors of four) per predecessor.
// free_labels[0..num_free) are those labels ascending, free_prev[0..num_free_prev)
// their common predecessors, ascending. The other labels (I-X, L-X: after
// B-X or I-X only), up to kRestWidth of them, are scored together too, each
// lane with its own predecessors: rest_prev[k][j] is the k-th of rest[j]'s,
// k < rest_depth; a lane with fewer predecessors is padded with label 0 and
// transition -inf, whose score never beats anything. Labels beyond those
// lanes would go through prev[][] one by one.
struct AllowedTable {
  static constexpr int kFreeWidth = 12, kRestWidth = 8;  // multiples of 4
  bool allowed[kNumLabels + 1][kNumLabels];
  int prev[kNumLabels][kNumLabels];
  int count[kNumLabels] = {};
  int free_labels[kFreeWidth];
  int num_free = 0;
  int free_prev[kNumLabels];
  int num_free_prev = 0;
  int rest[kNumLabels];  // the labels not in free_labels[], ascending
  int num_rest = 0;
  int num_rest_lanes = 0;  // min(num_rest, kRestWidth)
  int rest_depth = 0;
  int rest_prev[kNumLabels][kRestWidth] = {};
  AllowedTable() {
    for (int p = -1; p < kNumLabels; ++p)
      for (int y = 0; y < kNumLabels; ++y) allowed[p + 1][y] = TransitionAllowed(p, y);
    for (int y = 0; y < kNumLabels; ++y)
      for (int p = 0; p < kNumLabels; ++p)
        if (allowed[p + 1][y]) prev[y][count[y]++] = p;
    // The free group: every label with the same predecessors as O (label 0).
    for (int k = 0; k < count[0]; ++k) free_prev[num_free_prev++] = prev[0][k];
    for (int y = 0; y < kNumLabels; ++y) {
      bool same = count[y] == count[0] && num_free < kFreeWidth;
      for (int k = 0; same && k < count[y]; ++k) same = prev[y][k] == prev[0][k];
      if (same) {
        free_labels[num_free++] = y;
      } else {
        rest[num_rest++] = y;
      }
    }
    num_rest_lanes = std::min(num_rest, kRestWidth);
    for (int j = 0; j < num_rest_lanes; ++j) {
      const int y = rest[j];
      rest_depth = std::max(rest_depth, count[y]);
      for (int k = 0; k < count[y]; ++k) rest_prev[k][j] = prev[y][k];
    }
  }
};

const AllowedTable& Table() {
  static const AllowedTable table;
  return table;
}

inline bool Allowed(int prev, int cur) { return Table().allowed[prev + 1][cur]; }

// max(a, b) lane by lane, keeping b on ties (and when a is NaN): the value
// a strictly-better-replaces scan keeps when b came first.
inline Vec4 KeepBetter(Vec4 a, Vec4 b) {
#if defined(__SSE__)
  return _mm_max_ps(a, b);  // a > b ? a : b
#else
  return a > b ? a : b;
#endif
}

// alpha[t][y]: best score of a prefix ending at token t with label y: the
// emission plus the best of alpha[t - 1][p] + trans[p + 1][y] over y's
// predecessors p, as a scan in ascending p where only a strictly better
// score replaces the best. Only the values are kept; BestPredecessor finds
// which p gave them, for the labels of the path the caller follows.
void Forward(const std::vector<float>& em, size_t n, const Transitions& trans, std::vector<float>* alpha) {
  alpha->assign(n * kNumLabels, kNegInf);
  for (int y = 0; y < kNumLabels; ++y) {
    if (Allowed(-1, y)) (*alpha)[y] = em[y] + trans[0][y];
  }
  const AllowedTable& table = Table();
  constexpr int kVecs = AllowedTable::kFreeWidth / 4, kRestVecs = AllowedTable::kRestWidth / 4;
  // The free labels' transition scores, one row per common predecessor, and
  // the rest's, one row per predecessor rank (unused lanes hold -inf).
  Vec4 free_trans[kNumLabels][kVecs];
  for (int k = 0; k < table.num_free_prev; ++k) {
    const int p = table.free_prev[k];
    for (int j = 0; j < AllowedTable::kFreeWidth; ++j)
      free_trans[k][j / 4][j % 4] = j < table.num_free ? trans[p + 1][table.free_labels[j]] : kNegInf;
  }
  Vec4 rest_trans[kNumLabels][kRestVecs];
  for (int k = 0; k < table.rest_depth; ++k) {
    for (int j = 0; j < AllowedTable::kRestWidth; ++j) {
      const bool real = j < table.num_rest_lanes && k < table.count[table.rest[j]];
      rest_trans[k][j / 4][j % 4] = real ? trans[table.rest_prev[k][j] + 1][table.rest[j]] : kNegInf;
    }
  }
  for (size_t t = 1; t < n; ++t) {
    const float* prev = &(*alpha)[(t - 1) * kNumLabels];
    float* cur = &(*alpha)[t * kNumLabels];
    const float* e = &em[t * kNumLabels];
    // Free labels, four lanes a vector, every lane the same predecessor.
    Vec4 best[kVecs];
    for (int v = 0; v < kVecs; ++v) best[v] = Vec4{kNegInf, kNegInf, kNegInf, kNegInf};
    for (int k = 0; k < table.num_free_prev; ++k) {
      const float pv = prev[table.free_prev[k]];
      for (int v = 0; v < kVecs; ++v) best[v] = KeepBetter(pv + free_trans[k][v], best[v]);
    }
    for (int j = 0; j < table.num_free; ++j) {
      const int y = table.free_labels[j];
      cur[y] = best[j / 4][j % 4] + e[y];
    }
    // The rest (I-X, L-X), each lane gathering its own predecessors' scores.
    Vec4 rbest[kRestVecs];
    for (int v = 0; v < kRestVecs; ++v) rbest[v] = Vec4{kNegInf, kNegInf, kNegInf, kNegInf};
    for (int k = 0; k < table.rest_depth; ++k) {
      const int* rp = table.rest_prev[k];
      for (int v = 0; v < kRestVecs; ++v) {
        const Vec4 pv = {prev[rp[4 * v]], prev[rp[4 * v + 1]], prev[rp[4 * v + 2]], prev[rp[4 * v + 3]]};
        rbest[v] = KeepBetter(pv + rest_trans[k][v], rbest[v]);
      }
    }
    for (int j = 0; j < table.num_rest_lanes; ++j) {
      const int y = table.rest[j];
      cur[y] = rbest[j / 4][j % 4] + e[y];
    }
    // Labels beyond the lanes (none with BILOU labels), one by one.
    for (int r = table.num_rest_lanes; r < table.num_rest; ++r) {
      const int y = table.rest[r];
      float b = kNegInf;
      for (int k = 0; k < table.count[y]; ++k) {
        const int p = table.prev[y][k];
        const float sc = prev[p] + trans[p + 1][y];
        if (sc > b) b = sc;
      }
      cur[y] = b + e[y];
    }
  }
}

// The predecessor Forward's scan settles on for label y after the scores
// prev: the first p (ascending) with the best score, 0 when none beats -inf.
int BestPredecessor(const float* prev, const Transitions& trans, int y) {
  const AllowedTable& table = Table();
  float best = kNegInf;
  int arg = 0;
  for (int k = 0; k < table.count[y]; ++k) {
    const int p = table.prev[y][k];
    const float sc = prev[p] + trans[p + 1][y];
    if (sc > best) {
      best = sc;
      arg = p;
    }
  }
  return arg;
}

}  // namespace

void Viterbi(const std::vector<float>& emissions, size_t n, const Transitions& trans,
             std::vector<int>* labels) {
  labels->assign(n, 0);
  if (n == 0) return;
  thread_local std::vector<float> alpha;
  Forward(emissions, n, trans, &alpha);
  const float* last = &alpha[(n - 1) * kNumLabels];
  int y = 0;
  for (int z = 1; z < kNumLabels; ++z)
    if (EndAllowed(z) && last[z] > last[y]) y = z;
  for (size_t t = n; t-- > 0;) {
    (*labels)[t] = y;
    if (t > 0) y = BestPredecessor(&alpha[(t - 1) * kNumLabels], trans, y);
  }
}

void TokenMargins(const std::vector<float>& emissions, size_t n, const Transitions& trans,
                  const std::vector<int>& labels, std::vector<float>* margins) {
  margins->assign(n, 0.0f);
  if (n == 0) return;
  std::vector<float> alpha, beta(n * kNumLabels, 0.0f);
  Forward(emissions, n, trans, &alpha);
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
