// pactgraph ingest: articles (or `pactgraph extract` output) into the graph.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "input/reader.h"
#include "pactgraph/extractor.h"
#include "pactgraph/graph.h"
#include "util/hash.h"

namespace pactgraph::cli {
namespace {

namespace fs = std::filesystem;

struct IngestFlags {
  std::string db = "pactgraph.db";
  std::vector<std::string> paths;
  bool facts = false;
  bool verbose = false;
  std::string data_dir;
};

// Counts and the progress line (only when stderr is a terminal).
class Progress {
 public:
  Progress() : tty_(isatty(fileno(stderr))), start_(Clock::now()), last_(start_) {}
  size_t added = 0, unchanged = 0, failed = 0;

  void Tick() {
    if (!tty_) return;
    auto now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    Print('\r');
  }
  void Finish() {
    if (tty_) std::cerr << "\r\033[K";
    Print('\n');
  }

 private:
  using Clock = std::chrono::steady_clock;
  void Print(char end) const {
    double secs = std::chrono::duration<double>(Clock::now() - start_).count();
    size_t n = added + unchanged + failed;
    std::fprintf(stderr, "pactgraph ingest: %zu articles (%zu added, %zu already stored, %zu failed) in %.1f s, %.0f/s%c",
                 n, added, unchanged, failed, secs, secs > 0 ? n / secs : 0.0, end);
  }
  bool tty_;
  Clock::time_point start_, last_;
};

class Ingester {
 public:
  Ingester(const IngestFlags& flags, GraphStore* store) : flags_(flags), store_(store) {}

  void Path(const std::string& path) {
    if (path == "-") return Stdin();
    std::error_code ec;
    if (fs::is_directory(path, ec)) return Folder(path);
    if (flags_.facts || LooksLikeFacts(path)) return FactsFile(path);
    Articles({path});
  }

  Progress& progress() { return progress_; }

 private:
  // A JSONL file whose first line has a "doc" object is `extract` output.
  static bool LooksLikeFacts(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    if (ext != ".jsonl" && ext != ".ndjson" && ext != ".json") return false;
    std::ifstream in(path, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      return IsFactsLine(line);
    }
    return false;
  }
  static bool IsFactsLine(const std::string& line) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    return j.is_object() && j.contains("doc") && j["doc"].is_object();
  }

