#include "ner/tagger_features.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <unordered_map>
#include <vector>

#include "util/hash.h"
#include "util/huge_pages.h"

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
  // Starts loading the slot of `form` (a sentence's slots are fetched
  // together: most are cache misses, and they need not wait for each other).
  void Prefetch(uint64_t form) const {
    const char* e = reinterpret_cast<const char*>(&slots_[form & kMask]);
    __builtin_prefetch(e);
    __builtin_prefetch(e + sizeof(Entry) - 1);
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
  static constexpr size_t kSlots = 8192, kMask = kSlots - 1;
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
  // 0.9 MB: one huge page, one page fault, not 220 (see RoleRowCache).
  ZeroedHugeArray<Entry> slots_{kSlots};
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
    (*info)[i].form = Fnv1a64(words[i]);
    cache.Prefetch((*info)[i].form);
  }
  for (size_t i = 0; i < words.size(); ++i) {
    TokenInfo& t = (*info)[i];
    std::string_view w = words[i];
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
  // Sized once for the document's words (about as many as there are
  // distinct lowercased forms): grown from empty, the sets rehashed about
  // as many entries as they hold.
  size_t words = 0;
  for (const auto& s : sentences) words += s.size();
  lowercase_.Reserve(words);
  cap_mid_.Reserve(words / 4);
  for (const auto& s : sentences) ScanSentence(s);
}

