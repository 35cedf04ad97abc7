#include "ner/tagger_features.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <unordered_map>
#include <vector>

#include "util/hash.h"

namespace pactgraph::tagger {
namespace {

// Feature templates; the numbers are part of the model format (changing
// them invalidates trained models, so only append).
enum Template : uint64_t {
  kBias = 1,
  kWord,
  kLower,
  kPrefix,
  kSuffix,
  kShape,
  kShortShape,
  kFlags,
  kFirstCap,
  kLowerM1,
  kLowerP1,
  kLowerM2,
  kLowerP2,
  kShapeM1Cur,
  kShapeCurP1,
  kBigramM1,
  kBigramP1,
  kFineCur,
  kCoarseCur,
  kFineM1,
  kFineP1,
  kCoarseM1,
  kCoarseP1,
  kFineM2,
  kFineP2,
  kGazetteer,
  kDocLowercase,
  kDocCapMid,
  kHistory,
  kHistoryLower,
  kLastToken,
  kShapeM1,
  kShapeP1,
  kSuffixM1,
  kGazetteerNext,
  kGazetteerPrev,
  kShortShapeWindow,
  kFineBigram,
  kFineShape,
  // The German block (kExtraFeaturesMarker):
  kLongSuffix,
  kHyphenFirst,
  kHyphenLast,
  kHyphenLastGaz,
  kHyphenLastCluster,
  kCorpusPrior,
  kCorpusPriorNext,
};

inline uint64_t Key(uint64_t tmpl, uint64_t value) {
  uint64_t h = value + tmpl * 0x9e3779b97f4a7c15ULL;
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h | 1;  // never 0 (the empty-slot marker)
}

inline uint64_t Combine(uint64_t a, uint64_t b) {
  return a * 0x100000001b3ULL ^ (b + 0x7f4a7c15ULL + (a >> 7));
}

enum Flag : uint32_t {
  kInitCap = 1,
  kAllCap = 2,
  kHasDigit = 4,
  kAllDigit = 8,
  kHasHyphen = 16,
  kHasPeriod = 32,
  kAllPunct = 64,
  kHasLower = 128,
  kHasApostrophe = 256,
};

struct TokenInfo {
  uint64_t form = 0, lower = 0, shape = 0, short_shape = 0;
  uint32_t flags = 0;
  uint32_t lower_begin = 0, lower_len = 0;  // into the sentence's lowercase buffer
  WordClusters::Ids cluster;
};

bool IsUpperLead(std::string_view w) {
  if (w.empty()) return false;
  unsigned char c = w[0];
  if (c >= 'A' && c <= 'Z') return true;
  if (c == 0xC3 && w.size() > 1) {
    unsigned char d = w[1];
    return d >= 0x80 && d <= 0x9E && d != 0x97;
  }
  return false;
}

uint32_t ComputeFlags(std::string_view w) {
  uint32_t f = 0;
  bool all_cap = true, all_digit = true, all_punct = true;
  for (size_t i = 0; i < w.size(); ++i) {
    unsigned char c = w[i];
    bool upper = (c >= 'A' && c <= 'Z'), lower = (c >= 'a' && c <= 'z'), digit = (c >= '0' && c <= '9');
    if (c == 0xC3 && i + 1 < w.size()) {
      unsigned char d = w[i + 1];
      upper = d >= 0x80 && d <= 0x9E && d != 0x97;
      lower = d >= 0x9F;
      ++i;
    } else if (c >= 0x80) {
      lower = true;  // other non-ASCII letters: treat as lowercase letters
    }
    if (lower) f |= kHasLower;
    if (digit) f |= kHasDigit;
    if (c == '-') f |= kHasHyphen;
    if (c == '.') f |= kHasPeriod;
    if (c == '\'') f |= kHasApostrophe;
    if (!upper) all_cap = false;
    if (!digit) all_digit = false;
    if (upper || lower || digit) all_punct = false;
  }
  if (IsUpperLead(w)) f |= kInitCap;
  if (all_cap && !w.empty() && !(f & kHasLower)) f |= kAllCap;
  if (all_digit && !w.empty()) f |= kAllDigit;
  if (all_punct && !w.empty()) f |= kAllPunct;
  return f;
}

constexpr uint64_t kFnvBasis = 1469598103934665603ull;  // Fnv1a64, one byte at a time
inline void FnvAdd(uint64_t* h, unsigned char c) {
  *h ^= c;
  *h *= 1099511628211ull;
}

// Calls emit(c) for each byte of NormalizeWord(word): ASCII and Latin-1
// capitals lower-cased (UTF-8 "Ä" -> "ä"), digits mapped to '0'.
template <typename Emit>
void ForEachNormalizedByte(std::string_view word, Emit emit) {
  for (size_t i = 0; i < word.size(); ++i) {
    unsigned char c = word[i];
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<unsigned char>(c + 32);
    } else if (c >= '0' && c <= '9') {
      c = '0';
    } else if (c == 0xC3 && i + 1 < word.size()) {
      unsigned char d = word[i + 1];
      emit(c);
      c = static_cast<unsigned char>(d >= 0x80 && d <= 0x9E && d != 0x97 ? d + 0x20 : d);
      ++i;
    }
    emit(c);
  }
}

// NormalizeWord(w) appended to *out; returns Fnv1a64 of what was appended.
uint64_t AppendNormalized(std::string_view word, std::string* out) {
  uint64_t h = kFnvBasis;
  ForEachNormalizedByte(word, [&](unsigned char c) {
    out->push_back(static_cast<char>(c));
    FnvAdd(&h, c);
  });
  return h;
}

// Fnv1a64 of NormalizeWord(word), without building the string.
uint64_t NormalizedHash(std::string_view word) {
  uint64_t h = kFnvBasis;
  ForEachNormalizedByte(word, [&](unsigned char c) { FnvAdd(&h, c); });
  return h;
}

// Calls emit(c) for each character of the word's shape, at most 12: X for a
// capital (also an accented Latin-1 capital), x for a lower-case letter, d
// for a digit, anything else as it is; `collapse` drops repeats ("Xx-d").
template <typename Emit>
void ForEachShapeChar(std::string_view word, bool collapse, Emit emit) {
  size_t n = 0;
  char last = 0;
  for (size_t i = 0; i < word.size() && n < 12; ++i) {
    unsigned char c = word[i];
    char s;
    if (c >= 'A' && c <= 'Z') {
      s = 'X';
    } else if (c >= 'a' && c <= 'z') {
      s = 'x';
    } else if (c >= '0' && c <= '9') {
      s = 'd';
    } else if (c >= 0xC0) {
      unsigned char d = i + 1 < word.size() ? word[i + 1] : 0;
      s = (c == 0xC3 && d >= 0x80 && d <= 0x9E && d != 0x97) ? 'X' : 'x';
      while (i + 1 < word.size() && (static_cast<unsigned char>(word[i + 1]) & 0xC0) == 0x80) ++i;
    } else {
      s = static_cast<char>(c);
    }
    if (collapse && n > 0 && last == s) continue;
    emit(s);
    last = s;
    ++n;
  }
}

// Fnv1a64 of WordShape(word, collapse) and its length, without building it.
uint64_t ShapeHash(std::string_view word, bool collapse, size_t* length) {
  uint64_t h = kFnvBasis;
  size_t n = 0;
  ForEachShapeChar(word, collapse, [&](char s) {
    FnvAdd(&h, static_cast<unsigned char>(s));
    ++n;
  });
  *length = n;
  return h;
}

// The word-level part of a TokenInfo, computed from the form alone.
void ComputeWordInfo(std::string_view w, const FeatureResources& res, TokenInfo* t, std::string* lower_buf) {
  t->lower_begin = static_cast<uint32_t>(lower_buf->size());
  t->lower = AppendNormalized(w, lower_buf);
  t->lower_len = static_cast<uint32_t>(lower_buf->size() - t->lower_begin);
  size_t shape_len = 0;
  t->shape = ShapeHash(w, false, &shape_len);
  t->short_shape = ShapeHash(w, true, &shape_len);
  t->flags = ComputeFlags(w);
  t->cluster = {};
  if (res.clusters) {
    t->cluster = res.clusters->Find(t->form, t->lower);
    if (t->cluster.fine == 0 && (t->flags & kAllCap) && shape_len > 1) {
      // Headlines in capitals: try the title-case spelling ("JAPAN" -> "Japan").
      std::string_view lower = std::string_view(*lower_buf).substr(t->lower_begin, t->lower_len);
      uint64_t h = kFnvBasis;
      for (size_t k = 0; k < lower.size(); ++k) {
        unsigned char c = lower[k];
        FnvAdd(&h, k == 0 ? static_cast<unsigned char>(std::toupper(c)) : c);
      }
      t->cluster = res.clusters->Find(h, t->lower);
    }
  }
}

// A per-thread cache of ComputeWordInfo by exact form (news text repeats its
// words: most tokens are among the few thousand most recent forms), for one
// model's clusters at a time. Direct-mapped; a slot is reused only when its
// bytes match, so the result is exactly what ComputeWordInfo gives.
class WordInfoCache {
 public:
  static constexpr size_t kMaxBytes = 23;  // longer forms are not cached
  bool Get(std::string_view w, uint64_t form, const WordClusters* clusters, TokenInfo* t,
           std::string* lower_buf) const {
    const Entry* found = Match(w, form);
    if (!found || found->clusters != clusters || found->clusters_size != Size(clusters)) return false;
    const Entry& e = *found;
    t->lower = e.lower;
    t->shape = e.shape;
    t->short_shape = e.short_shape;
    t->flags = e.flags;
    t->cluster = e.cluster;
    t->lower_begin = static_cast<uint32_t>(lower_buf->size());
    lower_buf->append(e.lower_bytes, e.lower_len);
    t->lower_len = e.lower_len;
    return true;
  }
  // The flags and lower-case hash of a cached form: they do not depend on
  // the clusters, so any model's entry serves.
  bool GetFlagsAndLower(std::string_view w, uint64_t form, uint32_t* flags, uint64_t* lower) const {
    const Entry* e = Match(w, form);
    if (!e) return false;
    *flags = e->flags;
    *lower = e->lower;
    return true;
  }
  void Put(std::string_view w, const WordClusters* clusters, const TokenInfo& t,
           const std::string& lower_buf) {
    if (w.size() > kMaxBytes || t.lower_len > kMaxBytes) return;
    Entry& e = slots_[t.form & kMask];
    e.form = t.form;
    e.clusters = clusters;
    e.clusters_size = Size(clusters);
    e.lower = t.lower;
    e.shape = t.shape;
    e.short_shape = t.short_shape;
    e.flags = t.flags;
    e.cluster = t.cluster;
    e.form_len = static_cast<uint8_t>(w.size());
    e.lower_len = static_cast<uint8_t>(t.lower_len);
    std::memcpy(e.form_bytes, w.data(), w.size());
    std::memcpy(e.lower_bytes, lower_buf.data() + t.lower_begin, t.lower_len);
  }

