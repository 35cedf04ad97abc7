// Statistical named-entity tagger: an averaged structured perceptron over
// hashed lexical, shape, context, gazetteer and word-cluster features with
// first-order Viterbi decoding. Trained by tools/train_ner (see doc/ner.md);
// models are data/ner/<lang>.model.
#ifndef PACTGRAPH_NER_TAGGER_H_
#define PACTGRAPH_NER_TAGGER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pactgraph/status.h"

namespace pactgraph {

namespace tagger {
struct TaggerModel;  // defined in tagger_model.h
}

// One entity span found by the tagger, words [begin, end).
struct TaggedSpan {
  size_t begin = 0, end = 0;
  std::string type;         // PER, ORG, LOC, MISC
  float confidence = 0.0f;  // in (0, 1]; from the Viterbi max-marginal margin
};

// A name found in a sentence: words [begin, end), type PER, ORG, LOC or MISC.
struct LabelSpan {
  size_t begin = 0, end = 0;
  std::string type;
};

// Immutable after Load and thread-safe: Tag may be called concurrently.
class NerTagger {
 public:
  // Reads a model file written by the trainer; rejects a wrong format name,
  // a newer version, or a truncated/corrupt file with a message naming it.
  static StatusOr<std::unique_ptr<NerTagger>> Load(const std::string& model_path);
  // The cheap part of Load's checks (header, version, length, trailer),
  // for callers that check at start-up and Load on first use.
  static Status Check(const std::string& model_path);
  // Wraps an in-memory model (used by the trainer and tests).
  explicit NerTagger(std::shared_ptr<const tagger::TaggerModel> model);
  ~NerTagger();

  // IOB2 labels (O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC, B-MISC,
  // I-MISC), one per word of one sentence.
  std::vector<std::string> Tag(const std::vector<std::string_view>& words) const;

  // Same decision as Tag, as spans with a confidence each.
  std::vector<TaggedSpan> TagSpans(const std::vector<std::string_view>& words) const;

  // Tags every sentence of one document; words seen earlier in the document
  // inform later decisions (document-level features), which usually beats
  // tagging sentences one by one. Returns one label vector per sentence.
  std::vector<std::vector<std::string>> TagDocument(
      const std::vector<std::vector<std::string_view>>& sentences) const;
  // TagDocument's names as spans, one list per sentence: the same as
  // SpansFromLabels of each label vector, without spelling labels out.
  std::vector<std::vector<LabelSpan>> TagDocumentSpans(
      const std::vector<std::vector<std::string_view>>& sentences) const;

  const tagger::TaggerModel& model() const { return *model_; }

 private:
  std::shared_ptr<const tagger::TaggerModel> model_;
};

// <data_dir>/ner/<lang>.model; an empty data_dir means $PACTGRAPH_DATA, else
// the data/ folder of the source tree the library was built from.
std::string NerModelPath(const std::string& data_dir, const std::string& lang);

// Turns IOB1 or IOB2 labels into spans [begin, end) with their type, with
// conlleval's rules: a span starts at B-X, or at I-X after O or another type.
std::vector<LabelSpan> SpansFromLabels(const std::vector<std::string>& labels);
// The same spans from BILOU label ids (tagger_model.h), as their IOB2
// names (Iob2Name) would give.
std::vector<LabelSpan> SpansFromLabelIds(const std::vector<int>& labels);

}  // namespace pactgraph

#endif  // PACTGRAPH_NER_TAGGER_H_
