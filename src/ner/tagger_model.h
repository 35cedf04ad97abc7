// The parts of a trained tagger model and its file format. Internal to the
// ner stage: NerTagger (tagger.h) is the public face.
//
// File format (doc/ner.md has the details):
//   line 1:  "pactgraph-ner-tagger <version>"
//   text header lines "key value..." up to a line "end-header"
//   text sections: clusters, gazetteer (one entry per line)
//   binary section: feature records (uint64 key, 9 x float weights), then
//   the line "end-model".
#ifndef PACTGRAPH_NER_TAGGER_MODEL_H_
#define PACTGRAPH_NER_TAGGER_MODEL_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pactgraph/status.h"
#include "util/hash.h"
#include "util/huge_pages.h"
#include "util/key_filter.h"

namespace pactgraph::tagger {

// Labels inside the model are BILOU (begin, inside, last, unit-length) per
// type, which separates adjacent names better than IOB2; Tag() reports IOB2.
inline constexpr int kNumTypes = 4;
inline constexpr int kNumLabels = 1 + 4 * kNumTypes;  // O, then B/I/L/U for PER, ORG, LOC, MISC
inline constexpr int kFormatVersion = 2;              // 1 was IOB2 with 9 labels
inline constexpr const char* kFormatName = "pactgraph-ner-tagger";

extern const char* const kLabelNames[kNumLabels];  // "O", "B-PER", "I-PER", "L-PER", "U-PER", ...
extern const char* const kTypeNames[kNumTypes];    // PER, ORG, LOC, MISC

enum LabelPart { kBegin = 0, kInside = 1, kLast = 2, kUnit = 3 };
// Label helpers: 0 is O; 1 + 4t + part is that part of type t.
inline int LabelType(int label) { return label == 0 ? -1 : (label - 1) / 4; }
inline int LabelPartOf(int label) { return (label - 1) % 4; }
inline int MakeLabel(int type, int part) { return 1 + 4 * type + part; }
// B or I: a name continues after this token.
inline bool IsOpen(int label) { return label != 0 && LabelPartOf(label) <= kInside; }
// True when `cur` may follow `prev` (prev < 0 means sentence start).
bool TransitionAllowed(int prev, int cur);
// True when a sentence may end with `label` (no open name).
inline bool EndAllowed(int label) { return !IsOpen(label); }
// The IOB2 name of a label ("L-PER" -> "I-PER", "U-PER" -> "B-PER").
const char* Iob2Name(int label);
// BILOU label ids of an IOB2 (or IOB1) label sequence.
std::vector<int> BilouFromIob(const std::vector<std::string>& labels);

using LabelWeights = std::array<float, kNumLabels>;

// 64-bit key -> V with open addressing and linear probing; grows at half
// load. Keys are hashes already, so one multiply-shift spreads them. Key 0
// (the empty-slot marker) is kept aside, so every key is allowed.
template <typename V>
class FlatHashMap64 {
 public:
  const V* Find(uint64_t key) const {
    if (key == 0) return has_zero_ ? &zero_value_ : nullptr;
    if (slots_.empty()) return nullptr;
    for (size_t i = Slot(key);; i = (i + 1) & mask_) {
      const Entry& e = slots_[i];
      if (e.key == key) return &e.value;
      if (e.key == 0) return nullptr;
    }
  }
  // The value of `key`, inserted as V{} when absent.
  V& operator[](uint64_t key) {
    if (key == 0) {
      if (!has_zero_) ++count_, has_zero_ = true;
      return zero_value_;
    }
    if ((count_ + 1) * 2 > slots_.size()) Rehash(slots_.empty() ? 16 : slots_.size() * 2);
    size_t i = Slot(key);
    while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & mask_;
    Entry& e = slots_[i];
    if (e.key == 0) {
      e.key = key;
      e.value = V{};
      ++count_;
    }
    return e.value;
  }
  // Inserts (key, value) unless the key is present; true when inserted.
  bool Insert(uint64_t key, const V& value) {
    size_t before = count_;
    V& v = (*this)[key];
    if (count_ == before) return false;
    v = value;
    return true;
  }
  size_t size() const { return count_; }
  void Clear() {
    for (Entry& e : slots_) e.key = 0;
    count_ = 0;
    has_zero_ = false;
  }
  void Reserve(size_t n) {
    size_t cap = 16;
    while (cap < n * 2) cap <<= 1;
    if (cap > slots_.size()) Rehash(cap);
  }