 private:
  static constexpr size_t kSlots = 4096, kMask = kSlots - 1;
  // The cluster table's size guards against a new model at a freed one's address.
  static size_t Size(const WordClusters* c) { return c ? c->size() : 0; }
  struct Entry {
    uint64_t form = 0, lower = 0, shape = 0, short_shape = 0;
    const WordClusters* clusters = nullptr;
    size_t clusters_size = 0;
    uint32_t flags = 0;
    WordClusters::Ids cluster;
    uint8_t form_len = 0, lower_len = 0;
    char form_bytes[kMaxBytes];
    char lower_bytes[kMaxBytes];
  };
  // The slot holding exactly this form, or null.
  const Entry* Match(std::string_view w, uint64_t form) const {
    const Entry& e = slots_[form & kMask];
    if (e.form != form || e.form_len != w.size() || std::memcmp(e.form_bytes, w.data(), w.size()) != 0)
      return nullptr;
    return &e;
  }
  std::vector<Entry> slots_ = std::vector<Entry>(kSlots);
};

// This thread's cache.
WordInfoCache& ThreadWordInfoCache() {
  thread_local WordInfoCache cache;
  return cache;
}

void BuildTokenInfo(const std::vector<std::string_view>& words, const FeatureResources& res,
                    std::vector<TokenInfo>* info, std::string* lower_buf) {
  WordInfoCache& cache = ThreadWordInfoCache();
  info->resize(words.size());
  lower_buf->clear();
  for (size_t i = 0; i < words.size(); ++i) {
    TokenInfo& t = (*info)[i];
    std::string_view w = words[i];
    t.form = Fnv1a64(w);
    if (cache.Get(w, t.form, res.clusters, &t, lower_buf)) continue;
    ComputeWordInfo(w, res, &t, lower_buf);
    cache.Put(w, res.clusters, t, *lower_buf);
  }
}

// For each token and gazetteer class: 0 none, 1 single, 2 begin, 3 inside,
// 4 last, from the longest match covering the token.
void GazetteerCodes(const std::vector<TokenInfo>& info, const Gazetteer& gaz, std::vector<uint8_t>* codes,
                    std::vector<uint8_t>* best_len) {
  const size_t n = info.size();
  const int nc = Gazetteer::kNumClasses;
  codes->assign(n * nc, 0);
  best_len->assign(n * nc, 0);
  for (size_t i = 0; i < n; ++i) {
    uint64_t h = Gazetteer::kSeed;
    for (size_t len = 1; len <= static_cast<size_t>(Gazetteer::kMaxLen) && i + len <= n; ++len) {
      h = Gazetteer::Extend(h, info[i + len - 1].form);
      const uint8_t found = gaz.Find(h);
      const uint8_t mask = found & ~Gazetteer::kPrefixBit;
      if (mask == 0) {
        if (found & Gazetteer::kPrefixBit) continue;
        break;
      }
      for (int c = 0; c < nc; ++c) {
        if (!(mask & (1 << c))) continue;
        for (size_t j = i; j < i + len; ++j) {
          uint8_t& bl = (*best_len)[j * nc + c];
          if (len < bl) continue;
          bl = static_cast<uint8_t>(len);
          (*codes)[j * nc + c] = len == 1 ? 1 : j == i ? 2 : j + 1 == i + len ? 4 : 3;
        }
      }
    }
  }
}

std::string_view LowerOf(const TokenInfo& t, const std::string& buf) {
  return std::string_view(buf).substr(t.lower_begin, t.lower_len);
}

// Hash of the first / last n bytes of s, stopping at UTF-8 boundaries.
uint64_t AffixHash(std::string_view s, size_t n, bool suffix) {
  if (n >= s.size()) return Fnv1a64(s) ^ 0x5bd1e995;  // whole word
  size_t cut = suffix ? s.size() - n : n;
  while (cut > 0 && cut < s.size() && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) {
    suffix ? --cut : ++cut;
  }
  return suffix ? Fnv1a64(s.substr(cut)) : Fnv1a64(s.substr(0, cut));
}

constexpr uint64_t kPadding = 0x1234567;  // value of a word beyond the sentence edge

// The most keys ExtractStaticFeatures gives one token: 3 word, 8 affix, 4
// shape and flags, 1 last token, 11 window, 1 previous suffix, 11 cluster,
// 4 per gazetteer class, 8 German block, 2 document.
constexpr size_t kMaxKeysPerToken = 3 + 8 + 4 + 1 + 11 + 1 + 11 + 4 * Gazetteer::kNumClasses + 8 + 2;

// Fnv1a64 of kCorpusPriorPrefix + NormalizeWord(word).
uint64_t PriorHash(std::string_view lower) {
  uint64_t h = kFnvBasis;
  for (char c : kCorpusPriorPrefix) FnvAdd(&h, static_cast<unsigned char>(c));
  for (char c : lower) FnvAdd(&h, static_cast<unsigned char>(c));
  return h;
}

// Gazetteer classes of a single token.
uint8_t TokenGazetteerMask(const Gazetteer* gaz, std::string_view token) {
  if (!gaz || token.empty()) return 0;
  return gaz->Find(Gazetteer::Extend(Gazetteer::kSeed, Fnv1a64(token))) & ~Gazetteer::kPrefixBit;
}

bool IsDeterminer(std::string_view lower) {
  static const std::string_view kWords[] = {"der",   "die",   "das",   "den",   "dem", "des", "ein",
                                            "eine",  "einen", "einem", "einer", "eines", "im", "am",
                                            "vom",   "zum",   "zur",   "beim",  "the",  "a",   "an"};
  for (std::string_view w : kWords)
    if (lower == w) return true;
  return false;
}

}  // namespace

