// Viterbi decoding and max-marginal margins over the IOB2 label lattice,
// shared by the tagger and the trainer.
#ifndef PACTGRAPH_NER_TAGGER_DECODE_H_
#define PACTGRAPH_NER_TAGGER_DECODE_H_

#include <array>
#include <string_view>
#include <vector>

#include "ner/tagger_model.h"

namespace pactgraph::tagger {

using Transitions = std::array<std::array<float, kNumLabels>, kNumLabels + 1>;

// emissions: n rows of kNumLabels scores. Illegal IOB2 moves (I-X not after
// B-X/I-X) are never chosen. Writes n labels to *labels.
void Viterbi(const std::vector<float>& emissions, size_t n, const Transitions& trans,
             std::vector<int>* labels);

// For each token, how much the best path beats the best path that gives the
// token any other label (>= 0).
void TokenMargins(const std::vector<float>& emissions, size_t n, const Transitions& trans,
                  const std::vector<int>& labels, std::vector<float>* margins);

class DocContext;

// Features, emissions and Viterbi labels of one sentence under `model`
// (tagger.cc); `emissions` may be null.
void DecodeSentence(const TaggerModel& model, const std::vector<std::string_view>& words,
                    const DocContext& doc, std::vector<int>* labels, std::vector<float>* emissions);

}  // namespace pactgraph::tagger

#endif  // PACTGRAPH_NER_TAGGER_DECODE_H_
