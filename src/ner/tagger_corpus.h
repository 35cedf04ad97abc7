// Labelled NER corpora (CoNLL, CoNLL-U-like, GermEval TSV), span-level
// scoring with conlleval's semantics, and the simple tokeniser used for
// unlabelled text and benchmarks.
#ifndef PACTGRAPH_NER_TAGGER_CORPUS_H_
#define PACTGRAPH_NER_TAGGER_CORPUS_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pactgraph/status.h"

namespace pactgraph::tagger {

struct LabeledSentence {
  std::vector<std::string> words;
  std::vector<std::string> labels;  // IOB2 over PER, ORG, LOC, MISC
};

struct LabeledDocument {
  std::vector<LabeledSentence> sentences;
  float weight = 1.0f;  // training only: scales the perceptron updates of this document
  // Training only: 0 = the target domain; d > 0 = a source domain whose
  // features also fire as domain-specific copies (not kept in the model).
  int domain = 0;
};

enum class CorpusFormat {
  kAuto,      // guessed from the first data line
  kConll,     // space-separated columns, token first, tag last (IOB1 or IOB2)
  kConllu,    // index<TAB>token<TAB>tag
  kGermEval,  // "#" comment lines, index<TAB>token<TAB>outer<TAB>nested
};

StatusOr<CorpusFormat> ParseCorpusFormat(const std::string& name);

// Reads a labelled file. -DOCSTART- lines split documents; a file without
// them (GermEval, WikiNEuRal) is one document per sentence. GermEval types are mapped:
// PER, ORG, LOC -> same; OTH -> MISC; *deriv -> MISC; *part -> O (see
// doc/ner.md). Tags are normalised to IOB2.
StatusOr<std::vector<LabeledDocument>> ReadCorpus(const std::string& path, CorpusFormat format);

// IOB1 or IOB2 -> IOB2, with conlleval's chunk boundaries.
std::vector<std::string> ToIob2(const std::vector<std::string>& labels);

// Exact-span precision / recall / F1 per type and overall, like conlleval.
class SpanScorer {
 public:
  void Add(const std::vector<std::string>& gold, const std::vector<std::string>& predicted);
  struct Counts {
    long correct = 0, predicted = 0, gold = 0;
    double Precision() const { return predicted ? double(correct) / predicted : 0.0; }
    double Recall() const { return gold ? double(correct) / gold : 0.0; }
    double F1() const {
      double p = Precision(), r = Recall();
      return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    }
  };
  const Counts& overall() const { return overall_; }
  const std::map<std::string, Counts>& by_type() const { return by_type_; }
  long tokens() const { return tokens_; }
  double TokenAccuracy() const { return tokens_ ? double(correct_tokens_) / tokens_ : 0.0; }
  // conlleval-style text report.
  std::string Report() const;

 private:
  Counts overall_;
  std::map<std::string, Counts> by_type_;
  long tokens_ = 0, correct_tokens_ = 0;
};

// Splits text at whitespace and peels punctuation off word edges (keeping
// "U.S.", "3.5", "Mach-1" and "'s" as tokens). Views point into `text`.
void SimpleTokenize(std::string_view text, std::vector<std::string_view>* out);

}  // namespace pactgraph::tagger

#endif  // PACTGRAPH_NER_TAGGER_CORPUS_H_
