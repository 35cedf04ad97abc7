// train_ner: trains the NER tagger model data/ner/<lang>.model from the
// public corpora in ../shared/data (see doc/ner.md and data/README.md for
// the exact commands). Thin program: flags, corpus loading, library calls.
#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "ner/tagger_clusters.h"
#include "ner/tagger_corpus.h"
#include "ner/tagger_features.h"
#include "ner/tagger_model.h"
#include "ner/tagger_train.h"

namespace fs = std::filesystem;
namespace tg = pactgraph::tagger;

namespace {

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Minimal CSV field splitter (double quotes, "" escapes) for one line.
std::vector<std::string> CsvFields(const std::string& line, char sep = ',', char quote = '"') {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == quote && i + 1 < line.size() && line[i + 1] == quote) {
        out.back() += quote;
        ++i;
      } else if (c == quote) {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == quote && out.back().empty()) {
      quoted = true;
    } else if (c == sep) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

// Unlabelled text: every string is one document, tokenised later.
std::vector<std::string> LoadUnlabelled(const fs::path& shared, const std::string& lang) {
  std::vector<std::string> texts;
  if (lang == "en") {
    for (const auto& e : fs::directory_iterator(shared / "data/reuters21578/data/full")) {
      if (e.path().extension() != ".json") continue;
      nlohmann::json j = nlohmann::json::parse(ReadFile(e.path()), nullptr, false);
      if (!j.is_array()) continue;
      for (const auto& article : j)
        if (article.contains("body") && article["body"].is_string())
          texts.push_back(article["body"].get<std::string>());
    }
    for (const auto& e : fs::recursive_directory_iterator(shared / "data/bbc-news/bbc"))
      if (e.path().extension() == ".txt") texts.push_back(ReadFile(e.path()));
    std::ifstream ag(shared / "data/ag-news/test.csv");
    std::string line;
    std::getline(ag, line);
    while (std::getline(ag, line)) {
      auto f = CsvFields(line);
      if (f.size() >= 3) texts.push_back(f[1] + " . " + f[2]);
    }
  } else {
    std::ifstream gnad(shared / "data/10kgnad/test.csv");
    std::string line;
    while (std::getline(gnad, line)) {
      auto f = CsvFields(line, ';', '\'');
      if (f.size() >= 2) texts.push_back(f[1]);
    }
  }
  return texts;
}

// Company names from the public-domain / MIT lists, with legal suffixes
// removed as a second variant ("Agilent Technologies, Inc." ->
// "Agilent Technologies").
std::vector<tg::GazetteerPhrase> LoadCompanies(const fs::path& shared) {
  static const char* const kSuffixes[] = {
      "Inc.", "Inc",     "Corp.", "Corp", "Corporation",  "Co.",   "Company", "Ltd.",
      "Ltd",  "Limited", "plc",   "PLC",  "Holdings",     "Group", "N.V.",    "S.A.",
      "AG",   "SE",      "LLC",   "L.P.", "Incorporated", "&"};
  std::vector<std::string> names;
  auto read_column = [&](const fs::path& file, size_t col, size_t skip_if_col,
                         const std::string& skip_value) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      auto f = CsvFields(line);
      if (f.size() <= col) continue;
      if (skip_if_col < f.size() && f[skip_if_col] == skip_value) continue;
      names.push_back(f[col]);
      if (file.filename() == "company_symbol_list.csv" && f.size() > 2) {
        for (auto& alt : CsvFields(f[2])) {
          size_t b = alt.find_first_not_of(' ');
          if (b != std::string::npos) names.push_back(alt.substr(b));
        }
      }
    }
  };
  read_column(shared / "data/gazetteers/sp500/constituents.csv", 1, 99, "");
  read_column(shared / "data/gazetteers/nasdaq/nasdaq-listed-symbols.csv", 1, 7, "Y");
  read_column(shared / "data/gazetteers/ticker-sniffer/company_symbol_list.csv", 1, 99, "");
  std::vector<tg::GazetteerPhrase> out;
  std::vector<std::string_view> toks;
  for (const std::string& name : names) {
    tg::SimpleTokenize(name, &toks);
    std::vector<std::string> tokens(toks.begin(), toks.end());
    while (!tokens.empty() && (tokens.back() == "," || tokens.back() == ".")) tokens.pop_back();
    if (tokens.empty()) continue;
    out.push_back({tokens, tg::Gazetteer::kCompany});
    bool stripped = false;
    while (tokens.size() > 1) {
      const std::string& last = tokens.back();
      bool suffix = last == "," || last == ".";
      for (const char* s : kSuffixes) suffix = suffix || last == s;
      if (!suffix) break;
      tokens.pop_back();
      stripped = true;
    }
    if (stripped && !tokens.empty()) out.push_back({tokens, tg::Gazetteer::kCompany});
  }
  return out;
}

