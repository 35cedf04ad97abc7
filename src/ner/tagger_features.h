// Feature extraction for the NER tagger: every token gets a list of 64-bit
// feature keys (template id mixed with a value hash). The same code serves
// training and tagging, so the two can never disagree.
#ifndef PACTGRAPH_NER_TAGGER_FEATURES_H_
#define PACTGRAPH_NER_TAGGER_FEATURES_H_

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ner/tagger_model.h"

namespace pactgraph::tagger {

// Lowercases ASCII and Latin-1 letters in UTF-8 and maps digits to '0'.
void NormalizeWord(std::string_view word, std::string* out);
// Word shape: X for upper, x for lower, d for digit, other bytes kept;
// `collapse` merges runs of the same class ("Xxxx" -> "Xx").
void WordShape(std::string_view word, bool collapse, std::string* out);

// What is known about a document beyond the current sentence: which words
// occur in lowercase / capitalised mid-sentence, and how words were tagged
// earlier on (the "prediction history").
class DocContext {
 public:
  // Records the spelling evidence of every sentence of the document.
  void Scan(const std::vector<std::vector<std::string_view>>& sentences);
  void ScanSentence(const std::vector<std::string_view>& words);
  // Records labels given to a sentence (for later sentences' features).
  void Record(const std::vector<std::string_view>& words, const std::vector<int>& labels);

  bool SeenLowercase(uint64_t lower_hash) const { return lowercase_.Find(lower_hash) != nullptr; }
  bool SeenCapitalisedMidSentence(uint64_t lower_hash) const { return cap_mid_.Find(lower_hash) != nullptr; }
  // Most frequent label type given earlier to this exact form: -1 = never
  // seen, 0 = mostly O, 1 + t = entity type t.
  int History(uint64_t form_hash) const;

 private:
  FlatHashMap64<uint8_t> lowercase_, cap_mid_;  // used as sets
  FlatHashMap64<std::array<uint16_t, kNumTypes + 1>> history_;
};

// std::allocator whose value-less construct leaves the element
// uninitialised, so that resize() does not zero what will be overwritten.
template <typename T>
struct UninitializedAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  UninitializedAllocator() = default;
  template <typename U>
  UninitializedAllocator(const UninitializedAllocator<U>&) {}
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    if constexpr (sizeof...(Args) == 0) {
      ::new (static_cast<void*>(p)) U;
    } else {
      ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
  }
};

// Feature keys of every token of one sentence: keys[offsets[i]..offsets[i+1]).
struct SentenceFeatures {
  std::vector<uint64_t, UninitializedAllocator<uint64_t>> keys;  // written in place, not zeroed first
  std::vector<uint32_t> offsets;
};

struct FeatureResources {
  const Gazetteer* gazetteer = nullptr;    // may be null
  const WordClusters* clusters = nullptr;  // may be null
};

// The German feature block (extra templates: suffixes of 5 and 6 bytes,
// the parts of hyphenated compounds, and corpus priors of each word form)
// is switched on by a marker entry among the model's word clusters, so a
// model trained without it (en.model) keeps its features unchanged. The
// corpus priors are cluster entries too: kCorpusPriorPrefix + the
// lowercased form, coarse id = a code from the word's counts in
// unlabelled text (how often lower-case, capitalised mid-sentence, after a
// determiner; how frequent).
inline constexpr std::string_view kExtraFeaturesMarker = "\xe2\x81\x82" "features";
inline constexpr std::string_view kCorpusPriorPrefix = "\xe2\x81\x82";
inline constexpr uint16_t kExtraFeaturesVersion = 1;
// Adds the marker and the corpus prior entries learned from `sentences`.
void AddExtraFeatureEntries(const std::vector<std::vector<std::string_view>>& sentences,
                            WordClusters* clusters);

// Features that do not depend on earlier predictions. Each token's keys
// come in groups: those of its word alone, those its neighbours at -1, +1,
// -2 and +2 give it (see WordRole), then its context keys.
void ExtractStaticFeatures(const std::vector<std::string_view>& words, const FeatureResources& res,
                           const DocContext& doc, SentenceFeatures* out);

// A running per-label sum, four labels to a vector (GCC vector extension,
// any target): each label still adds its rows one after another in the
// same order, so the sums are those of a plain loop; g++ left that loop
// mostly scalar.
class LabelSum {
 public:
  static_assert(kNumLabels == 17, "four vectors of four and one more");
  void Add(const float* w) {
    for (int k = 0; k < 4; ++k) {
      V x;
      std::memcpy(&x, w + 4 * k, sizeof(x));
      v_[k] += x;
    }
    last_ += w[16];
  }
  void Store(float* out) const {
    std::memcpy(out, v_, sizeof(v_));
    out[16] = last_;
  }

 private:
  typedef float V __attribute__((vector_size(16)));
  V v_[4] = {};
  float last_ = 0.0f;
};

// Most static features of a token depend on one word only: the token's own
// word, or one neighbour in a fixed position. The keys a word gives the
// token at each of these positions (its "roles") and the sum of their
// weights under a model depend on the word and the model alone, so a
// tagger can look them up once per word form instead of once per token.
enum WordRole : int { kAsToken, kAsPrev, kAsNext, kAsPrev2, kAsNext2, kNumWordRoles };
// The offset of the word that plays each role, from the scored token.
inline constexpr int kWordRoleOffset[kNumWordRoles] = {0, -1, 1, -2, 2};

// The static features as decoding adds them up. Token i's static score is
// the sum, in role order, of word_rows[i + offset(r)][r] for the five
// roles (offsets 0, -1, +1, -2, +2; edge_rows[r] beyond the sentence),
// then of its shape rows and of the weights of its other context keys:
// the same keys as ExtractStaticFeatures gives, in groups.
inline constexpr int kMaxShapeRows = 5;
struct DecodeFeatures {
  // Per word: its kNumWordRoles rows of kNumLabels floats, each row 0 + the
  // weights of that role's keys in key order. They are in the thread's
  // cache or in computed_rows, and valid until the next call.
  std::vector<const float*> word_rows;
  std::vector<float> computed_rows;
  std::array<float, kNumWordRoles * kNumLabels> edge_rows{};  // the padding beyond the edge
  // Per token, the weight rows of its first context keys (capitalisation
  // and position, the shape window), kMaxShapeRows per token in key order, null for a
  // key the model lacks or the token does not have; then `context` holds
  // the keys of the rest.
  std::vector<const float*> shape_rows;
  SentenceFeatures context;
};
// A model loaded for tagging (cache_id != 0) has its word rows cached per
// thread; a cached row is the same float for float as a computed one.
void ExtractDecodeFeatures(const std::vector<std::string_view>& words, const TaggerModel& model,
                           const DocContext& doc, DecodeFeatures* out);
// The prediction-history features of token i (appended to `out`).
void AppendHistoryFeatures(const std::vector<std::string_view>& words, size_t i, const DocContext& doc,
                           std::vector<uint64_t>* out);

}  // namespace pactgraph::tagger

#endif  // PACTGRAPH_NER_TAGGER_FEATURES_H_
