// Distributional word classes learned from unlabelled text with the
// exchange algorithm (Kneser & Ney 1993; Martin, Liermann & Ney 1998):
// words are moved between a fixed number of classes to maximise the
// likelihood of a class bigram model. Words in the same class occur in
// similar contexts, which lets the tagger generalise to unseen names.
#ifndef PACTGRAPH_NER_TAGGER_CLUSTERS_H_
#define PACTGRAPH_NER_TAGGER_CLUSTERS_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "ner/tagger_model.h"

namespace pactgraph::tagger {

struct ClusterOptions {
  int fine_classes = 256;    // classes of words
  int coarse_classes = 32;   // classes of fine classes (a two-level hierarchy)
  int min_count = 3;         // rarer words get no class
  size_t max_vocab = 80000;  // most frequent words kept
  int iterations = 4;        // exchange passes over the vocabulary
};

// Clusters the words of `sentences`; ids in the result start at 1.
WordClusters LearnWordClusters(const std::vector<std::vector<std::string_view>>& sentences,
                               const ClusterOptions& options, std::ostream* log);

}  // namespace pactgraph::tagger

#endif  // PACTGRAPH_NER_TAGGER_CLUSTERS_H_