void NormalizeWord(std::string_view word, std::string* out) {
  out->clear();
  ForEachNormalizedByte(word, [out](unsigned char c) { out->push_back(static_cast<char>(c)); });
}

void WordShape(std::string_view word, bool collapse, std::string* out) {
  out->clear();
  ForEachShapeChar(word, collapse, [out](char s) { out->push_back(s); });
}

void AddExtraFeatureEntries(const std::vector<std::vector<std::string_view>>& sentences,
                            WordClusters* clusters) {
  struct Counts {
    uint32_t lower = 0, cap_mid = 0, cap_det = 0, total = 0;
  };
  std::unordered_map<std::string, Counts> counts;
  std::string lower, prev;
  for (const auto& s : sentences) {
    prev.clear();
    for (size_t i = 0; i < s.size(); ++i) {
      const uint32_t f = ComputeFlags(s[i]);
      NormalizeWord(s[i], &lower);
      if (!(f & kAllPunct) && (f & kHasLower)) {
        Counts& c = counts[lower];
        ++c.total;
        if (!(f & kInitCap)) ++c.lower;
        if (i > 0 && (f & kInitCap)) {
          ++c.cap_mid;
          if (IsDeterminer(prev)) ++c.cap_det;
        }
      }
      prev = lower;
    }
  }
  clusters->Add(kExtraFeaturesMarker, {kExtraFeaturesVersion, kExtraFeaturesVersion});
  std::vector<std::pair<std::string, uint16_t>> entries;
  for (const auto& [word, c] : counts) {
    if (c.total < 3) continue;
    const double seen = c.lower + c.cap_mid;
    const int lower_ratio = c.lower == 0 ? 0 : c.lower < 0.1 * seen ? 1 : c.lower < 0.5 * seen ? 2 : 3;
    const int det_ratio = c.cap_mid == 0 ? 0 : c.cap_det < 0.15 * c.cap_mid ? 1 : c.cap_det < 0.4 * c.cap_mid ? 2 : 3;
    const int freq = c.total < 10 ? 0 : c.total < 50 ? 1 : c.total < 500 ? 2 : 3;
    entries.emplace_back(std::string(kCorpusPriorPrefix) + word,
                         static_cast<uint16_t>(1 + lower_ratio + 4 * det_ratio + 16 * freq));
  }
  std::sort(entries.begin(), entries.end());  // a deterministic model file
  for (const auto& [word, code] : entries) clusters->Add(word, {code, 0});
}