 private:
  // Key and value side by side: a probe that finds its key has the value in
  // the same cache line.
  struct Entry {
    uint64_t key = 0;
    V value{};
  };
  size_t Slot(uint64_t key) const { return static_cast<size_t>((key * 0x9e3779b97f4a7c15ULL) >> 29) & mask_; }
  using Slots = std::vector<Entry, HugePageAllocator<Entry>>;
  void Rehash(size_t cap) {
    Slots old(cap);
    old.swap(slots_);
    mask_ = cap - 1;
    for (Entry& e : old) {
      if (e.key == 0) continue;
      size_t i = Slot(e.key);
      while (slots_[i].key != 0) i = (i + 1) & mask_;
      slots_[i] = std::move(e);
    }
  }
  Slots slots_;
  size_t mask_ = 0, count_ = 0;
  bool has_zero_ = false;
  V zero_value_{};
};

// Feature key -> per-label weights, open addressing, built once. A slot
// holds the key and the row of its weights (a probe touches 16 bytes, not a
// whole weight row); the rows are stored densely.
class WeightTable {
 public:
  void Build(const std::vector<std::pair<uint64_t, LabelWeights>>& entries);
  // Empties the table and sizes it for n entries; then Add them one by one
  // (Build does both; the model reader adds records as it reads them).
  void Reset(size_t n);
  // Adds an entry, or replaces the weights of a key already present.
  void Add(uint64_t key, const float* w);
  // nullptr when the feature is unknown.
  const float* Find(uint64_t key) const {
    if (slots_.empty() || !MayContain(key)) return nullptr;
    return Probe(key);
  }
  // Starts loading the cache line where Find(key) begins its probe.
  void Prefetch(uint64_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Mix(key) & mask_]);
  }
  // rows[j] = Find(keys[j]) for j < count. The probes are latency bound, so
  // each key's slot is prefetched some keys early, and each row found is
  // prefetched for the caller's summing pass.
  void FindAll(const uint64_t* keys, size_t count, const float** rows) const;
  size_t size() const { return count_; }
  // Every stored entry, in slot order.
  std::vector<std::pair<uint64_t, LabelWeights>> Entries() const;

 private:
  static constexpr uint64_t kEmpty = 0;
  static uint64_t Mix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
  }
  // The table probe behind Find, without its checks (slots_ not empty).
  const float* Probe(uint64_t key) const {
    for (size_t i = Mix(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.key == key) return &weights_[size_t{s.row} * kNumLabels];
      if (s.key == kEmpty) return nullptr;
    }
  }
  // Most keys a sentence asks about (word pairs above all) are unknown.
  bool MayContain(uint64_t key) const { return filter_.MayContain(key); }
  struct Slot {
    uint64_t key = kEmpty;
    uint32_t row = 0;  // of its weights in weights_
  };
  KeyFilter filter_;
  std::vector<Slot, HugePageAllocator<Slot>> slots_;
  std::vector<float, HugePageAllocator<float>> weights_;  // kNumLabels floats per row
  size_t mask_ = 0, count_ = 0;
};

// Word -> (coarse, fine) distributional cluster ids, learned from
// unlabelled text. Looked up by the hash of the exact form, then of the
// lowercased form.
class WordClusters {
 public:
  struct Ids {
    uint16_t coarse = 0, fine = 0;  // 0 = unknown word
  };
  void Add(std::string_view word, Ids ids);
  // Like Add, without keeping the word for saving (a model loaded to tag).
  void AddLookupOnly(std::string_view word, Ids ids) {
    const uint64_t h = Fnv1a64(word);
    filter_.Add(h);
    by_hash_.Insert(h, ids);
  }
  // Room for n words of AddLookupOnly without rehashing (model loading);
  // the word list kept for saving gets none.
  void Reserve(size_t n) {
    by_hash_.Reserve(n);
    filter_.Reset(n);
  }
  Ids Find(uint64_t form_hash, uint64_t lower_hash) const;
  size_t size() const { return by_hash_.size(); }
  // The words added with Add, for saving.
  const std::vector<std::pair<std::string, Ids>>& words() const { return words_; }

