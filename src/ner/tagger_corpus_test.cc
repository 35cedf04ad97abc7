// Tests for the NER training side: how labelled files split into documents,
// gazetteer variants of training names, per-document training weights and the
// confidence-curve fit.
#include "ner/tagger_corpus.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>

#include "ner/tagger.h"
#include "ner/tagger_features.h"
#include "ner/tagger_model.h"
#include "ner/tagger_test_util.h"
#include "ner/tagger_train.h"

namespace pactgraph::tagger {
namespace {

std::vector<std::string> Words(const std::string& text) { return Sent(text, "").words; }

// A file in a fresh temp folder, removed with the object.
class TempFile {
 public:
  TempFile(const std::string& name, const std::string& bytes) {
    const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string id = std::string(test->test_suite_name()) + "_" + test->name();
    for (char& ch : id)
      if (ch == '/') ch = '_';
    dir_ = std::filesystem::temp_directory_path() /
           ("pactgraph_tagger_corpus_test_" + std::to_string(::getpid()) + "_" + id);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / name).string();
    std::ofstream out(path_, std::ios::binary);
    out << bytes;
  }
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::filesystem::path dir_;
  std::string path_;
};

// --- (1) a file without -DOCSTART- is one document per sentence ---------

struct FormatCase {
  const char* name;
  CorpusFormat format;  // explicit; every case is also read with kAuto
  const char* without_docstart;
  const char* with_docstart;  // the same three sentences, two documents
};

// Three sentences each; the expected words and IOB2 labels are below.
const FormatCase kFormats[] = {
    {"ConllIob1", CorpusFormat::kConll,
     "EU NNP B-NP I-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP I-MISC\ncall NN I-NP O\n\n"
     "Peter NNP B-NP I-PER\nBlackburn NNP I-NP I-PER\n\n\n"
     "BRUSSELS NNP B-NP I-LOC\n1996-08-22 CD I-NP O\n",
     "-DOCSTART- -X- -X- O\n\nEU NNP B-NP I-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP I-MISC\n"
     "call NN I-NP O\n\nPeter NNP B-NP I-PER\nBlackburn NNP I-NP I-PER\n\n"
     "-DOCSTART- -X- -X- O\n\nBRUSSELS NNP B-NP I-LOC\n1996-08-22 CD I-NP O\n\n"},
    {"ConllIob2", CorpusFormat::kConll,  // WikiNEuRal: token and tag only, CRLF
     "EU B-ORG\r\nrejects O\r\nGerman B-MISC\r\ncall O\r\n\r\nPeter B-PER\r\nBlackburn I-PER\r\n\r\n"
     "BRUSSELS B-LOC\r\n1996-08-22 O\r\n\r\n",
     "-DOCSTART- O\n\nEU B-ORG\nrejects O\nGerman B-MISC\ncall O\n\nPeter B-PER\nBlackburn I-PER\n\n"
     "-DOCSTART- O\n\nBRUSSELS B-LOC\n1996-08-22 O\n"},
    {"Conllu", CorpusFormat::kConllu,
     "# sent_id = 1\n1\tEU\tB-ORG\n2\trejects\tO\n3\tGerman\tB-MISC\n4\tcall\tO\n\n"
     "# sent_id = 2\n1\tPeter\tB-PER\n2\tBlackburn\tI-PER\n\n"
     "# sent_id = 3\n1\tBRUSSELS\tB-LOC\n2\t1996-08-22\tO\n",
     "1\t-DOCSTART-\tO\n\n1\tEU\tB-ORG\n2\trejects\tO\n3\tGerman\tB-MISC\n4\tcall\tO\n\n"
     "1\tPeter\tB-PER\n2\tBlackburn\tI-PER\n\n1\t-DOCSTART-\tO\n\n"
     "1\tBRUSSELS\tB-LOC\n2\t1996-08-22\tO\n\n"},
    {"GermEval", CorpusFormat::kGermEval,
     "#\thttp://a\t[2009]\n1\tEU\tB-ORG\tO\n2\trejects\tO\tO\n3\tGerman\tB-LOCderiv\tO\n4\tcall\tO\tO\n\n"
     "#\thttp://b\t[2009]\n1\tPeter\tB-PER\tO\n2\tBlackburn\tI-PER\tO\n\n"
     "#\thttp://c\t[2009]\n1\tBRUSSELS\tB-LOC\tO\n2\t1996-08-22\tO\tO\n\n",
     "#\thttp://a\t[2009]\n1\t-DOCSTART-\tO\tO\n\n"
     "#\thttp://a\t[2009]\n1\tEU\tB-ORG\tO\n2\trejects\tO\tO\n3\tGerman\tB-LOCderiv\tO\n4\tcall\tO\tO\n\n"
     "#\thttp://b\t[2009]\n1\tPeter\tB-PER\tO\n2\tBlackburn\tI-PER\tO\n\n"
     "#\thttp://c\t[2009]\n1\t-DOCSTART-\tO\tO\n\n"
     "#\thttp://c\t[2009]\n1\tBRUSSELS\tB-LOC\tO\n2\t1996-08-22\tO\tO\n\n"},
};

void PrintTo(const FormatCase& c, std::ostream* os) { *os << c.name; }

const std::vector<LabeledSentence>& ExpectedSentences() {
  static const std::vector<LabeledSentence> sentences = {
      Sent("EU rejects German call", "B-ORG O B-MISC O"),
      Sent("Peter Blackburn", "B-PER I-PER"),
      Sent("BRUSSELS 1996-08-22", "B-LOC O"),
  };
  return sentences;
}

class CorpusDocumentsTest : public ::testing::TestWithParam<FormatCase> {};

TEST_P(CorpusDocumentsTest, WithoutDocstartEverySentenceIsADocument) {
  const FormatCase& c = GetParam();
  TempFile file("corpus.txt", c.without_docstart);
  for (CorpusFormat format : {c.format, CorpusFormat::kAuto}) {
    SCOPED_TRACE(format == CorpusFormat::kAuto ? "auto" : "explicit");
    auto docs = ReadCorpus(file.path(), format);
    ASSERT_TRUE(docs.ok()) << docs.status().ToString();
    ASSERT_EQ(docs->size(), 3u);
    for (size_t d = 0; d < 3; ++d) {
      ASSERT_EQ((*docs)[d].sentences.size(), 1u) << "document " << d;
      EXPECT_EQ((*docs)[d].sentences[0].words, ExpectedSentences()[d].words);
      EXPECT_EQ((*docs)[d].sentences[0].labels, ExpectedSentences()[d].labels);
      EXPECT_EQ((*docs)[d].weight, 1.0f);
    }
  }
}

TEST_P(CorpusDocumentsTest, DocstartLinesGroupSentences) {
  const FormatCase& c = GetParam();
  TempFile file("corpus.txt", c.with_docstart);
  for (CorpusFormat format : {c.format, CorpusFormat::kAuto}) {
    SCOPED_TRACE(format == CorpusFormat::kAuto ? "auto" : "explicit");
    auto docs = ReadCorpus(file.path(), format);
    ASSERT_TRUE(docs.ok()) << docs.status().ToString();
    ASSERT_EQ(docs->size(), 2u);
    ASSERT_EQ((*docs)[0].sentences.size(), 2u);
    ASSERT_EQ((*docs)[1].sentences.size(), 1u);
    EXPECT_EQ((*docs)[0].sentences[0].labels, ExpectedSentences()[0].labels);
    EXPECT_EQ((*docs)[0].sentences[1].words, ExpectedSentences()[1].words);
    EXPECT_EQ((*docs)[1].sentences[0].words, ExpectedSentences()[2].words);
  }
}

INSTANTIATE_TEST_SUITE_P(AllFormats, CorpusDocumentsTest, ::testing::ValuesIn(kFormats),
                         [](const ::testing::TestParamInfo<FormatCase>& info) { return info.param.name; });

TEST(CorpusDocstartTest, SentencesBeforeTheFirstDocstartStayApart) {
  TempFile file("corpus.txt",
                "Bonn B-LOC\n\nKohl B-PER\n\n-DOCSTART- O\n\nEU B-ORG\nsaid O\n\nParis B-LOC\n\n");
  auto docs = ReadCorpus(file.path(), CorpusFormat::kAuto);
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  ASSERT_EQ(docs->size(), 3u);
  EXPECT_EQ((*docs)[0].sentences.size(), 1u);
  EXPECT_EQ((*docs)[1].sentences.size(), 1u);
  EXPECT_EQ((*docs)[1].sentences[0].words, Words("Kohl"));
  ASSERT_EQ((*docs)[2].sentences.size(), 2u);
  EXPECT_EQ((*docs)[2].sentences[1].words, Words("Paris"));
}

TEST(CorpusHashTokenTest, AHashTokenInCoNLLIsATokenNotAComment) {
  TempFile file("hash.txt", "Tweet NN I-NP O\n# # I-NP O\nnews NN I-NP O\n\nBonn NNP I-NP B-LOC\n\n");
  auto docs = ReadCorpus(file.path(), CorpusFormat::kConll);
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  ASSERT_EQ(docs->size(), 2u);
  EXPECT_EQ((*docs)[0].sentences[0].words, Words("Tweet # news"));
  // A CoNLL-U comment stays a comment.
  TempFile conllu("c.conllu", "# sent_id = 1\n1\tBonn\tB-LOC\n\n");
  auto u = ReadCorpus(conllu.path(), CorpusFormat::kAuto);
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ((*u)[0].sentences[0].words, Words("Bonn"));
}

// --- (2) --gazetteer-variants -------------------------------------------

using PhraseSet = std::set<std::pair<std::string, int>>;

PhraseSet Phrases(const std::vector<LabeledDocument>& docs, bool variants) {
  std::vector<GazetteerPhrase> out;
  AddSpanPhrases(docs, variants, &out);
  PhraseSet set;
  for (const GazetteerPhrase& p : out) {
    std::string text;
    for (const std::string& t : p.tokens) text += (text.empty() ? "" : " ") + t;
    set.insert({text, p.classes});
  }
  return set;
}

std::vector<LabeledDocument> VariantCorpus() {
  std::vector<LabeledDocument> docs(2);
  docs[0].sentences = {
      Sent("Angela Merkel und Klaus Weiss trafen Madonna in Berlin und Paris .",
           "B-PER I-PER O B-PER I-PER O B-PER O B-LOC O B-LOC O"),
      Sent("Siemens und die griechischen Olympic Games", "B-ORG O O B-MISC B-MISC I-MISC"),
  };
  docs[1].sentences = {
      Sent("Die Europäische Union , Fischer und deutsch", "O B-MISC B-ORG O B-MISC O B-MISC"),
  };
  return docs;
}

constexpr int kPer = Gazetteer::kPer, kOrg = Gazetteer::kOrg, kLoc = Gazetteer::kLoc,
              kMisc = Gazetteer::kMisc;

TEST(TaggerGazetteerVariantsTest, WithoutVariantsOnlyTheSpans) {
  EXPECT_EQ(Phrases(VariantCorpus(), false), (PhraseSet{{"Angela Merkel", kPer},
                                                        {"Klaus Weiss", kPer},
                                                        {"Madonna", kPer},
                                                        {"Berlin", kLoc},
                                                        {"Paris", kLoc},
                                                        {"Siemens", kOrg},
                                                        {"griechischen", kMisc},
                                                        {"Olympic Games", kMisc},
                                                        {"Europäische", kMisc},
                                                        {"Union", kOrg},
                                                        {"Fischer", kMisc},
                                                        {"deutsch", kMisc}}));
}

TEST(TaggerGazetteerVariantsTest, SurnamesGenitivesAndIschInflections) {
  PhraseSet expected = Phrases(VariantCorpus(), false);
  expected.insert({
      // A person's surname alone, and genitive -s of the full name and the surname.
      {"Angela Merkels", kPer},
      {"Merkel", kPer},
      {"Merkels", kPer},
      // A surname ending in s takes no genitive -s; the surname alone still counts.
      {"Weiss", kPer},
      // One-word person: genitive only.
      {"Madonnas", kPer},
      // Places: genitive -s unless the name ends in s.
      {"Berlins", kLoc},
      // -isch adjectives: every ending, lower- and upper-case.
      {"griechische", kMisc},
      {"griechischer", kMisc},
      {"griechisches", kMisc},
      {"griechischem", kMisc},
      {"Griechische", kMisc},
      {"Griechischen", kMisc},
      {"Griechischer", kMisc},
      {"Griechisches", kMisc},
      {"Griechischem", kMisc},
      // Capitalised -isch adjective (UTF-8 inside): the other endings.
      {"Europäischen", kMisc},
      {"Europäischer", kMisc},
      {"Europäisches", kMisc},
      {"Europäischem", kMisc},
  });
  // Nothing else: no genitive of organisations ("Siemenss") or of "Paris",
  // no forms of "Fischer" (isch at the start), "deutsch" (no ending) or
  // multi-word MISC names.
  EXPECT_EQ(Phrases(VariantCorpus(), true), expected);
}

TEST(TaggerGazetteerVariantsTest, TrainingOptionPutsVariantsInTheModelGazetteer) {
  TrainOptions options;
  options.max_epochs = 2;
  options.gazetteer_folds = 1;
  for (bool variants : {false, true}) {
    SCOPED_TRACE(variants ? "variants" : "no variants");
    options.gazetteer_variants = variants;
    auto model = TrainTagger(VariantCorpus(), {}, WordClusters(), {}, options, nullptr);
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    std::set<std::pair<std::string, int>> entries;
    for (const auto& [text, cls] : model->gazetteer.entries()) entries.insert({text, cls});
    EXPECT_EQ(entries, Phrases(VariantCorpus(), variants));
  }
}

// --- (3) per-document training weights (--train-weight) -----------------

// Two documents that disagree on the type of "Zorblat"; the weights decide.
std::string TypeLearnedFor(float per_weight, float loc_weight) {
  std::vector<LabeledDocument> docs(2);
  docs[0].sentences = {Sent("Zorblat spoke on Monday .", "B-PER O O O O")};
  docs[0].weight = per_weight;
  docs[1].sentences = {Sent("Zorblat spoke on Monday .", "B-LOC O O O O")};
  docs[1].weight = loc_weight;
  TrainOptions options;
  options.max_epochs = 6;
  options.gazetteer_folds = 1;
  options.prune_below = 0.0f;
  auto model = TrainTagger(docs, {}, WordClusters(), {}, options, nullptr);
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  if (!model.ok()) return "";
  NerTagger tagger(std::make_shared<const TaggerModel>(std::move(model).value()));
  std::vector<std::string> words = Words("Zorblat spoke on Monday .");
  return tagger.Tag(std::vector<std::string_view>(words.begin(), words.end()))[0];
}

TEST(TaggerTrainWeightTest, DocumentWeightScalesItsUpdates) {
  // Weight 0: the document teaches nothing.
  EXPECT_EQ(TypeLearnedFor(1.0f, 0.0f), "B-PER");
  EXPECT_EQ(TypeLearnedFor(0.0f, 1.0f), "B-LOC");
  // The heavier of two conflicting documents wins.
  EXPECT_EQ(TypeLearnedFor(3.0f, 1.0f), "B-PER");
  EXPECT_EQ(TypeLearnedFor(1.0f, 3.0f), "B-LOC");
}

TEST(TaggerTrainWeightTest, WeightTwoDoublesEveryLearnedWeight) {
  // Every update of a weight-2 corpus is twice that of the same corpus at
  // weight 1 and the decisions stay the same, so the averaged emission and
  // transition weights are exactly doubled.
  std::vector<LabeledDocument> docs(2);
  docs[0].sentences = {Sent("Angela Merkel visited Paris on Monday .", "B-PER I-PER O B-LOC O O O"),
                       Sent("Siemens said profits rose .", "B-ORG O O O O")};
  docs[1].sentences = {Sent("John Smith works for Siemens in Berlin .", "B-PER I-PER O O B-ORG O B-LOC O")};
  TrainOptions options;
  options.max_epochs = 3;
  options.gazetteer_folds = 1;
  options.prune_below = 0.0f;
  auto once = TrainTagger(docs, {}, WordClusters(), {}, options, nullptr);
  for (LabeledDocument& d : docs) d.weight = 2.0f;
  auto twice = TrainTagger(docs, {}, WordClusters(), {}, options, nullptr);
  ASSERT_TRUE(once.ok() && twice.ok());
  ASSERT_GT(once->weights.size(), 0u);
  ASSERT_EQ(once->weights.size(), twice->weights.size());
  bool any_nonzero = false;
  for (const auto& [key, w] : once->weights.Entries()) {
    const float* w2 = twice->weights.Find(key);
    ASSERT_NE(w2, nullptr);
    for (int y = 0; y < kNumLabels; ++y) {
      EXPECT_EQ(w2[y], 2 * w[y]) << "feature " << key << " label " << y;
      any_nonzero |= w[y] != 0;
    }
  }
  EXPECT_TRUE(any_nonzero);
  for (int p = 0; p <= kNumLabels; ++p)
    for (int y = 0; y < kNumLabels; ++y) EXPECT_EQ(twice->transition[p][y], 2 * once->transition[p][y]);
}

TEST(TaggerTrainDomainTest, SourceDomainCopiesAreNotSaved) {
  // A source-domain document trains its own copies of every feature as
  // well; those copies never fire at tagging time, so they are not saved.
  std::vector<LabeledDocument> docs(2);
  docs[0].sentences = {Sent("Angela Merkel visited Paris on Monday .", "B-PER I-PER O B-LOC O O O")};
  docs[1].sentences = {Sent("John Smith works for Siemens in Berlin .", "B-PER I-PER O O B-ORG O B-LOC O")};
  TrainOptions options;
  options.max_epochs = 3;
  options.gazetteer_folds = 1;
  options.prune_below = 0.0f;
  auto plain = TrainTagger(docs, {}, WordClusters(), {}, options, nullptr);
  docs[1].domain = 1;
  auto adapted = TrainTagger(docs, {}, WordClusters(), {}, options, nullptr);
  ASSERT_TRUE(plain.ok() && adapted.ok());
  EXPECT_EQ(adapted->weights.size(), plain->weights.size());
  for (const auto& [key, w] : adapted->weights.Entries()) EXPECT_NE(plain->weights.Find(key), nullptr);
}

TEST(TaggerTrainDomainTest, SourceConventionsStayInTheSourceCopies) {
  // Three source documents call "Zorblat" a place, one target document a
  // person: plain training follows the majority, with the sources in their
  // own domain the target's convention is what the saved model tags.
  auto learned = [](int source_domain) {
    std::vector<LabeledDocument> docs(4);
    docs[0].sentences = {Sent("Zorblat spoke on Monday .", "B-PER O O O O")};
    for (int d = 1; d < 4; ++d) {
      docs[d].sentences = {Sent("Zorblat spoke on Monday .", "B-LOC O O O O")};
      docs[d].domain = source_domain;
    }
    TrainOptions options;
    options.max_epochs = 6;
    options.gazetteer_folds = 1;
    options.prune_below = 0.0f;
    auto model = TrainTagger(docs, {}, WordClusters(), {}, options, nullptr);
    EXPECT_TRUE(model.ok());
    NerTagger tagger(std::make_shared<const TaggerModel>(std::move(model).value()));
    std::vector<std::string> words = Words("Zorblat spoke on Monday .");
    return tagger.Tag(std::vector<std::string_view>(words.begin(), words.end()))[0];
  };
  EXPECT_EQ(learned(0), "B-LOC");
  EXPECT_EQ(learned(1), "B-PER");
}

TEST(TaggerExtraFeaturesTest, OnlyAModelWithTheMarkerGetsTheGermanBlock) {
  std::vector<std::string> text = Words("Die Kommission und die EU-Kommission tagten in Berlin .");
  std::vector<std::string_view> words(text.begin(), text.end());
  std::vector<std::vector<std::string_view>> corpus(3, words);
  WordClusters plain, marked;
  plain.Add("Berlin", {1, 1});
  marked.Add("Berlin", {1, 1});
  AddExtraFeatureEntries(corpus, &marked);
  // The marker, then priors of the words seen at least 3 times.
  EXPECT_GT(marked.size(), plain.size() + 5);
  DocContext doc;
  SentenceFeatures without, with, none;
  ExtractStaticFeatures(words, {nullptr, &plain}, doc, &without);
  ExtractStaticFeatures(words, {nullptr, &marked}, doc, &with);
  ExtractStaticFeatures(words, {nullptr, nullptr}, doc, &none);
  ASSERT_EQ(with.offsets.size(), without.offsets.size());
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    const uint32_t n_with = with.offsets[i + 1] - with.offsets[i];
    const uint32_t n_without = without.offsets[i + 1] - without.offsets[i];
    EXPECT_GT(n_with, n_without) << words[i];
    // Every feature of the unmarked model is still there.
    std::set<uint64_t> keys(with.keys.begin() + with.offsets[i], with.keys.begin() + with.offsets[i + 1]);
    for (uint32_t j = without.offsets[i]; j < without.offsets[i + 1]; ++j) EXPECT_TRUE(keys.count(without.keys[j]));
  }
  // The hyphenated compound gets the most extra features (its parts).
  const size_t compound = 4;
  ASSERT_EQ(words[compound], "EU-Kommission");
  EXPECT_GE((with.offsets[compound + 1] - with.offsets[compound]) -
                (without.offsets[compound + 1] - without.offsets[compound]),
            (with.offsets[2] - with.offsets[1]) - (without.offsets[2] - without.offsets[1]) + 3);
}