  void Folder(const std::string& folder) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file()) files.push_back(it->path());
    }
    if (ec) Fail(Status::IOError("cannot list folder: " + ec.message()).WithContext(folder));
    std::sort(files.begin(), files.end());
    std::vector<std::string> articles;
    for (const fs::path& f : files) {
      if (LooksLikeFacts(f.string())) {
        FactsFile(f.string());
      } else {
        articles.push_back(f.string());
      }
    }
    // The reader skips files of unknown kinds inside folders; give it the
    // folder's article files one by one in the same spirit.
    std::vector<std::string> known;
    for (const std::string& a : articles) {
      std::string ext = fs::path(a).extension().string();
      for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (ext == ".txt" || ext == ".text" || ext == ".html" || ext == ".htm" || ext == ".xhtml" || ext == ".jsonl" ||
          ext == ".ndjson") {
        known.push_back(a);
      }
    }
    Articles(known);
  }

  void Stdin() {
    std::string bytes((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    std::istringstream in(bytes);
    std::string first;
    while (std::getline(in, first) && first.find_first_not_of(" \t\r") == std::string::npos) {
    }
    if (flags_.facts || IsFactsLine(first)) {
      std::istringstream all(bytes);
      return FactsStream(all, "-");
    }
    std::istringstream replay(bytes);
    std::streambuf* old = std::cin.rdbuf(replay.rdbuf());  // the reader reads std::cin
    Articles({"-"});
    std::cin.rdbuf(old);
  }

  void FactsFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Fail(Status::IOError("cannot open for reading").WithContext(path));
    FactsStream(in, path);
  }

  void FactsStream(std::istream& in, const std::string& name) {
    std::string line;
    size_t n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      std::string where = name + ":" + std::to_string(n);
      StatusOr<Extraction> x = FromJsonLine(line);
      if (!x.ok()) {
        Fail(x.status().WithContext(where));
        continue;
      }
      if (x->doc.source.empty()) x->doc.source = where;
      // Facts without a doc id are known by their line's bytes.
      Store(*x, IngestInfo{x->doc.id.empty() ? ContentId(line) : std::string()}, where);
    }
  }

  void Articles(const std::vector<std::string>& paths) {
    if (paths.empty()) return;
    if (!extractor_) {
      ExtractorOptions opts;
      opts.data_dir = flags_.data_dir;
      auto ex = Extractor::Create(opts);
      if (!ex.ok()) {
        for (const std::string& p : paths) Fail(ex.status().WithContext(p));
        return;
      }
      extractor_ = std::move(ex).value();
    }
    ReaderOptions ropts;
    ForEachArticle(
        paths, ropts,
        [&](Article&& a) {
          StatusOr<Extraction> x = extractor_->Extract(a);
          if (!x.ok()) return Fail(x.status().WithContext(a.source));
          Store(*x, IngestInfo{ContentId(a.bytes)}, a.source);
        },
        [&](const Status& st) { Fail(st); });
  }

  void Store(const Extraction& x, const IngestInfo& info, const std::string& where) {
    StatusOr<IngestResult> r = store_->Ingest(x, info);
    if (!r.ok()) return Fail(r.status().WithContext(where));
    (r->added ? progress_.added : progress_.unchanged) += 1;
    if (flags_.verbose) {
      std::cout << (r->added ? "added\t" : "unchanged\t") << x.doc.id << '\t' << where << '\n' << std::flush;
    }
    progress_.Tick();
  }

  void Fail(const Status& st) {
    ++progress_.failed;
    std::cerr << (isatty(fileno(stderr)) ? "\r\033[K" : "") << "pactgraph ingest: " << st.message() << "\n";
  }

  const IngestFlags& flags_;
  GraphStore* store_;
  std::unique_ptr<Extractor> extractor_;
  Progress progress_;
};

int RunIngest(const IngestFlags& flags) {
  auto store = GraphStore::Open(flags.db, GraphOptions{});
  if (!store.ok()) {
    std::cerr << "pactgraph ingest: " << store.status().message() << "\n";
    return 2;
  }
  Ingester ingester(flags, store->get());
  std::vector<std::string> paths = flags.paths.empty() ? std::vector<std::string>{"-"} : flags.paths;
  for (const std::string& p : paths) ingester.Path(p);
  ingester.progress().Finish();
  auto counts = (*store)->Counts();
  if (counts.ok()) {
    std::fprintf(stderr, "pactgraph ingest: %s now holds %lld documents, %lld entities, %lld events, %lld roles\n",
                 flags.db.c_str(), static_cast<long long>(counts->documents), static_cast<long long>(counts->entities),
                 static_cast<long long>(counts->events), static_cast<long long>(counts->roles));
  }
  return ingester.progress().failed ? 1 : 0;
}

}  // namespace

void AddIngestCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<IngestFlags>();
  CLI::App* cmd = app.add_subcommand(
      "ingest", "articles (or the JSON lines of `pactgraph extract`) into the graph store; one article per transaction");
  cmd->add_option("paths", flags->paths, "files, folders (recursive) or - for stdin (default -)");
  cmd->add_option("--db", flags->db, "SQLite graph store (default pactgraph.db)");
  cmd->add_flag("--facts", flags->facts, "inputs are `pactgraph extract` output (detected automatically for .jsonl files)");
  cmd->add_flag("-v,--verbose", flags->verbose, "print 'added|unchanged<TAB>doc id<TAB>source' per article once committed");
  cmd->add_option("--data", flags->data_dir, "data folder for the extractor (default: $PACTGRAPH_DATA or built-in)");
  cmd->callback([flags, exit_code] { *exit_code = RunIngest(*flags); });
}

}  // namespace pactgraph::cli