void DocContext::ScanSentence(const std::vector<std::string_view>& words) {
  // Mostly served by the word cache: the words of a document were usually
  // seen by earlier sentences or documents of this thread.
  const WordInfoCache& cache = ThreadWordInfoCache();
  thread_local std::vector<uint64_t> forms;
  forms.resize(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    forms[i] = Fnv1a64(words[i]);
    cache.Prefetch(forms[i]);
  }
  for (size_t i = 0; i < words.size(); ++i) {
    uint32_t f;
    uint64_t h;
    if (!cache.GetFlagsAndLower(words[i], forms[i], &f, &h)) {
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

namespace {

// What a sentence's features are computed from; one per thread, reused.
struct SentenceScratch {
  std::vector<TokenInfo> info;
  std::string lower_buf;
  std::vector<uint8_t> gaz_codes, gaz_len;
  bool extra = false;  // the German block is on
};

void PrepareSentence(const std::vector<std::string_view>& words, const FeatureResources& res,
                     SentenceScratch* s) {
  BuildTokenInfo(words, res, &s->info, &s->lower_buf);
  static const uint64_t kMarkerHash = Fnv1a64(kExtraFeaturesMarker);
  s->extra = res.clusters && res.clusters->Find(kMarkerHash, kMarkerHash).coarse >= 1;
  if (res.gazetteer) GazetteerCodes(s->info, *res.gazetteer, &s->gaz_codes, &s->gaz_len);
}

// The values a neighbour's features read: a word's, or the padding beyond
// the sentence edge.
struct NeighbourValues {
  uint64_t lower = kPadding, short_shape = kPadding, fine = 65536, coarse = 65536;
  bool is_word = false;         // only a word has a suffix feature
  std::string_view lower_text;  // the word's lowercase form
};

NeighbourValues ValuesOf(const SentenceScratch& s, size_t j) {
  const TokenInfo& t = s.info[j];
  return {t.lower, t.short_shape, t.cluster.fine, t.cluster.coarse, true, LowerOf(t, s.lower_buf)};
}

// The keys a word gives the token `role` places away from it (not kAsToken).
template <typename Emit>
void EmitNeighbourKeys(WordRole role, const NeighbourValues& v, bool clusters, Emit emit) {
  switch (role) {
    case kAsPrev:
      emit(Key(kLowerM1, v.lower));
      emit(Key(kShapeM1, v.short_shape));
      if (v.is_word) emit(Key(kSuffixM1, AffixHash(v.lower_text, 3, true)));
      if (clusters) {
        emit(Key(kFineM1, v.fine));
        emit(Key(kCoarseM1, v.coarse));
      }
      break;
    case kAsNext:
      emit(Key(kLowerP1, v.lower));
      emit(Key(kShapeP1, v.short_shape));
      if (clusters) {
        emit(Key(kFineP1, v.fine));
        emit(Key(kCoarseP1, v.coarse));
      }
      break;
    case kAsPrev2:
      emit(Key(kLowerM2, v.lower));
      if (clusters) emit(Key(kFineM2, v.fine));
      break;
    case kAsNext2:
      emit(Key(kLowerP2, v.lower));
      if (clusters) emit(Key(kFineP2, v.fine));
      break;
    case kAsToken:
    case kNumWordRoles:
      break;
  }
}

// The keys word j gives its own token: those of the word alone.
template <typename Emit>
void EmitOwnKeys(const std::vector<std::string_view>& words, const SentenceScratch& s, size_t j,
                 const FeatureResources& res, Emit emit) {
  const TokenInfo& t = s.info[j];
  std::string_view lower = LowerOf(t, s.lower_buf);
  emit(Key(kBias, 0));
  emit(Key(kWord, t.form));
  emit(Key(kLower, t.lower));
  for (size_t a = 1; a <= 4 && a <= lower.size(); ++a) {
    emit(Key(kPrefix, Combine(a, AffixHash(lower, a, false))));
    emit(Key(kSuffix, Combine(a, AffixHash(lower, a, true))));
  }
  emit(Key(kShape, t.shape));
  emit(Key(kShortShape, t.short_shape));
  emit(Key(kFlags, t.flags));
  if (res.clusters) {
    emit(Key(kFineCur, t.cluster.fine));
    emit(Key(kCoarseCur, t.cluster.coarse));
    emit(Key(kFineShape, Combine(t.cluster.fine, t.short_shape)));
  }
  if (!s.extra) return;
  for (size_t a = 5; a <= 6 && a <= lower.size(); ++a)
    emit(Key(kLongSuffix, Combine(a, AffixHash(lower, a, true))));
  std::string_view w = words[j];
  const size_t first = w.find('-'), last = w.rfind('-');
  if ((t.flags & kHasHyphen) && !(t.flags & kAllPunct) && first > 0 && first != std::string_view::npos &&
      last + 1 < w.size()) {
    std::string_view head = w.substr(0, first), tail = w.substr(last + 1);
    size_t len = 0;
    emit(Key(kHyphenFirst, Combine(TokenGazetteerMask(res.gazetteer, head), ShapeHash(head, true, &len))));
    const uint64_t tail_lower = NormalizedHash(tail);
    emit(Key(kHyphenLast, tail_lower));
    emit(Key(kHyphenLastGaz, Combine(TokenGazetteerMask(res.gazetteer, tail), ShapeHash(tail, true, &len))));
    if (res.clusters) emit(Key(kHyphenLastCluster, res.clusters->Find(Fnv1a64(tail), tail_lower).fine));
  }
}

// The keys word j gives the token of `role` (kAsToken: its own).
template <typename Emit>
void EmitRoleKeys(const std::vector<std::string_view>& words, const SentenceScratch& s, size_t j,
                  WordRole role, const FeatureResources& res, Emit emit) {
  if (role == kAsToken) {
    EmitOwnKeys(words, s, j, res, emit);
  } else {
    EmitNeighbourKeys(role, ValuesOf(s, j), res.clusters != nullptr, emit);
  }
}

// What the first context keys of a token depend on: the short shapes of
// the token and its neighbours, its position and two of its flags. News
// text has few such windows, so decoding caches their rows.
struct ShapeWindow {
  uint64_t prev = kPadding, cur = 0, next = kPadding;  // short shapes
  uint8_t bits = 0;  // 1: first token; 2: last token; 4: kAllPunct; 8, 16: kInitCap, kAllCap
  bool operator==(const ShapeWindow& o) const {
    return prev == o.prev && cur == o.cur && next == o.next && bits == o.bits;
  }
};

ShapeWindow ShapeWindowOf(const SentenceScratch& s, size_t i) {
  const size_t n = s.info.size();
  const TokenInfo& t = s.info[i];
  ShapeWindow w;
  w.prev = i > 0 ? s.info[i - 1].short_shape : kPadding;
  w.cur = t.short_shape;
  w.next = i + 1 < n ? s.info[i + 1].short_shape : kPadding;
  w.bits = static_cast<uint8_t>((i == 0 ? 1 : 0) | (i + 1 == n ? 2 : 0) | ((t.flags & kAllPunct) ? 4 : 0) |
                                ((t.flags & kInitCap) ? 8 : 0) | ((t.flags & kAllCap) ? 16 : 0));
  return w;
}

// The shape keys of a window: first capitalisation, last token, the shape
// bigrams and the shape trigram.
template <typename Emit>
void EmitShapeKeys(const ShapeWindow& w, Emit emit) {
  const uint64_t cap = ((w.bits & 8) ? uint64_t{kInitCap} : 0) | ((w.bits & 16) ? uint64_t{kAllCap} : 0);
  emit(Key(kFirstCap, Combine((w.bits & 1) != 0, cap)));
  if (w.bits & 2) emit(Key(kLastToken, (w.bits & 4) ? uint64_t{kAllPunct} : 0));
  emit(Key(kShapeM1Cur, Combine(w.prev, w.cur)));
  emit(Key(kShapeCurP1, Combine(w.cur, w.next)));
  emit(Key(kShortShapeWindow, Combine(Combine(w.prev, w.cur), w.next)));
}

template <typename Emit>
void EmitOtherContextKeys(const SentenceScratch& s, size_t i, const FeatureResources& res,
                          const DocContext& doc, Emit emit);

// The keys of token i that are no word's role keys: word pairs and
// triples, the position in the sentence, gazetteer matches, the corpus
// priors (German block) and the document's spelling evidence.
template <typename Emit>
void EmitContextKeys(const SentenceScratch& s, size_t i, const FeatureResources& res, const DocContext& doc,
                     Emit emit) {
  EmitShapeKeys(ShapeWindowOf(s, i), emit);
  EmitOtherContextKeys(s, i, res, doc, emit);
}

// The context keys after the shape keys.
template <typename Emit>
void EmitOtherContextKeys(const SentenceScratch& s, size_t i, const FeatureResources& res,
                          const DocContext& doc, Emit emit) {
  const size_t n = s.info.size();
  const TokenInfo& t = s.info[i];
  const NeighbourValues prev = i > 0 ? ValuesOf(s, i - 1) : NeighbourValues{};
  const NeighbourValues next = i + 1 < n ? ValuesOf(s, i + 1) : NeighbourValues{};
  emit(Key(kBigramM1, Combine(prev.lower, t.lower)));
  emit(Key(kBigramP1, Combine(t.lower, next.lower)));
  if (res.clusters) {
    emit(Key(kFineBigram, Combine(t.cluster.fine, next.fine)));
    emit(Key(kFineBigram, Combine(prev.fine, t.cluster.fine) + 1));
  }
  if (res.gazetteer) {
    const int nc = Gazetteer::kNumClasses;
    for (int c = 0; c < nc; ++c) {
      if (uint8_t code = s.gaz_codes[i * nc + c]) {
        emit(Key(kGazetteer, Combine(c, code)));
        emit(Key(kGazetteer, Combine(c + 16, Combine(code, s.gaz_len[i * nc + c]))));
      }
      if (i + 1 < n && s.gaz_codes[(i + 1) * nc + c]) emit(Key(kGazetteerNext, c));
      if (i > 0 && s.gaz_codes[(i - 1) * nc + c]) emit(Key(kGazetteerPrev, c));
    }
  }
  if (s.extra) {
    auto prior_at = [&](size_t j) -> uint64_t {
      if (j >= n) return 65536;
      uint64_t h = PriorHash(LowerOf(s.info[j], s.lower_buf));
      return res.clusters->Find(h, h).coarse;
    };
    const uint64_t prior = prior_at(i);
    const uint64_t cap = (i == 0 ? 2 : 0) + ((t.flags & kInitCap) ? 1 : 0);
    emit(Key(kCorpusPrior, Combine(prior, cap)));
    emit(Key(kCorpusPriorNext, Combine(Combine(prior, cap), prior_at(i + 1))));
  }
  if (t.flags & (kInitCap | kAllCap)) {
    emit(Key(kDocLowercase, Combine(i == 0, doc.SeenLowercase(t.lower))));
    emit(Key(kDocCapMid, Combine(i == 0, doc.SeenCapitalisedMidSentence(t.lower))));
  }
}

// Appends to `out` the keys of one token, grouped: kAsToken's, then the
// other roles' in role order (a neighbour beyond the edge gives the
// padding's), then the context keys.
template <typename Emit>
void EmitTokenKeys(const std::vector<std::string_view>& words, const SentenceScratch& s, size_t i,
                   const FeatureResources& res, const DocContext& doc, Emit emit) {
  EmitOwnKeys(words, s, i, res, emit);
  for (int r = 1; r < kNumWordRoles; ++r) {
    const std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + kWordRoleOffset[r];
    const bool inside = j >= 0 && j < static_cast<std::ptrdiff_t>(words.size());
    EmitNeighbourKeys(static_cast<WordRole>(r), inside ? ValuesOf(s, j) : NeighbourValues{},
                      res.clusters != nullptr, emit);
  }
  EmitContextKeys(s, i, res, doc, emit);
}

// The most context keys after the shape keys of one token: 2 word bigrams,
// 2 cluster bigrams, 4 per gazetteer class, 2 corpus priors, 2 document keys.
constexpr size_t kMaxOtherContextKeys = 2 + 2 + 4 * Gazetteer::kNumClasses + 2 + 2;

// A per-thread cache of a word form's role rows under one loaded model:
// most tokens of news text are among the few thousand most recent forms,
// and their rows are the same wherever they occur. Direct-mapped; a slot
// serves only the same bytes and model, so a row is exactly what summing
// its keys' weights gives. The rows found for a sentence are used in
// place: a slot found since the last NewSentence() is not overwritten.
class RoleRowCache {
 public:
  static constexpr size_t kMaxBytes = 22;  // longer forms are not cached
  void NewSentence() { ++sentence_; }
  // The cached rows of this form under the model, or null.
  const float* Find(std::string_view w, uint64_t form, uint64_t model) {
    Entry& e = slots_[form & kMask];
    if (e.form != form || e.model != model || e.len != w.size() ||
        std::memcmp(e.bytes, w.data(), w.size()) != 0)
      return nullptr;
    e.sentence = sentence_;
    return e.rows;
  }
  void Put(std::string_view w, uint64_t form, uint64_t model, const float* rows) {
    if (w.size() > kMaxBytes) return;
    Entry& e = slots_[form & kMask];
    if (e.sentence == sentence_) return;  // in use
    e.form = form;
    e.model = model;
    e.len = static_cast<uint8_t>(w.size());
    std::memcpy(e.bytes, w.data(), w.size());
    std::memcpy(e.rows, rows, sizeof(e.rows));
  }
  // Starts loading the slot of `form` and its first rows.
  void Prefetch(uint64_t form) const {
    const char* e = reinterpret_cast<const char*>(&slots_[form & kMask]);
    __builtin_prefetch(e);
    __builtin_prefetch(e + 64);
  }
  // The padding's rows under the model, or null.
  const float* EdgeRows(uint64_t model) const { return edge_model_ == model ? edge_rows_ : nullptr; }
  void PutEdgeRows(uint64_t model, const float* rows) {
    edge_model_ = model;
    std::memcpy(edge_rows_, rows, sizeof(edge_rows_));
  }

 private:
  static constexpr size_t kSlots = 8192, kMask = kSlots - 1;
  struct Entry {  // all zero bytes: empty
    uint64_t form, model;  // model 0: empty
    uint64_t sentence;     // when last found
    uint8_t len;
    char bytes[kMaxBytes];
    float rows[kNumWordRoles * kNumLabels];
  };
  // 3 MB, zero-filled, on huge pages: nothing is cleared up front, so a
  // run over a few articles does not pay to clear it all (that cost 10 ms
  // of start-up), and a long run takes two page faults for it, not 800.
  ZeroedHugeArray<Entry> slots_{kSlots};
  uint64_t sentence_ = 1;
  uint64_t edge_model_ = 0;
  float edge_rows_[kNumWordRoles * kNumLabels] = {};
};

// A per-thread cache of a shape window's key rows under one loaded model
// (direct-mapped; a slot serves only the same window and model).
class ShapeRowCache {
 public:
  // The rows (null: key unknown or absent) of the window's shape keys in
  // key order; computed on a miss.
  const float* const* Rows(const ShapeWindow& w, const TaggerModel& model) {
    const uint64_t h = Combine(Combine(Combine(w.prev, w.cur), w.next), w.bits);
    Entry& e = slots_[(h ^ (h >> 29)) & kMask];
    if (e.model != model.cache_id || !(e.window == w)) {
      e.model = model.cache_id;
      e.window = w;
      Compute(w, model, e.rows);
    }
    return e.rows;
  }
  static void Compute(const ShapeWindow& w, const TaggerModel& model, const float** rows) {
    int k = 0;
    std::fill(rows, rows + kMaxShapeRows, nullptr);
    EmitShapeKeys(w, [&](uint64_t key) { rows[k++] = model.weights.Find(key); });
  }

 private:
  static constexpr size_t kSlots = 2048, kMask = kSlots - 1;
  struct Entry {
    uint64_t model = 0;  // 0: empty
    ShapeWindow window;
    const float* rows[kMaxShapeRows];
  };
  std::vector<Entry> slots_ = std::vector<Entry>(kSlots);  // 160 kB: too small for a huge page
};

// Adds up each role's weights: rows[r] = 0 + w(first key) + w(second) ...
// in key order; a role with no known key is all zeros.
void SumRoleRows(const float* const* found, const uint32_t* role_ends, float* rows) {
  uint32_t begin = 0;
  for (int r = 0; r < kNumWordRoles; ++r) {
    LabelSum row;
    for (uint32_t k = begin; k < role_ends[r]; ++k) {
      if (const float* w = found[k]) row.Add(w);
    }
    row.Store(rows + r * kNumLabels);
    begin = role_ends[r];
  }
}

}  // namespace

void ExtractStaticFeatures(const std::vector<std::string_view>& words, const FeatureResources& res,
                           const DocContext& doc, SentenceFeatures* out) {
  thread_local SentenceScratch s;
  PrepareSentence(words, res, &s);
  out->keys.clear();
  out->offsets.assign(1, 0);
  for (size_t i = 0; i < words.size(); ++i) {
    EmitTokenKeys(words, s, i, res, doc, [out](uint64_t key) { out->keys.push_back(key); });
    out->offsets.push_back(static_cast<uint32_t>(out->keys.size()));
  }
}

void ExtractDecodeFeatures(const std::vector<std::string_view>& words, const TaggerModel& model,
                           const DocContext& doc, DecodeFeatures* out) {
  const FeatureResources res{&model.gazetteer, model.clusters.size() ? &model.clusters : nullptr};
  const bool clusters = res.clusters != nullptr;
  thread_local SentenceScratch s;
  thread_local RoleRowCache cache;
  PrepareSentence(words, res, &s);
  cache.NewSentence();
  const size_t n = words.size();
  constexpr size_t kRowsPerWord = kNumWordRoles * kNumLabels;
  out->word_rows.resize(n);

  // Words not in the cache: their role keys, probed together.
  thread_local std::vector<uint64_t> keys;
  thread_local std::vector<uint32_t> missing, role_ends;  // role_ends: kNumWordRoles per missing word
  thread_local std::vector<const float*> found;
  keys.clear();
  missing.clear();
  role_ends.clear();
  const uint64_t id = model.cache_id;
  auto emit = [](uint64_t key) { keys.push_back(key); };
  if (id) {
    for (size_t j = 0; j < n; ++j) cache.Prefetch(s.info[j].form);
  }
  for (size_t j = 0; j < n; ++j) {
    if (const float* rows = id ? cache.Find(words[j], s.info[j].form, id) : nullptr) {
      out->word_rows[j] = rows;
      continue;
    }
    missing.push_back(static_cast<uint32_t>(j));
    for (int r = 0; r < kNumWordRoles; ++r) {
      EmitRoleKeys(words, s, j, static_cast<WordRole>(r), res, emit);
      role_ends.push_back(static_cast<uint32_t>(keys.size()));
    }
  }
  // The padding's rows come last.
  const float* edge = id ? cache.EdgeRows(id) : nullptr;
  const size_t edge_keys_begin = keys.size();
  if (!edge) {
    for (int r = 0; r < kNumWordRoles; ++r) {
      if (r != kAsToken) EmitNeighbourKeys(static_cast<WordRole>(r), NeighbourValues{}, clusters, emit);
      role_ends.push_back(static_cast<uint32_t>(keys.size() - edge_keys_begin));
    }
  }
  found.resize(keys.size());
  model.weights.FindAll(keys.data(), keys.size(), found.data());

  out->computed_rows.resize(missing.size() * kRowsPerWord);
  uint32_t base = 0;  // the first key of the current word's roles
  for (size_t m = 0; m < missing.size(); ++m) {
    uint32_t ends[kNumWordRoles];
    for (int r = 0; r < kNumWordRoles; ++r) ends[r] = role_ends[m * kNumWordRoles + r] - base;
    float* rows = &out->computed_rows[m * kRowsPerWord];
    out->word_rows[missing[m]] = rows;
    SumRoleRows(found.data() + base, ends, rows);
    if (id) cache.Put(words[missing[m]], s.info[missing[m]].form, id, rows);
    base += ends[kNumWordRoles - 1];
  }
  if (edge) {
    std::copy(edge, edge + kRowsPerWord, out->edge_rows.begin());
  } else {
    SumRoleRows(found.data() + edge_keys_begin, &role_ends[missing.size() * kNumWordRoles],
                out->edge_rows.data());
    if (id) cache.PutEdgeRows(id, out->edge_rows.data());
  }

  // The shape keys' rows, by shape window.
  out->shape_rows.resize(n * kMaxShapeRows);
  thread_local ShapeRowCache shape_cache;
  for (size_t i = 0; i < n; ++i) {
    const ShapeWindow w = ShapeWindowOf(s, i);
    const float** rows = &out->shape_rows[i * kMaxShapeRows];
    if (id) {
      const float* const* cached = shape_cache.Rows(w, model);
      std::copy(cached, cached + kMaxShapeRows, rows);
    } else {
      ShapeRowCache::Compute(w, model, rows);
    }
  }
  // The other context keys, written through a plain pointer into room for
  // the most a token can have.
  out->context.keys.resize(n * kMaxOtherContextKeys);
  out->context.offsets.assign(1, 0);
  uint64_t* const begin = out->context.keys.data();
  uint64_t* p = begin;
  for (size_t i = 0; i < n; ++i) {
    EmitOtherContextKeys(s, i, res, doc, [&p](uint64_t key) { *p++ = key; });
    out->context.offsets.push_back(static_cast<uint32_t>(p - begin));
    if (p - begin > static_cast<std::ptrdiff_t>((i + 1) * kMaxOtherContextKeys)) std::abort();  // bound too low
  }
  out->context.keys.resize(p - begin);
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