// --- (4) the confidence-curve fit ---------------------------------------

double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

TEST(TaggerConfidenceFitTest, RecoversAKnownCurve) {
  // Many spans per margin, right in proportion to sigmoid(0.5 m - 1).
  std::vector<std::pair<double, double>> points;
  for (int m = 0; m <= 12; ++m) {
    int right = static_cast<int>(std::lround(200 * Sigmoid(0.5 * m - 1)));
    for (int i = 0; i < 200; ++i) points.emplace_back(m, i < right ? 1.0 : 0.0);
  }
  double a = 0, b = 0;
  FitConfidenceCurve(points, &a, &b);
  EXPECT_NEAR(a, 0.5, 0.02);
  EXPECT_NEAR(b, -1.0, 0.08);
}

TEST(TaggerConfidenceFitTest, SeparableSpansGiveAModerateSlopeNotAStep) {
  // Every span with margin < 3 is wrong and every span with margin >= 3 is
  // right: the unregularised fit has no optimum and Newton's method ran away
  // to slopes of ~1e10, making every confidence 0 or 1.
  std::vector<std::pair<double, double>> points;
  for (int i = 0; i < 60; ++i) {
    double m = 0.1 * (i % 60);
    points.emplace_back(m, m >= 3.0 ? 1.0 : 0.0);
  }
  for (int i = 0; i < 200; ++i) points.emplace_back(3.0 + 0.25 * (i % 120), 1.0);
  double a = 0, b = 0;
  FitConfidenceCurve(points, &a, &b);
  ASSERT_TRUE(std::isfinite(a) && std::isfinite(b)) << a << " " << b;
  EXPECT_GT(a, 0.5);
  EXPECT_LT(a, 50.0);
  EXPECT_LT(std::fabs(b), 200.0);
  // Monotone, and the boundary lies between the wrong and the right spans.
  EXPECT_LT(Sigmoid(a * 2.0 + b), 0.5);
  EXPECT_GT(Sigmoid(a * 3.5 + b), 0.5);
  // Not a step: a margin near the boundary keeps a confidence clearly inside (0, 1).
  float at_boundary = static_cast<float>(Sigmoid(a * 2.95 + b));
  EXPECT_GT(at_boundary, 0.01f);
  EXPECT_LT(at_boundary, 0.99f);
}