struct Flags {
  std::string lang = "en";
  std::vector<std::string> train, dev, cluster_text, eval, gazetteer_text, monitor, text_files;
  std::string eval_dump;                 // word, gold and predicted label per line for the --eval files
  std::vector<float> train_weights;      // one per --train file (default 1)
  std::vector<std::string> train_types;  // one per --train file: "all" or e.g. "PER,ORG,LOC"
  std::vector<int> train_domains;        // one per --train file: 0 = target domain, d > 0 = source d
  std::string format = "auto";
  std::string out;
  std::string shared = "../shared";
  std::string clusters_cache;
  bool clusters = true, companies = true, refit = false, extra_features = false, compounds_o = false;
  float o_penalty = 0;
  float self_train_weight = 0, self_train_confidence = 0.9f;
  int self_train_domain = 4;  // subtracted from every transition into O: trades precision for recall
  int fine = 256, coarse = 32, cluster_iters = 4;
  tg::TrainOptions train_options;
};

// Spans whose type is not in `keep` (comma-separated; "all" keeps every
// type) become O.
void KeepTypes(const std::string& keep, tg::LabeledDocument* doc) {
  if (keep.empty() || keep == "all") return;
  for (tg::LabeledSentence& s : doc->sentences)
    for (std::string& label : s.labels) {
      if (label == "O") continue;
      std::string type = label.substr(2);
      if (("," + keep + ",").find("," + type + ",") == std::string::npos) label = "O";
    }
}

// A single-token MISC name that is a hyphenated compound ending in a
// capitalised word ("SPD-Zeitschrift", "DFB-Pokal") becomes O: GermEval's
// convention (such tokens are *part there, mapped to O), not CoNLL's.
bool IsNameCompound(const std::string& w) {
  size_t dash = w.rfind('-');
  if (dash == std::string::npos || dash == 0 || dash + 2 >= w.size()) return false;
  unsigned char a = w[dash + 1], b = w[dash + 2];
  bool upper = (a >= 'A' && a <= 'Z') || (a == 0xC3 && b >= 0x80 && b <= 0x9E);
  size_t next = a == 0xC3 ? dash + 3 : dash + 2;
  if (!upper || next >= w.size()) return false;
  unsigned char c = w[next];
  return (c >= 'a' && c <= 'z') || c >= 0xC3;
}

void CompoundsToO(tg::LabeledDocument* doc) {
  for (tg::LabeledSentence& s : doc->sentences)
    for (size_t i = 0; i < s.labels.size(); ++i) {
      bool single = s.labels[i] == "B-MISC" && (i + 1 == s.labels.size() || s.labels[i + 1] != "I-MISC");
      if (single && IsNameCompound(s.words[i])) s.labels[i] = "O";
    }
}

pactgraph::StatusOr<std::vector<tg::LabeledDocument>> LoadAll(const std::vector<std::string>& files,
                                                              const std::vector<float>& weights = {},
                                                              const std::vector<std::string>& types = {},
                                                              const std::vector<int>& domains = {},
                                                              bool compounds_o = false) {
  std::vector<tg::LabeledDocument> docs;
  for (size_t i = 0; i < files.size(); ++i) {
    auto r = tg::ReadCorpus(files[i], tg::CorpusFormat::kAuto);
    if (!r.ok()) return r.status();
    for (auto& d : r.value()) {
      if (i < weights.size()) d.weight = weights[i];
      if (i < types.size()) KeepTypes(types[i], &d);
      if (i < domains.size()) d.domain = domains[i];
      if (compounds_o) CompoundsToO(&d);
      docs.push_back(std::move(d));
    }
  }
  return docs;
}