void DocContext::Scan(const std::vector<std::vector<std::string_view>>& sentences) {
  for (const auto& s : sentences) ScanSentence(s);
}

void DocContext::ScanSentence(const std::vector<std::string_view>& words) {
  // Mostly served by the word cache: the words of a document were usually
  // seen by earlier sentences or documents of this thread.
  const WordInfoCache& cache = ThreadWordInfoCache();
  for (size_t i = 0; i < words.size(); ++i) {
    uint32_t f;
    uint64_t h;
    if (!cache.GetFlagsAndLower(words[i], Fnv1a64(words[i]), &f, &h)) {
      f = ComputeFlags(words[i]);
      h = (f & kAllPunct) ? 0 : NormalizedHash(words[i]);  // punctuation needs no hash
    }
    if (f & kAllPunct) continue;
    if (!(f & kInitCap) && !(f & kAllCap)) lowercase_[h] = 1;
    if (i > 0 && (f & kInitCap) && (f & kHasLower)) cap_mid_[h] = 1;
  }
}

void DocContext::Record(const std::vector<std::string_view>& words, const std::vector<int>& labels) {
  for (size_t i = 0; i < words.size() && i < labels.size(); ++i) {
    if (!IsUpperLead(words[i])) continue;
    auto& counts = history_[Fnv1a64(words[i])];
    uint16_t& c = counts[LabelType(labels[i]) + 1];
    if (c < 65535) ++c;
  }
}