TEST(TaggerConfidenceFitTest, BarelySeparableSpansKeepAGradedCurve) {
  // Five wrong spans at margin 1.0, every right span a hair above: the old
  // fit gave a ~ 5000, i.e. confidence 0.06 at margin 1.0 and 1.0 at 1.05.
  std::vector<std::pair<double, double>> points;
  for (int i = 0; i < 5; ++i) points.emplace_back(1.0, 0.0);
  for (int i = 0; i < 300; ++i) points.emplace_back(1.001 + 0.05 * (i % 100), 1.0);
  double a = 0, b = 0;
  FitConfidenceCurve(points, &a, &b);
  ASSERT_TRUE(std::isfinite(a) && std::isfinite(b)) << a << " " << b;
  EXPECT_GT(a, 0.0);
  EXPECT_LT(a, 100.0);
  EXPECT_LT(Sigmoid(a * 1.05 + b), 0.99);
  EXPECT_GT(Sigmoid(a * 1.05 + b), Sigmoid(a * 1.0 + b));
  EXPECT_GT(Sigmoid(a * 1.0 + b), 0.01);
  EXPECT_GT(Sigmoid(a * 3.0 + b), 0.99);
}

TEST(TaggerConfidenceFitTest, AllRightSpansStayFinite) {
  std::vector<std::pair<double, double>> points;
  for (int i = 0; i < 100; ++i) points.emplace_back(1.0 + 0.5 * (i % 40), 1.0);
  double a = 0, b = 0;
  FitConfidenceCurve(points, &a, &b);
  ASSERT_TRUE(std::isfinite(a) && std::isfinite(b)) << a << " " << b;
  EXPECT_LT(std::fabs(a), 50.0);
  EXPECT_LT(std::fabs(b), 50.0);
  EXPECT_GT(Sigmoid(a * 1.0 + b), 0.9);
}