int Run(Flags flags) {
  auto start = std::chrono::steady_clock::now();
  if ((!flags.train_weights.empty() && flags.train_weights.size() != flags.train.size()) ||
      (!flags.train_types.empty() && flags.train_types.size() != flags.train.size()) ||
      (!flags.train_domains.empty() && flags.train_domains.size() != flags.train.size()))
    return std::cerr << "train_ner: --train-weight, --train-types and --train-domain need one value per --train "
                        "file\n",
           1;
  auto train =
      LoadAll(flags.train, flags.train_weights, flags.train_types, flags.train_domains, flags.compounds_o);
  if (!train.ok()) return std::cerr << "train_ner: " << train.status().ToString() << "\n", 1;
  auto dev = LoadAll(flags.dev);
  if (!dev.ok()) return std::cerr << "train_ner: " << dev.status().ToString() << "\n", 1;
  std::cerr << "train: " << train->size() << " documents; dev: " << dev->size() << " documents\n";

  // The unlabelled text (plus --cluster-text and the training text) for the
  // word clusters and the corpus priors; the strings stay alive in `texts`
  // and the corpora.
  std::vector<std::string> texts;
  std::vector<tg::LabeledDocument> extra_docs;
  std::vector<std::vector<std::string_view>> sentences;
  auto load_text = [&]() -> bool {
    if (!sentences.empty()) return true;
    texts = LoadUnlabelled(flags.shared, flags.lang);
    for (const std::string& file : flags.text_files) {  // plain text, one document per line
      std::ifstream in(file);
      if (!in) return std::cerr << "train_ner: cannot open " << file << "\n", false;
      for (std::string line; std::getline(in, line);)
        if (!line.empty()) texts.push_back(line);
    }
    std::vector<std::string_view> toks;
    for (const std::string& t : texts) {
      tg::SimpleTokenize(t, &toks);
      sentences.push_back(toks);
    }
    auto extra = LoadAll(flags.cluster_text);  // labelled files whose words only feed the clusters
    if (!extra.ok()) return std::cerr << "train_ner: " << extra.status().ToString() << "\n", false;
    extra_docs = std::move(extra.value());
    for (const auto& d : extra_docs)
      for (const auto& s : d.sentences) sentences.emplace_back(s.words.begin(), s.words.end());
    for (const auto& d : train.value())
      for (const auto& s : d.sentences) sentences.emplace_back(s.words.begin(), s.words.end());
    size_t tokens = 0;
    for (const auto& s : sentences) tokens += s.size();
    std::cerr << "unlabelled: " << texts.size() << " texts, " << tokens << " tokens with the training text\n";
    return true;
  };
  tg::WordClusters clusters;
  if (flags.clusters && !flags.clusters_cache.empty() && fs::exists(flags.clusters_cache)) {
    std::ifstream in(flags.clusters_cache);
    std::string word;
    unsigned coarse = 0, fine = 0;
    while (in >> word >> coarse >> fine) clusters.Add(word, {uint16_t(coarse), uint16_t(fine)});
    std::cerr << "clusters: " << clusters.size() << " words from " << flags.clusters_cache << "\n";
  } else if (flags.clusters) {
    if (!load_text()) return 1;
    tg::ClusterOptions co;
    co.fine_classes = flags.fine;
    co.coarse_classes = flags.coarse;
    co.iterations = flags.cluster_iters;
    clusters = tg::LearnWordClusters(sentences, co, &std::cerr);
    if (!flags.clusters_cache.empty()) {
      std::ofstream out(flags.clusters_cache);
      for (const auto& [w, ids] : clusters.words())
        out << w << '\t' << ids.coarse << '\t' << ids.fine << '\n';
    }
  }
  if (flags.extra_features) {
    if (!load_text()) return 1;
    size_t before = clusters.size();
    tg::AddExtraFeatureEntries(sentences, &clusters);
    std::cerr << "extra features on: " << clusters.size() - before << " corpus prior entries\n";
  }
  std::vector<tg::GazetteerPhrase> companies;
  if (flags.companies) companies = LoadCompanies(flags.shared);
  {
    auto gaz_docs = LoadAll(flags.gazetteer_text);  // labelled files whose spans only feed the gazetteer
    if (!gaz_docs.ok()) return std::cerr << "train_ner: " << gaz_docs.status().ToString() << "\n", 1;
    size_t before = companies.size();
    tg::AddSpanPhrases(gaz_docs.value(), flags.train_options.gazetteer_variants, &companies);
    if (!flags.gazetteer_text.empty())
      std::cerr << "gazetteer phrases from --gazetteer-text: " << companies.size() - before << "\n";
  }
  std::cerr << "company phrases: " << companies.size() << "\n";

  std::vector<std::vector<tg::LabeledDocument>> monitor;
  for (const std::string& f : flags.monitor) {
    auto docs = LoadAll({f});
    if (!docs.ok()) return std::cerr << "train_ner: " << docs.status().ToString() << "\n", 1;
    monitor.push_back(std::move(docs.value()));
  }
  for (const auto& m : monitor) flags.train_options.monitor.push_back(&m);
  // Trains on `docs` (epochs chosen on the dev set) and, with --refit,
  // again on docs + dev for that many epochs.
  auto train_all = [&](const std::vector<tg::LabeledDocument>& docs) -> pactgraph::StatusOr<tg::TaggerModel> {
    tg::TrainReport report;
    auto model = tg::TrainTagger(docs, dev.value(), clusters, companies, flags.train_options, &std::cerr, &report);
    if (!model.ok() || !flags.refit || dev->empty()) return model;
    // Second run on train + dev for the epoch count the dev set chose; the
    // confidence calibration of the first run is kept.
    std::cerr << "refit on train + dev for " << report.best_epoch << " epochs (dev F1 " << report.best_dev_f1
              << ")\n";
    std::vector<tg::LabeledDocument> all = docs;
    for (const auto& d : dev.value()) all.push_back(d);
    tg::TrainOptions options = flags.train_options;
    options.max_epochs = report.best_epoch;
    float conf_a = model->conf_a, conf_b = model->conf_b;
    auto refit = tg::TrainTagger(all, {}, clusters, companies, options, &std::cerr);
    if (refit.ok()) refit->conf_a = conf_a, refit->conf_b = conf_b;
    return refit;
  };
  auto model = train_all(train.value());
  if (!model.ok()) return std::cerr << "train_ner: " << model.status().ToString() << "\n", 1;
  if (flags.self_train_weight > 0) {
    // Self-training: sentences of the unlabelled text that the model tags
    // with confident names become silver training data (a source domain of
    // their own), and the model is trained again from scratch.
    if (!load_text()) return 1;
    pactgraph::NerTagger tagger(std::make_shared<tg::TaggerModel>(model.value()));
    std::vector<tg::LabeledDocument> all = train.value();
    size_t kept = 0, seen = 0;
    for (size_t t = 0; t < texts.size(); ++t) {
      const auto& toks = sentences[t];
      size_t begin = 0;
      for (size_t i = 0; i < toks.size(); ++i) {
        const bool end = toks[i] == "." || toks[i] == "!" || toks[i] == "?" || i + 1 == toks.size();
        if (!end) continue;
        std::vector<std::string_view> s(toks.begin() + begin, toks.begin() + i + 1);
        begin = i + 1;
        if (s.size() < 5 || s.size() > 60) continue;
        ++seen;
        auto spans = tagger.TagSpans(s);
        if (spans.empty()) continue;
        bool sure = true;
        for (const auto& sp : spans) sure = sure && sp.confidence >= flags.self_train_confidence;
        if (!sure) continue;
        tg::LabeledDocument doc;
        doc.weight = flags.self_train_weight;
        doc.domain = flags.self_train_domain;
        tg::LabeledSentence ls;
        ls.words.assign(s.begin(), s.end());
        ls.labels.assign(s.size(), "O");
        for (const auto& sp : spans)
          for (size_t j = sp.begin; j < sp.end; ++j) ls.labels[j] = (j == sp.begin ? "B-" : "I-") + sp.type;
        doc.sentences.push_back(std::move(ls));
        all.push_back(std::move(doc));
        ++kept;
      }
    }
    std::cerr << "self-training: " << kept << " of " << seen << " unlabelled sentences kept\n";
    model = train_all(all);
    if (!model.ok()) return std::cerr << "train_ner: " << model.status().ToString() << "\n", 1;
  }
  if (flags.o_penalty != 0) {
    // Every token has exactly one incoming transition, so this is a per-token
    // cost of the label O: the decoder then prefers names when in doubt.
    for (auto& row : model->transition) row[0] -= flags.o_penalty;
  }
  if (!flags.eval.empty()) {
    pactgraph::NerTagger tagger(std::make_shared<tg::TaggerModel>(model.value()));
    for (const std::string& f : flags.eval) {
      auto docs = LoadAll({f});
      if (!docs.ok()) return std::cerr << "train_ner: " << docs.status().ToString() << "\n", 1;
      std::cerr << "eval " << f << ":\n" << tg::Evaluate(tagger, docs.value()).Report();
      if (flags.eval_dump.empty()) continue;
      std::ofstream dump(flags.eval_dump, std::ios::app);
      for (const tg::LabeledDocument& d : docs.value()) {
        std::vector<std::vector<std::string_view>> sentences;
        for (const auto& s : d.sentences) sentences.emplace_back(s.words.begin(), s.words.end());
        auto predicted = tagger.TagDocument(sentences);
        for (size_t i = 0; i < d.sentences.size(); ++i) {
          for (size_t j = 0; j < d.sentences[i].words.size(); ++j)
            dump << d.sentences[i].words[j] << ' ' << d.sentences[i].labels[j] << ' ' << predicted[i][j]
                 << '\n';
          dump << '\n';
        }
      }
    }
  }
  pactgraph::Status st = tg::SaveModel(model.value(), flags.out);
  if (!st.ok()) return std::cerr << "train_ner: " << st.ToString() << "\n", 1;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << "wrote " << flags.out << " (" << model->weights.size() << " features, "
            << fs::file_size(flags.out) << " bytes) in " << secs << " s\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Trains the pactgraph NER tagger (averaged perceptron) and writes a model file"};
  Flags flags;
  app.add_option("--lang", flags.lang, "language code stored in the model")
      ->check(CLI::IsMember({"en", "de"}));
  app.add_option("--train", flags.train, "labelled training file(s): CoNLL, CoNLL-U-like or GermEval TSV")
      ->required();
  app.add_option("--train-weight", flags.train_weights,
                 "one weight per --train file: scales its perceptron updates (e.g. 0.5 for silver data)");
  app.add_option(
      "--train-types", flags.train_types,
      "one entry per --train file: 'all' or the types to keep, e.g. PER,ORG,LOC (others become O)");
  app.add_option("--train-domain", flags.train_domains,
                 "one entry per --train file: 0 = target domain, d > 0 = source domain d (its features also "
                 "fire as copies for that domain only, which absorb its own conventions; the copies are not "
                 "saved)");
  app.add_option("--cluster-text", flags.cluster_text,
                 "labelled corpus file(s) whose words are added to the word-cluster text (labels unused)");
  app.add_option("--text-file", flags.text_files,
                 "plain-text file(s), one document per line, added to the unlabelled text of the word clusters "
                 "and corpus priors");
  app.add_option("--gazetteer-text", flags.gazetteer_text,
                 "labelled corpus file(s) whose entity spans are added to the gazetteer (not trained on)");
  app.add_flag("--gazetteer-variants", flags.train_options.gazetteer_variants,
               "add derived forms of names to the gazetteer: last names, genitive -s, -isch inflections");
  app.add_flag("--compounds-o", flags.compounds_o,
               "training data: a one-token MISC name that is a hyphenated compound ending in a capitalised "
               "word (\"SPD-Zeitschrift\") becomes O, GermEval's convention");
  app.add_option("--self-train", flags.self_train_weight,
                 "weight of self-training data (0 = off): confidently tagged sentences of the unlabelled text, "
                 "then training again");
  app.add_option("--self-train-confidence", flags.self_train_confidence,
                 "least span confidence of a self-training sentence");
  app.add_option("--self-train-domain", flags.self_train_domain, "training domain of the self-training data");
  app.add_flag("--extra-features", flags.extra_features,
               "the German feature block: 5- and 6-byte suffixes, hyphen compound parts, corpus priors "
               "(stored in the model's cluster section, doc/ner.md)");
  app.add_option("--dev", flags.dev,
                 "labelled development file(s): picks the best epoch, calibrates confidence");
  app.add_option("--monitor", flags.monitor, "labelled file(s) scored after every epoch, for the log only");
  app.add_option("--eval", flags.eval, "labelled file(s) to score the final model on (report only)");
  app.add_option("--eval-dump", flags.eval_dump,
                 "append 'word gold predicted' lines for the --eval files here");
  app.add_option("--out", flags.out, "model file to write")->required();
  app.add_option("--shared", flags.shared, "the shared data folder (unlabelled corpora, company lists)");
  app.add_option("--clusters-cache", flags.clusters_cache,
                 "file to reuse learned clusters from (written when absent); speeds up repeated training");
  app.add_flag("--refit", flags.refit, "after choosing the epoch count on --dev, retrain on train + dev");
  app.add_flag("!--no-clusters", flags.clusters, "skip word clusters");
  app.add_flag("!--no-companies", flags.companies, "skip the company-name gazetteer");
  app.add_option("--fine-classes", flags.fine, "word clusters");
  app.add_option("--coarse-classes", flags.coarse, "clusters of clusters");
  app.add_option("--cluster-iterations", flags.cluster_iters, "exchange passes");
  app.add_option("--epochs", flags.train_options.max_epochs, "maximum training passes");
  app.add_option("--patience", flags.train_options.patience, "passes without dev gain before stopping");
  app.add_option("--prune", flags.train_options.prune_below,
                 "drop features whose averaged weights are all smaller");
  app.add_option(
      "--o-penalty", flags.o_penalty,
      "subtract this from every transition into O after training (raises recall, lowers precision)");
  app.add_option("--description", flags.train_options.description, "free text stored in the model header");
  CLI11_PARSE(app, argc, argv);
  flags.train_options.lang = flags.lang;
  return Run(flags);
}