 private:
  FlatHashMap64<Ids> by_hash_;
  KeyFilter filter_;                                // of by_hash_'s keys, sized by Reserve
  std::vector<std::pair<std::string, Ids>> words_;  // for saving
};

// Phrases (token sequences, exact case) -> bitmask of gazetteer classes.
class Gazetteer {
 public:
  // Classes: the four entity types from training data, plus company names.
  enum Class : uint8_t { kPer = 1, kOrg = 2, kLoc = 4, kMisc = 8, kCompany = 16 };
  static constexpr int kNumClasses = 5;
  static constexpr int kMaxLen = 6;

  void Add(const std::vector<std::string>& tokens, uint8_t classes);
  // Like Add, without keeping the phrase for saving (a model loaded to tag).
  void AddLookupOnly(const std::string_view* tokens, size_t n, uint8_t classes);
  // Room for n phrases of AddLookupOnly without rehashing (model loading);
  // the entry list kept for saving and its index get none (the index was a
  // 2 MB table that loading for tagging cleared and never filled).
  void Reserve(size_t n) {
    phrases_.Reserve(n + n / 2);
    filter_.Reset(n + n / 2);
  }
  // Set in Find's result when longer phrases start with this one.
  static constexpr uint8_t kPrefixBit = 0x80;
  // Class mask (plus kPrefixBit) of the phrase whose token hashes are
  // combined in `phrase_hash`; 0 when unknown.
  uint8_t Find(uint64_t phrase_hash) const {
    if (!filter_.MayContain(phrase_hash)) return 0;
    const uint8_t* mask = phrases_.Find(phrase_hash);
    return mask ? *mask : 0;
  }
  static uint64_t Extend(uint64_t phrase_hash, uint64_t token_hash);
  static constexpr uint64_t kSeed = 0x9e3779b97f4a7c15ULL;
  size_t size() const { return phrases_.size(); }
  // Entries added with Add, in insertion order, space-joined tokens, for saving.
  const std::vector<std::pair<std::string, uint8_t>>& entries() const { return entries_; }

 private:
  // Adds the phrase and its prefixes to phrases_.
  template <typename Token>
  void Index(const Token* tokens, size_t n, uint8_t classes);
  FlatHashMap64<uint8_t> phrases_;
  KeyFilter filter_;  // of phrases_' keys, sized by Reserve
  std::vector<std::pair<std::string, uint8_t>> entries_;
  FlatHashMap64<uint32_t> entry_index_;  // Fnv1a64(text) -> 1 + index into entries_
};

// Everything a tagger needs; immutable once built or loaded.
struct TaggerModel {
  std::string lang;         // "en", "de", ...
  std::string description;  // free text: training data, date
  WordClusters clusters;
  Gazetteer gazetteer;
  WeightTable weights;
  // transition[prev + 1][cur]; row 0 is the sentence start.
  std::array<std::array<float, kNumLabels>, kNumLabels + 1> transition{};
  // Span confidence = 1 / (1 + exp(-(conf_a * margin + conf_b))).
  float conf_a = 1.0f, conf_b = 0.0f;
  // Set by LoadModel: the word lists kept only for saving were not read
  // (tagging needs just the hash tables), so SaveModel refuses the model.
  bool tagging_only = false;
  // Set by LoadModel to a number no other model of this process has: the
  // tagger's per-thread caches of what a word form scores under a model are
  // keyed by it (0 = not cached, e.g. a model being trained, whose weights
  // still change).
  uint64_t cache_id = 0;
};

Status SaveModel(const TaggerModel& model, const std::string& path);
// Maps the file and builds the lookup tables; the result is tagging_only.
StatusOr<TaggerModel> LoadModel(const std::string& path);
// Reads only the header and checks the file's length and trailer: the cheap
// part of LoadModel's checks, for callers that load the model on first use.
Status CheckModelFile(const std::string& path);

}  // namespace pactgraph::tagger

#endif  // PACTGRAPH_NER_TAGGER_MODEL_H_
