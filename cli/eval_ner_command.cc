// pactgraph eval-ner: tags a labelled CoNLL-style file with the statistical
// NER tagger and prints conlleval-style precision / recall / F1 (exact span
// match, per type and overall).
#include <chrono>
#include <fstream>
#include <iostream>

#include "commands.h"
#include "ner/tagger.h"
#include "ner/tagger_corpus.h"
#include "ner/tagger_train.h"

namespace pactgraph::cli {
namespace {

struct EvalNerFlags {
  std::string file, lang = "en", format = "auto", model, data_dir, dump;
  bool sentence_level = false;
};

int RunEvalNer(const EvalNerFlags& flags) {
  auto format = tagger::ParseCorpusFormat(flags.format);
  if (!format.ok()) return std::cerr << "pactgraph eval-ner: " << format.status().ToString() << "\n", 2;
  auto docs = tagger::ReadCorpus(flags.file, format.value());
  if (!docs.ok()) return std::cerr << "pactgraph eval-ner: " << docs.status().ToString() << "\n", 1;
  std::string model_path = flags.model.empty() ? NerModelPath(flags.data_dir, flags.lang) : flags.model;
  auto start = std::chrono::steady_clock::now();
  auto tagger = NerTagger::Load(model_path);
  if (!tagger.ok()) return std::cerr << "pactgraph eval-ner: " << tagger.status().ToString() << "\n", 1;
  double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  start = std::chrono::steady_clock::now();
  tagger::SpanScorer scorer;
  std::ofstream dump;
  if (!flags.dump.empty()) {
    dump.open(flags.dump, std::ios::binary);
    if (!dump) return std::cerr << "pactgraph eval-ner: cannot write " << flags.dump << "\n", 1;
  }
  // One "word gold predicted" line per token, a blank line after each sentence.
  auto write_dump = [&](const tagger::LabeledSentence& s, const std::vector<std::string>& predicted) {
    if (!dump.is_open()) return;
    for (size_t i = 0; i < s.words.size(); ++i)
      dump << s.words[i] << ' ' << s.labels[i] << ' ' << (i < predicted.size() ? predicted[i] : "O") << '\n';
    dump << '\n';
  };
  if (flags.sentence_level) {
    for (const auto& doc : docs.value())
      for (const auto& s : doc.sentences) {
        auto predicted = (*tagger)->Tag(std::vector<std::string_view>(s.words.begin(), s.words.end()));
        scorer.Add(s.labels, predicted);
        write_dump(s, predicted);
      }
  } else if (dump.is_open()) {
    for (const auto& doc : docs.value()) {
      std::vector<std::vector<std::string_view>> sentences;
      for (const auto& s : doc.sentences) sentences.emplace_back(s.words.begin(), s.words.end());
      auto predicted = (*tagger)->TagDocument(sentences);
      for (size_t i = 0; i < doc.sentences.size(); ++i) {
        scorer.Add(doc.sentences[i].labels, predicted[i]);
        write_dump(doc.sentences[i], predicted[i]);
      }
    }
  } else {
    scorer = tagger::Evaluate(**tagger, docs.value());
  }
  double tag_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "model: " << model_path << " (loaded in " << load_s << " s)\n";
  std::cout << "file: " << flags.file << " (" << docs->size() << " documents, "
            << (flags.sentence_level ? "sentence by sentence" : "document-level features") << ")\n";
  std::cout << scorer.Report();
  // A whole number: the stream's default six significant digits turn a
  // rate above a million into "1.27809e+06".
  std::cout << "tagging: " << static_cast<long long>(scorer.tokens() / (tag_s > 0 ? tag_s : 1e-9))
            << " tokens/s\n";
  return 0;
}

}  // namespace

void AddEvalNerCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<EvalNerFlags>();
  CLI::App* cmd =
      app.add_subcommand("eval-ner", "Score the NER tagger on a labelled CoNLL/CoNLL-U/GermEval file");
  cmd->add_option("file", flags->file, "labelled file (IOB1 or IOB2 tags)")->required();
  cmd->add_option("--lang", flags->lang, "language of the model to load: en or de")
      ->check(CLI::IsMember({"en", "de"}));
  cmd->add_option("--format", flags->format,
                  "conll (space columns, tag last), conllu (idx tok tag), germeval, or auto");
  cmd->add_option("--model", flags->model, "model file (default: <data>/ner/<lang>.model)");
  cmd->add_option("--data", flags->data_dir, "data folder (default: $PACTGRAPH_DATA or the built-in one)");
  cmd->add_flag("--sentence-level", flags->sentence_level,
                "tag sentences one by one (no document-level features)");
  cmd->add_option("--dump", flags->dump,
                  "write 'word gold predicted' per token (gold as mapped, IOB2), a blank line between "
                  "sentences, for error analysis");
  cmd->callback([flags, exit_code] { *exit_code = RunEvalNer(*flags); });
}

}  // namespace pactgraph::cli
