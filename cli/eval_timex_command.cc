// pactgraph eval-timex: the time tagger against TempEval-3 (TIMEX3) and
// WikiWarsDE (TIMEX2) gold files; prints the TempEval-3 figures.
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "commands.h"
#include "time/timex.h"
#include "time/timex_eval.h"

namespace pactgraph::cli {
namespace {

namespace fs = std::filesystem;

struct EvalTimexFlags {
  std::vector<std::string> sets = {"platinum", "train", "wikiwarsde"};
  std::string platinum = "data/tempeval3/Evaluation/te3-platinum";
  std::string train = "data/tempeval3/Training/TBAQ-cleaned";
  std::string wikiwarsde = "data/wikiwarsde/WikiWarsDE_20110412/keyinline";
  std::string shared;
  std::string errors;
};

// A dataset path as given, or under the shared folder: --shared, then
// $PACTGRAPH_SHARED, ../shared (from the repo) and ../../shared (from a
// build folder).
std::string Resolve(const std::string& path, const std::string& shared) {
  if (fs::exists(path)) return path;
  std::vector<std::string> roots;
  if (!shared.empty()) roots.push_back(shared);
  if (const char* env = std::getenv("PACTGRAPH_SHARED")) roots.push_back(env);
  roots.push_back("../shared");
  roots.push_back("../../shared");
  for (const std::string& root : roots) {
    fs::path p = fs::path(root) / path;
    if (fs::exists(p)) return p.string();
  }
  return path;
}

std::vector<fs::path> GoldFiles(const std::string& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file()) continue;
    if (name.size() > 4 && (name.substr(name.size() - 4) == ".tml" || name.substr(name.size() - 4) == ".xml"))
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

struct SetResult {
  timex::TimexScores scores;
  bool typed = false;  // some gold expression has a type (TIMEX3; TIMEX2 has none)
  size_t docs = 0, bytes = 0, failed = 0;
  double seconds = 0;
};

SetResult RunSet(const std::string& dir, const std::string& lang, bool narrative, std::ostream* errors) {
  SetResult r;
  for (const fs::path& file : GoldFiles(dir)) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    StatusOr<timex::GoldDoc> doc = timex::ParseTimeMl(buf.str(), file.filename().string());
    if (!doc.ok()) {
      std::cerr << "pactgraph eval-timex: " << doc.status().ToString() << " (skipped)\n";
      ++r.failed;
      continue;
    }
    TimexOptions options;
    options.anchor = doc->anchor;
    options.narrative = narrative;
    // CPU time, not wall time: the figure should not depend on other load.
    const std::clock_t t0 = std::clock();
    std::vector<Timex> found = FindTimexes(doc->text, lang, options);
    r.seconds += static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC;
    r.bytes += doc->text.size();
    for (const timex::GoldTimex& g : doc->timexes) r.typed = r.typed || !g.type.empty();
    ++r.docs;
    r.scores.Add(timex::Score(*doc, found, errors));
  }
  return r;
}

std::string Pad(const std::string& s) { return std::string(s.size() < 6 ? 6 - s.size() : 0, ' ') + s; }

void Print(const std::string& title, const std::string& dir, const SetResult& r) {
  const timex::TimexScores& s = r.scores;
  auto pct = [](double v) { std::ostringstream o; o << std::fixed << std::setprecision(2) << 100 * v; return o.str(); };
  auto p = [&](long hits) { return pct(s.system ? static_cast<double>(hits) / s.system : 0); };
  auto rc = [&](long hits) { return pct(s.gold ? static_cast<double>(hits) / s.gold : 0); };
  std::cout << "## " << title << " (" << dir << ")\n"
            << r.docs << " documents, " << s.gold << " gold, " << s.system << " system expressions"
            << (r.failed ? ", " + std::to_string(r.failed) + " unreadable files" : std::string()) << "\n"
            << "                P       R       F1\n"
            << "strict      " << std::setw(6) << p(s.strict) << "  " << std::setw(6) << rc(s.strict) << "  " << std::setw(6) << pct(s.StrictF1()) << "\n"
            << "relaxed     " << std::setw(6) << p(s.relaxed) << "  " << std::setw(6) << rc(s.relaxed) << "  " << std::setw(6) << pct(s.RelaxedF1()) << "\n"
            << "value       " << std::setw(6) << p(s.value_ok) << "  " << std::setw(6) << rc(s.value_ok) << "  " << std::setw(6) << pct(s.ValueF1()) << "\n"
            << (r.typed ? "type        " + Pad(p(s.type_ok)) + "  " + Pad(rc(s.type_ok)) + "  " + Pad(pct(s.TypeF1()))
                        : std::string("type           n/a (the gold files carry no type)"))
            << "\n"
            << "value accuracy on relaxed matches: " << pct(s.ValueAccuracy()) << "\n";
  if (r.seconds > 0)
    std::cout << "speed (CPU time): " << std::fixed << std::setprecision(1) << r.bytes / r.seconds / 1e6 << " MB/s (" << r.bytes
              << " bytes of text)\n";
  std::cout << "\n";
}

int RunEvalTimex(const EvalTimexFlags& flags) {
  std::unique_ptr<std::ofstream> errors;
  if (!flags.errors.empty()) {
    errors = std::make_unique<std::ofstream>(flags.errors);
    if (!*errors) {
      std::cerr << "pactgraph eval-timex: cannot write " << flags.errors << "\n";
      return 2;
    }
  }
  int status = 0;
  for (const std::string& set : flags.sets) {
    std::string dir, lang = "en", title;
    bool narrative = false;
    if (set == "platinum") { dir = flags.platinum; title = "TempEval-3 platinum (test)"; }
    else if (set == "train") { dir = flags.train; title = "TempEval-3 TBAQ training (TimeBank + AQUAINT, development)"; }
    else if (set == "wikiwarsde") { dir = flags.wikiwarsde; title = "WikiWarsDE (German, TIMEX2, narrative mode)"; lang = "de"; narrative = true; }
    else {
      std::cerr << "pactgraph eval-timex: unknown set '" << set << "' (platinum, train, wikiwarsde)\n";
      return 2;
    }
    dir = Resolve(dir, flags.shared);
    if (!fs::is_directory(dir)) {
      std::cerr << "pactgraph eval-timex: " << set << ": no folder " << dir << " (give --" << set << " or --shared)\n";
      status = 1;
      continue;
    }
    if (errors) *errors << "# " << set << "\n";
    Print(title, dir, RunSet(dir, lang, narrative, errors.get()));
  }
  return status;
}

}  // namespace

void AddEvalTimexCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<EvalTimexFlags>();
  CLI::App* cmd = app.add_subcommand("eval-timex", "score the time tagger on TempEval-3 and WikiWarsDE");
  cmd->add_option("--sets", flags->sets, "which sets to run: platinum, train, wikiwarsde (default: all)")->delimiter(',');
  cmd->add_option("--platinum", flags->platinum, "TempEval-3 platinum folder (*.tml)");
  cmd->add_option("--train", flags->train, "TempEval-3 training folder (TimeBank + AQUAINT *.tml)");
  cmd->add_option("--wikiwarsde", flags->wikiwarsde, "WikiWarsDE keyinline folder (*.key.xml)");
  cmd->add_option("--shared", flags->shared, "folder the default dataset paths are under (default ../shared)");
  cmd->add_option("--errors", flags->errors, "write every miss, spurious and wrong value to this file");
  cmd->callback([flags, exit_code] { *exit_code = RunEvalTimex(*flags); });
}

}  // namespace pactgraph::cli