int DocContext::History(uint64_t form_hash) const {
  const auto* counts = history_.Find(form_hash);
  if (!counts) return -1;
  const auto& c = *counts;
  return static_cast<int>(std::max_element(c.begin(), c.end()) - c.begin());
}

void ExtractStaticFeatures(const std::vector<std::string_view>& words, const FeatureResources& res,
                           const DocContext& doc, SentenceFeatures* out) {
  // Scratch buffers reused from sentence to sentence (no allocation per token).
  thread_local std::vector<TokenInfo> info;
  thread_local std::string lower_buf;
  thread_local std::vector<uint8_t> gaz_codes, gaz_len;
  BuildTokenInfo(words, res, &info, &lower_buf);
  const int nc = Gazetteer::kNumClasses;
  static const uint64_t kMarkerHash = Fnv1a64(kExtraFeaturesMarker);
  const bool extra = res.clusters && res.clusters->Find(kMarkerHash, kMarkerHash).coarse >= 1;
  auto prior_at = [&](size_t j) -> uint64_t {
    if (j >= words.size()) return 65536;
    uint64_t h = PriorHash(LowerOf(info[j], lower_buf));
    return res.clusters->Find(h, h).coarse;
  };
  if (res.gazetteer) GazetteerCodes(info, *res.gazetteer, &gaz_codes, &gaz_len);

  const size_t n = words.size();
  // The neighbours' values, padded with the beyond-the-edge values, so that
  // token i's window [i - 2, i + 2] is pad[i .. i + 4] without bounds checks.
  thread_local std::vector<uint64_t> pad_lower, pad_short, pad_fine, pad_coarse;
  pad_lower.assign(n + 4, kPadding);
  pad_short.assign(n + 4, kPadding);
  pad_fine.assign(n + 4, 65536);
  pad_coarse.assign(n + 4, 65536);
  for (size_t j = 0; j < n; ++j) {
    pad_lower[j + 2] = info[j].lower;
    pad_short[j + 2] = info[j].short_shape;
    pad_fine[j + 2] = info[j].cluster.fine;
    pad_coarse[j + 2] = info[j].cluster.coarse;
  }
  // Room for every token's most keys (and one token's more, for the check
  // below); written through a plain pointer (no capacity check per key) and
  // trimmed to the keys written at the end.
  out->keys.resize((n + 1) * kMaxKeysPerToken);
  out->offsets.assign(1, 0);
  uint64_t* const keys_begin = out->keys.data();
  uint64_t* p = keys_begin;
  auto emit = [&p](uint64_t key) { *p++ = key; };
  uint64_t prev_suffix3 = 0;  // AffixHash(lower of token i - 1, 3, true)
  for (size_t ui = 0; ui < n; ++ui) {
    const TokenInfo& t = info[ui];
    const uint64_t* lower_win = &pad_lower[ui + 2];  // [-2] .. [2]: tokens i - 2 .. i + 2
    const uint64_t* short_win = &pad_short[ui + 2];
    const uint64_t* fine_win = &pad_fine[ui + 2];
    const uint64_t* coarse_win = &pad_coarse[ui + 2];
    std::string_view lower = LowerOf(t, lower_buf);
    emit(Key(kBias, 0));
    emit(Key(kWord, t.form));
    emit(Key(kLower, t.lower));
    uint64_t suffix3 = AffixHash(lower, 3, true);
    for (size_t a = 1; a <= 4; ++a) {
      if (a > lower.size()) break;
      emit(Key(kPrefix, Combine(a, AffixHash(lower, a, false))));
      emit(Key(kSuffix, Combine(a, a == 3 ? suffix3 : AffixHash(lower, a, true))));
    }
    emit(Key(kShape, t.shape));
    emit(Key(kShortShape, t.short_shape));
    emit(Key(kFlags, t.flags));
    emit(Key(kFirstCap, Combine(ui == 0, t.flags & (kInitCap | kAllCap))));
    if (ui + 1 == n) emit(Key(kLastToken, t.flags & kAllPunct));
    emit(Key(kLowerM1, lower_win[-1]));
    emit(Key(kLowerP1, lower_win[1]));
    emit(Key(kLowerM2, lower_win[-2]));
    emit(Key(kLowerP2, lower_win[2]));
    emit(Key(kShapeM1, short_win[-1]));
    emit(Key(kShapeP1, short_win[1]));
    emit(Key(kShapeM1Cur, Combine(short_win[-1], t.short_shape)));
    emit(Key(kShapeCurP1, Combine(t.short_shape, short_win[1])));
    emit(Key(kShortShapeWindow, Combine(Combine(short_win[-1], t.short_shape), short_win[1])));
    emit(Key(kBigramM1, Combine(lower_win[-1], t.lower)));
    emit(Key(kBigramP1, Combine(t.lower, lower_win[1])));
    if (ui > 0) emit(Key(kSuffixM1, prev_suffix3));
    prev_suffix3 = suffix3;
    if (res.clusters) {
      emit(Key(kFineCur, fine_win[0]));
      emit(Key(kCoarseCur, coarse_win[0]));
      emit(Key(kFineM1, fine_win[-1]));
      emit(Key(kFineP1, fine_win[1]));
      emit(Key(kCoarseM1, coarse_win[-1]));
      emit(Key(kCoarseP1, coarse_win[1]));
      emit(Key(kFineM2, fine_win[-2]));
      emit(Key(kFineP2, fine_win[2]));
      emit(Key(kFineBigram, Combine(fine_win[0], fine_win[1])));
      emit(Key(kFineBigram, Combine(fine_win[-1], fine_win[0]) + 1));
      emit(Key(kFineShape, Combine(fine_win[0], t.short_shape)));
    }
    if (res.gazetteer) {
      for (int c = 0; c < nc; ++c) {
        if (uint8_t code = gaz_codes[ui * nc + c]) {
          emit(Key(kGazetteer, Combine(c, code)));
          emit(Key(kGazetteer, Combine(c + 16, Combine(code, gaz_len[ui * nc + c]))));
        }
        if (ui + 1 < n && gaz_codes[(ui + 1) * nc + c]) emit(Key(kGazetteerNext, c));
        if (ui > 0 && gaz_codes[(ui - 1) * nc + c]) emit(Key(kGazetteerPrev, c));
      }
    }
    if (extra) {
      for (size_t a = 5; a <= 6 && a <= lower.size(); ++a)
        emit(Key(kLongSuffix, Combine(a, AffixHash(lower, a, true))));
      const uint64_t prior = prior_at(ui);
      const uint64_t cap = (ui == 0 ? 2 : 0) + ((t.flags & kInitCap) ? 1 : 0);
      emit(Key(kCorpusPrior, Combine(prior, cap)));
      emit(Key(kCorpusPriorNext, Combine(Combine(prior, cap), prior_at(ui + 1))));
      std::string_view w = words[ui];
      const size_t first = w.find('-'), last = w.rfind('-');
      if ((t.flags & kHasHyphen) && !(t.flags & kAllPunct) && first > 0 && first != std::string_view::npos &&
          last + 1 < w.size()) {
        std::string_view head = w.substr(0, first), tail = w.substr(last + 1);
        size_t len = 0;
        emit(
            Key(kHyphenFirst, Combine(TokenGazetteerMask(res.gazetteer, head), ShapeHash(head, true, &len))));
        const uint64_t tail_lower = NormalizedHash(tail);
        emit(Key(kHyphenLast, tail_lower));
        emit(Key(kHyphenLastGaz,
                 Combine(TokenGazetteerMask(res.gazetteer, tail), ShapeHash(tail, true, &len))));
        if (res.clusters) emit(Key(kHyphenLastCluster, res.clusters->Find(Fnv1a64(tail), tail_lower).fine));
      }
    }
    if (t.flags & (kInitCap | kAllCap)) {
      emit(Key(kDocLowercase, Combine(ui == 0, doc.SeenLowercase(t.lower))));
      emit(Key(kDocCapMid, Combine(ui == 0, doc.SeenCapitalisedMidSentence(t.lower))));
    }
    out->offsets.push_back(static_cast<uint32_t>(p - keys_begin));
    if (p - keys_begin > static_cast<std::ptrdiff_t>((ui + 1) * kMaxKeysPerToken))
      std::abort();  // bound too low
  }
  out->keys.resize(p - keys_begin);
}

void AppendHistoryFeatures(const std::vector<std::string_view>& words, size_t i, const DocContext& doc,
                           std::vector<uint64_t>* out) {
  if (!IsUpperLead(words[i])) return;
  int h = doc.History(Fnv1a64(words[i]));
  if (h < 0) return;
  out->push_back(Key(kHistory, h));
  // The same history conjoined with the next word's, to catch "X Y" names
  // whose parts were seen alone.
  if (i + 1 < words.size() && IsUpperLead(words[i + 1])) {
    int h2 = doc.History(Fnv1a64(words[i + 1]));
    out->push_back(Key(kHistoryLower, Combine(h, h2 + 8)));
  }
}

}  // namespace pactgraph::tagger
