// Training the NER tagger: an averaged structured perceptron (Collins 2002)
// over the features of tagger_features.h, with jackknifed gazetteers and
// prediction-history features learned from the model's own decisions.
#ifndef PACTGRAPH_NER_TAGGER_TRAIN_H_
#define PACTGRAPH_NER_TAGGER_TRAIN_H_

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "ner/tagger.h"
#include "ner/tagger_corpus.h"
#include "ner/tagger_model.h"

namespace pactgraph::tagger {

struct TrainOptions {
  int max_epochs = 20;         // passes over the training data
  int patience = 4;            // stop after this many passes without a better dev F1
  float prune_below = 0.005f;  // drop features whose averaged weights are all smaller
  int gazetteer_folds = 5;     // training documents see a gazetteer built from the other folds
  unsigned seed = 1;           // document shuffling
  // Also put derived forms of training-data names in the gazetteer: a
  // person's last name alone, genitive -s of persons and places, the other
  // inflections of -isch adjectives ("griechischen" -> "griechische", ...).
  bool gazetteer_variants = false;
  std::string lang = "en";
  std::string description;
  // Labelled sets scored after every epoch for the log only (they choose nothing).
  std::vector<const std::vector<LabeledDocument>*> monitor;
};

// A gazetteer phrase from outside the training data (e.g. company lists).
struct GazetteerPhrase {
  std::vector<std::string> tokens;
  uint8_t classes = Gazetteer::kCompany;
};

// What a training run found (optional output).
struct TrainReport {
  int best_epoch = 0;
  double best_dev_f1 = 0;
};

// The entity spans of `docs` as gazetteer phrases (class = the span's type);
// with `variants`, derived forms as described in TrainOptions.
void AddSpanPhrases(const std::vector<LabeledDocument>& docs, bool variants,
                    std::vector<GazetteerPhrase>* out);

// Fits confidence = 1 / (1 + exp(-(a * margin + b))) to (margin, 1 if the
// span was right else 0) points: logistic regression by Newton steps with a
// small ridge term and step halving, so that separable points give a finite,
// moderate slope. TrainTagger uses it on the dev spans.
void FitConfidenceCurve(const std::vector<std::pair<double, double>>& points, double* a, double* b);

// Trains on `train`, picks the epoch with the best F1 on `dev` (which may be
// empty: then the last epoch). `clusters` may be empty.
StatusOr<TaggerModel> TrainTagger(const std::vector<LabeledDocument>& train,
                                  const std::vector<LabeledDocument>& dev, WordClusters clusters,
                                  const std::vector<GazetteerPhrase>& external, const TrainOptions& options,
                                  std::ostream* log, TrainReport* report = nullptr);

// Tags every document of `docs` (document-level features on) and scores it
// against the gold labels.
SpanScorer Evaluate(const NerTagger& tagger, const std::vector<LabeledDocument>& docs);

}  // namespace pactgraph::tagger

#endif  // PACTGRAPH_NER_TAGGER_TRAIN_H_