TEST(TaggerConfidenceFitTest, TrainingWithDevCalibratesTheModel) {
  std::vector<LabeledDocument> train(3);
  train[0].sentences = {Sent("Angela Merkel visited Paris on Monday .", "B-PER I-PER O B-LOC O O O"),
                        Sent("Siemens said profits rose .", "B-ORG O O O O")};
  train[1].sentences = {Sent("John Smith works for Siemens in Berlin .", "B-PER I-PER O O B-ORG O B-LOC O"),
                        Sent("The Olympic Games start soon .", "O B-MISC I-MISC O O O")};
  train[2].sentences = {
      Sent("Reuters reported that Paris and Berlin agreed .", "B-ORG O O B-LOC O B-LOC O O")};
  std::vector<LabeledDocument> dev;
  for (int i = 0; i < 4; ++i) dev.insert(dev.end(), train.begin(), train.end());  // 40 spans
  TrainOptions options;
  options.max_epochs = 6;
  options.gazetteer_folds = 1;
  auto model = TrainTagger(train, dev, WordClusters(), {}, options, nullptr);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_TRUE(std::isfinite(model->conf_a) && std::isfinite(model->conf_b));
  EXPECT_FALSE(model->conf_a == 1.0f && model->conf_b == 0.0f) << "calibration did not run";
  EXPECT_LT(std::fabs(model->conf_a), 50.0f);
  EXPECT_LT(std::fabs(model->conf_b), 50.0f);
  NerTagger tagger(std::make_shared<const TaggerModel>(std::move(model).value()));
  std::vector<std::string> words = Words("Angela Merkel visited Paris on Monday .");
  auto spans = tagger.TagSpans(std::vector<std::string_view>(words.begin(), words.end()));
  ASSERT_FALSE(spans.empty());
  for (const TaggedSpan& s : spans) {
    EXPECT_GT(s.confidence, 0.5f);
    EXPECT_LE(s.confidence, 1.0f);
  }
}

}  // namespace
}  // namespace pactgraph::tagger
